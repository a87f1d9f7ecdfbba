/**
 * Every rule id a report can carry is visible (issue 10): listed by `proxylint rules` (text and
 * JSON) with an `explain` page, core ones included; syntax errors carry core/syntax-error in every
 * format; rule ids typed by people (explain, config, suppression comments) get a "did you mean",
 * and an unprefixed name is accepted when only one dialect has it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli, useTempTrees } from '../support/cli';
import { FIXTURES_DIR } from '../support/paths';
import { BROKEN, GOOD } from '../report/results';

const tree = useTempTrees();

const CORE_IDS = [
  'core/syntax-error',
  'core/include-not-found',
  'core/include-cycle',
  'core/include-unreadable',
  'core/unknown-rule',
  'core/unused-disable-directive',
  'core/suppression-without-reason',
];

function listedIds(): string[] {
  const r = runCli(['rules', '--format', 'json'], FIXTURES_DIR);
  expect(r.code).toBe(0);
  const rows = JSON.parse(r.stdout) as { id: string; severity: string; summary: string; dialect: string }[];
  for (const row of rows) expect(row).toEqual(expect.objectContaining({ id: expect.any(String), severity: expect.stringMatching(/^(error|warning|info)$/), summary: expect.any(String) }));
  return rows.map((x) => x.id);
}

/** A tree that makes the engine emit each core finding once. */
const CORE_TREE: Record<string, string> = {
  'syntax/nginx.conf': 'http {\n    server {\n        listen 80\n    }\n}\n',
  'missing/nginx.conf': 'events {}\nhttp {\n    include missing.conf;\n}\n',
  'cycle/nginx.conf': 'events {}\nhttp {\n    include a.conf;\n}\n',
  'cycle/a.conf': 'include b.conf;\n',
  'cycle/b.conf': 'include a.conf;\n',
  'supp/nginx/app.conf': `# proxylint-disable-next-line nginx/websocket-upgrade-heder\n# proxylint-disable-next-line nginx/proxy-http-version\n${GOOD}`,
};

describe('proxylint rules / explain cover every emitted id', () => {
  it('rules (text and JSON) list the rules and the core checks, each with an explain page', () => {
    const ids = listedIds();
    expect(ids).toEqual(expect.arrayContaining(CORE_IDS));
    expect(ids.filter((id) => !id.startsWith('core/')).length).toBeGreaterThan(10);
    const text = runCli(['rules'], FIXTURES_DIR).stdout;
    for (const id of ids) expect(text).toMatch(new RegExp(`^${id.replace(/\//g, '\\/')}\\s`, 'm'));
    for (const id of ids) {
      const e = runCli(['explain', id], FIXTURES_DIR);
      expect({ id, code: e.code, head: e.stdout.split('\n')[0] }).toEqual({ id, code: 0, head: `# ${id}` });
    }
  });

  it('every id emitted on the fixtures and on the core cases is listed', () => {
    const ids = new Set(listedIds());
    const dir = tree(CORE_TREE);
    const emitted = new Set<string | null>();
    for (const [cwd, args] of [
      [FIXTURES_DIR, ['.']],
      [dir, ['--report-unused-disable-directives', '--require-reason', '.']],
    ] as const) {
      const r = runCli(['lint', '--format', 'json', '--dialect', 'nginx', ...args], cwd);
      for (const res of JSON.parse(r.stdout)) for (const m of res.messages) emitted.add(m.ruleId);
    }
    expect(emitted).not.toContain(null);
    for (const id of CORE_IDS.filter((i) => i !== 'core/include-unreadable')) expect(emitted).toContain(id);
    expect([...emitted].filter((id) => !ids.has(id as string))).toEqual([]);
  });

  it('rules --format takes text or json only', () => {
    const r = runCli(['rules', '--format', 'jsn'], FIXTURES_DIR);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('proxylint: rules --format: unknown format "jsn" (did you mean "json"?) (expected text or json)\n');
  });
});

describe('a syntax error carries core/syntax-error in every format', () => {
  it.each(['json', 'stylish', 'sarif', 'github', 'checkstyle', 'junit', 'gitlab'])('%s', (format) => {
    const dir = tree({ 'nginx.conf': CORE_TREE['syntax/nginx.conf'] });
    const r = runCli(['lint', '--format', format, 'nginx.conf'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('core/syntax-error');
    expect(r.stdout).not.toMatch(/"ruleId":\s*null/);
  });
});

describe('rule ids typed by people', () => {
  it.each([
    [['explain', 'proxy-http-version'], 0, '# nginx/proxy-http-version'],
    [['explain', 'syntax-error'], 0, '# core/syntax-error'],
    [['explain', 'nginx/proxy-http-verison'], 2, 'proxylint: no rule "nginx/proxy-http-verison" (did you mean "nginx/proxy-http-version"?); "proxylint rules" lists them'],
    [['explain', 'proxy-http-verison'], 2, 'proxylint: no rule "proxy-http-verison" (did you mean "nginx/proxy-http-version"?); "proxylint rules" lists them'],
    [['explain', 'no-such-thing'], 2, 'proxylint: no rule "no-such-thing"; "proxylint rules" lists them'],
  ])('%j → exit %d', (args, code, first) => {
    const r = runCli(args, FIXTURES_DIR);
    expect(r.code).toBe(code);
    expect((code === 0 ? r.stdout : r.stderr).split('\n')[0]).toBe(first);
  });

  it('config: an unknown rule id is an error with a suggestion (core ids included)', () => {
    for (const [id, near] of [
      ['nginx/proxy-http-verison', 'nginx/proxy-http-version'],
      ['core/include-not-foud', 'core/include-not-found'],
    ]) {
      const dir = tree({ '.proxylint.yaml': `rules:\n  ${id}: off\n`, 'nginx.conf': GOOD });
      const r = runCli(['lint', 'nginx.conf'], dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`Key "rules.${id}": unknown rule (did you mean "${near}"?).`);
    }
    const ok = tree({ '.proxylint.yaml': 'rules:\n  core/include-not-found: off\n', 'nginx.conf': 'events {}\nhttp {\n    include missing.conf;\n}\n' });
    expect(runCli(['lint', 'nginx.conf'], ok).code).toBe(0);
  });

  it('a suppression comment naming an unknown rule is a finding (and suppresses nothing)', () => {
    const dir = tree({ 'nginx/app.conf': `# proxylint-disable-file nginx/websocket-upgrade-heder, apache/websocket-handler-missing, nginx\n${BROKEN}` });
    const r = runCli(['lint', '--format', 'json', 'nginx/app.conf'], dir);
    const msgs = JSON.parse(r.stdout)[0].messages as { ruleId: string; message: string; line: number; severity: number }[];
    // `nginx` (a prefix) suppresses every nginx rule; the typo is reported; another dialect's id is not a typo.
    expect(msgs).toEqual([
      {
        ruleId: 'core/unknown-rule',
        severity: 1,
        message: 'unknown rule "nginx/websocket-upgrade-heder" in proxylint-disable-file (did you mean "nginx/websocket-upgrade-header"?)',
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: expect.any(Number),
      },
    ]);
    const off = tree({ '.proxylint.yaml': 'rules:\n  core/unknown-rule: off\n', 'nginx/app.conf': `# proxylint-disable-file nginx/nope\n${GOOD}` });
    expect(JSON.parse(runCli(['lint', '--format', 'json', 'nginx/app.conf'], off).stdout)[0].messages).toEqual([]);
    expect(fs.existsSync(path.join(dir, 'nginx/app.conf'))).toBe(true);
  });
});
