/**
 * Writing a fixed file so that nothing can be lost: a temp file beside the target, fsync, owner
 * then mode restored (chown clears setuid/setgid, so chmod comes after it), then rename over it.
 * A crash leaves either the old file or the new one; a signal removes the temp file.
 *
 * A fix is refused, with the reason, rather than written when writing would lose something:
 * - the file changed since it was linted (a user's edit made while --fix ran): checked again
 *   just before the rename;
 * - the file is read-only (no write bit: 0444), which root could otherwise replace silently;
 * - the file has several hard links: a rename would leave the other names on the old text.
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

/**
 * Writes `text` over `file`, or throws FixNotWritten (a reason to report) or an fs error.
 * `replace`: the caller means to replace whatever is there (generate -o --force), so the file's
 * current content is not compared with `file.text`.
 */
export function writeAtomic(file: SourceFile, text: string, opts: { replace?: boolean } = {}): void {
  const target = fs.realpathSync(file.path);
  const st = fs.statSync(target);
  const original = encode(file, file.text);
  if ((st.mode & 0o222) === 0) throw new FixNotWritten('the file is read-only');
  if (st.nlink > 1) throw new FixNotWritten(`the file has ${st.nlink} hard links, which replacing it would break`);
  if (!opts.replace && !unchanged(target, original)) throw new FixNotWritten('the file changed after it was linted');
  installSignalCleanup();
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.proxylint-${process.pid}-${Date.now()}.tmp`);
  const fd = fs.openSync(tmp, 'wx', st.mode & 0o777);
  live.add(tmp);
  try {
    try {
      const data = encode(file, text);
      for (let off = 0; off < data.length; ) off += fs.writeSync(fd, data, off, data.length - off);
      fs.fsyncSync(fd);
      try {
        fs.fchownSync(fd, st.uid, st.gid);
      } catch {
        /* not permitted for non-root: the owner stays the writer */
      }
      fs.fchmodSync(fd, st.mode & 0o7777);
    } finally {
      fs.closeSync(fd);
    }
    // Last look: an edit saved while we worked must not be overwritten.
    if (!opts.replace && !unchanged(target, original)) throw new FixNotWritten('the file changed while proxylint was fixing it');
    fs.renameSync(tmp, target);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  } finally {
    live.delete(tmp);
  }
}
