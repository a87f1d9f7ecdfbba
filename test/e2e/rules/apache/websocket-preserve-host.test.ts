/**
 * apache/websocket-preserve-host on the real apache2 with a Tornado backend (python3-tornado),
 * whose default check_origin is the one Jupyter Server builds on: the kernel WebSocket proxied
 * without ProxyPreserveHost (httpd sends the backend URL's host:port) is refused 403; the rule's
 * fix (ProxyPreserveHost On, the client's Host passed on) makes it 101 + echo.
 *
 * Locally a missing python3-tornado skips with a NOTICE; under CI=true (.ci/run installs it) it fails.
 */
import rule from '../../../../rules/apache/websocket-preserve-host';
import { apache, describeWithServer, e2eFixture, handshake, describeWithTornado, startTornado, withServer, type TornadoBackend } from '../../harness';
import { lineOf, lintFixture } from './lint';

const PATH = '/api/kernels/k1/channels';

describeWithServer('apache', 'e2e apache/websocket-preserve-host', () => {
  describeWithTornado('Tornado check_origin behind apache2', () => {
    let backend: TornadoBackend;
    beforeAll(async () => {
      backend = await startTornado();
    }, 30000);
    afterAll(async () => backend?.stop());

    const bad = e2eFixture('apache', 'preserve-host-jupyter');
    const lint = lintFixture(rule, bad);
    const through = (config: string) =>
      withServer(apache, config, { backendPort: backend.port }, async (server) => {
        const r = await handshake({ port: server.port, path: PATH });
        return { status: r.status, accepted: r.accepted, echoed: r.echoed };
      });

    test('bad: the rule fires; httpd sends the backend\'s Host and Tornado answers 403', async () => {
      expect(lint.fatal).toEqual([]);
      expect(lint.findings.map((m) => [m.line, m.column, m.message])).toEqual([
        [lineOf(bad, 'ProxyPass /api/kernels/'), 1, 'ProxyPass /api/kernels/ sends "Host: 127.0.0.1:@BACKEND_PORT@": Jupyter Server refuses browser handshakes (403)'],
      ]);
      expect(await through(bad)).toEqual({ status: 403, accepted: false, echoed: undefined });
    }, 30000);

    test('fixed by the rule (ProxyPreserveHost On): lints clean; 101 + echo', async () => {
      expect(lint.output).toContain('ProxyPreserveHost On\nProxyPass /api/kernels/');
      expect(lintFixture(rule, lint.output).findings).toEqual([]);
      expect(await through(lint.output)).toEqual({ status: 101, accepted: true, echoed: true });
    }, 30000);
  });
});
