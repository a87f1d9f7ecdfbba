import { fitMessage } from '../../../src/core/message';
import { findingSignal } from '../../../src/core/websocket/intent';
import type { Directive } from '../../../src/core/ast';
import { directiveLines } from '../../../src/core/fixes';
import { positionAt, unitRelativePath, whereIs } from '../../../src/core/positions';
import { defineRule, type Edit } from '../../../src/core/rule';
import { SINCE, versionAtLeast } from '../../../src/core/versions';
import type { ApacheAnalysis, ProxyRoute, RewriteRuleInfo } from '../../../src/dialects/apache/analysis';
import { compileRegex, fnmatchTest, tunnelsUpgrades } from '../../../src/dialects/apache/proxy';

/**
 * A WebSocket route another entry takes first. Server-level ProxyPass/ProxyPassMatch: the first
 * match in configuration order wins (`ProxyPass /` before `ProxyPass /ws ws://…` → 426,
 * observed on 2.4.71). `<Location>`/`<LocationMatch>` forms: sections merge in file order and the
 * LAST matching one's ProxyPass wins, so `<Location /app/socket>` (ws://) placed before
 * `<Location /app>` (http://) is dead (426 observed). A server-level entry whose handshakes a
 * ws:// RewriteRule [P] of the same server takes first is not reported: the rewrite carries them.
 */
/** A request path a ProxyPassMatch/LocationMatch regex matches: its literal prefix, groups unwrapped. */
function sampleUri(r: ProxyRoute): string | null {
  if (r.path === null) return null;
  if (!r.regex) return r.path;
  const flat = r.path.replace(/^\^/, '').replace(/[()]/g, '');
  const m = /^[^.*+?[\]{}|$\\]*/.exec(flat);
  const sample = m ? m[0] : '';
  return sample.startsWith('/') && compileRegex(r.path)?.test(sample) ? sample : null;
}

/** The backend URL a route sends `uri` to, with ws/wss read as http/https (one backend, two schemes). */
function backendUrl(r: ProxyRoute, uri: string): string | null {
  if (r.regex || r.path === null || !uri.startsWith(r.path.replace(/\/+$/, ''))) return null;
  const rest = uri.slice(r.path.replace(/\/+$/, '').length);
  return (r.target.replace(/\/+$/, '') + rest)
    .replace(/^ws(s?):/i, 'http$1:')
    .replace(/([^:/])\/{2,}/g, '$1/')
    .replace(/\/+$/, '')
    .toLowerCase();
}

function moveBefore(moved: Directive, before: Directive): Edit[] | undefined {
  if (moved.file !== before.file || moved.parent !== before.parent) return undefined;
  const [s, e] = directiveLines(moved);
  const text = moved.file.text.slice(s, e);
  if (!text.endsWith('\n')) return undefined;
  const [bs] = directiveLines(before);
  return [
    { file: before.file, range: [bs, bs], text },
    { file: moved.file, range: [s, e], text: '' },
  ];
}

function moveAfter(moved: Directive, after: Directive): Edit[] | undefined {
  if (moved.file !== after.file || moved.parent !== after.parent || moved.start > after.start) return undefined;
  const [s, e] = directiveLines(moved);
  const [, ae] = directiveLines(after);
  const text = moved.file.text.slice(s, e);
  if (!text.endsWith('\n') || !after.file.text.slice(0, ae).endsWith('\n')) return undefined;
  return [
    { file: moved.file, range: [s, e], text: '' },
    { file: after.file, range: [ae, ae], text },
  ];
}

/** Sections holding nothing but proxy mappings: moving one changes no other merged setting. */
function onlyProxyMappings(section: Directive): boolean {
  return (section.children ?? []).every((n) => n.type === 'comment' || n.key === 'proxypass' || n.key === 'proxypassreverse' || n.key === 'proxypassreversecookiepath');
}

/**
 * A RewriteRule pattern every request path matches: `.*` captured or not, anchored or not, with
 * an optional leading `/?`; `^/(.*)` only in server context, where the path always starts with
 * `/` (per-directory rules see it without its prefix).
 */
function matchesEverything(rule: RewriteRuleInfo, perDir: boolean): boolean {
  const core = rule.pattern.replace(/^\^/, '').replace(/\$$/, '');
  return /^(?:\/\?)?(?:\(\.\*\)|\.\*)$/.test(core) || (!perDir && /^\/(?:\(\.\*\)|\.\*)$/.test(core));
}

/**
 * The unconditional catch-all RewriteRule [P] to http(s):// before `ws` in the same context: [P]
 * implies [L] and hands the request to mod_proxy, so no later rule of the context runs for it.
 */
function deadBehindProxyRewrite(a: ApacheAnalysis, ws: RewriteRuleInfo): RewriteRuleInfo | undefined {
  const perDir = a.rewriteMayMatch(ws, '/') === 'unknown';
  for (const r of a.rewriteRules) {
    if (r === ws) return undefined;
    if (r.directive.parent !== ws.directive.parent || r.directive.file !== ws.directive.file) continue;
    if (!r.proxy || !/^https?$/.test(r.scheme) || r.conds.length || 'c' in r.flagMap || 'chain' in r.flagMap || r.pattern.startsWith('!')) continue;
    if (matchesEverything(r, perDir)) return r;
  }
  return undefined;
}

/** Moves the dead rule with its RewriteConds above the catch-all: safe when an Upgrade test guards it. */
function moveRuleBefore(ws: RewriteRuleInfo, before: RewriteRuleInfo): { edits: Edit[]; applicability: 'safe' | 'unsafe' } | undefined {
  const first = ws.conds[0]?.directive ?? ws.directive;
  const t = ws.directive.file.text;
  const [s] = directiveLines(first);
  const [, e] = directiveLines(ws.directive);
  const text = t.slice(s, e);
  if (!text.endsWith('\n')) return undefined;
  const [bs] = directiveLines(before.directive);
  const guarded = ws.conds.some((c) => /^%\{HTTP:Upgrade\}$/i.test(c.testString) && !c.pattern.startsWith('!'));
  return { edits: [{ file: ws.directive.file, range: [bs, bs], text }, { file: ws.directive.file, range: [s, e], text: '' }], applicability: guarded ? 'safe' : 'unsafe' };
}

export default defineRule<ApacheAnalysis>({
  id: 'apache/proxypass-order',
  dialect: 'apache',
  severity: 'error',
  fixable: 'safe',
  docs: {
    summary: 'Another ProxyPass (an earlier entry, or a later matching <Location>) takes the WebSocket path, so the upgrade never happens.',
    evidence: [
      'observed: Apache 2.4.71 `ProxyPass / http://…` before `ProxyPass /ws ws://…` → 426',
      'Apache 2.4.71 (test/e2e/rules/apache/proxypass-order.test.ts): ws:// `<Location /app/socket>` before http:// `<Location /app>` → 426',
      'reported: nextcloud/vm#1387, thingsboard/thingsboard#1144',
    ],
  },
  check(ctx) {
    const a = ctx.analysis;
    // Before 2.4.47 a ws:// entry also took plain requests through mod_proxy_wstunnel's own
    // code path, and the old behaviour of such moves is not what was measured: no fix there.
    const canMove = versionAtLeast(ctx.settings.targets.apache, SINCE.apache.upgradeParam);
    for (const w of a.rewriteRules) {
      if (!w.proxy || (w.scheme !== 'ws' && w.scheme !== 'wss')) continue;
      const first = deadBehindProxyRewrite(a, w);
      if (!first) continue;
      ctx.report({
        node: w.directive,
        signal: findingSignal(w.websocket),
        message: `RewriteRule ${w.pattern} is never reached: RewriteRule ${first.pattern} [P] (line ${positionAt(first.directive.file, first.directive.start).line}) proxies every request first (426).`,
        fix: canMove ? moveRuleBefore(w, first) : undefined,
      });
    }
    for (const r of a.proxyRoutes) {
      if (!r.websocket || !tunnelsUpgrades(r) || r.target === '!') continue;
      if (r.location && r.regex && r.kind === 'proxypass' && !fnmatchTest(r.path ?? '')) {
        // Observed on 2.4.71: ProxyPass (not ProxyPassMatch) in a regex location answers 404
        // wherever the section stands, and still overrides the sections merged before it —
        // unless its pattern holds glob characters: mod_proxy then compiles it as a regex and
        // appends the request URI to a target without $N (101 observed, jupyterhub#367's shape).
        ctx.report({ node: r.directive, signal: findingSignal(r.websocket), message: `ProxyPass inside <${r.location.name} ${r.location.args.join(' ')}> serves nothing (404): use ProxyPassMatch there.` });
        continue;
      }
      const uri = sampleUri(r);
      if (uri === null) continue;
      // A ws:// RewriteRule [P] that takes the path's handshakes first: the dead entry costs
      // nothing, the WebSocket is carried by the rewrite (cockpit-project/cockpit#7665).
      if (!r.location && a.upgradeRewriteFor(r, uri)) continue;
      const winner = a.routeFor(uri, r.server);
      if (!winner || winner === r || tunnelsUpgrades(winner) || winner.target === '!') continue;
      const w = winner.directive;
      const where = whereIs(w, r.directive.file, (f) => unitRelativePath(ctx.unit.files, f));
      // After the move a plain request to the path is proxied by the ws:// entry itself
      // (observed: it does not fall through): safe only when it reaches the same backend URL.
      const same = backendUrl(r, uri) !== null && backendUrl(r, uri) === backendUrl(winner, uri);
      if (r.location && winner.location) {
        const mine = r.location;
        const theirs = winner.location;
        const edits = canMove ? moveAfter(mine, theirs) : undefined;
        ctx.report({
          node: mine,
          signal: findingSignal(r.websocket),
          message: fitMessage(
            `<${mine.name} ${mine.args.join(' ')}> is dead: the later <${theirs.name} ${theirs.args.join(' ')}> (${where}) also matches and wins.`,
            `<${mine.name} ${mine.args.join(' ')}> is dead: the later <${theirs.name} ${theirs.args.join(' ')}> (${where}) wins.`,
            `<${mine.name} ${mine.args.join(' ')}> is dead: the later <${theirs.name} ${theirs.args.join(' ')}> wins.`,
          ),
          fix: edits && { edits, applicability: same && onlyProxyMappings(mine) && onlyProxyMappings(theirs) ? 'safe' : 'unsafe' },
        });
        continue;
      }
      const edits = canMove && !winner.location && !r.location ? moveBefore(r.directive, w) : undefined;
      const by = winner.location ? `<${winner.location.name} ${winner.location.args.join(' ')}> (${where})` : `${w.name} ${winner.path ?? ''} (${where})`;
      ctx.report({
        node: r.directive,
        signal: findingSignal(r.websocket),
        message: `${r.directive.name} ${r.path} is never used: ${by} takes ${uri} first (426).`,
        fix: edits && { edits, applicability: same ? 'safe' : 'unsafe' },
      });
    }
  },
});
