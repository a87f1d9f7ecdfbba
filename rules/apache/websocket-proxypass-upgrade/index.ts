import { defineRule } from '../../../src/core/rule';
import { versionAtLeast } from '../../../src/core/versions';
import type { ApacheAnalysis, ProxyRoute, ServerScope } from '../../../src/dialects/apache/analysis';

/**
 * A WebSocket route proxied as plain http(s):// without `upgrade=websocket`: mod_proxy_http
 * forwards the handshake as a normal request, drops Upgrade/Connection, and the backend answers
 * 426 (observed on 2.4.71, nothing logged at warn). Routes whose upgrades are taken by a
 * RewriteRule [P] to ws:// in the same server are left alone: mod_rewrite translates first.
 */
function rewriteTakesUpgrades(a: ApacheAnalysis, server: ServerScope): boolean {
  // A vhost does not inherit the main server's rewrite rules (without RewriteOptions Inherit).
  void a;
  return server.rewriteRules.some((r) => r.proxy && (r.scheme === 'ws' || r.scheme === 'wss'));
}

function needsUpgrade(r: ProxyRoute): boolean {
  return r.websocket !== null && (r.scheme === 'http' || r.scheme === 'https') && r.upgrade === undefined;
}

export default defineRule<ApacheAnalysis>({
  id: 'apache/websocket-proxypass-upgrade',
  dialect: 'apache',
  severity: 'error',
  fixable: 'safe',
  docs: {
    summary: 'A WebSocket route is proxied as plain http:// without upgrade=websocket, so the backend answers 426.',
    evidence: ['observed-on-real-servers.md: Apache 2.4.71 `ProxyPass /ws http://…` (no upgrade=) → 426', 'real-world-failures.md: APA-NO-WS-PROXY, APA-VERSION'],
  },
  check(ctx) {
    return {
      'unit:exit'() {
        const a = ctx.analysis;
        const fixable = versionAtLeast(ctx.settings.targets.apache, '2.4.47');
        for (const r of a.proxyRoutes) {
          if (!needsUpgrade(r) || rewriteTakesUpgrades(a, r.server)) continue;
          const d = r.directive;
          const where = r.path ?? '(location)';
          const message = fixable
            ? `${d.name} ${where} is a WebSocket route (${r.websocket!.detail}) but proxies to ${r.scheme}:// without upgrade=websocket: the Upgrade header is dropped and the backend answers 426; add upgrade=websocket`
            : `${d.name} ${where} is a WebSocket route (${r.websocket!.detail}) but proxies to ${r.scheme}:// : httpd ${ctx.settings.targets.apache} cannot upgrade through mod_proxy_http (upgrade=websocket needs 2.4.47); proxy it to ${r.scheme === 'https' ? 'wss' : 'ws'}:// with mod_proxy_wstunnel`;
          const end = d.spans[d.spans.length - 1];
          ctx.report({ node: d, message, fix: fixable ? { edits: [{ file: d.file, range: [end, end], text: ' upgrade=websocket' }] } : undefined });
        }
      },
    };
  },
});
