/**
 * proxylint's full output (JSON report and fix patch) is what it was when test/golden/digests.json
 * was recorded, file by file, over ../shared/corpus, the fixtures and the synthetic benchmark
 * shapes. Performance work must not move it; a change that means to (a rule's new message)
 * re-records it with `node dist/bench/golden.js --update` (see bench/golden.ts).
 */
import * as fs from 'node:fs';
import { compareDigests, computeDigests, DIGESTS, SHARED_CORPUS, type Digests } from '../../bench/golden';

jest.setTimeout(180000);

test('output digests match test/golden/digests.json', () => {
  if (!fs.existsSync(SHARED_CORPUS)) {
    // The fixtures and synthetic groups still run; only the corpus groups are skipped.
    console.warn(`NOTICE: ${SHARED_CORPUS} is absent: the corpus part of the output comparison is skipped`);
  }
  const want: Digests = JSON.parse(fs.readFileSync(DIGESTS, 'utf8'));
  const got = computeDigests();
  expect(Object.keys(got)).toEqual(expect.arrayContaining(['fixtures', 'synthetic']));
  const c = compareDigests(want, got);
  // Files added since the digests were recorded have no "before": said, not failed, so that a
  // new fixture or real-world case does not need a re-record to land.
  if (c.added.length || c.removed.length) {
    console.warn(`NOTICE: ${c.added.length} file(s) without a recorded digest, ${c.removed.length} recorded file(s) gone; re-record to cover them: node dist/bench/golden.js --update`);
  }
  if (c.changed.length) {
    throw new Error(
      `proxylint's output changed for ${c.changed.length} file(s):\n  ${c.changed.slice(0, 40).join('\n  ')}${c.changed.length > 40 ? '\n  …' : ''}\n` +
        'If the change is intended, re-record: npm run build && node dist/bench/golden.js --update',
    );
  }
  // The comparison covered something: most recorded files are still there.
  expect(Object.values(got).reduce((n, g) => n + Object.keys(g).length, 0)).toBeGreaterThan(c.added.length);
});
