/**
 * The meta-test of finding messages (issue 10): ESLint-style, one short sentence per finding —
 * the why, the evidence and the fix live in the rule page (`proxylint explain`, docs/rules.md,
 * SARIF help). Checked over every finding on the fixtures, the e2e fixtures and, when present,
 * the shared corpus.
 *
 * PENDING lists the rules whose messages are still paragraphs (being reworked by their owners
 * this session); the shape rules that hold for every message (one line, no assumed-target note,
 * no evidence ids the package does not ship) are checked for them too. Remove a rule from PENDING
 * once its messages are short: the test then keeps them short.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../support/cli';
import { CORPUS_DIR, FIXTURES_DIR, REPO_ROOT } from '../support/paths';

const MAX = 120;
/** The engine's note (src/core/engine.ts) on a finding that an include it could not read may decide. */
const UNVERIFIED = / \(unverified: include "[^"]*" at [^)]+ not read\)$/;

const PENDING = new Set<string>([]);

interface Msg {
  ruleId: string;
  message: string;
}

function allMessages(): { file: string; m: Msg }[] {
  const dirs = [FIXTURES_DIR, ...(fs.existsSync(CORPUS_DIR) ? [CORPUS_DIR] : [])];
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

test('every message: one line, no evidence ids; and (finished rules) no assumed-target note, said once per run instead', () => {
  const bad = messages.filter(
    ({ m }) => /\n/.test(m.message) || /\b(NGX|SQD|APX|HTD|HAP)-[A-Z0-9-]{3,}\b/.test(m.message) || (!PENDING.has(m.ruleId) && /\(assumed: /.test(m.message)),
  );
  expect(bad.map(({ file, m }) => `${file}: ${m.ruleId}: ${m.message}`)).toEqual([]);
});

test(`messages of the finished rules are one sentence of at most ${MAX} characters`, () => {
  const bad = messages.filter(({ m }) => !PENDING.has(m.ruleId) && !m.ruleId.startsWith('core/syntax-error')).filter(({ m }) => {
    // The engine's uniform note on a finding an unread include may decide is not the rule's sentence.
    // Quoted config text (an include path, a header value) is the user's, not the sentence's length.
    // So is a long location pattern naming the route (`location ~* ^.*\.(css|js|…)$`).
    const own = m.message.replace(UNVERIFIED, '').replace(/"[^"]{40,}"/g, '"…"').replace(/\blocation ((?:[=~^*]+ )?)\S{40,}/g, 'location $1…');
    const body = own.replace(/\.$/, '');
    return own.length > MAX || /; /.test(body) || /[.!?]\s+[A-Z]/.test(body);
  });
  expect(bad.map(({ file, m }) => `${file}: ${m.ruleId} (${m.message.length}): ${m.message}`)).toEqual([]);
});
