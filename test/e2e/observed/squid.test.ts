/**
 * Reproduces every Squid 5.7 row of observed-on-real-servers.md on the real server, used as a
 * forward proxy with Debian's default access rules. Fixtures: fixtures/e2e/squid/<case>.conf.
 */
import {
  connectTunnel,
  describeWithServer,
  e2eFixture,
  expectWebSocketFails,
  expectWebSocketWorks,
  handshakeViaProxy,
  squid,
  withBackend,
  withServer,
  type EchoBackend,
  type RunningServer,
} from '../harness';

const fx = (name: string) => e2eFixture('squid', name);

/** Housekeeping Squid logs about a second after start, whatever the traffic. */
const HOUSEKEEPING = /storeLateRelease: released/;

/** cache.log lines written while fn ran (housekeeping aside). */
async function cacheLogDuring(server: RunningServer, fn: () => Promise<void>): Promise<string[]> {
  const before = server.log('cache.log').length;
  await fn();
  await new Promise((r) => setTimeout(r, 200));
  return server
    .log('cache.log')
    .slice(before)
    .split('\n')
    .filter((l) => l.trim() !== '' && !HOUSEKEEPING.test(l));
}

/** Starts Squid with a backend and runs fn; asserts cache.log stayed silent meanwhile. */
async function withSquid(name: string, fn: (server: RunningServer, backend: EchoBackend) => Promise<void>) {
  await withBackend(async (backend) =>
    withServer(squid, fx(name), { backendPort: backend.port }, async (server) => {
      const written = await cacheLogDuring(server, () => fn(server, backend));
      expect({ name, cacheLog: written }).toEqual({ name, cacheLog: [] });
    }),
  );
}

describeWithServer('squid', 'Squid 5.7 (forward proxy): observed behaviour', () => {
  test('default: Upgrade dropped -> 426; absolute ws:// URI -> 501 ERR_UNSUP_REQ', async () => {
    await withSquid('default', async (server, backend) => {
      const hs = await handshakeViaProxy({ proxyPort: server.port, targetPort: backend.port });
      expect(hs.status).toBe(426);
      expect(backend.requests[0].headers.upgrade).toBeUndefined();
      const ws = await handshakeViaProxy({ proxyPort: server.port, targetPort: backend.port, scheme: 'ws' });
      expect(ws.status).toBe(501);
      expect(ws.headers['x-squid-error']).toMatch(/^ERR_UNSUP_REQ/);
    });
  });

  test('http_upgrade_request_protocols WebSocket allow all: 426 for "websocket" clients, 101 only for "WebSocket"', async () => {
    await withSquid('upgrade-protocols-capitalised', async (server, backend) => {
      const lower = await handshakeViaProxy({ proxyPort: server.port, targetPort: backend.port });
      expect(lower.status).toBe(426);
      const capital = await handshakeViaProxy({ proxyPort: server.port, targetPort: backend.port, upgradeToken: 'WebSocket' });
      expect(capital.status).toBe(101);
      expect(capital.echoed).toBe(true);
    });
  });

  test('http_upgrade_request_protocols websocket allow all: 101', async () => {
    await expectWebSocketWorks(squid, fx('upgrade-protocols-lowercase'));
  });

  test('http_upgrade_request_protocols OTHER allow all: 101 for either spelling', async () => {
    await withSquid('upgrade-protocols-other', async (server, backend) => {
      for (const upgradeToken of ['websocket', 'WebSocket']) {
        const hs = await handshakeViaProxy({ proxyPort: server.port, targetPort: backend.port, upgradeToken });
        expect({ upgradeToken, status: hs.status, echoed: hs.echoed }).toEqual({ upgradeToken, status: 101, echoed: true });
      }
    });
  });

  test('allowed + reply_header_access Upgrade deny all: TCP_TUNNEL/101 without an Upgrade header; clients reject it', async () => {
    await withSquid('reply-upgrade-denied', async (server, backend) => {
      const hs = await handshakeViaProxy({ proxyPort: server.port, targetPort: backend.port });
      expect(hs.status).toBe(101);
      expect(hs.headers.upgrade).toBeUndefined();
      expect(hs.accepted).toBe(false);
      expect(backend.requests[0].status).toBe(101);
    });
    // access.log is written when the tunnel ends, so read it after stop.
    await withBackend(async (backend) => {
      const server = await squid.start(fx('reply-upgrade-denied'), { backendPort: backend.port });
      try {
        await handshakeViaProxy({ proxyPort: server.port, targetPort: backend.port });
      } finally {
        await server.stop();
      }
      expect(server.log('access.log')).toMatch(/TCP_TUNNEL\/101/);
    });
  });

  test('allowed + request_header_access Upgrade deny all: 426, Squid still sends Connection: upgrade', async () => {
    await withSquid('request-upgrade-denied', async (server, backend) => {
      const hs = await handshakeViaProxy({ proxyPort: server.port, targetPort: backend.port });
      expect(hs.status).toBe(426);
      expect(backend.requests[0].headers.upgrade).toBeUndefined();
      expect(backend.requests[0].headers.connection).toMatch(/upgrade/i);
    });
  });

  test('reply_header_access Upgrade allow all alone: no effect, 426', async () => {
    await expectWebSocketFails(squid, fx('reply-upgrade-allowed-only'), { status: 426 });
  });

  test('CONNECT to a port not in SSL_ports: 403 ERR_ACCESS_DENIED; port added to SSL_ports: 200 then 101', async () => {
    await withSquid('connect-port-not-ssl', async (server, backend) => {
      const t = await connectTunnel({ proxyPort: server.port, targetPort: backend.port });
      expect(t.connect.status).toBe(403);
      expect(t.connect.headers['x-squid-error']).toMatch(/^ERR_ACCESS_DENIED/);
      expect(t.handshake).toBeUndefined();
    });
    await withSquid('connect-port-in-ssl-ports', async (server, backend) => {
      const t = await connectTunnel({ proxyPort: server.port, targetPort: backend.port });
      expect(t.connect.status).toBe(200);
      expect(t.handshake?.status).toBe(101);
      expect(t.handshake?.echoed).toBe(true);
    });
  });

  test('squid -k parse accepts every observed configuration', async () => {
    for (const name of [
      'default', 'upgrade-protocols-capitalised', 'upgrade-protocols-lowercase', 'upgrade-protocols-other',
      'reply-upgrade-denied', 'request-upgrade-denied', 'reply-upgrade-allowed-only', 'connect-port-not-ssl',
      'connect-port-in-ssl-ports',
    ]) {
      const r = await squid.check(fx(name), { backendPort: 1 });
      expect({ name, ok: r.ok, output: r.ok ? '' : r.output }).toEqual({ name, ok: true, output: '' });
    }
  });
});
