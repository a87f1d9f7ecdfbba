/**
 * Buffered reads from a socket with deadlines, and how the socket ended: the doctor needs to tell
 * a WebSocket close frame from a bare FIN or an RST, and when each happened.
 */
import type { Socket } from 'node:net';

export type EndKind = 'fin' | 'rst' | 'error';

export class Reader {
  buf: Buffer = Buffer.alloc(0);
  /** Set once the peer ended (FIN), reset (RST) or the socket failed. */
  ended?: { kind: EndKind; at: number; error?: string };
  private waiters = new Set<() => void>();
  private readonly onData = (d: Buffer) => {
    this.buf = this.buf.length ? Buffer.concat([this.buf, d]) : d;
    this.wake();
  };
  private readonly onEnd = () => this.end('fin');
  private readonly onError = (e: NodeJS.ErrnoException) =>
    this.end(e.code === 'ECONNRESET' || e.code === 'EPIPE' ? 'rst' : 'error', e.code ? `${e.code}` : e.message);
  private readonly onClose = () => this.end('fin');

  constructor(readonly socket: Socket) {
    socket.on('data', this.onData);
    socket.on('end', this.onEnd);
    socket.on('error', this.onError);
    socket.on('close', this.onClose);
  }

  private end(kind: EndKind, error?: string): void {
    if (!this.ended) this.ended = { kind, at: Date.now(), error };
    this.wake();
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }

  /** Resolves true as soon as pred() holds, false at the deadline or when the socket ended first. */
  waitFor(pred: () => boolean, timeoutMs: number): Promise<boolean> {
    if (pred()) return Promise.resolve(true);
    if (this.ended || timeoutMs <= 0) return Promise.resolve(false);
    return new Promise((resolve) => {
      const check = () => {
        if (pred()) finish(true);
        else if (this.ended) finish(false);
      };
      const finish = (v: boolean) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(v);
      };
      const timer = setTimeout(() => finish(pred()), timeoutMs);
      this.waiters.add(check);
    });
  }

  /** Waits until the socket ends or the time is up; true when it ended. */
  async waitForEnd(timeoutMs: number): Promise<boolean> {
    await this.waitFor(() => this.ended !== undefined, timeoutMs);
    return this.ended !== undefined;
  }

  take(n: number): Buffer {
    const out = this.buf.subarray(0, n);
    this.buf = this.buf.subarray(n);
    return out;
  }

  /** Stops reading (e.g. before TLS takes the socket over) and gives back unread bytes to it. */
  detach(): void {
    this.socket.off('data', this.onData);
    this.socket.off('end', this.onEnd);
    this.socket.off('error', this.onError);
    this.socket.off('close', this.onClose);
    if (this.buf.length) this.socket.unshift(this.buf);
    this.buf = Buffer.alloc(0);
  }
}
