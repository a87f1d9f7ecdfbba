/**
 * Reproduces every nginx 1.22.1 row of /work/shared/evidence/observed-on-real-servers.md on
 * the real server. Fixtures: fixtures/e2e/nginx/<case>.conf.
 */
import {
  describeWithServer,
  e2eFixture,
  expectWebSocketFails,
  expectWebSocketWorks,
  handshake,
  idleSurvives,
  nginx,
  plainGet,
  selfSignedCert,
  withBackend,
  withServer,
  IDLE_CUT_FLOOR_MS,
} from '../harness';

const fx = (name: string) => e2eFixture('nginx', name);

describeWithServer('nginx', 'nginx 1.22.1: observed behaviour', () => {
  test('recipe (http_version 1.1 + Upgrade + Connection "upgrade"): 101, echo, idle 3 s survives', async () => {
    await expectWebSocketWorks(nginx, fx('upgrade-ok'));
    await withBackend(async (backend) =>
      withServer(nginx, fx('upgrade-ok'), { backendPort: backend.port }, async (server) => {
        const idle = await idleSurvives({ port: server.port, path: '/ws', idleMs: 3000 });
        expect(idle.handshake.status).toBe(101);
        expect(idle.survived).toBe(true);
      }),
    );
  });

  test('map $http_upgrade { default upgrade; "" close; }: 101; plain GETs go upstream with Connection: close', async () => {
    await withBackend(async (backend) =>
      withServer(nginx, fx('map-connection-close'), { backendPort: backend.port }, async (server) => {
        const hs = await handshake({ port: server.port, path: '/ws' });
        expect(hs.status).toBe(101);
        expect(hs.echoed).toBe(true);
        const get = await plainGet({ port: server.port, path: '/' });
        expect(get.status).toBe(200);
        const plain = backend.requests.filter((r) => r.kind === 'plain');
        expect(plain).toHaveLength(1);
        expect(plain[0].headers.connection).toBe('close');
      }),
    );
  });

  test('no proxy_http_version: backend gets an HTTP/1.0 upgrade; ws answers 101, a strict backend 400', async () => {
    const lenient = await expectWebSocketWorks(nginx, fx('no-http-version'));
    expect(lenient.backendRequests[0].httpVersion).toBe('1.0');
    const strict = await expectWebSocketFails(nginx, fx('no-http-version'), { strictHttp11: true, status: 400 });
    expect(strict.backendRequests[0].httpVersion).toBe('1.0');
    expect(strict.backendRequests[0].headers.upgrade).toBe('websocket');
  });

  test('no Upgrade header line: 426 from the backend', async () => {
    const p = await expectWebSocketFails(nginx, fx('no-upgrade-header'), { status: 426 });
    expect(p.backendRequests[0].headers.upgrade).toBeUndefined();
  });

  test('no Connection header line: 426 (nginx sends Connection: close)', async () => {
    const p = await expectWebSocketFails(nginx, fx('no-connection-header'), { status: 426 });
    expect(p.backendRequests[0].headers.connection).toBe('close');
  });

  test('Upgrade/Connection at server level, location sets only Host: 426 (no inheritance)', async () => {
    await expectWebSocketFails(nginx, fx('location-overrides-headers'), { status: 426 });
  });

  test('Upgrade/Connection at server level, location sets none: 101', async () => {
    await expectWebSocketWorks(nginx, fx('server-level-headers'));
  });

  test('proxy_read_timeout 2s, idle 3 s: cut after ~2 s by a TCP close, no close frame, logged at [info] only', async () => {
    await withBackend(async (backend) => {
      const server = await nginx.start(fx('read-timeout-short'), { backendPort: backend.port });
      let idle;
      try {
        idle = await idleSurvives({ port: server.port, path: '/ws', idleMs: 3000 });
      } finally {
        await server.stop();
      }
      expect(idle.handshake.status).toBe(101);
      expect(idle.survived).toBe(false);
      expect(idle.closeFrame).toBe(false);
      expect(idle.closedAfterMs).toBeGreaterThanOrEqual(IDLE_CUT_FLOOR_MS);
      expect(idle.closedAfterMs).toBeLessThan(2900);
      const timedOut = server.log('error.log').split('\n').filter((l) => /timed out/.test(l));
      expect(timedOut.length).toBeGreaterThan(0);
      // Every line about it is [info]: below the default level (error), so nothing is logged by default.
      for (const line of timedOut) expect(line).toMatch(/\[info\]/);
    });
  });

  test('Upgrade "websocket" hard-coded in location /: WebSocket works, plain requests get 400', async () => {
    await withBackend(async (backend) =>
      withServer(nginx, fx('hardcoded-upgrade'), { backendPort: backend.port }, async (server) => {
        const hs = await handshake({ port: server.port, path: '/ws' });
        expect(hs.accepted && hs.echoed).toBe(true);
        const get = await plainGet({ port: server.port, path: '/index.html' });
        expect(get.status).toBe(400);
        const last = backend.requests[backend.requests.length - 1];
        expect(last.url).toBe('/index.html');
        expect(last.headers.upgrade).toBe('websocket');
      }),
    );
  });

  test('upstream keepalive + Connection "": 426', async () => {
    const p = await expectWebSocketFails(nginx, fx('keepalive-empty-connection'), { status: 426 });
    expect(p.backendRequests[0].headers.connection).toBeUndefined();
  });

  test('upstream keepalive + map { default upgrade; "" ""; }: 101, and plain requests keep upstream keep-alive', async () => {
    await withBackend(async (backend) =>
      withServer(nginx, fx('keepalive-map'), { backendPort: backend.port }, async (server) => {
        const hs = await handshake({ port: server.port, path: '/ws' });
        expect(hs.accepted && hs.echoed).toBe(true);
        expect((await plainGet({ port: server.port, path: '/a' })).status).toBe(200);
        expect((await plainGet({ port: server.port, path: '/b' })).status).toBe(200);
        const plain = backend.requests.filter((r) => r.kind === 'plain');
        expect(plain).toHaveLength(2);
        expect(plain[0].headers.connection).toBeUndefined();
        expect(plain[1].connectionId).toBe(plain[0].connectionId); // the same upstream connection
      }),
    );
  });

  test('Connection "Upgrade" (capital U): 101', async () => {
    await expectWebSocketWorks(nginx, fx('connection-capital-upgrade'));
  });

  test('listen ... http2 without ssl: HTTP/1.1 clients get raw HTTP/2 frames and a GOAWAY', async () => {
    await withBackend(async (backend) =>
      withServer(nginx, fx('http2-cleartext'), { backendPort: backend.port }, async (server) => {
        for (const res of [await handshake({ port: server.port, path: '/ws' }), await plainGet({ port: server.port })]) {
          expect(res.status).toBeUndefined(); // not an HTTP/1.x reply
          expect(res.raw.length).toBeGreaterThanOrEqual(9);
          expect(res.raw[3]).toBe(0x04); // first frame: SETTINGS
          expect(frameTypes(res.raw)).toContain(0x07); // GOAWAY
        }
        expect(backend.requests).toHaveLength(0);
      }),
    );
  });

  test('listen ... ssl http2: 101 when the client negotiates http/1.1', async () => {
    const { cert, key } = selfSignedCert();
    const p = await expectWebSocketWorks(nginx, fx('http2-tls'), { tls: true, files: { 'cert.pem': cert, 'key.pem': key } });
    expect(p.handshake.alpnProtocol).toBe('http/1.1');
  });

  test('$connection_upgrade with no map: nginx -t fails with unknown "connection_upgrade" variable', async () => {
    const r = await nginx.check(fx('undefined-connection-upgrade'), { backendPort: 1 });
    expect(r.ok).toBe(false);
    expect(r.output).toMatch(/\[emerg\] \d+#\d+: unknown "connection_upgrade" variable/);
  });

  test('nginx -t accepts every other observed configuration', async () => {
    const { cert, key } = selfSignedCert();
    for (const name of [
      'upgrade-ok', 'map-connection-close', 'no-http-version', 'no-upgrade-header', 'no-connection-header',
      'location-overrides-headers', 'server-level-headers', 'read-timeout-short', 'hardcoded-upgrade',
      'keepalive-empty-connection', 'keepalive-map', 'connection-capital-upgrade', 'http2-cleartext', 'http2-tls',
    ]) {
      const r = await nginx.check(fx(name), { backendPort: 1, files: { 'cert.pem': cert, 'key.pem': key } });
      expect({ name, ok: r.ok, output: r.ok ? '' : r.output }).toEqual({ name, ok: true, output: '' });
    }
  });
});

/** Frame types in a buffer of HTTP/2 frames (9-byte headers). */
function frameTypes(raw: Buffer): number[] {
  const types: number[] = [];
  for (let off = 0; off + 9 <= raw.length; ) {
    const len = raw.readUIntBE(off, 3);
    types.push(raw[off + 3]);
    off += 9 + len;
  }
  return types;
}
