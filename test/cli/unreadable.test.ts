/**
 * Files and directories the linter cannot read (issue 14): a named file that cannot be read was
 * "nothing to lint" (exit 2 for the wrong reason) or, with --dialect, an exit-1 finding; a
 * directory met in a walk was skipped silently (exit 0). Now each is a finding at its path, the
 * rest of the run goes on, the report is printed, and the exit code is 2 (an I/O failure, as a
 * failed --fix write is). Run as user nobody (root reads everything) from a copy of the CLI that
 * nobody can traverse, so that they run in CI (root, a clone under /root) instead of skipping.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { useNobodyCli } from '../support/as-nobody';
import { useTempTrees } from '../support/cli';

const tree = useTempTrees();
const OK = 'events {}\n';
const BROKEN = 'server {\n    listen 80;\n    location /ws/ {\n        proxy_pass http://127.0.0.1:3000;\n    }\n}\n';
const nobody = useNobodyCli('the unreadable-path cases');

function lintAsNobody(dir: string, args: string[]) {
  const r = nobody!.run(['lint', '-f', 'json', ...args], dir);
  const results = r.stdout ? (JSON.parse(r.stdout) as { filePath: string; messages: { message: string; line: number; fatal?: boolean; ruleId: string }[] }[]) : [];
  return {
    code: r.status,
    stderr: r.stderr,
    files: results.map((f) => [path.relative(dir, f.filePath), f.messages.map((m) => (m.fatal ? `fatal ${m.message}` : m.ruleId))]),
  };
}

function world(dir: string): void {
  fs.chmodSync(dir, 0o755);
  for (const e of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const p = path.join(dir, e);
    fs.chmodSync(p, fs.statSync(p).isDirectory() ? 0o755 : 0o644);
  }
}

const run = nobody ? it : it.skip;

run.each([
  ['without --dialect', []],
  ['with --dialect nginx', ['--dialect', 'nginx']],
])('a named file that cannot be read: a finding, the other files linted, exit 2 (%s)', (_n, extra) => {
  const dir = tree({ 'secret.conf': OK, 'app.conf': BROKEN });
  world(dir);
  fs.chmodSync(path.join(dir, 'secret.conf'), 0o600);
  const r = lintAsNobody(dir, [...extra, 'secret.conf', 'app.conf']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(2);
  expect(r.files).toEqual([
    ['app.conf', ['nginx/proxy-http-version', 'nginx/websocket-connection-header', 'nginx/websocket-read-timeout', 'nginx/websocket-upgrade-header']],
    ['secret.conf', ['fatal cannot read file: permission denied']],
  ]);
});

run('a directory in a walk that cannot be read: a finding at the directory, the rest linted, exit 2', () => {
  const dir = tree({ 'conf.d/app.conf': OK, 'conf.d/private/x.conf': OK });
  world(dir);
  fs.chmodSync(path.join(dir, 'conf.d', 'private'), 0o700);
  const r = lintAsNobody(dir, ['--dialect', 'nginx', 'conf.d']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(2);
  expect(r.files).toEqual([
    ['conf.d/app.conf', []],
    ['conf.d/private', ['fatal cannot read directory: permission denied']],
  ]);
});

run('readable trees are unchanged: exit 0, no finding', () => {
  const dir = tree({ 'conf.d/app.conf': OK });
  world(dir);
  const r = lintAsNobody(dir, ['--dialect', 'nginx', 'conf.d']);
  expect([r.code, r.files]).toEqual([0, [['conf.d/app.conf', []]]]);
});
