import { fitMessage } from '../../../src/core/message';
import { shortAppName } from '../../../src/core/websocket/apps';
import { findingSignal } from '../../../src/core/websocket/intent';
import type { Directive } from '../../../src/core/ast';
import { defineRule } from '../../../src/core/rule';
import { SINCE, versionAtLeast } from '../../../src/core/versions';
import type { ApacheAnalysis, ProxyRoute } from '../../../src/dialects/apache/analysis';

/**
 * A WebSocket route proxied as plain http(s):// without `upgrade=websocket`: mod_proxy_http
 * forwards the handshake as a normal request, drops Upgrade/Connection, and the backend answers
 * 426 (observed on 2.4.71, nothing logged at warn). A route whose upgrades a RewriteRule [P] to
 * ws:// takes first is left alone (mod_rewrite translates before mod_proxy) — but only the routes
 * that rule can match: a ws:// rewrite for /socket does nothing for ProxyPass /ws (426 observed).
 */
function rewriteTakesUpgrades(a: ApacheAnalysis, r: ProxyRoute): boolean {
  return a.upgradeRewriteFor(r) !== undefined;
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
    evidence: ['observed: Apache 2.4.71 `ProxyPass /ws http://…` (no upgrade=) → 426', 'reported: coder/code-server#4723, portainer/portainer#3980, gotify/server#638'],
  },
  check(ctx) {
    const a = ctx.analysis;
    const fixable = versionAtLeast(ctx.settings.targets.apache, SINCE.apache.upgradeParam);
    const members = new Set<Directive>();
    for (const r of a.proxyRoutes) {
      if (r.scheme === 'balancer') {
        balancer(r);
        continue;
      }
      if (!needsUpgrade(r) || rewriteTakesUpgrades(a, r)) continue;
      const d = r.directive;
      const where = r.path ?? '(location)';
      const ws = r.scheme === 'https' ? 'wss' : 'ws';
      // A route judged by the application it serves names the app and its WebSocket; the signal
      // says what identified the app.
      const app = r.websocket!.signal === 'app' ? r.websocket!.app : undefined;
      const e = r.websocket!.uiEndpoint;
      const ui = app?.ui && r.path !== null ? { name: shortAppName(app), uri: e?.uri ?? r.path.replace(/\/+$/, '') + app.ui.endpoint } : undefined;
      // a further endpoint (HA's add-on ingress) is a family of WebSockets under a prefix
      const its = ui && (e?.what ? `WebSockets under ${ui.uri}` : `its WebSocket ${ui.uri}`);
      const message = fixable
        ? ui
          ? `${d.name} ${where} serves ${ui.name} over ${r.scheme}:// without upgrade=websocket, so ${its} ${e?.what ? 'fail' : 'fails'}`
          : `${d.name} ${where} proxies a WebSocket route to ${r.scheme}:// without upgrade=websocket, so the backend answers 426`
        : ui
          ? fitMessage(
              `${d.name} ${where} serves ${ui.name} over ${r.scheme}://, which httpd ${ctx.settings.targets.apache} cannot upgrade: send ${e?.what ? ui.uri : its} to ${ws}://`,
              `${d.name} ${where} serves ${ui.name} over ${r.scheme}://, which httpd ${ctx.settings.targets.apache} cannot upgrade: send ${ui.uri} to ${ws}://`,
            )
          : `${d.name} ${where} proxies a WebSocket route to ${r.scheme}://, which httpd ${ctx.settings.targets.apache} cannot upgrade: use ${ws}://`;
      const end = d.spans[d.spans.length - 1];
      ctx.report({ node: d, message, signal: findingSignal(r.websocket), fix: fixable ? { edits: [{ file: d.file, range: [end, end], text: ' upgrade=websocket' }] } : undefined });
    }

    /**
     * balancer:// routes: `upgrade=` belongs on each BalancerMember (httpd refuses it on the
     * ProxyPass: "ProxyPass unknown Balancer parameter", observed); http(s):// members of a
     * WebSocket route without it answer 426 (observed), ws:// members upgrade.
     */
    function balancer(r: ProxyRoute): void {
      const d = r.directive;
      if (r.upgrade !== undefined) {
        const k = d.args.findIndex((x) => /^upgrade=/i.test(x));
        ctx.report({
          node: d,
          range: k >= 0 ? [d.spans[(k + 1) * 2], d.spans[(k + 1) * 2 + 1]] : undefined,
          message: 'httpd refuses upgrade= on a ProxyPass to balancer:// ("unknown Balancer parameter"): set it on each BalancerMember.',
        });
        return;
      }
      if (!r.websocket || rewriteTakesUpgrades(a, r)) return;
      for (const m of a.balancerMembers(r) ?? []) {
        if ((m.scheme !== 'http' && m.scheme !== 'https') || m.params.upgrade !== undefined || members.has(m.directive)) continue;
        members.add(m.directive);
        const md = m.directive;
        const end = md.spans[md.spans.length - 1];
        ctx.report({
          node: md,
          signal: findingSignal(r.websocket),
          message: fixable
            ? `BalancerMember ${m.target} serves WebSocket route ${r.path ?? '(location)'} without upgrade=websocket (426).`
            : `BalancerMember ${m.target} serves WebSocket route ${r.path ?? '(location)'} over ${m.scheme}://: httpd ${ctx.settings.targets.apache} cannot upgrade it (needs ${SINCE.apache.upgradeParam}); use ${m.scheme === 'https' ? 'wss' : 'ws'}:// members.`,
          fix: fixable ? { edits: [{ file: md.file, range: [end, end], text: ' upgrade=websocket' }] } : undefined,
        });
      }
    }
  },
});
