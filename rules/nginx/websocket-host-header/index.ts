/**
 * nginx/websocket-host-header: a WebSocket route to an application whose server refuses a
 * handshake whose Origin does not name the Host it receives (core/websocket/apps `originCheck`:
 * Gotify, code-server, Jupyter, Mattermost), while nginx sends its default `Host: $proxy_host`,
 * the backend's own address. The browser's `Origin: https://app.example.com` then arrives beside
 * `Host: 127.0.0.1:8080` and the handshake is answered 403 (observed with Tornado's default
 * check_origin, test/e2e/rules/nginx/websocket-host-header.test.ts). So does `Host
 * $host:$server_port` on a server listening only on 80 and 443: Origin never carries a default port.
 */
import { findingSignal } from '../../../src/core/websocket/intent';
import { defineRule } from '../../../src/core/rule';
import type { WebSocketApp } from '../../../src/core/websocket/apps';

type OriginCheck = NonNullable<WebSocketApp['originCheck']>;
import type { Directive } from '../../../src/core/ast';
import { argAt, headRange, listenAddress, proxyTarget, routeLabel, type LocationInfo, type NginxAnalysis } from '../../../src/dialects/nginx/analysis';
import { setHeaderEdits } from '../../../src/dialects/nginx/fixes';

/** The host names of the location's server block (the analysis' servedNames). */
// Stryker disable next-line ArrayDeclaration: a location outside any server (a fragment) has none; a made-up name is no backend's host and names no app
const servedNames = (a: NginxAnalysis, loc: LocationInfo): string[] => (loc.server ? a.servedNames(loc.server) : []);

/** Only a backend named by `names` (code-server, not the other VS Code servers of its row). */
function namedFor(a: NginxAnalysis, loc: LocationInfo, host: string, check: OriginCheck): boolean {
  const only = check.names;
  if (!only) return true;
  const up = a.upstreamNamed(host);
  const servers = up ? a.table.in(up.directive, 'server') : [];
  // Stryker disable next-line StringLiteral: a `server` without an address (nginx -t refuses it) identifies no app by any name
  const addresses = servers.map((c) => argAt(c, 0) ?? '');
  const labels = servedNames(a, loc).map((h) => h.split('.')[0]);
  return [host, ...addresses, ...labels].some((n) => only.test(n));
}

/**
 * The ports a server block listens on when every one is 80 or 443 (what `$server_port` then
 * is); undefined when any listener is on another port or a unix socket, or there is none
 * (nginx's default listen depends on the user it runs as).
 */
function defaultListenPorts(a: NginxAnalysis, server: Directive): number[] | undefined {
  const ports = new Set<number>();
  for (const l of a.listeners(server)) {
    const port = Number(/:(\d+)$/.exec(listenAddress(l.directive))?.[1]);
    if (port !== 80 && port !== 443) return undefined;
    ports.add(port);
  }
  return ports.size ? [...ports].sort((x, y) => x - y) : undefined;
}

export default defineRule<NginxAnalysis>({
  id: 'nginx/websocket-host-header',
  dialect: 'nginx',
  severity: 'warning',
  fixable: 'safe',
  docs: {
    summary: "A WebSocket route to an app that checks Origin against Host sends nginx's default Host (the backend's address): 403.",
    evidence: [
      'observed: Tornado 6.2 check_origin behind nginx 1.22: default Host 403, proxy_set_header Host $http_host 101',
      'reported: gotify.net/docs/nginx, coder/code-server#6023, mattermost/docs#3970, jupyter-server/jupyter_server#46, coder/code-server#6161 (Host $host:$server_port on 443)',
    ],
  },
  check(ctx) {
    const a = ctx.analysis;
    for (const loc of a.locations) {
      // Stryker disable next-line ConditionalExpression: a shortcut, a location that proxies nowhere has no WebSocket intent either
      if (!loc.proxyPass) continue;
      const intent = a.websocketIntent(loc);
      // A catch-all whose handshakes another location takes is judged there.
      if (!intent || a.handshakesGoTo(loc)) continue;
      const app = a.appOf(loc);
      const check = app?.originCheck;
      if (!check) continue;
      const headers = a.headersAt(loc.directive);
      // An Origin the config sets itself (`proxy_set_header Origin ""`, or to match the Host
      // sent) is its own answer to the check: not judged.
      if (headers.get('Origin')) continue;
      // code-server takes the host from Forwarded or X-Forwarded-Host first.
      const forwarded = headers.get('Forwarded');
      if (check.hostFrom?.includes('X-Forwarded-Host') && headers.get('X-Forwarded-Host')?.value) continue;
      if (check.hostFrom?.includes('Forwarded') && forwarded && /host=/i.test(forwarded.value)) continue;
      const host = headers.get('Host');
      if (host && host.value !== '$proxy_host') {
        // `$host:$server_port` on a server that listens only on 80 and 443: browsers leave a
        // default port out of Origin, so "Host: name:443" never matches it (code-server#6161:
        // host "ide.wsc.ink:443" does not match origin "ide.wsc.ink"). On another port the
        // Origin carries it when clients reach that port directly, which the config does not say.
        const ports = /^\$\{?(?:host|http_host|server_name)\}?:\$\{?server_port\}?$/i.test(host.value) && loc.server ? defaultListenPorts(a, loc.server) : undefined;
        // Any other value is the config's own choice ($host, $http_host, a name).
        if (!ports) continue;
        const sent = `${host.value.split(':')[0]}:${ports.join(' or :')}`;
        ctx.report({
          file: loc.directive.file,
          range: headRange(loc.directive),
          message: `${routeLabel(loc.directive, intent)} sends "Host: ${sent}": ${check.stack} refuses browser handshakes (403)`,
          signal: findingSignal(intent),
          fix: { edits: setHeaderEdits(a, loc.directive, 'Host', '$http_host') },
        });
        continue;
      }
      // Stryker disable next-line StringLiteral: a proxy_pass without a target (nginx -t refuses it) parses as no target either way
      const target = proxyTarget(argAt(loc.proxyPass, 0) ?? '');
      // A variable in the target: the Host nginx sends is chosen per request.
      if (!target?.backend || !target.host) continue;
      if (!namedFor(a, loc, target.host, check)) continue;
      // $proxy_host: the host and the port as written, a default port left out.
      const sent = target.port && target.port !== (target.backend.startsWith('https:') ? 443 : 80) ? `${target.host}:${target.port}` : target.host;
      // The backend addressed by the name the browser uses, on a default port: the Host nginx
      // sends is what the Origin names. With a port (`push.example.com:8080`) it is not.
      if (servedNames(a, loc).includes(sent.toLowerCase())) continue;
      ctx.report({
        file: loc.directive.file,
        range: headRange(loc.directive),
        message: `${routeLabel(loc.directive, intent)} sends "Host: ${sent}": ${check.stack} refuses browser handshakes (403)`,
        signal: findingSignal(intent),
        // $http_host is what the browser sent, port included, as its Origin carries it; $host
        // drops a non-default port and fails the same check on a server listening on one.
        fix: { edits: setHeaderEdits(a, loc.directive, 'Host', '$http_host') },
      });
    }
  },
});
