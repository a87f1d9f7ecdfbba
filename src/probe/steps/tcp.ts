/** Step 3: the TCP connection, with a deadline; refused, reset and timed out told apart. */
import * as net from 'node:net';

export type Dialed = { ok: true; socket: net.Socket; ms: number } | { ok: false; code: string; ms: number };

export function dial(address: string, port: number, timeoutMs: number): Promise<Dialed> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const socket = net.connect({ host: address, port });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ ok: false, code: 'ETIMEDOUT', ms: Date.now() - t0 });
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      socket.setNoDelay(true);
      resolve({ ok: true, socket, ms: Date.now() - t0 });
    });
    socket.once('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ ok: false, code: e.code ?? e.message, ms: Date.now() - t0 });
    });
  });
}
