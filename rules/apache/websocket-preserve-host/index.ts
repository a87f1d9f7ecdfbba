/**
 * apache/websocket-preserve-host: a WebSocket route to an application whose server refuses a
 * handshake whose Origin does not name the Host it receives (core/websocket/apps `originCheck`:
 * Gotify, code-server, Jupyter, Mattermost), in a server without `ProxyPreserveHost On`. httpd
 * then sends the backend URL's host as Host (`127.0.0.1:8080`), the browser's Origin names the
 * public one, and the handshake is answered 403 (observed with Tornado's default check_origin,
 * test/e2e/rules/apache/websocket-preserve-host.test.ts).
 */
import { findingSignal, type WebSocketIntent } from '../../../src/core/websocket/intent';
import type { Directive } from '../../../src/core/ast';
import { argRange } from '../../../src/core/ast';
import { insertLinesBefore } from '../../../src/core/fixes';
import { defineRule, type Edit } from '../../../src/core/rule';
import { appForName, appForPort, type WebSocketApp } from '../../../src/core/websocket/apps';
import type { ApacheAnalysis, ProxyRoute, RewriteRuleInfo, ServerScope } from '../../../src/dialects/apache/analysis';
import { isWsScheme, parseTargetUrl, tunnelsUpgrades } from '../../../src/dialects/apache/proxy';

type Route = ProxyRoute | RewriteRuleInfo;

function carriesUpgrades(r: Route): boolean {
  if (!r.websocket) return false;
  // (`ProxyPass /x !` has no scheme and no upgrade=: it tunnels nothing.)
  if ('kind' in r) return tunnelsUpgrades(r);
  return r.proxy && isWsScheme(r.scheme);
}

/** `ProxyPass /stream` or `RewriteRule ^/ws [P]`, for messages. */
function routeName(r: Route): string {
  return 'kind' in r ? `${r.directive.name} ${r.path ?? '(location)'}` : `${r.directive.name} ${r.pattern} [P]`;
}

/** The line the fix goes before: the route's own line, or the section holding it, at the server's level. */
function serverLevelLine(d: Directive, server: ServerScope): Directive {
  let at = d;
  while (at.parent && at.parent !== server.vhost) at = at.parent;
  return at;
}

function fixFor(a: ApacheAnalysis, r: Route): Edit[] | undefined {
  // ProxyPreserveHost is mod_proxy's: without it httpd refuses to start.
  if (a.hasModule('proxy') === false) return undefined;
  const own = r.server.preserveHost.directive;
  if (own && a.serverOf(own) === r.server) return [{ file: own.file, range: argRange(own, 0), text: 'On' }];
  // Above a RewriteRule's conditions, so the chain stays together.
  const first = 'conds' in r && r.conds.length && r.conds[0].directive.file === r.directive.file ? r.conds[0].directive : r.directive;
  return [insertLinesBefore(serverLevelLine(first, r.server), ['ProxyPreserveHost On'])];
}

export default defineRule<ApacheAnalysis>({
  id: 'apache/websocket-preserve-host',
  dialect: 'apache',
  severity: 'warning',
  fixable: 'safe',
  docs: {
    summary: 'A WebSocket route to an app that checks Origin against Host, without ProxyPreserveHost On: httpd sends the backend\'s host, 403.',
    evidence: [
      'observed: Tornado 6.2 check_origin behind Apache 2.4: without ProxyPreserveHost 403, with it 101',
      'reported: gotify.net/docs/apache, coder/code-server#6023, mattermost/docs#3970, jupyter-server/jupyter_server#46',
    ],
  },
  check(ctx) {
    const a = ctx.analysis;
    // One finding per server: one ProxyPreserveHost On serves all its routes.
    const reported = new Set<ServerScope>();
    // A server that rewrites Origin itself (`RequestHeader edit Origin … 127.0.0.1:8888`, the
    // JupyterHub workaround) matches it to the backend's Host on purpose: not judged.
    const rewritesOrigin = new Set<ServerScope>();
    // (The header is the argument after the action: `RequestHeader set X-Y Origin` sets X-Y.)
    // Stryker disable next-line StringLiteral: a RequestHeader with one argument stops httpd from starting
    for (const d of a.activeDirectives) if (d.key === 'requestheader' && /^origin$/i.test(d.args[1] ?? '')) rewritesOrigin.add(a.serverOf(d));
    const mainRewrites = [...rewritesOrigin].some((s) => s.vhost === null);
    // mod_proxy_http sends the client's Host as X-Forwarded-Host unless `ProxyAddHeaders Off`
    // (https://httpd.apache.org/docs/2.4/mod/mod_proxy.html#proxyaddheaders, default On).
    const noForwardedHeaders = new Set<ServerScope>();
    // Stryker disable next-line Regex,StringLiteral: httpd takes only On or Off here (anything else, or nothing, stops it from starting)
    for (const d of a.activeDirectives) if (d.key === 'proxyaddheaders' && /^off$/i.test(d.args[0] ?? '')) noForwardedHeaders.add(a.serverOf(d));
    const mainNoForwarded = [...noForwardedHeaders].some((s) => s.vhost === null);
    for (const r of [...a.proxyRoutes, ...a.rewriteRules]) {
      if (!carriesUpgrades(r) || reported.has(r.server)) continue;
      const s = r.server;
      // Set in a <Location>/<Proxy> section: which routes it covers is left undecided.
      if (s.preserveHost.value || s.preserveHostInSections.length || mainRewrites || rewritesOrigin.has(s)) continue;
      const target = a.expand(r.target);
      const url = parseTargetUrl(target);
      if (!url || url.scheme === 'balancer') continue;
      const app = appOf(r.websocket!, url.host, url.port, s);
      if (!app?.originCheck) continue;
      // An application that takes the host from X-Forwarded-Host (code-server) gets the client's.
      if (app.originCheck.hostFrom?.includes('X-Forwarded-Host') && !mainNoForwarded && !noForwardedHeaders.has(s)) continue;
      if (app.originCheck.names && ![url.host, ...s.served.map((h) => h.host.split('.')[0])].some((n) => app.originCheck!.names!.test(n))) continue;
      // The authority as written after the Define'd variables are expanded (`${GOTIFY}/stream`).
      const sent = target.slice(url.scheme.length + 3).split(/[/?#]/)[0];
      // The backend addressed by the name the browser uses, on a default port: the Host httpd
      // sends is what the Origin names. With a port (`push.example.com:8080`) it is not.
      const defaultPort = url.scheme === 'https' || url.scheme === 'wss' ? ':443' : ':80';
      const hostSent = (sent.endsWith(defaultPort) ? sent.slice(0, -defaultPort.length) : sent).toLowerCase();
      if (s.served.some((h) => h.host.toLowerCase() === hostSent)) continue;
      reported.add(s);
      const fix = fixFor(a, r);
      ctx.report({
        node: r.directive,
        message: `${routeName(r)} sends "Host: ${sent}": ${app.originCheck.stack} refuses browser handshakes (403)`,
        signal: findingSignal(r.websocket),
        ...(fix ? { fix: { edits: fix } } : {}),
      });
    }
  },
});

/** The application by the route's intent, its backend's name or port, else a ServerName's leftmost label (`jupyter.example.com`). */
function appOf(intent: WebSocketIntent, host: string, port: number | null | undefined, s: ServerScope): WebSocketApp | undefined {
  const byRoute = intent.app ?? appForName(host) ?? (typeof port === 'number' ? appForPort(port) : undefined);
  if (byRoute) return byRoute;
  for (const h of s.served) {
    const app = h.host.includes('*') ? undefined : appForName(h.host.split('.')[0]);
    if (app) return app;
  }
  return undefined;
}
