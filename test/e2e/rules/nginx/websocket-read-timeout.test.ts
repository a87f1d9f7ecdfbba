/**
 * nginx/websocket-read-timeout on the real nginx, scaled down: with minimum 3s, the bad fixture
 * (proxy_read_timeout 2s) trips the rule and an idle WebSocket is cut after ~2 s; the rule's own
 * fix (suggested 10s) lints clean and the same 3 s idle survives.
 */
import rule from '../../../../rules/nginx/websocket-read-timeout';
import { lintCase } from '../../../support/lint-case';
import { WebSocket, WebSocketServer } from 'ws';
import { IDLE_CUT_FLOOR_MS, describeWithServer, e2eFixture, idleSurvives, nginx, nginxMainConfig, withBackend, withServer } from '../../harness';

const options = { minimum: '3s', suggested: '10s' };

async function idle(config: string) {
  return withBackend((backend) =>
    withServer(nginx, config, { backendPort: backend.port }, (server) => idleSurvives({ port: server.port, path: '/ws', idleMs: 3000 })),
  );
}

describeWithServer('nginx', 'e2e nginx/websocket-read-timeout', () => {
  const bad = e2eFixture('nginx', 'read-timeout-short');
  const lint = lintCase('nginx', [rule], { code: bad, filename: 'nginx.conf', options });
  const fixed = lint.output;

  test('bad (proxy_read_timeout 2s, minimum 3s): trips the rule, and a 3 s idle WebSocket is cut after ~2 s without a close frame', async () => {
    expect(lint.messages.filter((m) => m.ruleId === rule.id).map((m) => `${m.line}:${m.column}`)).toEqual(['23:32']);
    const r = await idle(bad);
    expect(r.handshake.status).toBe(101);
    expect(r.survived).toBe(false);
    expect(r.closeFrame).toBe(false);
    expect(r.closedAfterMs).toBeGreaterThanOrEqual(IDLE_CUT_FLOOR_MS);
    expect(r.closedAfterMs).toBeLessThan(2900);
  });

  test('fixed by the rule (proxy_read_timeout 10s): lints clean, 101, and the 3 s idle survives', async () => {
    expect(fixed).toContain('proxy_read_timeout 10s;');
    expect(lintCase('nginx', [rule], { code: fixed, filename: 'nginx.conf', options }).messages).toEqual([]);
    const r = await idle(fixed);
    expect(r.handshake.status).toBe(101);
    expect(r.survived).toBe(true);
  });
});

/**
 * A client keep-alive at the limit does not hold the tunnel open (MQTT over WebSocket: the
 * clients' 60 s Keep Alive under nginx's 60 s default, wis2box#1133), compressed to 2 s. The
 * client sends a ping message when its keep-alive has passed and the backend answers it, as
 * PINGREQ and PINGRESP; nginx counts only the backend's data. A keep-alive of exactly the limit
 * is a race on loopback (the answer and nginx's timer come within a millisecond), so the client
 * here checks its timer on a 100 ms loop, as mosquitto's client loop does (it sends PINGREQ on
 * the first pass after Keep Alive has passed): the answer then comes after the limit. Inside the
 * limit with a margin (1 s) the same tunnel stays open.
 */
describeWithServer('nginx', 'nginx/websocket-read-timeout: a heartbeat at the limit is cut (MQTT keep-alive, compressed)', () => {
  const CONFIG = nginxMainConfig('server {', '    listen 127.0.0.1:@PORT@;', '    location /mqtt {', '        proxy_pass http://127.0.0.1:@BACKEND_PORT@;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";', '        proxy_read_timeout 2s;', '    }', '}');

  async function keepAlive(keepAliveMs: number, observeMs: number): Promise<number | undefined> {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    wss.on('connection', (ws) => ws.on('message', (m) => ws.send(m)));
    try {
      return await withServer(nginx, CONFIG, { backendPort: (wss.address() as { port: number }).port }, async (server) => {
        const client = new WebSocket(`ws://127.0.0.1:${server.port}/mqtt`);
        await new Promise<void>((resolve, reject) => {
          client.once('open', () => resolve());
          client.once('error', reject);
        });
        const start = Date.now();
        let closedAfterMs: number | undefined;
        client.once('close', () => (closedAfterMs = Date.now() - start));
        let lastSent = Date.now();
        const timer = setInterval(() => {
          if (client.readyState !== WebSocket.OPEN || Date.now() - lastSent < keepAliveMs) return;
          client.send('PINGREQ');
          lastSent = Date.now();
        }, 100);
        await new Promise((r) => setTimeout(r, observeMs));
        clearInterval(timer);
        client.terminate();
        return closedAfterMs;
      });
    } finally {
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    }
  }

  test('keep-alive 2 s (checked every 100 ms) under proxy_read_timeout 2s: cut', async () => {
    const closedAfterMs = await keepAlive(2000, 9000);
    expect(closedAfterMs).toBeDefined();
    expect(closedAfterMs!).toBeGreaterThanOrEqual(IDLE_CUT_FLOOR_MS);
  }, 30000);

  test('keep-alive 1 s (checked every 100 ms) under proxy_read_timeout 2s: still open after 9 s', async () => {
    expect(await keepAlive(1000, 9000)).toBeUndefined();
  }, 30000);
});
