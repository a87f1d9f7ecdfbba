/**
 * Reproduces every Apache httpd 2.4.71 row of observed-on-real-servers.md on the real server.
 * Fixtures: fixtures/e2e/apache/<case>.conf (Debian's modules loaded by LoadModule).
 */
import {
  apache,
  describeWithServer,
  e2eFixture,
  expectWebSocketFails,
  expectWebSocketWorks,
  handshake,
  idleSurvives,
  plainGet,
  withBackend,
  withServer,
  type RunningServer,
  IDLE_CUT_FLOOR_MS,
} from '../harness';

const fx = (name: string) => e2eFixture('apache', name);

/** error.log lines at warn or worse (notice lines about start/stop are always written). */
const warnings = (server: RunningServer) =>
  server.log('error.log').split('\n').filter((l) => /\[[a-z_]+:(warn|error|crit|alert|emerg)\]/.test(l));

async function idle(name: string, idleMs = 3000) {
  return withBackend(async (backend) =>
    withServer(apache, fx(name), { backendPort: backend.port }, (server) =>
      idleSurvives({ port: server.port, path: '/ws', idleMs }),
    ),
  );
}

describeWithServer('apache', 'Apache httpd 2.4.71: observed behaviour', () => {
  test('ProxyPass /ws ws://… with mod_proxy_wstunnel: 101', async () => {
    await expectWebSocketWorks(apache, fx('proxypass-ws-wstunnel'));
  });

  test('ProxyPass /ws ws://… without mod_proxy_wstunnel: 101 via mod_proxy_http (AH10239)', async () => {
    const p = await expectWebSocketWorks(apache, fx('proxypass-ws-no-wstunnel'));
    expect(p.logs).toMatch(/AH10239: HTTP: tunneling protocol websocket/);
  });

  test('ProxyPass /ws http://… upgrade=websocket: 101', async () => {
    await expectWebSocketWorks(apache, fx('proxypass-http-upgrade-websocket'));
  });

  test('ProxyPass /ws http://… without upgrade= (with or without wstunnel): 426, nothing logged at warn', async () => {
    for (const name of ['proxypass-http-no-upgrade', 'proxypass-http-no-upgrade-no-wstunnel']) {
      await withBackend(async (backend) =>
        withServer(apache, fx(name), { backendPort: backend.port }, async (server) => {
          const hs = await handshake({ port: server.port, path: '/ws' });
          expect({ name, status: hs.status }).toEqual({ name, status: 426 });
          expect(backend.requests[0].kind).toBe('plain');
          expect(warnings(server)).toEqual([]);
        }),
      );
    }
  });

  test('RewriteCond Upgrade/Connection + RewriteRule ws:// [P] (with or without wstunnel): 101; plain GETs 200', async () => {
    for (const name of ['rewrite-proxy-ws', 'rewrite-proxy-ws-no-wstunnel']) {
      await withBackend(async (backend) =>
        withServer(apache, fx(name), { backendPort: backend.port }, async (server) => {
          const hs = await handshake({ port: server.port, path: '/ws' });
          expect({ name, accepted: hs.accepted, echoed: hs.echoed }).toEqual({ name, accepted: true, echoed: true });
          const get = await plainGet({ port: server.port, path: '/page' });
          expect({ name, status: get.status, body: get.body }).toEqual({ name, status: 200, body: 'plain' });
        }),
      );
    }
  });

  test('ProxyPass / listed before ProxyPass /ws: 426 (the first match wins)', async () => {
    await expectWebSocketFails(apache, fx('proxypass-root-before-ws'), { status: 426 });
  });

  test('ProxyTimeout 2 or timeout=2, idle 3 s: survives', async () => {
    for (const name of ['proxytimeout-short', 'proxypass-timeout-param']) {
      const r = await idle(name);
      expect({ name, status: r.handshake.status, survived: r.survived }).toEqual({ name, status: 101, survived: true });
    }
  });

  test('core Timeout 2, idle 3 s: cut after ~2 s', async () => {
    const r = await idle('core-timeout-short');
    expect(r.handshake.status).toBe(101);
    expect(r.survived).toBe(false);
    expect(r.closedAfterMs).toBeGreaterThanOrEqual(IDLE_CUT_FLOOR_MS);
    expect(r.closedAfterMs).toBeLessThan(2900);
  });

  test('core Timeout 2 with ProxyTimeout 60, idle 3 s: survives (the limit is max(Timeout, ProxyTimeout))', async () => {
    const r = await idle('core-timeout-short-proxytimeout-long');
    expect(r.handshake.status).toBe(101);
    expect(r.survived).toBe(true);
  });

  test('only mod_proxy, ws:// target: 500, AH01144 No protocol handler', async () => {
    const p = await expectWebSocketFails(apache, fx('proxy-only-ws'), { status: 500 });
    expect(p.logs).toMatch(/AH01144: No protocol handler was valid for the URL \/ws \(scheme 'ws'\)/);
    expect(p.backendRequests).toHaveLength(0);
  });

  test('mod_proxy + mod_proxy_wstunnel, no mod_proxy_http: 101; access log 200; backend sees Upgrade: WebSocket', async () => {
    const p = await expectWebSocketWorks(apache, fx('wstunnel-no-proxy-http'));
    const raw = p.backendRequests[0].rawHeaders;
    expect(raw[raw.findIndex((h) => h.toLowerCase() === 'upgrade') + 1]).toBe('WebSocket');
    expect(p.logs).toMatch(/"GET \/ws HTTP\/1\.1" 200/);
  });

  test('LogLevel proxy_wstunnel:debug with the module unloaded: refuses to start', async () => {
    const r = await apache.check(fx('loglevel-unloaded-module'), { backendPort: 1 });
    expect(r.ok).toBe(false);
    expect(r.output).toMatch(/Cannot find module proxy_wstunnel/);
    await expect(apache.start(fx('loglevel-unloaded-module'), { backendPort: 1 })).rejects.toThrow(
      /exited before listening[\s\S]*Cannot find module proxy_wstunnel/,
    );
  });

  test('apache2 -t accepts every other observed configuration', async () => {
    for (const name of [
      'proxypass-ws-wstunnel', 'proxypass-ws-no-wstunnel', 'proxypass-http-upgrade-websocket',
      'proxypass-http-no-upgrade', 'proxypass-http-no-upgrade-no-wstunnel', 'rewrite-proxy-ws',
      'rewrite-proxy-ws-no-wstunnel', 'proxypass-root-before-ws', 'proxytimeout-short', 'proxypass-timeout-param',
      'core-timeout-short', 'core-timeout-short-proxytimeout-long', 'proxy-only-ws', 'wstunnel-no-proxy-http',
    ]) {
      const r = await apache.check(fx(name), { backendPort: 1 });
      expect({ name, ok: r.ok, output: r.ok ? '' : r.output }).toEqual({ name, ok: true, output: '' });
    }
  });
});
