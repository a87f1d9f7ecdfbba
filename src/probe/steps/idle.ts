/**
 * Step 9: hold the open WebSocket without sending anything (pings from the server are answered,
 * as any client does) and report whether and how it was closed: a close frame, a FIN or an RST,
 * and after how long. A ping at the end shows that a surviving connection still carries frames.
 */
import { clientFrame, closeInfo, OP, parseFrame } from '../frames';
import type { Reader } from '../reader';
import type { Facts } from '../types';
import { nextFrame } from './echo';

export async function holdIdle(r: Reader, idleMs: number, timeoutMs: number): Promise<NonNullable<Facts['idle']>> {
  const t0 = Date.now();
  const deadline = t0 + idleMs;
  for (;;) {
    const got = await r.waitFor(() => parseFrame(r.buf) !== undefined, deadline - Date.now());
    if (r.ended) {
      return { requestedMs: idleMs, survived: false, afterMs: r.ended.at - t0, how: r.ended.kind === 'rst' ? 'rst' : 'fin' };
    }
    if (!got) break;
    const f = parseFrame(r.buf)!;
    r.take(f.length);
    if (f.opcode === OP.close) {
      const c = closeInfo(f.payload);
      return { requestedMs: idleMs, survived: false, afterMs: Date.now() - t0, how: 'close-frame', closeCode: c.code, closeReason: c.reason };
    }
    if (f.opcode === OP.ping) r.socket.write(clientFrame(OP.pong, f.payload));
  }
  r.socket.write(clientFrame(OP.ping, 'proxylint-idle'));
  const pong = await nextFrame(r, (op, p) => op === OP.pong && p.toString() === 'proxylint-idle', timeoutMs);
  if (pong && !('closed' in pong)) return { requestedMs: idleMs, survived: true };
  return { requestedMs: idleMs, survived: false, afterMs: Date.now() - t0, how: (r.ended as Reader['ended'])?.kind === 'rst' ? 'rst' : 'fin' };
}
