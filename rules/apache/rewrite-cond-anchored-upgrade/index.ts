import { defineRule, type Edit } from '../../../src/core/rule';
import type { ApacheAnalysis, RewriteCondInfo, RewriteRuleInfo } from '../../../src/dialects/apache/analysis';
import { BROWSER_HANDSHAKES, chainHolds, condHolds, fallbackUpgrades, headerOf } from '../../../src/dialects/apache/rewrite';

/**
 * RewriteCond tests on Connection/Upgrade that real browsers' handshakes do not all pass:
 * `^Upgrade$` or `=Upgrade` on Connection passes Chrome's `Upgrade` and fails Firefox's
 * `keep-alive, Upgrade` (observed on 2.4.71: 101 for Chrome, 404 for Firefox); a case-sensitive
 * `^WebSocket$` on Upgrade passes no browser (they send `websocket`).
 */
type Cond = Pick<RewriteCondInfo, 'testString' | 'pattern' | 'flags'>;

const results = (conds: readonly Cond[]): boolean[] => BROWSER_HANDSHAKES.map((b) => chainHolds(conds, b.headers));
const agree = (r: boolean[]): boolean => r.every((x) => x === r[0]);

/** The repaired condition: a token test for Connection, [NC] for Upgrade. */
function repaired(c: RewriteCondInfo): Cond | null {
  const h = headerOf(c);
  const neg = c.pattern.startsWith('!') ? '!' : '';
  const nc = c.flags.some((f) => /^(nc|nocase)$/i.test(f));
  const flags = nc ? c.flags : ['NC', ...c.flags];
  if (h === 'connection') return { testString: c.testString, pattern: `${neg}upgrade`, flags };
  if (h === 'upgrade' && !nc) return { testString: c.testString, pattern: c.pattern, flags };
  return null;
}

function edits(c: RewriteCondInfo, to: Cond): Edit[] {
  const d = c.directive;
  const out: Edit[] = [];
  if (to.pattern !== c.pattern) out.push({ file: d.file, range: [d.spans[4], d.spans[5]], text: to.pattern });
  if (to.flags !== c.flags) {
    const text = `[${to.flags.join(',')}]`;
    if (d.args.length >= 3) out.push({ file: d.file, range: [d.spans[6], d.spans[7]], text });
    else out.push({ file: d.file, range: [d.spans[5], d.spans[5]], text: ` ${text}` });
  }
  return out;
}

const SENT: Record<string, string> = { Chrome: 'Connection: Upgrade', Firefox: 'Connection: keep-alive, Upgrade' };

export default defineRule<ApacheAnalysis>({
  id: 'apache/rewrite-cond-anchored-upgrade',
  dialect: 'apache',
  severity: 'error',
  fixable: 'safe',
  docs: {
    summary: "A RewriteCond on Connection or Upgrade that real browsers' handshakes do not all pass (anchored, exact or case-sensitive).",
    evidence: ['Apache 2.4.71 (test/e2e/rules/apache/rewrite-cond-anchored-upgrade.test.ts): `%{HTTP:Connection} ^Upgrade$ [NC]` → 101 for Chrome, 404 for Firefox'],
  },
  check(ctx) {
    for (const r of ctx.analysis.rewriteRules) check(r);
    function check(r: RewriteRuleInfo): void {
      const header = r.conds.filter((c) => headerOf(c) === 'connection' || headerOf(c) === 'upgrade');
      if (!header.length) return;
      const before = results(r.conds);
      const toWebSocket = r.scheme === 'ws' || r.scheme === 'wss';
      if (agree(before) && !(toWebSocket && !before[0])) return;
      // A skipped ws:// rule is harmless when what serves the request next upgrades too (the
      // xpra recipe: ProxyPass ws:// in the same <Location>, 101 for both browsers observed).
      if (toWebSocket && fallbackUpgrades(ctx.analysis, r)) return;
      // The condition to blame: one whose verdict differs between browsers, else (no browser
      // reaches a ws:// rule) a header condition every browser fails.
      const culprit =
        header.find((c) => !agree(BROWSER_HANDSHAKES.map((b) => condHolds(c, b.headers) ?? true))) ??
        header.find((c) => BROWSER_HANDSHAKES.every((b) => condHolds(c, b.headers) === false));
      if (!culprit) return;
      const to = repaired(culprit);
      let fix: { edits: Edit[] } | undefined;
      if (to) {
        const after = results(r.conds.map((c) => (c === culprit ? { ...c, ...to } : c)));
        if (agree(after) && (!toWebSocket || after[0])) fix = { edits: edits(culprit, to) };
      }
      const d = culprit.directive;
      const range: [number, number] = [d.spans[2], d.spans[d.args.length >= 3 ? 7 : 5]];
      if (agree(before)) {
        ctx.report({ node: d, range, message: `No browser passes ${culprit.testString} ${culprit.pattern}: browsers send "Upgrade: websocket", add [NC].`, fix });
        return;
      }
      const failing = BROWSER_HANDSHAKES.filter((_, i) => before[i] !== before[0]).map((b) => b.name)[0];
      const passing = BROWSER_HANDSHAKES[0].name;
      const [takes, skips] = before[0] ? [passing, failing] : [failing, passing];
      ctx.report({
        node: d,
        range,
        message: `${skips}'s handshake (${SENT[skips]}) skips this rule, ${takes}'s takes it: match the token, not the value`,
        fix,
      });
    }
  },
});
