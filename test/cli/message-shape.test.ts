/**
 * The meta-test of finding messages (issue 10): ESLint-style, one short sentence per finding —
 * the why, the evidence and the fix live in the rule page (`proxylint explain`, docs/rules.md,
 * SARIF help). Checked over every finding on the fixtures, the e2e fixtures, the real-world
 * corpus (test/realworld/cases: names as long as people write them) and, when present, the
 * shared corpus.
 *
 * The shape is test/support/message-shape.ts, which the rule tester also applies to every
 * invalid case of every rule.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../support/cli';
import { CORPUS_DIR, FIXTURES_DIR, REPO_ROOT } from '../support/paths';

import { MAX_MESSAGE as MAX, UNVERIFIED, messageShapeProblem } from '../support/message-shape';

interface Msg {
  ruleId: string;
  message: string;
}

function allMessages(): { file: string; m: Msg }[] {
  const dirs = [FIXTURES_DIR, path.join(REPO_ROOT, 'test', 'realworld', 'cases'), ...(fs.existsSync(CORPUS_DIR) ? [CORPUS_DIR] : [])];
  const r = runCli(['lint', '-f', 'json', '--exit-zero', '--no-error-on-unmatched-pattern', ...dirs], REPO_ROOT);
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as { filePath: string; messages: Msg[] }[]).flatMap((res) => res.messages.map((m) => ({ file: path.relative(REPO_ROOT, res.filePath), m })));
}

let messages: { file: string; m: Msg }[];
beforeAll(() => {
  messages = allMessages();
}, 120_000);

test('the unverified note (when the corpus has unread includes) is short and said once', () => {
  const noted = messages.filter(({ m }) => m.message.includes('(unverified'));
  expect(noted.filter(({ m }) => !UNVERIFIED.test(m.message) || m.message.split('(unverified').length !== 2).map(({ m }) => m.message)).toEqual([]);
});

test('there are findings to check, from most rules', () => {
  expect(messages.length).toBeGreaterThan(50);
  expect(new Set(messages.map((x) => x.m.ruleId)).size).toBeGreaterThan(10);
});

test(`every message is one line, one sentence of at most ${MAX} characters, with no research label and no assumed-target note`, () => {
  const bad = messages
    .filter(({ m }) => !m.ruleId.startsWith('core/syntax-error'))
    .map(({ file, m }) => ({ file, m, why: messageShapeProblem(m.message) }))
    .filter((x) => x.why);
  expect(bad.map(({ file, m, why }) => `${file}: ${m.ruleId} (${why}): ${m.message}`)).toEqual([]);
});

test('syntax errors are one line too', () => {
  expect(messages.filter(({ m }) => m.ruleId.startsWith('core/syntax-error') && /\n/.test(m.message)).map(({ m }) => m.message)).toEqual([]);
});
