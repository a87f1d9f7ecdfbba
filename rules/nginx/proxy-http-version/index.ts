/**
 * nginx/proxy-http-version: a WebSocket route that talks HTTP/1.0 (or HTTP/2) to its backend.
 * An upgrade needs HTTP/1.1: before nginx 1.29.7 the default is 1.0, which some backends still
 * upgrade (Node, aiohttp, uvicorn) and others refuse (Cowboy 2, Mattermost >= 5.33): an
 * error where the route's application refuses it, info otherwise. `proxy_http_version 2`
 * (nginx >= 1.29.4) has no WebSocket at all: always an error.
 */
import { fitMessage } from '../../../src/core/message';
import { shortAppName } from '../../../src/core/websocket/apps';
import { findingSignal } from '../../../src/core/websocket/intent';
import { sinceRange, SINCE, versionAtLeast } from '../../../src/core/versions';
import { defineRule, type Severity } from '../../../src/core/rule';
import { argAt, headRange, levelName, routeLabel, whereIs, type NginxAnalysis } from '../../../src/dialects/nginx/analysis';
import { setDirectiveEdits } from '../../../src/dialects/nginx/fixes';


export default defineRule<NginxAnalysis>({
  id: 'nginx/proxy-http-version',
  dialect: 'nginx',
  severity: 'error',
  fixable: 'safe',
  versions: { nginx: sinceRange(SINCE.nginx.websocketProxy) },
  docs: {
    summary: `A WebSocket location proxies with HTTP/1.0 (the default before nginx ${SINCE.nginx.proxyHttp11Default}) or HTTP/2: neither can upgrade.`,
    evidence: ['observed: nginx "no proxy_http_version" (HTTP/1.0 upgrade; a strict backend answers 400)', 'reported: grafana-cold-storage/tutorials#187, hispanico/ansible-nginx-revproxy#50, thingsboard/thingsboard#4108 and 1 more', 'reported: NginxProxyManager/nginx-proxy-manager#5503, tg123/websockify-nginx-module#24'],
  },
  check(ctx) {
    const a = ctx.analysis;
    const target = ctx.settings.targets.nginx;
    for (const loc of a.locations) {
      const intent = a.websocketIntent(loc);
      if (!intent) continue;
      const d = loc.directive;
      const label = routeLabel(d, intent);
      const current = a.inherited(d, 'proxy_http_version');
      const value = current && argAt(current, 0);
      let message: string;
      let severity: Severity | undefined;
      if (!current || value === '1.0') {
        if (!current && versionAtLeast(target, SINCE.nginx.proxyHttp11Default)) continue;
        const how = current ? `uses proxy_http_version 1.0${origin()}` : `proxies with HTTP/1.0 (nginx ${target}'s default)`;
        // Whether an HTTP/1.0 handshake is refused depends on the backend's HTTP stack: Node,
        // aiohttp (observed, test/e2e) and uvicorn upgrade it, Cowboy 2 (Phoenix) and
        // Mattermost >= 5.33 refuse it. A claim only where the route's application is known
        // to refuse; otherwise what would decide it, at info (README: the backend table).
        const app = a.appOf(loc);
        if (app?.backend?.http10 === 'refuses') {
          message = fitMessage(`${label} ${how}, which ${app.name} refuses`, `${label} ${how}, which ${shortAppName(app)} refuses`);
        } else {
          severity = 'info';
          message = app?.backend?.http10 === 'upgrades'
            ? fitMessage(
                `${label} ${how}: ${app.name} upgrades it, other backends may not`,
                `${label} ${how}: ${shortAppName(app)} upgrades it, other backends may not`,
                `${label} ${current ? 'uses proxy_http_version 1.0' : 'proxies with HTTP/1.0'}: ${shortAppName(app)} upgrades it, other backends may not`,
              )
            : `${label} ${how}: some backends refuse it`;
        }
      } else if (value === '2') {
        message = `${label} uses proxy_http_version 2${origin()}, which has no WebSocket upgrade`;
      } else continue;
      const own = current && a.levelOf(current) === d && current.file === d.file;
      ctx.report({
        file: d.file,
        range: headRange(own ? current : d),
        message,
        signal: findingSignal(intent),
        ...(severity ? { severity } : {}),
        fix: { edits: setDirectiveEdits(a, d, 'proxy_http_version', '1.1') },
      });

      function origin(): string {
        if (!current) return '';
        const lvl = a.levelOf(current);
        return lvl === d ? ` (${whereIs(current, d.file)})` : ` (${levelName(lvl)}, ${whereIs(current, d.file)})`;
      }
    }
  },
});
