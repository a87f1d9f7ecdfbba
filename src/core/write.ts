/**
 * Writing a fixed file so that nothing can be lost: a temp file beside the target, fsync, owner
 * then mode restored (chown clears setuid/setgid, so chmod comes after it), then rename over it.
 * A crash leaves either the old file or the new one; a signal removes the temp file.
 *
 * A fix is refused, with the reason, rather than written when writing would lose something:
 * - the file changed since it was linted (a user's edit made while --fix ran): checked again
 *   just before the rename;
 * - the file is read-only (no write bit: 0444), which root could otherwise replace silently;
 * - the file has several hard links: a rename would leave the other names on the old text;
 * - its extended attributes or POSIX ACLs cannot be carried over (see keepAttributes).
 *
 * Extended attributes (user.*, security.* labels) and POSIX ACLs (system.posix_acl_*) belong to
 * the inode, so the rename would drop them, and node has no API to read or set them. GNU cp
 * copies exactly these onto the temp file (`--attributes-only --preserve=mode,xattr`: no data),
 * failing loudly when it cannot, so the rename stays atomic. Where no GNU cp runs (busybox,
 * BSD), the new text is written into the file itself instead, after a verified copy of the old
 * text beside it, which keeps the inode and so everything attached to it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SourceFile } from './ast';
import { encode } from './source';

export class FixNotWritten extends Error {
  name = 'FixNotWritten';
}

/** Temp files of writes in progress, removed if the process is interrupted. */
const live = new Set<string>();
let handlersInstalled = false;

function installSignalCleanup(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      for (const t of live) fs.rmSync(t, { force: true });
      live.clear();
      // Die of the signal, as the default action would (the exit status says so).
      process.kill(process.pid, sig);
    });
  }
  process.once('exit', () => {
    for (const t of live) fs.rmSync(t, { force: true });
  });
}

/** The temp names writeAtomic uses: never linted, and removed when found stale. */
export const TEMP_NAME = /^\..+\.proxylint-\d+-\d+\.tmp$/;

function unchanged(target: string, expected: Buffer): boolean {
  try {
    return fs.readFileSync(target).equals(expected);
  } catch {
    return false;
  }
}

const CP_PATHS = ['/usr/bin/cp', '/bin/cp'];

/**
 * Copies the extended attributes and ACLs of `from` onto `to` with GNU cp. 'kept' when done
 * (also when there were none), 'no-cp' when no GNU cp ran (absent, or an option it lacks),
 * otherwise cp's one-line complaint (the attributes cannot be kept: refuse).
 */
export function keepAttributes(from: string, to: string, cpPath?: string): 'kept' | 'no-cp' | string {
  // By absolute path where it is (proxylint runs as root in CI): not whatever `cp` PATH finds first.
  const cp = cpPath ?? CP_PATHS.find((p) => fs.existsSync(p)) ?? 'cp';
  // Loaded here, only when a fix is written: node:child_process pulls in node's net, stream and
  // dgram modules, ~2-5 ms of every lint run's start-up otherwise (issue 13).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
  const r = spawnSync(cp, ['--attributes-only', '--preserve=mode,xattr', '--', from, to], { encoding: 'utf8', timeout: 10_000 });
  if (r.error) return 'no-cp';
  if (r.status === 0) return 'kept';
  const err = (r.stderr ?? '').trim();
  if (/unrecognized option|illegal option|invalid option|unknown option|usage:/i.test(err)) return 'no-cp';
  return err.split('\n')[0].replace(/^cp: /, '') || `cp exited with ${r.status}`;
}

function writeAll(fd: number, data: Buffer): void {
  for (let off = 0; off < data.length; ) off += fs.writeSync(fd, data, off, data.length - off);
}

/**
 * Without GNU cp: `tmp` already holds a verified copy of the old text; write the new text into
 * the file itself (same inode: attributes, ACLs and links untouched), check it, and put the old
 * text back if anything failed.
 */
function writeInPlace(target: string, tmp: string, original: Buffer, data: Buffer): void {
  fs.writeFileSync(tmp, original);
  if (!fs.readFileSync(tmp).equals(original)) throw new FixNotWritten('the safety copy of the old text did not verify');
  const fd = fs.openSync(target, 'r+');
  try {
    try {
      fs.ftruncateSync(fd, 0);
      writeAll(fd, data);
      fs.fsyncSync(fd);
    } catch (e) {
      fs.ftruncateSync(fd, 0);
      writeAll(fd, original);
      fs.fsyncSync(fd);
      throw e;
    }
  } finally {
    fs.closeSync(fd);
  }
  if (!fs.readFileSync(target).equals(data)) {
    fs.writeFileSync(target, original);
    throw new FixNotWritten('the file did not read back as written; the old text was put back');
  }
}

/**
 * Writes `text` over `file`, or throws FixNotWritten (a reason to report) or an fs error.
 * `replace`: the caller means to replace whatever is there (generate -o --force), so the file's
 * current content is not compared with `file.text`.
 */
export function writeAtomic(file: SourceFile, text: string, opts: { replace?: boolean; /** tests: another cp */ cpPath?: string } = {}): void {
  const target = fs.realpathSync(file.path);
  const st = fs.statSync(target);
  const original = encode(file, file.text);
  if ((st.mode & 0o222) === 0) throw new FixNotWritten('the file is read-only');
  if (st.nlink > 1) throw new FixNotWritten(`the file has ${st.nlink} hard links, which replacing it would break`);
  if (!opts.replace && !unchanged(target, original)) throw new FixNotWritten('the file changed after it was linted');
  installSignalCleanup();
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.proxylint-${process.pid}-${Date.now()}.tmp`);
  const data = encode(file, text);
  const fd = fs.openSync(tmp, 'wx', st.mode & 0o777);
  live.add(tmp);
  try {
    let kept: ReturnType<typeof keepAttributes>;
    try {
      writeAll(fd, data);
      fs.fsyncSync(fd);
      // Attributes first: cp sets the mode (and the ACL) by path; owner then mode come after.
      kept = keepAttributes(target, tmp, opts.cpPath);
      try {
        fs.fchownSync(fd, st.uid, st.gid);
      } catch {
        /* not permitted for non-root: the owner stays the writer */
      }
      fs.fchmodSync(fd, st.mode & 0o7777);
    } finally {
      fs.closeSync(fd);
    }
    if (kept !== 'kept' && kept !== 'no-cp') throw new FixNotWritten(`its extended attributes or ACLs cannot be kept (${kept})`);
    // Last look: an edit saved while we worked must not be overwritten.
    if (!opts.replace && !unchanged(target, original)) throw new FixNotWritten('the file changed while proxylint was fixing it');
    if (kept === 'no-cp') {
      writeInPlace(target, tmp, original, data);
      fs.rmSync(tmp, { force: true });
    } else fs.renameSync(tmp, target);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  } finally {
    live.delete(tmp);
  }
}
