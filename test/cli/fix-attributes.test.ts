/**
 * --fix keeps extended attributes and POSIX ACLs (issue 14: the temp file + rename dropped them,
 * since they belong to the inode). With GNU cp they are copied onto the temp file before the
 * atomic rename; without it the text is written in place after a verified copy; when cp cannot
 * keep them the file is not written, with a one-line reason. Needs setfattr/getfattr (Debian
 * `attr`) and setfacl/getfacl (`acl`), in .ci/run: missing under CI=true is a failure.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../support/cli';
import { REPO_ROOT } from '../support/paths';
import { FixNotWritten, writeAtomic } from '../../src/core/write';

const BROKEN = 'server {\n    listen 80;\n    location /ws/ {\n        proxy_pass http://127.0.0.1:3000;\n    }\n}\n';
const TOOLS = ['setfattr', 'getfattr', 'setfacl', 'getfacl'];

function run(cmd: string, args: string[]): { ok: boolean; out: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

/** A scratch dir on a file system that takes user xattrs and ACLs (tmp first, then the checkout's). */
function scratchBase(): string | undefined {
  for (const base of [os.tmpdir(), REPO_ROOT]) {
    const dir = fs.mkdtempSync(path.join(base, '.proxylint-xattr-'));
    const f = path.join(dir, 'probe');
    fs.writeFileSync(f, 'x');
    const ok = run('setfattr', ['-n', 'user.proxylint', '-v', '1', f]).ok && run('setfacl', ['-m', 'u:65534:r', f]).ok;
    fs.rmSync(dir, { recursive: true, force: true });
    if (ok) return base;
  }
  return undefined;
}

const missing = TOOLS.filter((t) => !run(t, ['--version']).ok);
if (missing.length && process.env.CI === 'true') throw new Error(`${missing.join(', ')} missing: apt-get install attr acl`);
const base = missing.length ? undefined : scratchBase();
if (missing.length) console.warn(`NOTICE: ${missing.join(', ')} missing (apt-get install attr acl); skipping the xattr/ACL --fix cases`);
else if (!base) console.warn('NOTICE: no file system here takes user xattrs and ACLs; skipping the xattr/ACL --fix cases');
const maybe = base ? it : it.skip;

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  dirs = [];
});

/** conf.d/a.conf (BROKEN) with user.origin="hello" and an ACL entry for nobody. */
function attributed(): { dir: string; file: string } {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(base!, '.proxylint-xattr-')));
  dirs.push(dir);
  fs.mkdirSync(path.join(dir, 'conf.d'));
  const file = path.join(dir, 'conf.d', 'a.conf');
  fs.writeFileSync(file, BROKEN);
  fs.chmodSync(file, 0o640);
  expect(run('setfattr', ['-n', 'user.origin', '-v', 'hello', file]).ok).toBe(true);
  expect(run('setfacl', ['-m', 'u:65534:r', file]).ok).toBe(true);
  return { dir, file };
}

function attributes(file: string): { xattr: string; acl: string[]; mode: number } {
  return {
    xattr: run('getfattr', ['--absolute-names', '--only-values', '-n', 'user.origin', file]).out,
    acl: run('getfacl', ['-cp', file]).out.split('\n').filter((l) => l && !l.startsWith('#')),
    mode: fs.statSync(file).mode & 0o7777,
  };
}

const WANT = { xattr: 'hello', acl: ['user::rw-', 'user:nobody:r--', 'group::r--', 'mask::r--', 'other::---'], mode: 0o640 };

maybe('lint --fix keeps a user xattr and a POSIX ACL (atomic rename, attributes copied by GNU cp)', () => {
  const { dir, file } = attributed();
  expect(attributes(file)).toEqual(WANT);
  const before = fs.statSync(file).ino;
  const r = runCli(['lint', '--fix', '--dialect', 'nginx', 'conf.d'], dir);
  expect(r.stderr).toBe('proxylint: fixed 3 problems in 1 file\n');
  expect(fs.readFileSync(file, 'utf8')).toContain('proxy_set_header Upgrade');
  expect(attributes(file)).toEqual(WANT);
  expect(fs.statSync(file).ino).not.toBe(before); // replaced by rename, not rewritten
  expect(fs.readdirSync(path.join(dir, 'conf.d'))).toEqual(['a.conf']);
});

maybe('without a GNU cp the text is written in place after a verified copy: same inode, attributes kept', () => {
  const { dir, file } = attributed();
  const before = fs.statSync(file).ino;
  writeAtomic({ path: file, text: BROKEN, encoding: 'utf8' }, '# fixed\n', { cpPath: path.join(dir, 'no-such-cp') });
  expect(fs.readFileSync(file, 'utf8')).toBe('# fixed\n');
  expect(fs.statSync(file).ino).toBe(before);
  expect(attributes(file)).toEqual(WANT);
  expect(fs.readdirSync(path.join(dir, 'conf.d'))).toEqual(['a.conf']);
});

maybe('when cp cannot keep them, the file is not written: a one-line reason, no temp file left', () => {
  const { dir, file } = attributed();
  const fakeCp = path.join(dir, 'cp');
  fs.writeFileSync(fakeCp, "#!/bin/sh\necho \"cp: setting attributes for '$5': Operation not supported\" >&2\nexit 1\n", { mode: 0o755 });
  let err: unknown;
  try {
    writeAtomic({ path: file, text: BROKEN, encoding: 'utf8' }, '# fixed\n', { cpPath: fakeCp });
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(FixNotWritten);
  expect((err as Error).message).toMatch(/^its extended attributes or ACLs cannot be kept \(setting attributes for '[^']*\/\.a\.conf\.proxylint-\d+-\d+\.tmp': Operation not supported\)$/);
  expect(fs.readFileSync(file, 'utf8')).toBe(BROKEN);
  expect(attributes(file)).toEqual(WANT);
  expect(fs.readdirSync(path.join(dir, 'conf.d'))).toEqual(['a.conf']);
});
