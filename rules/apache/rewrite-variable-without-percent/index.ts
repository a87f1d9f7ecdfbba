import { argRange } from '../../../src/core/ast';
import { defineRule, type Edit } from '../../../src/core/rule';
import type { ApacheAnalysis, RewriteCondInfo, RewriteRuleInfo } from '../../../src/dialects/apache/analysis';
import { isWsScheme } from '../../../src/dialects/apache/proxy';
import { condHolds, dollarLookupMaps, fallbackUpgrades, literalVariableRefs } from '../../../src/dialects/apache/rewrite';

/**
 * A server variable written without its `%` in a WebSocket rewrite (homebridge-config-ui-x#259,
 * the project's wiki template): mod_rewrite expands only `%{NAME}`, so `{REQUEST_URI}` is text.
 * Observed on 2.4.71: `RewriteRule .* ws://b/{REQUEST_URI} [P]` sends every handshake to the
 * backend as `GET /%7BREQUEST_URI%7D` whatever was requested; `RewriteCond {HTTP:Upgrade}
 * websocket [NC]` compares the literal text, never passes, and the handshake falls to the plain
 * `ProxyPass / http://` (426 from the backend).
 */
/** ws/wss, also of a `ws:/host` target written with one slash (ratchetphp/Ratchet#860): meant for WebSockets all the same. */
function wsScheme(r: RewriteRuleInfo): string | undefined {
  if (isWsScheme(r.scheme)) return r.scheme;
  return /^(wss?):\/(?!\/)/i.exec(r.target)?.[1].toLowerCase();
}

const hasFlag = (c: RewriteCondInfo | undefined, ...names: string[]): boolean => c !== undefined && c.flags.some((f) => names.includes(f.toLowerCase()));

/** `%` inserted before each reference; `/{REQUEST_URI}` becomes `%{REQUEST_URI}` (the URI has its own leading slash: the maintainer's fix in #259). */
function percentFix(r: { directive: RewriteCondInfo['directive'] }, arg: number): Edit[] | undefined {
  const d = r.directive;
  const [start, end] = argRange(d, arg);
  const raw = d.file.text.slice(start, end);
  const refs = literalVariableRefs(raw);
  if (!refs.length) return undefined;
  return refs.map(({ ref, index, dollar }) =>
    dollar
      ? { file: d.file, range: [start + index, start + index + 1] as [number, number], text: '%' }
      : ref === '{REQUEST_URI}' && raw[index - 1] === '/'
      ? { file: d.file, range: [start + index - 1, start + index] as [number, number], text: '%' }
      : { file: d.file, range: [start + index, start + index] as [number, number], text: '%' },
  );
}

export default defineRule<ApacheAnalysis>({
  id: 'apache/rewrite-variable-without-percent',
  dialect: 'apache',
  severity: 'warning',
  fixable: 'safe',
  docs: {
    summary: 'A WebSocket RewriteRule or its RewriteCond writes {REQUEST_URI} or ${HTTP:Upgrade} (a variable) without %, so it is not expanded.',
    evidence: [
      'observed: Apache 2.4.71 RewriteRule .* ws://b/{REQUEST_URI} [P] → the backend gets GET /%7BREQUEST_URI%7D for every handshake',
      'observed: Apache 2.4.71 RewriteCond {HTTP:Upgrade} websocket [NC] before RewriteRule ws:// [P] beside ProxyPass / http:// → 426 (the rule never applies)',
      'reported: homebridge/homebridge-config-ui-x#259 (the wiki template missed the %; fixed by writing %{REQUEST_URI})',
      'observed: Apache 2.4.71 RewriteCond ${HTTP:Upgrade} websocket [NC] beside ProxyPass / http:// → 426 (ratchetphp/Ratchet#860)',
    ],
  },
  check(ctx) {
    const a = ctx.analysis;
    // A `${HTTP:…}` is a real lookup where a RewriteMap of that name exists.
    const maps = new Set(a.activeDirectives.filter((d) => d.key === 'rewritemap' && d.args[0]).map((d) => d.args[0]));
    const literal = (text: string) => (maps.size && dollarLookupMaps(text).some((m) => maps.has(m)) ? [] : literalVariableRefs(text));
    for (const r of a.rewriteRules) {
      const scheme = wsScheme(r);
      if (!r.proxy || !scheme) continue;
      checkConds(r, scheme);
      const refs = literal(r.target);
      if (refs.length) {
        const fix = percentFix(r, 1);
        ctx.report({
          node: r.directive,
          range: argRange(r.directive, 1),
          message: refs[0].dollar
            ? `${refs[0].ref} in the ${scheme}:// target is a lookup of no RewriteMap (% needed): it expands to nothing`
            : `${refs[0].ref} in the ${scheme}:// target has no %: every handshake reaches the backend at that literal path`,
          fix: fix ? { edits: fix } : undefined,
        });
      }
    }
    /**
     * A condition the rule needs (not OR-bound) whose TestString is literal text the pattern
     * never matches: the rule never applies. Claimed only when what serves the request then
     * does not upgrade (a skipped ws:// rule beside ProxyPass … upgrade=websocket breaks nothing).
     */
    function checkConds(r: RewriteRuleInfo, scheme: string): void {
      r.conds.forEach((c, i) => {
        const refs = literal(c.testString);
        if (!refs.length || hasFlag(c, 'or', 'ornext') || hasFlag(r.conds[i - 1], 'or', 'ornext')) return;
        if (condHolds(c, {}) !== false || fallbackUpgrades(a, r)) return;
        const fix = percentFix(c, 0);
        ctx.report({
          node: c.directive,
          range: argRange(c.directive, 0),
          message: refs[0].dollar
            ? `RewriteCond ${refs[0].ref} is a lookup of no RewriteMap, not the variable (% needed): the ${scheme}:// rule never applies`
            : `RewriteCond ${refs[0].ref} tests that literal text, not the variable (no %): the ${scheme}:// rule never applies`,
          fix: fix ? { edits: fix } : undefined,
        });
      });
    }
  },
});
