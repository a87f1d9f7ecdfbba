import type { Socket } from 'node:net';

/**
 * Buffers everything a socket receives and lets callers wait, with a deadline, until a condition
 * on the buffer holds or the connection ends. Records when the peer closed.
 */
export class SocketReader {
  buf: Buffer = Buffer.alloc(0);
  /** The peer ended or the socket closed. */
  closed = false;
  /** Date.now() when `closed` became true. */
  closedAt?: number;
  error?: Error;
  private waiters = new Set<() => void>();

  constructor(readonly socket: Socket) {
    socket.on('data', (d: Buffer) => {
      this.buf = Buffer.concat([this.buf, d]);
      this.wake();
    });
    const end = () => {
      if (!this.closed) {
        this.closed = true;
        this.closedAt = Date.now();
      }
      this.wake();
    };
    socket.on('end', end);
    socket.on('close', end);
    socket.on('error', (e) => {
      this.error = e;
      end();
    });
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }

  /** Resolves true when `pred()` holds, false at the deadline or when the socket closes first. */
  waitFor(pred: () => boolean, timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const check = () => {
        if (pred()) finish(true);
        else if (this.closed) finish(false);
      };
      const finish = (v: boolean) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(v);
      };
      const timer = setTimeout(() => finish(pred()), Math.max(0, timeoutMs));
      this.waiters.add(check);
      check();
    });
  }

  /** Resolves true if the socket closed within timeoutMs. */
  waitForClose(timeoutMs: number): Promise<boolean> {
    return this.waitFor(() => this.closed, timeoutMs).then(() => this.closed);
  }

  /** Removes and returns the first n bytes. */
  take(n: number): Buffer {
    const out = this.buf.subarray(0, n);
    this.buf = this.buf.subarray(n);
    return out;
  }
}
