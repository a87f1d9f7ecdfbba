/**
 * Control characters from config text and file names never reach the terminal or a CI log raw:
 * an ESC sequence in a value must not clear the screen and print a fake success, a newline in a
 * message must not start a GitHub workflow command, a bidi override must not reorder a line.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli, useTempTrees } from '../support/cli';

const tree = useTempTrees();
const ESC = '\u001b';
const FAKE = `${ESC}[2J${ESC}[32m✔ FAKE-OK`;
// A WebSocket location whose path carries the sequence (quoted in messages and snippets), and a
// syntax error in a second file whose name carries a newline and a workflow command.
const NGINX = `events {}\nhttp {\n    server {\n        listen 80;\n        location "/ws/${FAKE}\u202e" {\n            proxy_pass http://127.0.0.1:3000;\n        }\n    }\n}\n`;
const EVIL_NAME = `evil\r\n::error file=x::owned${ESC}[1m.conf`;
// Raw controls a human format may carry: C0 except TAB and the format's own LF, DEL, C1, bidi.
// eslint-disable-next-line no-control-regex
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function setup(): string {
  const dir = tree({ 'nginx/nginx.conf': NGINX });
  fs.mkdirSync(path.join(dir, 'nginx', 'conf.d'));
  fs.writeFileSync(path.join(dir, 'nginx', 'conf.d', EVIL_NAME), 'server {\n    listen 80;\n    location /x/ {\n');
  return dir;
}

it.each(['stylish', 'github', 'checkstyle', 'junit', 'json', 'sarif', 'gitlab'])('%s: no raw control character, the text still visible', (format) => {
  const dir = setup();
  const r = runCli(['lint', '-f', format, '--dialect', 'nginx', 'nginx'], dir, { GITHUB_ACTIONS: 'true' });
  expect(r.code).toBe(1);
  const lines = r.stdout.split('\n');
  const raw = lines.filter((l) => RAW.test(l.replace(/\r$/, '')));
  expect(raw).toEqual([]);
  expect(r.stdout).not.toContain('\r');
  expect(r.stderr).toBe('');
  if (format === 'github') {
    // Every line is one of ours; the name's "::error" is inside a property, escaped.
    expect(lines.filter(Boolean).every((l) => /^::(group|endgroup|error|warning|notice)\b/.test(l))).toBe(true);
    expect(lines.filter((l) => l.includes('owned'))[0]).toMatch(/^::group::.*evil%0D%0A::error file=x::owned\\x1b\[1m\.conf$/);
  }
  if (format === 'stylish') {
    expect(r.stdout).toContain('\\x1b[2J\\x1b[32m✔ FAKE-OK\\u202e');
    expect(r.stdout).toContain('evil\\r\\n::error file=x::owned\\x1b[1m.conf:');
    // No line of a stylish report may start a workflow command.
    expect(lines.some((l) => l.startsWith('::'))).toBe(false);
  }
  if (format === 'json' || format === 'sarif' || format === 'gitlab') {
    expect(r.stdout).toContain('\\u001b[2J');
    expect(JSON.stringify(JSON.parse(r.stdout))).toContain('FAKE-OK');
  }
});

it('the caret of a snippet stays under the range after escaping', () => {
  const dir = tree({ 'nginx.conf': `events {}\nhttp {\n    server {\n        listen 80;\n        location "/ws/${ESC}x" {\n            proxy_pass http://127.0.0.1:3000;\n        }\n    }\n}\n` });
  const out = runCli(['lint', 'nginx.conf'], dir).stdout.split('\n');
  const i = out.findIndex((l) => l.includes('5 |') && l.includes('location'));
  expect(out[i]).toBe('  5 |         location "/ws/\\x1bx" {');
  // Under `location "/ws/\x1bx"`, from its first character to its last, in the escaped line.
  expect(out[i + 1]).toBe(`  ${' '.repeat(String(5).length)} | ${' '.repeat(8)}^${'~'.repeat('location "/ws/\\x1bx"'.length - 1)}`);
});

it('stderr: a path with controls in an error message is escaped', () => {
  const dir = tree({});
  const r = runCli(['lint', `missing${ESC}[2J\n::error::x.conf`], dir);
  expect(r.code).toBe(2);
  expect(r.stderr).not.toMatch(RAW);
  expect(r.stderr.split('\n').some((l) => l.startsWith('::'))).toBe(false);
});
