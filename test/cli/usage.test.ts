/**
 * No silent success, no stack traces (issue 10): a run that lints nothing fails and says so,
 * standard input is linted (`-`, `--stdin`, `/dev/stdin` behind a pipe), every usage mistake is
 * one line on stderr with exit 2, and a closed pipe ends the run quietly.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli, useTempTrees } from '../support/cli';
import { REPO_ROOT } from '../support/paths';
import { BROKEN, GOOD } from '../report/results';

const tree = useTempTrees();
const BIN = path.join(REPO_ROOT, 'bin', 'proxylint.js');

/** One line on stderr, no stack frame, exit 2: the shape of every usage mistake. */
function expectUsageError(r: { code: number | null; stderr: string; stdout: string }, text: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stderr.trimEnd()).toMatch(text);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stderr).not.toMatch(/internal error/);
}

describe('a run that lints no file fails (exit 2) and says why', () => {
  it.each([
    ['an empty directory, no arguments', {}, []],
    ['a directory of non-configs', { 'README.md': '# hi\n', 'supervisord.conf': '[program:x]\ncommand=/bin/true\n' }, ['.']],
    ['a named file of no known dialect', { 'supervisord.conf': '[program:x]\ncommand=/bin/true\n' }, ['supervisord.conf']],
  ])('%s', (_name, files: Record<string, string>, args: string[]) => {
    const dir = tree(files);
    const r = runCli(['lint', ...args], dir);
    expectUsageError(r, /^proxylint: no file to lint in \S+: nothing there looks like an nginx, Apache httpd, Squid or HAProxy config \(name the dialect with --dialect, or pass --no-error-on-unmatched-pattern\)$/);
    expect(r.stdout).toBe('');
    // The bare command is `lint` too.
    if (args.length === 0) expect(runCli([], dir).code).toBe(2);
  });

  it('--no-error-on-unmatched-pattern makes it a success (pre-commit hands over every *.conf)', () => {
    const dir = tree({ 'supervisord.conf': '[program:x]\ncommand=/bin/true\n' });
    const r = runCli(['lint', '--no-error-on-unmatched-pattern', '--format', 'json', 'supervisord.conf'], dir);
    expect(r).toMatchObject({ code: 0, stdout: '[]\n', stderr: '' });
  });

  it('a mistyped path or command: exit 2 with a suggestion', () => {
    const dir = tree({ 'nginx.conf': GOOD });
    expectUsageError(runCli(['lint', 'ngnix.conf'], dir), /^proxylint: no such file or directory: ngnix\.conf \(did you mean "nginx\.conf"\?\)$/m);
    expectUsageError(runCli(['lnt', '.'], dir), /^proxylint: no such file or directory: lnt \(did you mean the command "lint"\?\)$/m);
    expectUsageError(runCli(['lint', 'nope/x.conf'], dir), /^proxylint: no such file or directory: nope\/x\.conf$/m);
  });
});

describe('standard input', () => {
  const stdinCases: [string, string[]][] = [
    ['-', ['lint', '--format', 'json', '--stdin-filename', 'nginx/conf.d/app.conf', '-']],
    ['--stdin', ['lint', '--format', 'json', '--stdin', '--stdin-filename', 'nginx/conf.d/app.conf']],
    ['/dev/stdin (a pipe cannot be read twice)', ['lint', '--format', 'json', '--stdin-filename', 'nginx/conf.d/app.conf', '/dev/stdin']],
  ];
  it.each(stdinCases)('%s is linted under --stdin-filename, with its findings', (_n, args) => {
    const dir = tree({});
    const r = runCli(args, dir, {}, BROKEN);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const [res] = JSON.parse(r.stdout);
    expect(res.filePath).toBe(path.join(dir, 'nginx/conf.d/app.conf'));
    expect(res.messages).toContainEqual(expect.objectContaining({ ruleId: 'nginx/websocket-upgrade-header', line: 3, column: 5 }));
  });

  it('without a name: dialect from the content, reported as <stdin>; or from --dialect', () => {
    const dir = tree({});
    const r = runCli(['lint', '-'], dir, {}, BROKEN);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^<stdin>:3:5 {2}error {2}.*\(nginx\/websocket-upgrade-header\)$/m);
    const forced = runCli(['lint', '--dialect', 'nginx', '--format', 'json', '-'], dir, {}, 'location /ws/ {\n    proxy_pass http://127.0.0.1:3000;\n}\n');
    expect(JSON.parse(forced.stdout)[0].messages.map((m: { ruleId: string }) => m.ruleId)).toContain('nginx/websocket-upgrade-header');
    expect(runCli(['lint', '-'], dir, {}, GOOD)).toMatchObject({ code: 0, stdout: '✔ no problems in 1 file\n' });
  });

  it('text of no known dialect, --fix on stdin, --stdin-filename without stdin: usage errors', () => {
    const dir = tree({});
    expectUsageError(runCli(['lint', '-'], dir, {}, '[program:x]\n'), /^proxylint: cannot tell which server <stdin> configures: pass --dialect nginx\|apache\|squid\|haproxy or --stdin-filename NAME$/);
    expectUsageError(runCli(['lint', '--fix', '-'], dir, {}, BROKEN), /^proxylint: --fix cannot write to standard input: use --fix-dry-run --format json, or --diff$/);
    expectUsageError(runCli(['lint', '--stdin-filename', 'a.conf', '.'], dir), /^proxylint: --stdin-filename only applies with --stdin \(or "-"\)$/);
  });

  it('--diff on stdin prints the fix against the stdin name', () => {
    const dir = tree({});
    const r = runCli(['lint', '--diff', '--stdin-filename', 'nginx/app.conf', '-'], dir, {}, BROKEN);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^--- a\/nginx\/app\.conf\n\+\+\+ b\/nginx\/app\.conf\n@@ /m);
    expect(fs.existsSync(path.join(dir, 'nginx'))).toBe(false);
  });
});

describe('usage mistakes are one line and exit 2, never a stack', () => {
  it.each([
    [['lint', '--format', 'xml', '.'], /^proxylint: --format: unknown format "xml" \(expected one of: stylish, json, sarif, github, checkstyle, junit, gitlab\)$/],
    [['lint', '--format', 'jsn', '.'], /^proxylint: --format: unknown format "jsn" \(did you mean "json"\?\) \(expected one of: /],
    [['lint', '--output', 'xml=out.xml', '.'], /^proxylint: --output: unknown format "xml" /],
    [['lint', '--output', 'out.sarif', '.'], /^proxylint: --output expects FORMAT=FILE \(FILE "-" is standard output\), got "out\.sarif"$/],
    [['lint', '--fromat', 'json', '.'], /^proxylint: unknown option: --fromat \(did you mean --format\?\)$/],
    [['lint', '--fix', '--diff', '.'], /^proxylint: --fix and --diff cannot be combined: --diff prints the changes without writing them$/],
    [['lint', '--fix', '--fix-dry-run', '.'], /^proxylint: --fix and --fix-dry-run cannot be combined$/],
    [['lint', '--print-config'], /^proxylint: --print-config needs a FILE: the file whose configuration to print$/],
    [['lint', '--output', 'json=-', '--output', 'sarif=-', '.'], /^proxylint: only one report can go to standard output: give the others a FILE$/],
    [['generate', 'nginx', '--path', '/ws/', '--upstream', 'http://127.0.0.1:3000', '-o', 'missing/dir/x.conf'], /^proxylint: -o missing\/dir\/x\.conf: directory missing\/dir does not exist$/],
    [['rules', '--bogus'], /^proxylint: unknown option: --bogus$/],
  ])('%j', (args, text) => {
    const dir = tree({ 'nginx.conf': GOOD });
    const r = runCli(args, dir);
    expectUsageError(r, text);
    expect(fs.existsSync(path.join(dir, 'missing'))).toBe(false);
  });
});

describe('a closed pipe ends the run quietly', () => {
  // `true` exits without reading, so proxylint's first write meets a closed pipe (EPIPE).
  it.each([
    ['rules', `"${process.execPath}" "${BIN}" rules | true`],
    ['lint --format sarif', `"${process.execPath}" "${BIN}" lint --format sarif --exit-zero ${JSON.stringify(path.join(REPO_ROOT, 'fixtures'))} | head -c 10 >/dev/null`],
  ])('%s', (_n, cmd) => {
    const r = spawnSync('bash', ['-c', `set -o pipefail; ${cmd}`], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '' } });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
