/**
 * squid/connect-websocket-port-denied on the real Squid 5.7 with Debian's access rules: the
 * WebSocket server's port (the echo backend's, given as `websocket.ports`) is not in SSL_ports, so
 * the rule fires on `http_access deny CONNECT !SSL_ports` and CONNECT really gets 403; the rule's
 * (unsafe) fix adds the port to SSL_ports, lints clean, and CONNECT gets 200 then 101 + echo
 * inside the tunnel. The backend starts first so that its port is known to the linter.
 */
import rule from '../../../../rules/squid/connect-websocket-port-denied';
import { connectTunnel, describeWithServer, withBackend } from '../../harness';
import { expectSquidParses, fx, lineOf, lint, withSquid } from './support';

describeWithServer('squid', 'squid/connect-websocket-port-denied on Squid 5.7', () => {
  test('port not in SSL_ports: fires on deny CONNECT !SSL_ports; CONNECT -> 403. Fixed: 200, then 101 + echo in the tunnel', async () => {
    const bad = fx('connect-port-not-ssl');
    await withBackend(async (backend) => {
      const ports = [backend.port];
      const r = lint(rule, bad, { websocket: { ports } });
      expect(r.findings).toEqual([
        {
          line: lineOf(bad, /^http_access deny CONNECT !SSL_ports/),
          column: 1,
          message: `http_access denies CONNECT to port ${backend.port}: it is not in SSL_ports, so WebSocket clients get 403`,
        },
      ]);
      // Only websocket.ports are checked: without them the stock rules are not reported.
      expect(lint(rule, bad).findings).toEqual([]);

      await withSquid(
        bad,
        async (server) => {
          const t = await connectTunnel({ proxyPort: server.port, targetPort: backend.port });
          expect(t.connect.status).toBe(403);
          expect(t.connect.headers['x-squid-error']).toMatch(/^ERR_ACCESS_DENIED/);
          expect(t.handshake).toBeUndefined();
        },
        backend,
      );

      // The unsafe fix: `acl SSL_ports port N` right after the last SSL_ports line.
      const fixed = r.output;
      const last = lineOf(bad, /^acl SSL_ports /);
      expect(fixed.split('\n')).toEqual([
        ...bad.split('\n').slice(0, last),
        `acl SSL_ports port ${backend.port}`,
        ...bad.split('\n').slice(last),
      ]);
      expect(lint(rule, fixed, { websocket: { ports } }).findings).toEqual([]);
      await expectSquidParses(fixed);
      await withSquid(
        fixed,
        async (server) => {
          const t = await connectTunnel({ proxyPort: server.port, targetPort: backend.port });
          expect(t.connect.status).toBe(200);
          expect([t.handshake?.status, t.handshake?.accepted, t.handshake?.echoed]).toEqual([101, true, true]);
        },
        backend,
      );
    });
  });
});
