/**
 * Reading config files: decoding that loses nothing (invalid UTF-8 is read as Latin-1 and
 * written back the same way), a size limit, and one cache per run so an included file is read
 * once however often it is included.
 */
import * as fs from 'node:fs';
import type { SourceFile } from './ast';
import { largeInputRead } from './heap';

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

/** A path that is not a regular file (a device, a FIFO, a socket): refused before it is opened. */
export class NotRegularFileError extends Error {
  code = 'ENOTREG';
  constructor(public path: string) {
    super(`${path} is not a regular file`);
  }
}

/**
 * One read per file and run. Files are known by their real path (symlinks resolved): a
 * `sites-enabled/app.conf -> ../sites-available/app.conf` is one file, reported and fixed under
 * the path a user edits (and writing it never replaces the symlink by a copy).
 */
export class SourceCache {
  private files = new Map<string, SourceFile>();
  private real = new Map<string, string>();

  /** The path a file is known by: its real path when it exists, else the path as given. */
  canonical(p: string): string {
    let r = this.real.get(p);
    if (r === undefined) {
      try {
        r = fs.realpathSync.native(p);
      } catch {
        r = p;
      }
      this.real.set(p, r);
    }
    return r;
  }

  /**
   * Throws the fs error (ENOENT, EACCES, EISDIR), NotRegularFileError or FileTooLargeError.
   * Only regular files are read (httpd: "not a regular file"; a FIFO would block forever and
   * /dev/zero never ends), and no more bytes than stat reports: nginx reads a /proc file, whose
   * size is 0, as empty, and so do we.
   */
  read(path: string): SourceFile {
    let f = this.files.get(path);
    if (f) return f;
    const real = this.canonical(path);
    f = this.files.get(real);
    if (f) return f;
    return this.load(real).file;
  }

  /**
   * A regular file of at most `max` bytes, read whole, kept and returned with its bytes (dialect
   * sniffing: the lint that follows then reads it from here, one read per file instead of two);
   * undefined for anything else, which the caller sniffs its own way. Throws as `read` does.
   */
  readSmall(path: string, max: number): { file: SourceFile; bytes: Buffer } | undefined {
    const real = this.canonical(path);
    if (this.files.has(real)) return undefined;
    const pre = fs.statSync(real);
    if (!pre.isFile() || pre.size > max) return undefined;
    return this.load(real);
  }

  private load(real: string): { file: SourceFile; bytes: Buffer } {
    const pre = fs.statSync(real);
    if (pre.isDirectory()) throw eisdir(real);
    if (!pre.isFile()) throw new NotRegularFileError(real);
    const fd = fs.openSync(real, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    let f: SourceFile;
    let bytes: Buffer;
    try {
      const st = fs.fstatSync(fd);
      if (!st.isFile()) throw new NotRegularFileError(real);
      if (st.size > MAX_FILE_BYTES) throw new FileTooLargeError(real, st.size);
      bytes = Buffer.alloc(st.size);
      let n = 0;
      while (n < st.size) {
        const k = fs.readSync(fd, bytes, n, st.size - n, n);
        if (k === 0) break;
        n += k;
      }
      bytes = bytes.subarray(0, n);
      largeInputRead(n);
      const { text, encoding } = decode(bytes);
      f = { path: real, text, encoding };
    } finally {
      fs.closeSync(fd);
    }
    this.files.set(real, f);
    return { file: f, bytes };
  }

  /** Seed an in-memory file (tests, stdin, fix passes). */
  set(file: SourceFile): void {
    this.files.set(file.path, file);
  }
}

function eisdir(p: string): NodeJS.ErrnoException {
  const e = new Error(`EISDIR: illegal operation on a directory, read '${p}'`) as NodeJS.ErrnoException;
  e.code = 'EISDIR';
  return e;
}
