/**
 * Standard output and error without their streams, where a run can do without them (issue #13).
 *
 * Node makes `process.stdout` / `process.stderr` on first use, and the first one loads node's
 * stream, net and tty modules: ~2-3 ms of CPU, about a tenth of what a one-file `lint` adds to
 * `node -e 0`. The CLI's entry point defers them: what it installs on each stream (the EPIPE
 * handler, stderr's redaction guard) is applied when the stream is first made, and `lint`
 * writes its report with `fs.writeSync` on fd 1 while nothing has made process.stdout. Code
 * that uses the streams directly is unaffected: the guard is in place before its first write.
 */
import * as fs from 'node:fs';

type StreamName = 'stdout' | 'stderr';

/** Whether the stream exists (or may: without deferStdio, everything goes through it). */
const made: Record<StreamName, boolean> = { stdout: true, stderr: true };
/** The reader of fd 1 went away (EPIPE): later output is dropped, as the stream's handler does. */
let stdoutClosed = false;

/**
 * Applies `setup` to each stream when it is first made instead of now. Where node's property is
 * not the lazy getter it defines (already replaced), the stream is made and set up at once.
 */
export function deferStdio(setup: Record<StreamName, (s: NodeJS.WriteStream) => void>): void {
  for (const name of ['stdout', 'stderr'] as const) {
    const d = Object.getOwnPropertyDescriptor(process, name);
    if (!d || !d.get || !d.configurable || process.platform === 'win32') {
      setup[name](process[name]);
      continue;
    }
    const get = d.get;
    made[name] = false;
    Object.defineProperty(process, name, {
      configurable: true,
      enumerable: d.enumerable,
      get() {
        // node's own getter again (it caches the stream), then our setup, once.
        Object.defineProperty(process, name, d);
        const s = get.call(process) as NodeJS.WriteStream;
        made[name] = true;
        setup[name](s);
        return s;
      },
    });
  }
}

/** Writes `text` to standard output: on fd 1 directly while process.stdout was not made. */
export function writeStdout(text: string): void {
  if (made.stdout) {
    process.stdout.write(text);
    return;
  }
  if (stdoutClosed || text === '') return;
  const buf = Buffer.from(text, 'utf8');
  let off = 0;
  try {
    while (off < buf.length) off += fs.writeSync(1, buf, off, buf.length - off);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EPIPE') stdoutClosed = true;
    // A non-blocking fd 1 that is full: the stream waits for it (and node flushes it at exit).
    else if (code === 'EAGAIN') process.stdout.write(buf.subarray(off));
    else throw e;
  }
}

let devNullRdev: number | undefined;

/**
 * process.stdout.isTTY without making the stream where fstat already says no: fd 1 is not a
 * character device, or is /dev/null. Only a character device that is not /dev/null asks node.
 */
export function stdoutIsTTY(): boolean {
  if (made.stdout) return !!process.stdout.isTTY;
  try {
    const st = fs.fstatSync(1);
    if (!st.isCharacterDevice()) return false;
    devNullRdev ??= fs.statSync('/dev/null').rdev;
    if (st.rdev === devNullRdev) return false;
  } catch {
    // fall through: node decides
  }
  return !!process.stdout.isTTY;
}
