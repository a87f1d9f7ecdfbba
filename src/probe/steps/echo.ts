/**
 * Step 8: frames flow both ways. A ping must be answered by a pong (RFC 6455 §5.5.2, which
 * every server library does); a text message is echoed only by echo servers, so a missing echo
 * is information, not a failure.
 */
import * as crypto from 'node:crypto';
import { clientFrame, closeInfo, OP, parseFrame } from '../frames';
import type { Reader } from '../reader';

export interface EchoResult {
  pong: boolean;
  echo?: boolean;
  ms?: number;
  closed?: string;
}

/** Reads frames until one satisfies want, answering pings; undefined at the deadline or close. */
export async function nextFrame(
  r: Reader,
  want: (opcode: number, payload: Buffer) => boolean,
  timeoutMs: number,
): Promise<{ opcode: number; payload: Buffer } | { closed: string } | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = await r.waitFor(() => parseFrame(r.buf) !== undefined, deadline - Date.now());
    if (!got) return r.ended ? { closed: r.ended.kind === 'rst' ? 'RST' : 'FIN' } : undefined;
    const f = parseFrame(r.buf)!;
    r.take(f.length);
    if (f.opcode === OP.close) {
      const c = closeInfo(f.payload);
      return { closed: `close frame${c.code ? ` ${c.code}` : ''}${c.reason ? ` "${c.reason}"` : ''}` };
    }
    if (f.opcode === OP.ping) r.socket.write(clientFrame(OP.pong, f.payload));
    if (want(f.opcode, f.payload)) return { opcode: f.opcode, payload: f.payload };
  }
}

export async function pingAndEcho(r: Reader, timeoutMs: number, withEcho: boolean): Promise<EchoResult> {
  const t0 = Date.now();
  const token = Buffer.from(`proxylint-${crypto.randomBytes(6).toString('hex')}`);
  r.socket.write(clientFrame(OP.ping, token));
  const pong = await nextFrame(r, (op, p) => op === OP.pong && p.equals(token), timeoutMs);
  if (!pong || 'closed' in pong) return { pong: false, closed: pong && 'closed' in pong ? pong.closed : undefined };
  const ms = Date.now() - t0;
  if (!withEcho) return { pong: true, ms };
  r.socket.write(clientFrame(OP.text, token));
  const echo = await nextFrame(r, (op, p) => op === OP.text && p.equals(token), Math.min(timeoutMs, 2000));
  return { pong: true, ms, echo: !!echo && !('closed' in echo), closed: echo && 'closed' in echo ? echo.closed : undefined };
}
