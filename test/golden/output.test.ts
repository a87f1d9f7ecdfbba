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
  const diff = compareDigests(want, got);
  if (diff.length) {
    throw new Error(
      `proxylint's output changed for ${diff.length} file(s):\n  ${diff.slice(0, 40).join('\n  ')}${diff.length > 40 ? '\n  …' : ''}\n` +
        'If the change is intended, re-record: npm run build && node dist/bench/golden.js --update',
    );
  }
});
