/**
 * Reading config files: decoding that loses nothing (invalid UTF-8 is read as Latin-1 and
 * written back the same way), a size limit, and one cache per run so an included file is read
 * once however often it is included.
 */
import * as fs from 'node:fs';
import type { SourceFile } from './ast';

/** Larger files are refused with a clear message rather than exhausting memory. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

export class FileTooLargeError extends Error {
  code = 'EFBIG';
  constructor(public path: string, public size: number) {
    super(`${path} is ${size} bytes; proxylint reads files up to ${MAX_FILE_BYTES} bytes`);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decode(bytes: Uint8Array): { text: string; encoding: 'utf8' | 'latin1' } {
  try {
    return { text: utf8.decode(bytes), encoding: 'utf8' };
  } catch {
    return { text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'), encoding: 'latin1' };
  }
}

export function encode(file: SourceFile, text: string): Buffer {
  return Buffer.from(text, file.encoding === 'latin1' ? 'latin1' : 'utf8');
}

export function sourceFromText(path: string, text: string): SourceFile {
  return { path, text, encoding: 'utf8' };
}

export class SourceCache {
  private files = new Map<string, SourceFile>();

  /** Throws the fs error (ENOENT, EACCES, EISDIR) or FileTooLargeError. */
  read(path: string): SourceFile {
    let f = this.files.get(path);
    if (f) return f;
    const fd = fs.openSync(path, 'r');
    try {
      const st = fs.fstatSync(fd);
      if (st.isDirectory()) {
        const e = new Error(`EISDIR: illegal operation on a directory, read '${path}'`) as NodeJS.ErrnoException;
        e.code = 'EISDIR';
        throw e;
      }
      if (st.size > MAX_FILE_BYTES) throw new FileTooLargeError(path, st.size);
      const bytes = fs.readFileSync(fd);
      const { text, encoding } = decode(bytes);
      f = { path, text, encoding };
    } finally {
      fs.closeSync(fd);
    }
    this.files.set(path, f);
    return f;
  }

  /** Seed an in-memory file (tests, stdin, fix passes). */
  set(file: SourceFile): void {
    this.files.set(file.path, file);
  }
}
