/**
 * proxylint's full output (JSON report and fix patch) is what it was when test/golden/digests.json
 * was recorded, file by file, over ../shared/corpus, the fixtures and the synthetic benchmark
 * shapes, as long as nothing that may change output on purpose (rules, analyses, messages: see
 * OUTPUT_NEUTRAL in bench/golden.ts) has changed since: engine, walk, lexer and parser work must
 * not move it. After an intended output change, re-record: `node dist/bench/golden.js --update`.
 */
import * as fs from 'node:fs';
import { compareDigests, computeDigests, readRecorded, ruleLayerFingerprint, SHARED_CORPUS } from '../../bench/golden';

jest.setTimeout(180000);

test('output digests match test/golden/digests.json', () => {
  const rec = readRecorded();
  expect(Object.keys(rec.digests)).toEqual(expect.arrayContaining(['fixtures', 'synthetic']));
  if (rec.ruleLayer !== ruleLayerFingerprint()) {
    // Not a failure: the digests describe other rules than these. Said, so that it is not silent.
    console.warn(
      'NOTICE: rules or analyses changed since test/golden/digests.json was recorded: the output comparison is skipped; ' +
        're-record after checking the output change is intended: npm run build && node dist/bench/golden.js --update',
    );
    return;
  }
  if (!fs.existsSync(SHARED_CORPUS)) {
    // The fixtures and synthetic groups still run; only the corpus groups are skipped.
    console.warn(`NOTICE: ${SHARED_CORPUS} is absent: the corpus part of the output comparison is skipped`);
  }
  const got = computeDigests();
  expect(Object.keys(got)).toEqual(expect.arrayContaining(['fixtures', 'synthetic']));
  const c = compareDigests(rec.digests, got);
  // Files added since the digests were recorded have no "before": said, not failed.
  if (c.added.length || c.removed.length) {
    console.warn(`NOTICE: ${c.added.length} file(s) without a recorded digest, ${c.removed.length} recorded file(s) gone; re-record to cover them: node dist/bench/golden.js --update`);
  }
  if (c.changed.length) {
    throw new Error(
      `proxylint's output changed for ${c.changed.length} file(s) although no rule or analysis changed since the digests were recorded:\n  ` +
        `${c.changed.slice(0, 40).join('\n  ')}${c.changed.length > 40 ? '\n  …' : ''}\n` +
        'An engine, walk, lexer or parser change must not move output. If the change is intended, re-record: npm run build && node dist/bench/golden.js --update',
    );
  }
  // The comparison covered something: most recorded files are still there.
  expect(Object.values(got).reduce((n, g) => n + Object.keys(g).length, 0)).toBeGreaterThan(c.added.length);
});
