/**
 * Writing a fixed file so that nothing can be lost: a temp file beside the target, the same
 * mode, fsync, then rename over it. A crash leaves either the old file or the new one.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SourceFile } from './ast';
import { encode } from './source';

export function writeAtomic(file: SourceFile, text: string): void {
  const target = fs.realpathSync(file.path);
  const st = fs.statSync(target);
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.proxylint-${process.pid}-${Date.now()}.tmp`);
  const fd = fs.openSync(tmp, 'wx', st.mode & 0o7777);
  try {
    fs.writeSync(fd, encode(file, text));
    fs.fsyncSync(fd);
  } catch (e) {
    fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  fs.closeSync(fd);
  try {
    fs.chmodSync(tmp, st.mode & 0o7777);
    try {
      fs.chownSync(tmp, st.uid, st.gid);
    } catch {
      /* not permitted for non-root: the owner stays the writer */
    }
    fs.renameSync(tmp, target);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
