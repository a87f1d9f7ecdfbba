import { findingSignal } from '../../../src/core/websocket/intent';
import type { Directive } from '../../../src/core/ast';
import { defineRule } from '../../../src/core/rule';
import { SINCE, versionAtLeast } from '../../../src/core/versions';
import type { ApacheAnalysis, ProxyRoute, RewriteRuleInfo } from '../../../src/dialects/apache/analysis';
import { isWsScheme } from '../../../src/dialects/apache/proxy';

/**
 * A `ws://`/`wss://` target needs a module that handles the scheme: mod_proxy_http (since
 * 2.4.47) or mod_proxy_wstunnel. With neither loaded, mod_proxy finds no handler and answers 500
 * ("AH01144: No protocol handler was valid for the URL /ws (scheme 'ws')", observed on 2.4.71).
 * Decided only when the module set is known (a main config). Separately, `upgrade=websocket` on
 * an http(s):// target relies on mod_proxy_http tunnelling, which only exists since 2.4.47.
 */
function label(r: ProxyRoute | RewriteRuleInfo): string {
  const d = r.directive;
  return 'kind' in r ? `${d.name} ${r.path ?? '(location)'}` : `${d.name} ${r.pattern}`;
}

/** The target argument of a ProxyPass (its own index) or a RewriteRule (the second argument). */
function targetRange(r: ProxyRoute | RewriteRuleInfo): [number, number] {
  const d: Directive = r.directive;
  const i = 'kind' in r ? r.targetArg : 1;
  return [d.spans[(i + 1) * 2], d.spans[(i + 1) * 2 + 1]];
}

export default defineRule<ApacheAnalysis>({
  id: 'apache/websocket-handler-missing',
  dialect: 'apache',
  severity: 'error',
  fixable: false,
  docs: {
    summary: `A ws:// target has no module to handle it (mod_proxy_http ≥ ${SINCE.apache.upgradeParam} or mod_proxy_wstunnel), or upgrade=websocket is used before ${SINCE.apache.upgradeParam}: the handshake gets 500 or is sent as a plain request.`,
    evidence: [
      "observed: Apache 2.4.71 only mod_proxy loaded, ws:// target → 500, AH01144 No protocol handler was valid for the URL /ws (scheme 'ws')",
      'observed: Apache 2.4.71 ws:// without mod_proxy_wstunnel (mod_proxy_http loaded) → 101; mod_proxy_wstunnel without mod_proxy_http → 101',
      'reported: mastodon/mastodon#5385, nextcloud/vm#1387, coder/code-server#4723, gotify/server#638',
    ],
  },
  check(ctx) {
    const a = ctx.analysis;
    const version = ctx.settings.targets.apache;
    const modern = versionAtLeast(version, SINCE.apache.upgradeParam);
    const wsTargets: (ProxyRoute | RewriteRuleInfo)[] = [
      ...a.proxyRoutes.filter((r) => isWsScheme(r.scheme)),
      ...a.rewriteRules.filter((r) => r.proxy && isWsScheme(r.scheme)),
    ];

    if (a.modulesKnown) {
      const http = a.hasModule('proxy_http') === true;
      const wstunnel = a.hasModule('proxy_wstunnel') === true;
      if (!wstunnel && !(modern && http)) {
        // Which module to load (and mod_proxy first, when missing) is in the rule's page.
        const why = modern ? 'no mod_proxy_http or mod_proxy_wstunnel is loaded' : `mod_proxy_wstunnel is not loaded (httpd ${version})`;
        for (const r of wsTargets) {
          const scheme = r.scheme;
          ctx.report({
            file: r.directive.file,
            range: targetRange(r),
            signal: findingSignal(r.websocket),
            message: `${label(r)} proxies to ${scheme}:// but ${why}: httpd answers 500`,
          });
        }
      }
    }

    if (!modern) {
      for (const r of a.proxyRoutes) {
        if (r.scheme !== 'http' && r.scheme !== 'https') continue;
        if (r.upgrade === undefined || !/(^|,)\s*websocket\s*($|,)/i.test(r.upgrade)) continue;
        const d = r.directive;
        const i = r.paramArg.upgrade;
        ctx.report({
          file: d.file,
          range: [d.spans[(i + 1) * 2], d.spans[(i + 1) * 2 + 1]],
          signal: findingSignal(r.websocket),
          message: `${label(r)}: upgrade=${r.upgrade} needs httpd ${SINCE.apache.upgradeParam} (target ${version}): use ${r.scheme === 'https' ? 'wss' : 'ws'}:// with mod_proxy_wstunnel`,
        });
      }
    }
  },
});
