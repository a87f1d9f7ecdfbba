import { findingSignal } from '../../../src/core/websocket/intent';
import { argRange, type Directive, type SourceFile } from '../../../src/core/ast';
import { insertLinesBefore } from '../../../src/core/fixes';
import { unitRelativePath, whereIs } from '../../../src/core/positions';
import { defineRule, type Edit } from '../../../src/core/rule';
import { DEFAULT_TIMEOUT, type ApacheAnalysis, type ProxyRoute, type RewriteRuleInfo, type Setting, type TunnelTimeout } from '../../../src/dialects/apache/analysis';
import { isWsScheme, parseTargetUrl, tunnelsUpgrades } from '../../../src/dialects/apache/proxy';
import { appForName } from '../../../src/core/websocket/apps';
import { heartbeatOf, judgeIdleLimit, verdictWords } from '../../../src/core/websocket/idle';

/**
 * How long an idle WebSocket tunnel survives in httpd: observed on 2.4.71, the larger of the core
 * `Timeout` (the client side) and the backend timeout (`timeout=` on the worker, else
 * `ProxyTimeout`, else Timeout). So ProxyTimeout/timeout= never shorten an idle tunnel — they can
 * only lengthen it — and a short core Timeout cuts it. That limit is judged against the route's
 * heartbeat by the policy shared with nginx and HAProxy (core/websocket/idle). The fix raises the route's own backend
 * timeout (`timeout=` on a ProxyPass, `ProxyTimeout` for a RewriteRule [P]): that lengthens the
 * tunnel without loosening the core Timeout that guards every client connection.
 */
function carriesUpgrades(r: ProxyRoute | RewriteRuleInfo): boolean {
  if (!r.websocket) return false;
  if ('kind' in r) return r.target !== '!' && tunnelsUpgrades(r);
  return r.proxy && isWsScheme(r.scheme);
}

function where(s: Setting<number>, from: Directive, files: readonly SourceFile[]): string {
  if (!s.directive) return '';
  return ` (${whereIs(s.directive, from.file, (f) => unitRelativePath(files, f))})`;
}

/** The setting that decides the tunnel's idle limit (the larger one), and whether the config wrote it. */
function decider(t: TunnelTimeout, route: Directive, files: readonly SourceFile[]): { text: string; explicit: boolean } {
  const backend = t.workerTimeout ?? t.proxyTimeout.value;
  if (t.timeout.value >= backend) {
    return t.timeout.directive
      ? { text: `Timeout ${t.timeout.directive.args[0]}${where(t.timeout, route, files)}`, explicit: true }
      : { text: `default Timeout ${t.timeout.value}`, explicit: false };
  }
  if (t.workerTimeout !== undefined) return { text: `timeout=${t.workerTimeout}`, explicit: true };
  return { text: `ProxyTimeout ${t.proxyTimeout.value}${where(t.proxyTimeout, route, files)}`, explicit: t.proxyTimeout.directive !== null };
}

function fixFor(a: ApacheAnalysis, r: ProxyRoute | RewriteRuleInfo, suggested: number): Edit[] | undefined {
  const d = r.directive;
  if ('kind' in r) {
    const i = r.paramArg.timeout;
    if (i !== undefined) return [{ file: d.file, range: argRange(d, i), text: `timeout=${suggested}` }];
    const end = d.spans[d.spans.length - 1];
    return [{ file: d.file, range: [end, end], text: ` timeout=${suggested}` }];
  }
  // RewriteRule [P] has no worker parameters: raise ProxyTimeout in its server.
  const own = r.server.proxyTimeout.directive;
  if (own && a.serverOf(own) === r.server) return [{ file: own.file, range: argRange(own, 0), text: String(suggested) }];
  // ProxyTimeout is allowed in the server config and <VirtualHost> only, and exists only with
  // mod_proxy loaded: without it httpd refuses to start ("Invalid command 'ProxyTimeout'"), so no
  // fix where mod_proxy is absent or not known to be loaded (issue 14).
  if (d.parent !== null && d.parent.key !== 'virtualhost') return undefined;
  if (a.hasModule('proxy') !== true) return undefined;
  const first = r.conds.length && r.conds[0].directive.file === d.file ? r.conds[0].directive : d;
  return [insertLinesBefore(first, [`ProxyTimeout ${suggested}`])];
}

export default defineRule<ApacheAnalysis>({
  id: 'apache/tunnel-idle-timeout',
  dialect: 'apache',
  severity: 'warning',
  fixable: 'unsafe',
  docs: {
    summary: "A WebSocket tunnel's idle limit, max(core Timeout, ProxyTimeout/timeout=), is shorter than the application's heartbeat, or than any common one.",
    evidence: [
      'observed: Apache 2.4.71 core `Timeout 5`, idle 8 s → cut after 5 s; `ProxyTimeout 5` or `timeout=5` → survives',
      'observed: the tunnel\'s idle limit behaves like max(Timeout, ProxyTimeout)',
    ],
  },
  optionsSchema: {
    type: 'object',
    properties: {
      minimum: { type: 'integer', minimum: 1, description: 'An explicit idle limit below this many seconds is a warning when no heartbeat is known.' },
      suggested: { type: 'integer', minimum: 1, description: 'Seconds the fix sets (timeout= on the ProxyPass, or ProxyTimeout).' },
    },
    additionalProperties: false,
  },
  defaultOptions: { minimum: 30, suggested: 3600 },
  check(ctx) {
    const a = ctx.analysis;
    const minimum = Number(ctx.options.minimum);
    const suggested = Math.max(Number(ctx.options.suggested), minimum);
    if (!Number.isFinite(minimum) || !Number.isFinite(suggested)) return;
    const routes: (ProxyRoute | RewriteRuleInfo)[] = [...a.proxyRoutes, ...a.rewriteRules];
    for (const r of routes) {
      if (!carriesUpgrades(r)) continue;
      const t = a.tunnelTimeout(r);
      // A lone site file inherits Timeout from the main config (Debian's apache2.conf sets
      // 300): without its own Timeout the limit is unknown.
      if (a.context !== 'server' && !t.timeout.directive) continue;
      const d = r.directive;
      const path = 'kind' in r ? r.path : null;
      // The backend's host as httpd reads the target (Define'd names expanded, IPv6 literals whole).
      const host = parseTargetUrl(a.expand(r.target))?.host;
      const app = r.websocket!.app ?? (host ? appForName(host) : undefined);
      const limit = decider(t, d, ctx.unit.files);
      const verdict = judgeIdleLimit(t.seconds * 1000, limit.explicit, heartbeatOf(path, app, ctx.settings), minimum * 1000, DEFAULT_TIMEOUT * 1000);
      if (verdict.kind === 'ok') continue;
      const name = 'kind' in r ? `${d.name} ${r.path ?? '(location)'}` : `${d.name} ${r.pattern} [P]`;
      ctx.report({
        node: d,
        message: `${name}: ${verdictWords(verdict, limit.text)}`,
        fix: ((e) => (e ? { edits: e } : undefined))(fixFor(a, r, suggested)),
        severity: verdict.severity,
        signal: findingSignal(r.websocket),
      });
    }
  },
});
