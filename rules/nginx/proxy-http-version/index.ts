/**
 * nginx/proxy-http-version: a WebSocket route that talks HTTP/1.0 (or HTTP/2) to its backend.
 * An upgrade needs HTTP/1.1: before nginx 1.29.7 the default is 1.0; `proxy_http_version 2`
 * (nginx >= 1.29.4) has no WebSocket at all.
 */
import { versionAtLeast } from '../../../src/core/versions';
import { defineRule } from '../../../src/core/rule';
import { headRange, levelName, routeLabel, whereIs, type NginxAnalysis } from '../../../src/dialects/nginx/analysis';
import { setDirectiveEdits } from '../../../src/dialects/nginx/fixes';

/** nginx 1.29.7 made HTTP/1.1 the default proxy_http_version. */
export const DEFAULT_11_SINCE = '1.29.7';

export default defineRule<NginxAnalysis>({
  id: 'nginx/proxy-http-version',
  dialect: 'nginx',
  severity: 'error',
  fixable: 'safe',
  versions: { nginx: '>=1.3.13' },
  docs: {
    summary: 'A WebSocket location proxies with HTTP/1.0 (the default before nginx 1.29.7) or HTTP/2: neither can upgrade.',
    evidence: ['observed: nginx "no proxy_http_version" (HTTP/1.0 upgrade; a strict backend answers 400)', 'reported: grafana-cold-storage/tutorials#187, hispanico/ansible-nginx-revproxy#50, thingsboard/thingsboard#4108 and 1 more', 'reported: NginxProxyManager/nginx-proxy-manager#5503, tg123/websockify-nginx-module#24'],
  },
  check(ctx) {
    return {
      'unit:exit'() {
        const a = ctx.analysis;
        const target = ctx.settings.targets.nginx;
        for (const loc of a.locations) {
          const intent = a.websocketIntent(loc);
          if (!intent) continue;
          const d = loc.directive;
          const label = routeLabel(d, intent);
          const current = a.inherited(d, 'proxy_http_version');
          const value = current?.args[0];
          let message: string;
          if (!current) {
            if (versionAtLeast(target, DEFAULT_11_SINCE)) continue;
            message = `${label} proxies with HTTP/1.0 (nginx ${target}'s default), which cannot upgrade`;
          } else if (value === '1.0') {
            message = `${label} uses proxy_http_version 1.0${origin()}, which cannot upgrade to WebSocket`;
          } else if (value === '2') {
            message = `${label} uses proxy_http_version 2${origin()}, which has no WebSocket upgrade`;
          } else continue;
          const own = current && a.levelOf(current) === d && current.file === d.file;
          ctx.report({
            file: d.file,
            range: headRange(own ? current : d),
            message,
            fix: { edits: setDirectiveEdits(a, d, 'proxy_http_version', '1.1') },
          });

          function origin(): string {
            if (!current) return '';
            const lvl = a.levelOf(current);
            return lvl === d ? ` (${whereIs(current, d.file)})` : ` (${levelName(lvl)}, ${whereIs(current, d.file)})`;
          }
        }
      },
    };
  },
});
