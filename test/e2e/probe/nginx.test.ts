/**
 * `probe` against the real nginx in front of the `ws` echo backend: each misconfiguration gives
 * its diagnosis class and the rules that find it, and the correct config exits 0.
 */
import { describeWithServer, e2eFixture, nginx, startEchoBackend, type EchoBackend, type RunningServer } from '../harness';
import { probeJson, stepOf, verdict } from './support';

async function withNginx<T>(fixture: string, backendOpts: { strictHttp11?: boolean }, fn: (url: string) => Promise<T>): Promise<T> {
  const backend: EchoBackend = await startEchoBackend(backendOpts);
  let server: RunningServer | undefined;
  try {
    server = await nginx.start(e2eFixture('nginx', fixture), { backendPort: backend.port });
    return await fn(`ws://127.0.0.1:${server.port}/ws`);
  } finally {
    await server?.stop();
    await backend.close();
  }
}

describeWithServer('nginx', 'probe through the real nginx', () => {
  test('correct config: 101, RFC 6455 checks pass, ping/pong and echo, exit 0', async () => {
    await withNginx('upgrade-ok', {}, async (url) => {
      const r = await probeJson([url]);
      expect(verdict(r)).toEqual({ code: 0, class: undefined, rules: undefined, hop: undefined });
      expect(stepOf(r, 'response')).toMatch(/^ok HTTP\/1\.1 101 Switching Protocols \(Server: nginx\/[\d.]+\); Upgrade ok, Connection ok, Sec-WebSocket-Accept ok$/);
      expect(stepOf(r, 'echo')).toMatch(/^ok ping -> pong in \d+ ms; text echoed$/);
    });
  });

  test('no Upgrade header: 426 behind Server: nginx -> upgrade-dropped, the nginx header rules', async () => {
    await withNginx('no-upgrade-header', {}, async (url) => {
      const r = await probeJson([url]);
      expect(verdict(r)).toEqual({
        code: 1,
        class: 'upgrade-dropped',
        rules: ['nginx/websocket-upgrade-header', 'nginx/websocket-connection-header', 'nginx/proxy-set-header-inheritance'],
        hop: expect.stringMatching(/^nginx \(Server: nginx\/[\d.]+\)$/),
      });
      expect(stepOf(r, 'response')).toMatch(/^fail HTTP\/1\.1 426 Upgrade Required/);
    });
  });

  test('no proxy_http_version in front of a strict backend: 400 -> bad-request, nginx/proxy-http-version', async () => {
    await withNginx('no-http-version', { strictHttp11: true }, async (url) => {
      const r = await probeJson([url]);
      expect(verdict(r)).toEqual({ code: 1, class: 'bad-request', rules: ['nginx/proxy-http-version'], hop: expect.stringMatching(/^nginx /) });
    });
  });

  test('proxy_read_timeout 2s: the idle WebSocket is cut at ~2 s by a FIN, matched to the read timeout', async () => {
    await withNginx('read-timeout-short', {}, async (url) => {
      const r = await probeJson([url, '--idle', '4s']);
      expect(verdict(r)).toEqual({ code: 1, class: 'idle-cut', rules: ['nginx/websocket-read-timeout'], hop: expect.stringMatching(/^nginx /) });
      const idle = r.json.steps.find((s) => s.step === 'idle')!;
      expect(idle.summary).toMatch(/^closed after [\d.]+ s of idle by FIN, no close frame$/);
      // Cut by nginx's 2 s timer: generous bounds for a shared machine, but clearly not the 4 s.
      expect(idle.ms).toBeGreaterThanOrEqual(1500);
      expect(idle.ms).toBeLessThan(3500);
      expect(r.json.diagnosis!.message).toMatch(/proxy_read_timeout/);
    });
  });

  test('backend down: 502 behind Server: nginx -> bad-gateway', async () => {
    const backend = await startEchoBackend();
    const port = backend.port;
    await backend.close(); // nothing listens on the upstream port any more
    const server = await nginx.start(e2eFixture('nginx', 'upgrade-ok'), { backendPort: port });
    try {
      const r = await probeJson([`ws://127.0.0.1:${server.port}/ws`]);
      expect(verdict(r)).toEqual({ code: 1, class: 'bad-gateway', rules: [], hop: expect.stringMatching(/^nginx /) });
      expect(stepOf(r, 'response')).toMatch(/^fail HTTP\/1\.1 502 Bad Gateway \(Server: nginx/);
    } finally {
      await server.stop();
    }
  });

  test('correct config survives the same idle (exit 0)', async () => {
    await withNginx('upgrade-ok', {}, async (url) => {
      const r = await probeJson([url, '--idle', '2.5s']);
      expect(verdict(r)).toEqual({ code: 0, class: undefined, rules: undefined, hop: undefined });
      expect(stepOf(r, 'idle')).toBe('ok idle 2.5 s: still open, ping -> pong');
    });
  });
});
