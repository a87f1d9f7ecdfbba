/**
 * Files only the current user can have written: the user's own cache directory (where the
 * lint cache's key lives) and the ownership checks config lookup uses. The same rules as
 * bin/code-cache.js (plain JS that runs before the bundle loads, so it cannot share this code):
 * a private directory is a real directory (lstat, not a symlink) owned by the user, with no
 * group/other bits, under ancestors that only the user or root can change.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const currentUid = (): number | undefined => (typeof process.getuid === 'function' ? process.getuid() : undefined);

/** $XDG_CACHE_HOME/proxylint, ~/.cache/proxylint, %LOCALAPPDATA%\proxylint\Cache, or undefined. */
export function userCacheDir(env: NodeJS.ProcessEnv = process.env, platform: string = process.platform): string | undefined {
  if (platform === 'win32') return env.LOCALAPPDATA && path.isAbsolute(env.LOCALAPPDATA) ? path.join(env.LOCALAPPDATA, 'proxylint', 'Cache') : undefined;
  if (currentUid() === undefined) return undefined;
  if (env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME)) return path.join(env.XDG_CACHE_HOME, 'proxylint');
  if (env.HOME && path.isAbsolute(env.HOME)) return path.join(env.HOME, '.cache', 'proxylint');
  return undefined;
}

/** Owned by the user (or root where allowed); always true where there are no POSIX owners. */
export function ownedByUser(st: fs.Stats, allowRoot = false, uid = currentUid()): boolean {
  return uid === undefined || st.uid === uid || (allowRoot && st.uid === 0);
}

/** Group or others may create and rename entries (a sticky bit stops renaming others' entries). */
export const othersCanReplace = (st: fs.Stats): boolean => (st.mode & 0o022) !== 0 && (st.mode & 0o1000) === 0;

export function isPrivateDir(dir: string, uid = currentUid()): boolean {
  try {
    const st = fs.lstatSync(dir);
    if (!st.isDirectory() || !ownedByUser(st, false, uid)) return false;
    if (uid === undefined) return true;
    if ((st.mode & 0o077) !== 0) return false;
    for (let p = fs.realpathSync.native(path.dirname(dir)); ; p = path.dirname(p)) {
      const a = fs.statSync(p);
      if (!ownedByUser(a, true, uid) || othersCanReplace(a)) return false;
      if (path.dirname(p) === p) return true;
    }
  } catch {
    return false;
  }
}

/** The user's private cache directory, created 0700 when missing; undefined when there is none. */
export function ensurePrivateCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dir = userCacheDir(env);
  if (!dir) return undefined;
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch {
    return undefined;
  }
  return isPrivateDir(dir) ? dir : undefined;
}

/**
 * Reads a regular file through one descriptor (no symlink followed, no blocking on a FIFO) and
 * returns its bytes with the descriptor's stat, so the checks and the read see the same file.
 */
export function readRegularFile(file: string, maxBytes: number, followSymlinks = true): { data: Buffer; st: fs.Stats } {
  const { O_RDONLY, O_NOFOLLOW = 0, O_NONBLOCK = 0 } = fs.constants;
  const fd = fs.openSync(file, O_RDONLY | O_NONBLOCK | (followSymlinks ? 0 : O_NOFOLLOW));
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTREG' });
    if (st.size > maxBytes) throw Object.assign(new Error(`larger than ${maxBytes} bytes`), { code: 'EFBIG' });
    const data = Buffer.allocUnsafe(st.size);
    let got = 0;
    while (got < st.size) {
      const n = fs.readSync(fd, data, got, st.size - got, got);
      if (n === 0) break;
      got += n;
    }
    return { data: data.subarray(0, got), st };
  } finally {
    fs.closeSync(fd);
  }
}

/** Writes `data` to `file` through an exclusively created temp file beside it, renamed into place. */
export function writePrivateFile(file: string, data: string | Buffer, mode = 0o600): void {
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  const fd = fs.openSync(tmp, 'wx', mode);
  try {
    try {
      const buf = typeof data === 'string' ? Buffer.from(data) : data;
      for (let off = 0; off < buf.length; ) off += fs.writeSync(fd, buf, off, buf.length - off);
      fs.fchmodSync(fd, mode); // the umask may have narrowed it; never widened
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
