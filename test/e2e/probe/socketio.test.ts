/**
 * `probe` against a real socket.io 4 server (npm socket.io, Engine.IO v4): probed as a plain
 * WebSocket it answers 400 "Transport unknown" (socketio-endpoint); with --socketio the Engine.IO
 * handshake and the namespace connect succeed; a v3 handshake gets "Unsupported protocol version"
 * (the client/server mismatch), unless the server allows EIO3.
 */
import * as http from 'node:http';
import { Server } from 'socket.io';
import { probeJson, stepOf, verdict } from './support';

async function withSocketIo<T>(opts: { allowEIO3?: boolean }, fn: (port: number) => Promise<T>): Promise<T> {
  const httpServer = http.createServer();
  const io = new Server(httpServer, { allowEIO3: opts.allowEIO3 ?? false, transports: ['polling', 'websocket'] });
  io.on('connection', (socket) => socket.on('echo', (m: unknown, ack?: (x: unknown) => void) => ack?.(m)));
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const port = (httpServer.address() as { port: number }).port;
  try {
    return await fn(port);
  } finally {
    io.close();
    httpServer.closeAllConnections?.();
    await new Promise<void>((resolve) => httpServer.close(() => resolve()));
  }
}

describe('probe against a real socket.io 4 server', () => {
  test('plain WebSocket probe: 400 "Transport unknown" -> socketio-endpoint', async () => {
    await withSocketIo({}, async (port) => {
      const r = await probeJson([`ws://127.0.0.1:${port}/socket.io/`]);
      expect(verdict(r)).toEqual({ code: 1, class: 'socketio-endpoint', rules: [], hop: 'client' });
      expect(r.json.diagnosis!.message).toMatch(/probe with --socketio/);
    });
  });

  test('--socketio: Engine.IO v4 open packet, namespace connect, ping/pong, exit 0', async () => {
    await withSocketIo({}, async (port) => {
      const r = await probeJson([`ws://127.0.0.1:${port}/`, '--socketio']);
      expect(verdict(r)).toEqual({ code: 0, class: undefined, rules: undefined, hop: undefined });
      expect(stepOf(r, 'request')).toMatch(/^info GET \/socket\.io\/\?EIO=4&transport=websocket HTTP\/1\.1;/);
      expect(stepOf(r, 'socketio')).toMatch(/^ok Engine\.IO v4 open \(sid [\w-]+\), namespace "\/" connected$/);
      expect(stepOf(r, 'echo')).toMatch(/^ok ping -> pong in \d+ ms$/);
    });
  });

  test('--socketio --eio 3 against a 4.x server without allowEIO3: "Unsupported protocol version" -> socketio-version-mismatch', async () => {
    await withSocketIo({}, async (port) => {
      const r = await probeJson([`ws://127.0.0.1:${port}/socket.io/`, '--socketio', '--eio', '3']);
      expect(verdict(r)).toEqual({ code: 1, class: 'socketio-version-mismatch', rules: [], hop: 'socket.io server' });
      // engine.io 6.6 answers 101, then writes its HTTP 400 into the upgraded stream
      expect(stepOf(r, 'socketio')).toMatch(/(^|\n)fail Engine\.IO v3: 400 Unsupported protocol version after the 101$/);
    });
  });

  test('--socketio --eio 3 against a 4.x server with allowEIO3: connects (the 2.x protocol connects "/" unasked)', async () => {
    await withSocketIo({ allowEIO3: true }, async (port) => {
      const r = await probeJson([`ws://127.0.0.1:${port}/socket.io/`, '--socketio', '--eio', '3']);
      expect(verdict(r)).toEqual({ code: 0, class: undefined, rules: undefined, hop: undefined });
      expect(stepOf(r, 'socketio')).toMatch(/^ok Engine\.IO v3 open \(sid [\w-]+\), namespace "\/" connected unasked \(the socket\.io 2\.x protocol\)$/);
    });
  });
});
