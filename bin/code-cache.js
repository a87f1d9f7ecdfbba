'use strict';
// The V8 code cache for the bundle, kept where nobody but the current user can write.
//
// V8 checks cached data only against the source's length (and its own version and flags), so
// whoever can write the cache file runs code as the user who loads it. Hence:
// - the cache lives in the user's own cache directory ($XDG_CACHE_HOME/proxylint or
//   ~/.cache/proxylint; %LOCALAPPDATA%\proxylint on Windows), never in a shared temp dir;
// - that directory is used only when lstat shows a real directory (not a symlink) owned by the
//   current user with no group/other bits, under ancestors that only the user or root can
//   change (a sticky bit, as on /tmp, stops others from renaming our entries). Where that
//   cannot be established (HOME owned by someone else, no HOME, ...) there is no code cache:
//   it costs ~15 ms, never correctness;
// - the file is opened without following symlinks and used only when it is a regular file
//   owned by the user, writable by nobody else;
// - the file carries a copy of the bundle source it was made for, compared byte for byte with
//   the bundle being loaded, so a cache made for other code of the same length (an older
//   build) is never run. A byte compare of ~250 KB costs microseconds; hashing would need
//   node:crypto, whose load alone costs more than the cache saves at start-up;
// - it is written through an exclusively created temp file renamed into place.
//
// A run compiles lazily only the functions it calls, so a cache made by an nginx run lacks the
// Apache parser (~70 M instructions of JS parsing and compiling on every Apache run afterwards,
// 15 % of that run). The file records the tags (dialects) of the runs whose functions it holds;
// a run that used a tag not listed saves again, with the union.
const fs = require('node:fs');
const path = require('node:path');

const MAGIC = Buffer.from('proxylint-v8-code-cache 2\n');
const HEADER = MAGIC.length + 12; // magic, u32 source length, u32 data length, u32 tags length
const MAX_FILE = 64 * 1024 * 1024;
const STALE_MS = 30 * 24 * 3600 * 1000;

const currentUid = () => (typeof process.getuid === 'function' ? process.getuid() : undefined);

/** The cache directory for this user, or undefined when there is no private place for one. */
function cacheDirectory(env = process.env, platform = process.platform) {
  if (platform === 'win32') {
    // Per-user and ACL-protected; without it there is no place we can vouch for.
    return env.LOCALAPPDATA && path.isAbsolute(env.LOCALAPPDATA) ? path.join(env.LOCALAPPDATA, 'proxylint', 'Cache') : undefined;
  }
  if (currentUid() === undefined) return undefined;
  if (env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME)) return path.join(env.XDG_CACHE_HOME, 'proxylint');
  if (env.HOME && path.isAbsolute(env.HOME)) return path.join(env.HOME, '.cache', 'proxylint');
  return undefined;
}

/** Owned by `uid` (or root, where allowed). Windows has no POSIX owners: LOCALAPPDATA's ACLs decide. */
const ownedBy = (st, uid, allowRoot) => uid === undefined || st.uid === uid || (allowRoot && st.uid === 0);

/**
 * Whether `dir` is a directory only the current user can change: lstat shows a real directory
 * owned by the user with mode 0700 or tighter, and every ancestor (after resolving symlinks
 * above it) is owned by the user or root and not writable by group or others unless sticky.
 */
function isPrivateDir(dir, uid = currentUid()) {
  try {
    const st = fs.lstatSync(dir);
    if (!st.isDirectory() || !ownedBy(st, uid, false)) return false;
    if (uid !== undefined && (st.mode & 0o077) !== 0) return false;
    if (uid === undefined) return true;
    for (let p = fs.realpathSync.native(path.dirname(dir)); ; p = path.dirname(p)) {
      const a = fs.statSync(p);
      if (!ownedBy(a, uid, true)) return false;
      if ((a.mode & 0o022) !== 0 && (a.mode & 0o1000) === 0) return false;
      if (path.dirname(p) === p) return true;
    }
  } catch {
    return false;
  }
}

const fileName = (sourceLength) => `${process.version}-${process.arch}-${sourceLength}.bin`;

/**
 * The cached data for `source` (the bundle's bytes) from `dir`, and the tags of the runs it was
 * made from, or undefined when there is none we can trust: the directory is not private, the
 * file is a symlink, not a regular file, not ours, writable by others, or made for other source.
 */
function readCache(dir, source, uid = currentUid()) {
  if (!isPrivateDir(dir, uid)) return undefined;
  const { O_RDONLY, O_NOFOLLOW = 0, O_NONBLOCK = 0 } = fs.constants;
  let fd;
  try {
    fd = fs.openSync(path.join(dir, fileName(source.length)), O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile() || !ownedBy(st, uid, false) || (uid !== undefined && (st.mode & 0o022) !== 0)) return undefined;
    if (st.size < HEADER + source.length || st.size > MAX_FILE) return undefined;
    const buf = Buffer.allocUnsafe(st.size);
    let got = 0;
    while (got < st.size) {
      const n = fs.readSync(fd, buf, got, st.size - got, got);
      if (n === 0) return undefined;
      got += n;
    }
    if (!buf.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
    const sourceLength = buf.readUInt32LE(MAGIC.length);
    const dataLength = buf.readUInt32LE(MAGIC.length + 4);
    const tagsLength = buf.readUInt32LE(MAGIC.length + 8);
    if (sourceLength !== source.length || HEADER + sourceLength + dataLength + tagsLength !== st.size) return undefined;
    if (!buf.subarray(HEADER, HEADER + sourceLength).equals(source)) return undefined;
    const tagsAt = HEADER + sourceLength + dataLength;
    const tags = buf.subarray(tagsAt).toString('latin1');
    return { data: buf.subarray(HEADER + sourceLength, tagsAt), tags: tags ? tags.split(',') : [] };
  } catch {
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
}

/** Writes `data` (V8 cached data for `source`, made by runs tagged `tags`) into `dir`, creating it 0700; never throws. */
function writeCache(dir, source, data, tags = [], uid = currentUid()) {
  let tmp;
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (!isPrivateDir(dir, uid)) return false;
    const name = fileName(source.length);
    tmp = path.join(dir, `.${name}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
    // 'wx': O_CREAT|O_EXCL, which also refuses to follow a symlink planted at the name.
    const fd = fs.openSync(tmp, 'wx', 0o600);
    try {
      const tagBytes = Buffer.from([...new Set(tags)].sort().join(','), 'latin1');
      const header = Buffer.alloc(HEADER);
      MAGIC.copy(header);
      header.writeUInt32LE(source.length, MAGIC.length);
      header.writeUInt32LE(data.length, MAGIC.length + 4);
      header.writeUInt32LE(tagBytes.length, MAGIC.length + 8);
      fs.writeSync(fd, header);
      fs.writeSync(fd, source);
      fs.writeSync(fd, data);
      fs.writeSync(fd, tagBytes);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, path.join(dir, name));
    tmp = undefined;
    prune(dir, name);
    return true;
  } catch {
    // A cache is an optimisation: a read-only or full disk costs only speed.
    if (tmp) fs.rmSync(tmp, { force: true });
    return false;
  }
}

/** Drops caches of other builds not rewritten for a month, and temp files of crashed writers. */
function prune(dir, keep) {
  const now = Date.now();
  for (const name of fs.readdirSync(dir)) {
    if (name === keep || !/^(\..*\.tmp|v.*\.bin)$/.test(name)) continue;
    const p = path.join(dir, name);
    const st = fs.lstatSync(p);
    if (now - st.mtimeMs > (name.endsWith('.tmp') ? 3600 * 1000 : STALE_MS)) fs.rmSync(p, { force: true });
  }
}

module.exports = { cacheDirectory, isPrivateDir, readCache, writeCache, fileName, MAGIC, HEADER };
