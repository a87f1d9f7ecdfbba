import type { Directive } from '../../../src/core/ast';
import { insertLinesBefore } from '../../../src/core/fixes';
import { defineRule, type Edit } from '../../../src/core/rule';
import type { ApacheAnalysis, RewriteCondInfo, RewriteRuleInfo } from '../../../src/dialects/apache/analysis';
import { compileRegex } from '../../../src/dialects/apache/proxy';
import { headerOf } from '../../../src/dialects/apache/rewrite';
import { pathLooksLikeWebSocket } from '../../../src/core/websocket/intent';
import { SINCE, versionAtLeast } from '../../../src/core/versions';

/**
 * `RewriteRule … ws://… [P]` with no `RewriteCond %{HTTP:Upgrade} websocket [NC]` before it sends
 * every matching request to the WebSocket backend, plain pages and long-polling fallbacks
 * included. Observed on 2.4.71: with mod_proxy_http loaded the plain GET reaches the ws://
 * backend as an ordinary request; with only mod_proxy_wstunnel it gets 426. The httpd docs'
 * recipe guards the rule with the Upgrade and Connection conditions.
 *
 * Not flagged: a rule whose plain requests would reach the same backend anyway, through the
 * path's http:// ProxyPass (the quassel-webserver README shape). Since 2.4.47 mod_proxy_http
 * serves ws:// targets and sends a plain request to them as ordinary HTTP (observed on 2.4.x:
 * plain GET 200 from the backend, handshake 101), so nothing changes for them.
 */
const UPGRADE = 'RewriteCond %{HTTP:Upgrade} websocket [NC]';
const CONNECTION = 'RewriteCond %{HTTP:Connection} upgrade [NC]';

const hasFlag = (c: RewriteCondInfo | undefined, flag: string): boolean =>
  c !== undefined && c.flags.some((f) => f.toLowerCase() === flag || (flag === 'or' && f.toLowerCase() === 'ornext'));

/** A condition on `header` that every request reaching the rule must pass (not negated, not OR-ed). */
function requires(conds: RewriteCondInfo[], header: string): boolean {
  const re = new RegExp(`^%\\{HTTP:${header}\\}$`, 'i');
  return conds.some((c, i) => re.test(c.testString) && !c.pattern.startsWith('!') && !hasFlag(c, 'or') && !hasFlag(conds[i - 1], 'or'));
}

/**
 * A condition only WebSocket handshakes pass: a positive test of the Upgrade header (one that
 * an absent header fails), of Connection for "upgrade" (browsers' plain requests send
 * keep-alive), or of the URI against a WebSocket endpoint path (plain requests there are the
 * endpoint's own business, not pages or assets).
 */
function handshakeOnly(c: RewriteCondInfo): boolean {
  if (c.pattern.startsWith('!')) return false;
  const h = headerOf(c);
  if (h === 'upgrade') {
    const re = c.pattern.startsWith('=') ? null : compileRegex(c.pattern, true);
    return c.pattern.startsWith('=') ? c.pattern.length > 1 : re !== null && !re.test('');
  }
  if (h === 'connection') return /upgrade/i.test(c.pattern);
  if (/^%\{(REQUEST_URI|THE_REQUEST)\}$/i.test(c.testString)) return pathLooksLikeWebSocket(c.pattern.replace(/^=/, ''));
  return false;
}

/**
 * mod_rewrite ANDs the conditions, an [OR] joining a condition to the next one: the rule is
 * guarded when one of those AND-ed groups holds only for handshakes (the Mattermost docs'
 * `REQUEST_URI ^/api/v3/users/websocket [OR]` / `Upgrade [OR]` / `Connection` chain).
 */
function guarded(conds: RewriteCondInfo[]): boolean {
  let group: RewriteCondInfo[] = [];
  for (const c of conds) {
    group.push(c);
    if (hasFlag(c, 'or')) continue;
    if (group.every(handshakeOnly)) return true;
    group = [];
  }
  return group.length > 0 && group.every(handshakeOnly);
}

/** The two guard lines, inserted above the rule's first condition (so existing [OR] chains keep their meaning). */
function guardFix(r: RewriteRuleInfo): Edit[] | undefined {
  const d = r.directive;
  const first: Directive = r.conds.length ? r.conds[0].directive : d;
  if (first.file !== d.file) return undefined;
  const lines = [UPGRADE, ...(requires(r.conds.filter(handshakeOnly), 'Connection') ? [] : [CONNECTION])];
  return [insertLinesBefore(first, lines)];
}

/**
 * Plain requests the rule catches get what they would get without it: the path's http://
 * ProxyPass goes to the same origin, httpd is 2.4.47+ and mod_proxy_http serves ws:// (loaded,
 * or the module set unknown: the http:// ProxyPass needs it anyway; not with
 * ProxyWebsocketFallbackToProxyHttp Off, which hands ws:// back to mod_proxy_wstunnel).
 */
function harmless(a: ApacheAnalysis, r: RewriteRuleInfo, version: string): boolean {
  if (!versionAtLeast(version, SINCE.apache.upgradeParam)) return false;
  if (a.hasModule('proxy_http') === false) return false;
  if (a.activeDirectives.some((d) => d.key === 'proxywebsocketfallbacktoproxyhttp' && (d.args[0] ?? '').toLowerCase() === 'off')) return false;
  return a.sameOriginRoute(r) !== undefined;
}

export default defineRule<ApacheAnalysis>({
  id: 'apache/rewrite-websocket-without-upgrade-cond',
  dialect: 'apache',
  severity: 'warning',
  fixable: 'unsafe',
  docs: {
    summary: 'A RewriteRule [P] to ws:// has no RewriteCond on the Upgrade header, so plain requests are sent to the WebSocket backend.',
    evidence: [
      'observed: Apache 2.4.71 RewriteCond Upgrade/Connection + RewriteRule ws:// [P,L] → 101, plain GETs 200',
      'observed: Apache 2.4.71 unguarded RewriteRule ws:// [P] to the backend of the path\'s http:// ProxyPass (mod_proxy_http) → plain GET 200 from the backend, handshake 101',
      'docs: https://httpd.apache.org/docs/2.4/mod/mod_proxy_wstunnel.html (the RewriteCond %{HTTP:Upgrade} websocket [NC] recipe)',
      'reported: dani-garcia/vaultwarden#491, homebridge/homebridge-config-ui-x#259, mastodon/mastodon#5385, nextcloud/vm#1387',
    ],
  },
  check(ctx) {
    for (const r of ctx.analysis.rewriteRules) {
      if (!r.proxy || (r.scheme !== 'ws' && r.scheme !== 'wss')) continue;
      if (guarded(r.conds)) continue;
      if (harmless(ctx.analysis, r, ctx.settings.targets.apache)) continue;
      const fix = guardFix(r);
      ctx.report({
        node: r.directive,
        message: `${r.directive.name} ${r.pattern} [P] proxies plain requests to ${r.scheme}:// too: no RewriteCond %{HTTP:Upgrade} guards it`,
        fix: fix ? { edits: fix } : undefined,
      });
    }
  },
});
