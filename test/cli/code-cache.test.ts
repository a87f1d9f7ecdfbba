/**
 * The V8 code cache runs whatever bytecode it is given (V8 checks cached data only against the
 * source's length), so a cache another user can plant is code execution as the victim.
 * Each case plants a real exploit — bytecode compiled from other code of the bundle's length
 * that prints PWNED — where an attacker could put it, runs the real CLI, and checks that it is
 * neither run nor written through. The first case shows the exploit works where it is trusted
 * (the user's own private cache directory), so the others prove the checks, not a dud payload.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli, useTempTrees } from '../support/cli';
import { REPO_ROOT } from '../support/paths';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const codeCache = require(path.join(REPO_ROOT, 'bin', 'code-cache.js')) as {
  cacheDirectory(env: Record<string, string | undefined>, platform?: string): string | undefined;
  isPrivateDir(dir: string): boolean;
  readCache(dir: string, source: Buffer): { data: Buffer; tags: string[] } | undefined;
  writeCache(dir: string, source: Buffer, data: Buffer, tags?: string[]): boolean;
  fileName(sourceLength: number): string;
  MAGIC: Buffer;
  HEADER: number;
};

const BUNDLE = path.join(REPO_ROOT, 'dist', 'proxylint.js');
const bundle = fs.readFileSync(BUNDLE);
const GOOD = 'events {}\nhttp { server { listen 80; } }\n';
const isRoot = process.getuid?.() === 0;
const OTHER = 65534; // nobody
const rootOnly = isRoot ? it : it.skip;
if (!isRoot) console.warn('NOTICE: not root; skipping the code-cache cases that need a file owned by another user');

/** V8 cached data for code of the bundle's exact length that prints PWNED, made by a node run like the CLI's. */
const evilData = (() => {
  const payload = "process.stdout.write('PWNED\\n'); module.exports.main = async () => 0; //";
  const evil = payload + 'x'.repeat(bundle.length - payload.length);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'proxylint-evil-'));
  fs.writeFileSync(path.join(work, 'evil.js'), evil);
  const make = `const fs = require('fs'), vm = require('vm'), M = require('module');
    const s = new vm.Script(M.wrap(fs.readFileSync(${JSON.stringify(path.join(work, 'evil.js'))}, 'utf8')), { filename: ${JSON.stringify(BUNDLE)} });
    fs.writeFileSync(${JSON.stringify(path.join(work, 'data'))}, s.createCachedData());`;
  const r = spawnSync(process.execPath, ['-e', make], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`making the payload failed: ${r.stderr || r.error}`);
  const data = fs.readFileSync(path.join(work, 'data'));
  fs.rmSync(work, { recursive: true });
  return data;
})();

/** A cache file in the current format: the real bundle's bytes (so the content check passes), evil bytecode. */
function evilCacheFile(): Buffer {
  const header = Buffer.alloc(codeCache.HEADER);
  codeCache.MAGIC.copy(header);
  header.writeUInt32LE(bundle.length, codeCache.MAGIC.length);
  header.writeUInt32LE(evilData.length, codeCache.MAGIC.length + 4);
  header.writeUInt32LE(0, codeCache.MAGIC.length + 8); // no tags
  return Buffer.concat([header, bundle, evilData]);
}
const NAME = codeCache.fileName(bundle.length);

const tree = useTempTrees();
function setup(): { dir: string; env: Record<string, string> } {
  const dir = tree({ 'nginx.conf': GOOD });
  fs.mkdirSync(path.join(dir, 'tmp'));
  // A HOME of our own, so the real ~/.cache is never touched; each case sets XDG_CACHE_HOME.
  fs.mkdirSync(path.join(dir, 'home'), { mode: 0o700 });
  return { dir, env: { HOME: path.join(dir, 'home'), TMPDIR: path.join(dir, 'tmp'), XDG_CACHE_HOME: '' } };
}
function lint(dir: string, env: Record<string, string>) {
  const r = runCli(['lint', 'nginx.conf'], dir, env);
  expect(r.stdout).not.toContain('PWNED');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r;
}
/** Every entry under `dir` with its kind and content, to show nothing was written. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const p = path.join(dir, name);
    const st = fs.lstatSync(p);
    out[name] = st.isSymbolicLink() ? `-> ${fs.readlinkSync(p)}` : st.isFile() ? fs.readFileSync(p).toString('base64') : 'dir';
  }
  return out;
}
function mkdir(p: string, mode: number, uid?: number): string {
  fs.mkdirSync(p, { recursive: true });
  fs.chmodSync(p, mode);
  if (uid !== undefined) fs.chownSync(p, uid, uid);
  return p;
}

it('the exploit is real: a planted cache in the user\'s own private directory is run (the trust boundary)', () => {
  const { dir, env } = setup();
  const cache = mkdir(path.join(dir, 'xdg', 'proxylint'), 0o700);
  fs.writeFileSync(path.join(cache, NAME), evilCacheFile(), { mode: 0o600 });
  const r = runCli(['lint', 'nginx.conf'], dir, { ...env, XDG_CACHE_HOME: path.join(dir, 'xdg') });
  expect(r.stdout).toBe('PWNED\n');
});

it('writes its cache 0600 in a new 0700 $XDG_CACHE_HOME/proxylint and reads it back', () => {
  const { dir, env } = setup();
  const xdg = path.join(dir, 'xdg');
  lint(dir, { ...env, XDG_CACHE_HOME: xdg });
  const cache = path.join(xdg, 'proxylint');
  expect(fs.lstatSync(cache).mode & 0o777).toBe(0o700);
  expect(fs.readdirSync(cache)).toEqual([NAME]);
  expect(fs.statSync(path.join(cache, NAME)).mode & 0o777).toBe(0o600);
  expect(codeCache.readCache(cache, bundle)?.data.length).toBeGreaterThan(1000);
  lint(dir, { ...env, XDG_CACHE_HOME: xdg });
  expect(fs.readdirSync(cache)).toEqual([NAME]);
  expect(fs.readdirSync(path.join(dir, 'tmp'))).toEqual([]);
});

it('a run that used a dialect the cache lacks saves it again, with the union of the tags; a covered run does not write', () => {
  const { dir, env } = setup();
  fs.writeFileSync(path.join(dir, 'apache2.conf'), 'ServerName x\n');
  const xdg = { ...env, XDG_CACHE_HOME: path.join(dir, 'xdg') };
  const file = path.join(dir, 'xdg', 'proxylint', NAME);
  lint(dir, xdg);
  const first = fs.readFileSync(file);
  expect(codeCache.readCache(path.dirname(file), bundle)?.tags).toEqual(['lint', 'nginx']);
  const r = runCli(['lint', 'apache2.conf'], dir, xdg);
  expect([r.code, r.stderr]).toEqual([0, '']);
  const second = codeCache.readCache(path.dirname(file), bundle);
  expect(second?.tags).toEqual(['apache', 'lint', 'nginx']);
  // The Apache parser's bytecode is in it now, and the nginx functions read from the first cache stay.
  expect(second!.data.length).toBeGreaterThan(first.length - codeCache.HEADER - bundle.length);
  const written = fs.readFileSync(file);
  lint(dir, xdg);
  expect(fs.readFileSync(file).equals(written)).toBe(true);
});

it('falls back to ~/.cache/proxylint', () => {
  const { dir, env } = setup();
  lint(dir, env);
  expect(fs.readdirSync(path.join(dir, 'home', '.cache', 'proxylint'))).toEqual([NAME]);
});

it('never reads or writes the old shared $TMPDIR/proxylint-v8-cache-<uid> location', () => {
  const { dir, env } = setup();
  const st = fs.statSync(BUNDLE);
  const old = mkdir(path.join(dir, 'tmp', `proxylint-v8-cache-${process.getuid?.() ?? 'user'}`), 0o777);
  // The old name and format: raw V8 data keyed by size and mtime only.
  fs.writeFileSync(path.join(old, `${process.version}-${process.arch}-${st.size}-${Math.floor(st.mtimeMs)}.bin`), evilData);
  fs.writeFileSync(path.join(old, NAME), evilCacheFile());
  const before = snapshot(path.join(dir, 'tmp'));
  lint(dir, env);
  expect(snapshot(path.join(dir, 'tmp'))).toEqual(before);
});

describe('refuses a cache directory another user can change', () => {
  rootOnly('owned by another user', () => {
    const { dir, env } = setup();
    const cache = mkdir(path.join(dir, 'xdg', 'proxylint'), 0o700);
    fs.writeFileSync(path.join(cache, NAME), evilCacheFile(), { mode: 0o600 });
    fs.chownSync(path.join(cache, NAME), OTHER, OTHER);
    fs.chownSync(cache, OTHER, OTHER);
    const before = snapshot(path.join(dir, 'xdg'));
    lint(dir, { ...env, XDG_CACHE_HOME: path.join(dir, 'xdg') });
    expect(snapshot(path.join(dir, 'xdg'))).toEqual(before);
  });

  it('ours but mode 0777 (or any group/other bit)', () => {
    for (const mode of [0o777, 0o750, 0o701]) {
      const { dir, env } = setup();
      const cache = mkdir(path.join(dir, 'xdg', 'proxylint'), mode);
      fs.writeFileSync(path.join(cache, NAME), evilCacheFile(), { mode: 0o600 });
      const before = snapshot(path.join(dir, 'xdg'));
      lint(dir, { ...env, XDG_CACHE_HOME: path.join(dir, 'xdg') });
      expect(snapshot(path.join(dir, 'xdg'))).toEqual(before);
      expect(fs.statSync(cache).mode & 0o777).toBe(mode);
    }
  });

  it('a symlink to a private directory', () => {
    const { dir, env } = setup();
    const real = mkdir(path.join(dir, 'elsewhere'), 0o700);
    fs.writeFileSync(path.join(real, NAME), evilCacheFile(), { mode: 0o600 });
    mkdir(path.join(dir, 'xdg'), 0o700);
    fs.symlinkSync(real, path.join(dir, 'xdg', 'proxylint'));
    const before = snapshot(real);
    lint(dir, { ...env, XDG_CACHE_HOME: path.join(dir, 'xdg') });
    expect(snapshot(real)).toEqual(before);
    expect(fs.lstatSync(path.join(dir, 'xdg', 'proxylint')).isSymbolicLink()).toBe(true);
  });

  it('private, but under a directory others can write (no sticky bit)', () => {
    const { dir, env } = setup();
    const ww = mkdir(path.join(dir, 'shared'), 0o777);
    const cache = mkdir(path.join(ww, 'xdg', 'proxylint'), 0o700);
    fs.writeFileSync(path.join(cache, NAME), evilCacheFile(), { mode: 0o600 });
    const before = snapshot(ww);
    lint(dir, { ...env, XDG_CACHE_HOME: path.join(ww, 'xdg') });
    expect(snapshot(ww)).toEqual(before);
  });

  rootOnly('~/.cache/proxylint private, but HOME owned by another user', () => {
    const { dir, env } = setup();
    const home = mkdir(path.join(dir, 'otherhome'), 0o755);
    const cache = mkdir(path.join(home, '.cache', 'proxylint'), 0o700);
    fs.writeFileSync(path.join(cache, NAME), evilCacheFile(), { mode: 0o600 });
    fs.chownSync(home, OTHER, OTHER);
    const before = snapshot(home);
    lint(dir, { ...env, HOME: home });
    expect(snapshot(home)).toEqual(before);
  });
});

describe('refuses a cache file it cannot vouch for, in a private directory', () => {
  it('a symlink: not followed to read, and replaced (not written through) by the writer', () => {
    const { dir, env } = setup();
    const cache = mkdir(path.join(dir, 'xdg', 'proxylint'), 0o700);
    const victim = path.join(dir, 'victim');
    fs.writeFileSync(victim, evilCacheFile(), { mode: 0o600 });
    fs.symlinkSync(victim, path.join(cache, NAME));
    const before = fs.readFileSync(victim);
    lint(dir, { ...env, XDG_CACHE_HOME: path.join(dir, 'xdg') });
    expect(fs.readFileSync(victim).equals(before)).toBe(true);
    expect(fs.lstatSync(path.join(cache, NAME)).isFile()).toBe(true);
  });

  rootOnly('owned by another user', () => {
    const { dir, env } = setup();
    const cache = mkdir(path.join(dir, 'xdg', 'proxylint'), 0o700);
    fs.writeFileSync(path.join(cache, NAME), evilCacheFile(), { mode: 0o600 });
    fs.chownSync(path.join(cache, NAME), OTHER, OTHER);
    lint(dir, { ...env, XDG_CACHE_HOME: path.join(dir, 'xdg') });
  });

  it('writable by group or others', () => {
    const { dir, env } = setup();
    const cache = mkdir(path.join(dir, 'xdg', 'proxylint'), 0o700);
    fs.writeFileSync(path.join(cache, NAME), evilCacheFile());
    fs.chmodSync(path.join(cache, NAME), 0o666);
    lint(dir, { ...env, XDG_CACHE_HOME: path.join(dir, 'xdg') });
  });

  it('a FIFO at the name does not hang the run', () => {
    const { dir, env } = setup();
    const cache = mkdir(path.join(dir, 'xdg', 'proxylint'), 0o700);
    expect(spawnSync('mkfifo', [path.join(cache, NAME)]).status).toBe(0);
    lint(dir, { ...env, XDG_CACHE_HOME: path.join(dir, 'xdg') });
  });
});

describe('binds the cache to the bundle bytes, not just their length', () => {
  it('a cache made for other source of the same length is not returned', () => {
    const cache = mkdir(path.join(tree({}), 'c'), 0o700);
    expect(codeCache.writeCache(cache, bundle, Buffer.from('data'), ['nginx', 'lint', 'nginx'])).toBe(true);
    expect(codeCache.readCache(cache, bundle)?.data.toString()).toBe('data');
    expect(codeCache.readCache(cache, bundle)?.tags).toEqual(['lint', 'nginx']);
    const other = Buffer.from(bundle);
    other[other.length - 2] ^= 1;
    expect(codeCache.readCache(cache, other)).toBeUndefined();
  });

  it('a truncated or foreign file is not returned', () => {
    const cache = mkdir(path.join(tree({}), 'c'), 0o700);
    codeCache.writeCache(cache, bundle, Buffer.from('data'), ['lint']);
    const file = path.join(cache, NAME);
    fs.truncateSync(file, fs.statSync(file).size - 1);
    expect(codeCache.readCache(cache, bundle)).toBeUndefined();
    fs.writeFileSync(file, evilData);
    expect(codeCache.readCache(cache, bundle)).toBeUndefined();
  });
});

describe('cacheDirectory', () => {
  it.each([
    [{ XDG_CACHE_HOME: '/x/cache', HOME: '/home/u' }, 'linux', '/x/cache/proxylint'],
    [{ HOME: '/home/u' }, 'linux', '/home/u/.cache/proxylint'],
    [{ XDG_CACHE_HOME: 'relative', HOME: '/home/u' }, 'linux', '/home/u/.cache/proxylint'],
    [{}, 'linux', undefined],
    [{ HOME: 'relative' }, 'linux', undefined],
    [{ HOME: '/home/u' }, 'win32', undefined],
  ])('%j on %s -> %s', (env, platform, expected) => {
    expect(codeCache.cacheDirectory(env, platform)).toBe(expected);
  });
});
