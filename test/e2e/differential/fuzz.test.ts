/**
 * Differential fuzz (issue 14): proxylint's syntax verdict against the four servers' own
 * checkers (`nginx -t`, `apache2 -t`, `squid -k parse`, `haproxy -c`) on mutated real configs —
 * the e2e fixtures, edited where each reader decides (./mutate.ts) — from a FIXED seed with a
 * BOUNDED count, two checkers at a time (~35 s on a busy 2-core machine, ~15 s of CPU).
 *
 * Every case must agree (both accept, or both reject), or be a divergence the oracle explains
 * (./oracle.ts SEMANTIC: the checker rejected for a reason that is not syntax, such as an
 * unknown directive or a bad value; KNOWN: what proxylint does not model, with why). Anything
 * else fails the test with the case (dialect, index: replay it with runCase) and both verdicts.
 * Each disagreement the fuzz found was fixed in the parser with a table row naming the case and
 * the server's words (test/dialects/<d>/…-cases.ts, run on the real checker by tables.test.ts).
 */
import type { DialectName } from '../../../src/core/ast';
import { describeWithServer } from '../harness';
import { describeCase, runDialect, summary } from './driver';

/** The seed of every run; change it only together with a look at what the new cases find. */
const SEED = 14;
const COUNT: Record<DialectName, number> = { nginx: 500, apache: 400, squid: 400, haproxy: 400 };

for (const dialect of ['nginx', 'apache', 'squid', 'haproxy'] as DialectName[]) {
  describeWithServer(dialect, `differential fuzz: proxylint's syntax verdict vs the real ${dialect} checker`, () => {
    test(`${COUNT[dialect]} mutated configs from seed ${SEED}: no unexplained disagreement`, async () => {
      const results = await runDialect(dialect, SEED, COUNT[dialect]);
      // eslint-disable-next-line no-console
      console.log(summary(dialect, results));
      expect(results.filter((r) => r.outcome === 'disagree').map(describeCase)).toEqual([]);
      // The generator must keep producing both kinds of case, or the comparison proves little.
      const n = (o: string) => results.filter((r) => r.outcome === o).length;
      expect(n('agree-accept')).toBeGreaterThanOrEqual(COUNT[dialect] / 10);
      expect(n('agree-reject')).toBeGreaterThanOrEqual(COUNT[dialect] / 10);
    }, 180_000);
  });
}
