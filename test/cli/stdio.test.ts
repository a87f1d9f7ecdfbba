/**
 * src/cli/stdio.ts: lint writes its report on fd 1 without making process.stdout (node's stream,
 * net and tty modules stay unloaded), and the guards the CLI installs on the streams are applied
 * when a stream is first made. Run in child processes: the streams are process-wide.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../support/paths';

const STDIO = path.join(REPO_ROOT, 'dist', 'src', 'cli', 'stdio.js');

function node(script: string, stdout: 'pipe' | number = 'pipe'): { stdout: string; stderr: string; code: number | null } {
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', stdio: ['ignore', stdout, 'pipe'], env: { ...process.env, STDIO } });
  return { stdout: r.stdout ?? '', stderr: r.stderr, code: r.status };
}

const PRELUDE = `
const fs = require('node:fs');
const io = require(process.env.STDIO);
const made = [];
io.deferStdio({ stdout: () => made.push('stdout'), stderr: (s) => { made.push('stderr'); const w = s.write.bind(s); s.write = (c) => w('guarded: ' + c); } });
const loaded = (m) => process.moduleLoadList.includes('NativeModule ' + m);
`;

test('writeStdout writes on fd 1 without making process.stdout or loading net/tty/stream', () => {
  const r = node(
    PRELUDE +
      `io.writeStdout('one\\n'); io.writeStdout(''); io.writeStdout('two ✔\\n');
       const tty = io.stdoutIsTTY();
       fs.writeSync(2, JSON.stringify({ made, tty, net: loaded('net'), tty_: loaded('tty'), stream: loaded('stream') }));`,
  );
  expect(r.code).toBe(0);
  expect(r.stdout).toBe('one\ntwo ✔\n');
  expect(JSON.parse(r.stderr)).toEqual({ made: [], tty: false, net: false, tty_: false, stream: false });
});

test('a stream made later gets its setup once, before its first write; writeStdout then uses it', () => {
  const r = node(PRELUDE + `io.writeStdout('a\\n'); process.stderr.write('x\\n'); process.stderr.write('y\\n'); io.writeStdout('b\\n'); process.stdout.write('c\\n'); io.writeStdout('d\\n'); process.stderr.write(made.join(',') + '\\n');`);
  expect(r.code).toBe(0);
  expect(r.stdout).toBe('a\nb\nc\nd\n');
  expect(r.stderr).toBe('guarded: x\nguarded: y\nguarded: stderr,stdout\n');
});

test('stdoutIsTTY is false for a file and for /dev/null without making the stream', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proxylint-stdio-'));
  try {
    for (const target of [path.join(dir, 'out.txt'), '/dev/null']) {
      const fd = fs.openSync(target, 'w');
      try {
        const r = node(PRELUDE + `fs.writeSync(2, JSON.stringify({ tty: io.stdoutIsTTY(), made }));`, fd);
        expect(JSON.parse(r.stderr)).toEqual({ tty: false, made: [] });
      } finally {
        fs.closeSync(fd);
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a closed reader (EPIPE) drops later output quietly', () => {
  const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" -e "$S" | true`], {
    encoding: 'utf8',
    env: { ...process.env, STDIO, S: PRELUDE + `setTimeout(() => { for (let i = 0; i < 1000; i++) io.writeStdout('x'.repeat(1000) + '\\n'); fs.writeSync(2, 'done ' + made.length); }, 200);` },
  });
  expect(r.stderr).toBe('done 0');
  expect(r.status).toBe(0);
});

test('lint to a file: the report has no colour (not a TTY) and is complete', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proxylint-stdio-'));
  try {
    const conf = path.join(dir, 'app.conf');
    fs.writeFileSync(conf, 'server {\n    listen 80;\n    location /ws/ {\n        proxy_pass http://127.0.0.1:3000;\n    }\n}\n');
    const out = path.join(dir, 'out.txt');
    const fd = fs.openSync(out, 'w');
    const env: NodeJS.ProcessEnv = { ...process.env, GITHUB_ACTIONS: '' };
    delete env.NO_COLOR;
    delete env.FORCE_COLOR;
    const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'proxylint.js'), 'lint', conf], { stdio: ['ignore', fd, 'pipe'], env, encoding: 'utf8' });
    fs.closeSync(fd);
    const piped = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'proxylint.js'), 'lint', conf], { env, encoding: 'utf8' });
    expect(r.status).toBe(1);
    const text = fs.readFileSync(out, 'utf8');
    expect(text).not.toMatch(/\x1b\[/);
    expect(text).toMatch(/nginx\/websocket-upgrade-header/);
    expect(text).toBe(piped.stdout);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

// The lint path's start-up (issue 13): a one-file run of each dialect loads none of node's
// stream, net, tty or child_process modules (making process.stdout, or importing
// node:child_process at the top of a module on the lint path, costs 2-5 ms of every run).
test.each([
  ['nginx', 'app.conf', 'server {\n    listen 80;\n    location /ws/ {\n        proxy_pass http://127.0.0.1:3000;\n    }\n}\n'],
  ['apache', 'apache2.conf', '<VirtualHost *:80>\n    ProxyPass /ws/ ws://127.0.0.1:3000/\n</VirtualHost>\n'],
  // Squid's acl code imports isIPv4/isIPv6 from node:net (src/dialects/squid/ip.ts): net and stream load there, not yet fixed.
  ['squid', 'squid.conf', 'http_port 3128\nhttp_access deny all\n'],
  ['haproxy', 'haproxy.cfg', 'defaults\n    mode http\nbackend b\n    server s 127.0.0.1:3000\n'],
])('lint of one %s file loads no stream, net, tty or child_process module', (_d, name, text) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proxylint-stdio-'));
  try {
    const conf = path.join(dir, name);
    fs.writeFileSync(conf, text);
    const pre = path.join(dir, 'modules.js');
    const list = path.join(dir, 'modules.txt');
    fs.writeFileSync(pre, `const pre = new Set(process.moduleLoadList); process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(list)}, process.moduleLoadList.filter((m) => !pre.has(m)).join('\\n')));`);
    for (const format of ['stylish', 'json']) {
      const r = spawnSync(process.execPath, ['-r', pre, path.join(REPO_ROOT, 'bin', 'proxylint.js'), 'lint', '--format', format, conf], { encoding: 'utf8', env: { ...process.env, GITHUB_ACTIONS: '' } });
      expect(r.stderr).toBe('');
      expect(r.stdout.length).toBeGreaterThan(10);
      const loaded = fs.readFileSync(list, 'utf8').split('\n');
      expect(loaded).toContain('NativeModule vm');
      const forbidden = name === 'squid.conf' ? /^NativeModule (tty|child_process|dgram)$/ : /^NativeModule (stream|net|tty|child_process|dgram)$/;
      expect(loaded.filter((m) => forbidden.test(m))).toEqual([]);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
