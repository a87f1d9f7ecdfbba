/**
 * --cache: a second run reuses the results of files whose content, configuration, proxylint
 * version and unit (the files that include them and that they include) did not change.
 * The proof is black-box: a cached entry is doctored, and the doctored message shows up only
 * when the entry is (rightly) reused.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHmac } from 'node:crypto';
import { runCli, useTempTrees } from '../support/cli';
import { BROKEN, GOOD } from '../report/results';
import { lintCacheKey } from '../../src/cli/cache';

const MAIN = `events {}
http {
    map $http_upgrade $connection_upgrade { default upgrade; '' close; }
    include conf.d/*.conf;
}
`;

const tree = useTempTrees();
const FAKE = 'served from the cache';
const lint = (dir: string, ...args: string[]) => {
  const r = runCli(['lint', '-f', 'json', '--cache', ...args, '.'], dir);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as { filePath: string; messages: { message: string; ruleId: string }[] }[];
};
const messagesOf = (results: ReturnType<typeof lint>, name: string) => results.find((r) => r.filePath.endsWith(name))!.messages.map((m) => m.message);
/** The cache's JSON body (after its signature line). */
const readCache = (p: string) => JSON.parse(fs.readFileSync(p, 'utf8').replace(/^proxylint-cache 1 [0-9a-f]{64}\n/, ''));
/** Writes a cache body signed as proxylint signs it, with `key` (default: this user's real key, as the CLI runs see it). */
function writeSigned(p: string, data: unknown, key = lintCacheKey()!): void {
  const body = JSON.stringify(data);
  fs.writeFileSync(p, `proxylint-cache 1 ${createHmac('sha256', key).update(p).update('\0').update(body).digest('hex')}\n${body}`);
}
function doctor(dir: string, name: string, location = '.proxylintcache', sign = writeSigned, message = FAKE): void {
  const p = path.join(dir, location);
  const data = readCache(p);
  const key = Object.keys(data.entries).find((k) => k.endsWith(name))!;
  data.entries[key].messages = message === '' ? [] : [{ ruleId: 'nginx/websocket-upgrade-header', severity: 'error', message, line: 1, column: 1, endLine: 1, endColumn: 2 }];
  sign(p, data);
}

it('gives the same results as a run without cache, and reuses entries of unchanged files', () => {
  const dir = tree({ 'nginx/nginx.conf': MAIN, 'nginx/conf.d/app.conf': BROKEN, 'nginx/conf.d/good.conf': GOOD });
  const plain = runCli(['lint', '-f', 'json', '.'], dir).stdout;
  const first = runCli(['lint', '-f', 'json', '--cache', '.'], dir);
  expect(first.stdout).toBe(plain);
  expect(fs.existsSync(path.join(dir, '.proxylintcache'))).toBe(true);
  expect(runCli(['lint', '-f', 'json', '--cache', '.'], dir).stdout).toBe(plain);
  doctor(dir, 'good.conf');
  expect(messagesOf(lint(dir), 'good.conf')).toEqual([FAKE]);
});

it('re-lints a file whose content changed', () => {
  const dir = tree({ 'nginx/nginx.conf': MAIN, 'nginx/conf.d/app.conf': BROKEN });
  lint(dir);
  doctor(dir, 'app.conf');
  expect(messagesOf(lint(dir), 'app.conf')).toEqual([FAKE]);
  fs.writeFileSync(path.join(dir, 'nginx/conf.d/app.conf'), GOOD);
  expect(messagesOf(lint(dir), 'app.conf')).toEqual([]);
});

it('re-lints a fragment when the main config that includes it changes', () => {
  const dir = tree({ 'nginx/nginx.conf': MAIN, 'nginx/conf.d/app.conf': GOOD });
  lint(dir, 'nginx/conf.d/app.conf');
  doctor(dir, 'app.conf');
  expect(messagesOf(lint(dir, 'nginx/conf.d/app.conf'), 'app.conf')).toEqual([FAKE]);
  fs.writeFileSync(path.join(dir, 'nginx/nginx.conf'), MAIN.replace('events {}', 'events { worker_connections 64; }'));
  expect(messagesOf(lint(dir, 'nginx/conf.d/app.conf'), 'app.conf')).toEqual([]);
});

it('reuses the entry of a config in the directory that holds the cache file (writing the cache is no change)', () => {
  const dir = tree({ 'nginx.conf': MAIN.replace('include conf.d/*.conf;', 'include conf.d/*.conf;\n    server { listen 8080; }'), 'conf.d/good.conf': GOOD });
  lint(dir);
  doctor(dir, 'nginx.conf');
  expect(messagesOf(lint(dir), 'nginx.conf')).toEqual([FAKE]);
  fs.writeFileSync(path.join(dir, 'other.conf'), '# a new file beside it\n');
  expect(messagesOf(lint(dir, 'nginx.conf'), 'nginx.conf')).not.toContain(FAKE);
});

it('re-lints when a new file appears in an included directory', () => {
  const dir = tree({ 'nginx/nginx.conf': MAIN, 'nginx/conf.d/app.conf': GOOD });
  lint(dir);
  doctor(dir, 'nginx.conf');
  expect(messagesOf(lint(dir, 'nginx/nginx.conf'), 'nginx.conf')).toEqual([FAKE]);
  fs.writeFileSync(path.join(dir, 'nginx/conf.d/new.conf'), '# empty\n');
  expect(messagesOf(lint(dir, 'nginx/nginx.conf'), 'nginx.conf')).not.toContain(FAKE);
});

it('re-lints when the configuration or the suppression options change', () => {
  const dir = tree({ 'nginx/conf.d/app.conf': BROKEN });
  lint(dir);
  doctor(dir, 'app.conf');
  expect(messagesOf(lint(dir), 'app.conf')).toEqual([FAKE]);
  expect(messagesOf(lint(dir, '--no-inline-config'), 'app.conf')).not.toContain(FAKE);
  doctor(dir, 'app.conf');
  fs.writeFileSync(path.join(dir, '.proxylint.yaml'), 'rules:\n  nginx/websocket-read-timeout: off\n');
  const after = lint(dir);
  expect(messagesOf(after, 'app.conf')).not.toContain(FAKE);
  expect(after[0].messages.some((m) => m.ruleId === 'nginx/websocket-read-timeout')).toBe(false);
});

it('throws away a cache written by another proxylint version', () => {
  const dir = tree({ 'nginx/conf.d/app.conf': GOOD });
  lint(dir);
  doctor(dir, 'app.conf');
  const p = path.join(dir, '.proxylintcache');
  const data = readCache(p);
  data.version = '0.0.0-older';
  writeSigned(p, data);
  expect(messagesOf(lint(dir), 'app.conf')).toEqual([]);
});

it('--cache-location puts the cache elsewhere; --fix neither reads nor writes it', () => {
  const dir = tree({ 'nginx/conf.d/app.conf': BROKEN });
  lint(dir, '--cache-location', 'tmp/pl.cache');
  expect(fs.existsSync(path.join(dir, 'tmp/pl.cache'))).toBe(true);
  expect(fs.existsSync(path.join(dir, '.proxylintcache'))).toBe(false);
  doctor(dir, 'app.conf', 'tmp/pl.cache');
  const fixed = runCli(['lint', '--fix', '--cache', '--cache-location', 'tmp/pl.cache', '-f', 'json', '.'], dir);
  expect(fixed.stdout).not.toContain(FAKE);
  expect(fs.readFileSync(path.join(dir, 'nginx/conf.d/app.conf'), 'utf8')).not.toBe(BROKEN);
});

it('a corrupt cache file is ignored and rewritten', () => {
  const dir = tree({ 'nginx/conf.d/app.conf': BROKEN, '.proxylintcache': '{not json' });
  expect(lint(dir)[0].messages.length).toBeGreaterThan(0);
  expect(() => readCache(path.join(dir, '.proxylintcache'))).not.toThrow();
});

it("a main config's cached entry still reports the findings of the files it includes", () => {
  const dir = tree({ 'nginx/nginx.conf': MAIN, 'nginx/conf.d/app.conf': BROKEN });
  const plain = runCli(['lint', '-f', 'json', 'nginx/nginx.conf'], dir).stdout;
  expect((JSON.parse(plain) as { filePath: string }[]).map((r) => path.basename(r.filePath))).toEqual(['nginx.conf', 'app.conf']);
  expect(runCli(['lint', '-f', 'json', '--cache', 'nginx/nginx.conf'], dir).stdout).toBe(plain);
  expect(runCli(['lint', '-f', 'json', '--cache', 'nginx/nginx.conf'], dir).stdout).toBe(plain);
  // Changing the included file re-lints the root.
  fs.writeFileSync(path.join(dir, 'nginx/conf.d/app.conf'), GOOD);
  const after = JSON.parse(runCli(['lint', '-f', 'json', '--cache', 'nginx/nginx.conf'], dir).stdout) as { messages: unknown[] }[];
  expect(after[1].messages).toEqual([]);
});

describe('a cache others could have written is not believed', () => {
  const SYNTAX = 'events {}\nhttp {\n    server {\n}\n';
  const lintSyntax = (dir: string) => runCli(['lint', '-f', 'json', '--cache', '.'], dir);

  it('an edited entry (signature left as it was) is ignored: a syntax error stays exit 1', () => {
    const dir = tree({ 'nginx/nginx.conf': SYNTAX });
    const first = lintSyntax(dir);
    expect(first.code).toBe(1);
    expect(first.stdout).toContain('"fatal":true');
    const p = path.join(dir, '.proxylintcache');
    const [head, body] = fs.readFileSync(p, 'utf8').split('\n');
    const data = JSON.parse(body);
    for (const e of Object.values(data.entries) as { messages: unknown[] }[]) e.messages = [];
    fs.writeFileSync(p, `${head}\n${JSON.stringify(data)}`);
    const again = lintSyntax(dir);
    expect(again.code).toBe(1);
    expect(again.stdout).toBe(first.stdout);
  });

  it('an entry signed with another key is ignored, escape sequences and all', () => {
    const dir = tree({ 'nginx/nginx.conf': SYNTAX });
    const first = lintSyntax(dir);
    doctor(dir, 'nginx.conf', '.proxylintcache', (p, d) => writeSigned(p, d, Buffer.alloc(32, 7)), '\u001b[2J\u001b[32mFAKE-OK');
    const again = lintSyntax(dir);
    expect(again.code).toBe(1);
    expect(again.stdout).toBe(first.stdout);
    expect(again.stdout).not.toContain('FAKE-OK');
  });

  it('an unsigned cache in the old plain-JSON format is ignored', () => {
    const dir = tree({ 'nginx/nginx.conf': SYNTAX });
    const first = lintSyntax(dir);
    const p = path.join(dir, '.proxylintcache');
    const data = readCache(p);
    for (const e of Object.values(data.entries) as { messages: unknown[] }[]) e.messages = [];
    fs.writeFileSync(p, JSON.stringify(data));
    expect(lintSyntax(dir).code).toBe(1);
    expect(lintSyntax(dir).stdout).toBe(first.stdout);
  });

  it('is written mode 0600, with its key 0600 in a 0700 $XDG_CACHE_HOME/proxylint', () => {
    const dir = tree({ 'nginx/nginx.conf': GOOD });
    const xdg = path.join(dir, 'xdg');
    expect(runCli(['lint', '--cache', '.'], dir, { XDG_CACHE_HOME: xdg }).code).toBe(0);
    expect(fs.statSync(path.join(dir, '.proxylintcache')).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(xdg, 'proxylint')).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(xdg, 'proxylint', 'lint-cache.key')).mode & 0o777).toBe(0o600);
  });

  it('without a private directory for the key, says so and lints everything (nothing cached)', () => {
    const dir = tree({ 'nginx/nginx.conf': SYNTAX });
    fs.mkdirSync(path.join(dir, 'open'), { mode: 0o777 });
    fs.chmodSync(path.join(dir, 'open'), 0o777);
    const r = runCli(['lint', '--cache', '-f', 'json', '.'], dir, { XDG_CACHE_HOME: path.join(dir, 'open') });
    expect(r.stderr).toBe('proxylint: --cache is off: it needs a private directory for its key ($XDG_CACHE_HOME or ~/.cache, yours and not writable by others)\n');
    expect(r.code).toBe(1);
    expect(fs.existsSync(path.join(dir, '.proxylintcache'))).toBe(false);
  });
});

it('re-lints a unit whose includes a compose file mapped, when the compose file changes', () => {
  const compose = 'services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - ./conf/nginx.conf:/etc/nginx/nginx.conf:ro\n      - ./sites:/etc/nginx/conf.d:ro\n';
  const main = 'events {}\nhttp {\n    include /etc/nginx/conf.d/*.conf;\n}\n';
  // In deploy/: the cache file beside a unit's file changes that directory's listing (left as it is here).
  const dir = tree({ 'deploy/docker-compose.yml': compose, 'deploy/conf/nginx.conf': main, 'deploy/sites/app.conf': BROKEN });
  lint(dir);
  doctor(dir, 'nginx.conf');
  expect(messagesOf(lint(dir), 'nginx.conf')).toEqual([FAKE]);
  // Without the sites mount, /etc/nginx/conf.d is unmapped: the cached entry must not be reused.
  fs.writeFileSync(path.join(dir, 'deploy/docker-compose.yml'), compose.replace('      - ./sites:/etc/nginx/conf.d:ro\n', ''));
  expect(messagesOf(lint(dir), 'nginx.conf')).toEqual(['include "/etc/nginx/conf.d/*.conf" is outside the linted tree: set includes.map']);
});

it("re-lints a unit when the .env or Dockerfile that decided its mapping changes, though nothing was mapped", () => {
  const compose = 'services:\n  web:\n    build: .\n    volumes:\n      - ${SITES_DIR}:/etc/nginx/conf.d:ro\n';
  const main = 'events {}\nhttp {\n    include /etc/nginx/conf.d/*.conf;\n}\n';
  const dir = tree({ 'deploy/docker-compose.yml': compose, 'deploy/Dockerfile': 'FROM nginx:1.27\nCOPY conf/nginx.conf /etc/nginx/nginx.conf\n', 'deploy/conf/nginx.conf': main, 'deploy/sites/app.conf': BROKEN });
  const unmapped = ['include "/etc/nginx/conf.d/*.conf" is outside the linted tree: set includes.map'];
  expect(messagesOf(lint(dir), 'nginx.conf')).toEqual(unmapped);
  // SITES_DIR has no value: nothing mapped, yet the cached entry depends on the .env that would give it one.
  doctor(dir, 'nginx.conf');
  expect(messagesOf(lint(dir), 'nginx.conf')).toEqual([FAKE]);
  fs.writeFileSync(path.join(dir, 'deploy/.env'), 'SITES_DIR=./sites\n');
  expect(messagesOf(lint(dir), 'nginx.conf')).not.toEqual([FAKE]);
  expect(messagesOf(lint(dir), 'nginx.conf')).not.toEqual(unmapped);
  // The same for the Dockerfile a service builds.
  fs.rmSync(path.join(dir, 'deploy/.env'));
  lint(dir);
  doctor(dir, 'nginx.conf');
  fs.writeFileSync(path.join(dir, 'deploy/Dockerfile'), 'FROM nginx:1.27\nCOPY conf/nginx.conf /etc/nginx/nginx.conf\nCOPY sites/ /etc/nginx/conf.d/\n');
  expect(messagesOf(lint(dir), 'nginx.conf')).not.toEqual([FAKE]);
});
