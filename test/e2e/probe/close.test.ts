/**
 * How an idle WebSocket ends, told apart on the wire: a `ws` server (the real library) that
 * closes idle connections after 1 s with a close frame, or with a TCP reset.
 */
import * as http from 'node:http';
import type { Socket } from 'node:net';
import { WebSocketServer } from 'ws';
import { probeJson, stepOf, verdict } from './support';

async function withIdleCloser<T>(how: 'close-frame' | 'rst', fn: (url: string) => Promise<T>): Promise<T> {
  const server = http.createServer();
  const wss = new WebSocketServer({ server });
  wss.on('connection', (ws, req) => {
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (how === 'close-frame') ws.close(1001, 'idle');
        else (req.socket as Socket & { resetAndDestroy(): void }).resetAndDestroy();
      }, 1000);
    };
    arm();
    ws.on('message', (m, binary) => {
      ws.send(m, { binary });
      arm();
    });
    ws.on('ping', arm);
    ws.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  try {
    return await fn(`ws://127.0.0.1:${port}/ws`);
  } finally {
    for (const c of wss.clients) c.terminate();
    wss.close();
    server.closeAllConnections?.();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

describe('probe --idle: close frame vs RST', () => {
  test('a close frame 1001 "idle" after ~1 s', async () => {
    await withIdleCloser('close-frame', async (url) => {
      const r = await probeJson([url, '--proxy', 'direct', '--idle', '3s']);
      expect(verdict(r)).toEqual({ code: 1, class: 'idle-cut', rules: ['nginx/websocket-read-timeout', 'apache/tunnel-idle-timeout', 'haproxy/websocket-tunnel-timeout'], hop: 'a proxy or load balancer on the way' });
      expect(stepOf(r, 'idle')).toMatch(/^fail closed after [\d.]+ s of idle by a close frame 1001$/);
      expect(r.json.diagnosis!.message).toMatch(/ by a close frame 1001 "idle"/);
    });
  });

  test('a TCP reset after ~1 s', async () => {
    await withIdleCloser('rst', async (url) => {
      const r = await probeJson([url, '--proxy', 'direct', '--idle', '3s']);
      expect(r.code).toBe(1);
      expect(stepOf(r, 'idle')).toMatch(/^fail closed after [\d.]+ s of idle by RST$/);
      expect(r.json.diagnosis!.message).toMatch(/ by a TCP reset \(RST\), no close frame/);
    });
  });
});
