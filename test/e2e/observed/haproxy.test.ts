/**
 * Reproduces every HAProxy 2.6.12 row of observed-on-real-servers.md on the real server.
 * Fixtures: fixtures/e2e/haproxy/<case>.conf.
 */
import * as fs from 'node:fs';
import {
  describeWithServer,
  e2eFixture,
  expectWebSocketWorks,
  haproxy,
  idleSurvives,
  withBackend,
  IDLE_CUT_FLOOR_MS,
} from '../harness';

const fx = (name: string) => e2eFixture('haproxy', name);

async function idle(name: string, idleMs = 3000) {
  return withBackend(async (backend) => {
    const server = await haproxy.start(fx(name), { backendPort: backend.port });
    try {
      const result = await idleSurvives({ port: server.port, path: '/ws', idleMs });
      await new Promise((r) => setTimeout(r, 100)); // let the log line of the ended session arrive
      return { result, logs: server.log('stdout') };
    } finally {
      await server.stop();
    }
  });
}

describeWithServer('haproxy', 'HAProxy 2.6.12: observed behaviour', () => {
  test('timeout client/server 2s, no timeout tunnel: 101, then cut after ~2 s idle (flags cD--)', async () => {
    await expectWebSocketWorks(haproxy, fx('no-timeout-tunnel'));
    const { result, logs } = await idle('no-timeout-tunnel');
    expect(result.handshake.status).toBe(101);
    expect(result.survived).toBe(false);
    expect(result.closeFrame).toBe(false);
    expect(result.closedAfterMs).toBeGreaterThanOrEqual(IDLE_CUT_FLOOR_MS);
    expect(result.closedAfterMs).toBeLessThan(2900);
    expect(logs).toMatch(/ cD-- /);
  });

  test('plus timeout tunnel 1h: idle 3 s survives', async () => {
    const { result } = await idle('timeout-tunnel');
    expect(result.handshake.status).toBe(101);
    expect(result.survived).toBe(true);
  });

  test('option http-server-close / option httpclose: no effect on the upgrade', async () => {
    await expectWebSocketWorks(haproxy, fx('http-server-close'));
    await expectWebSocketWorks(haproxy, fx('httpclose'));
  });

  test("Debian's stock haproxy.cfg: client/server timeouts 50 s, no timeout tunnel", () => {
    const stock = '/etc/haproxy/haproxy.cfg';
    if (!fs.existsSync(stock)) {
      // eslint-disable-next-line no-console
      console.warn(`NOTICE: ${stock} is absent; not checking the stock timeouts`);
      return;
    }
    const text = fs.readFileSync(stock, 'utf8').replace(/#.*$/gm, '');
    expect(text).toMatch(/^\s*timeout\s+client\s+50000\s*$/m);
    expect(text).toMatch(/^\s*timeout\s+server\s+50000\s*$/m);
    expect(text).not.toMatch(/^\s*timeout\s+tunnel\b/m);
  });

  test('haproxy -c accepts every observed configuration', async () => {
    for (const name of ['no-timeout-tunnel', 'timeout-tunnel', 'http-server-close', 'httpclose']) {
      const r = await haproxy.check(fx(name), { backendPort: 1 });
      expect({ name, ok: r.ok, output: r.ok ? '' : r.output }).toEqual({ name, ok: true, output: '' });
    }
  });
});
