/**
 * nginx/websocket-host-header on the real nginx with a Tornado backend (python3-tornado), whose
 * default check_origin is the one Jupyter Server builds on: the kernel WebSocket proxied with
 * nginx's default Host ($proxy_host, here the upstream's name) is refused 403; the rule's fix
 * (proxy_set_header Host $http_host) makes it 101 + echo. `$host` drops the port the browser's
 * Origin carries on a non-default port (this loopback listener), and is refused too: why the fix
 * writes $http_host.
 *
 * Locally a missing python3-tornado skips with a NOTICE; under CI=true (.ci/run installs it) it fails.
 */
import rule from '../../../../rules/nginx/websocket-host-header';
import { lintCase } from '../../../support/lint-case';
import { describeWithServer, e2eFixture, handshake, describeWithTornado, nginx, startTornado, withServer, type TornadoBackend } from '../../harness';

const PATH = '/api/kernels/k1/channels';

describeWithServer('nginx', 'e2e nginx/websocket-host-header', () => {
  describeWithTornado('Tornado check_origin behind nginx', () => {
    let backend: TornadoBackend;
    beforeAll(async () => {
      backend = await startTornado();
    }, 30000);
    afterAll(async () => backend?.stop());

    const bad = e2eFixture('nginx', 'host-header-jupyter');
    const lint = lintCase('nginx', [rule], { code: bad, filename: 'nginx.conf' });
    const through = (config: string) =>
      withServer(nginx, config, { backendPort: backend.port }, async (server) => {
        const r = await handshake({ port: server.port, path: PATH });
        return { status: r.status, accepted: r.accepted, echoed: r.echoed };
      });

    test('the backend alone accepts a browser handshake (Origin and Host name the same host:port)', async () => {
      const r = await handshake({ port: backend.port, path: PATH });
      expect({ status: r.status, accepted: r.accepted, echoed: r.echoed }).toEqual({ status: 101, accepted: true, echoed: true });
    });

    test('bad: the rule fires; nginx sends "Host: jupyter" and Tornado answers 403', async () => {
      expect(lint.messages.filter((m) => m.fatal)).toEqual([]);
      expect(lint.messages.filter((m) => m.ruleId === rule.id).map((m) => [m.line, m.column, m.message])).toEqual([
        [21, 9, 'location /api/kernels/ sends "Host: jupyter": Jupyter Server refuses browser handshakes (403)'],
      ]);
      expect(await through(bad)).toEqual({ status: 403, accepted: false, echoed: undefined });
    }, 30000);

    test('fixed by the rule (Host $http_host): lints clean; 101 + echo', async () => {
      expect(lint.output).toContain('proxy_set_header Host $http_host;');
      expect(lintCase('nginx', [rule], { code: lint.output, filename: 'nginx.conf' }).messages.filter((m) => m.ruleId === rule.id)).toEqual([]);
      expect(await through(lint.output)).toEqual({ status: 101, accepted: true, echoed: true });
    }, 30000);

    // Host $host:$server_port (code-server#6161). Linted as the server would be deployed, on 443;
    // run on a loopback high port P with a client that names the host without a port, as a
    // browser does for 443 (or behind a port mapping): nginx sends "Host: localhost:P" beside
    // "Origin: http://localhost", the mismatch "localhost:443" makes on 443.
    const serverPort = e2eFixture('nginx', 'host-header-server-port');
    const on443 = lintCase('nginx', [rule], { code: serverPort.replace('listen 127.0.0.1:@PORT@;', 'listen 127.0.0.1:443;'), filename: 'nginx.conf' });
    const viaDefaultPort = (config: string) =>
      withServer(nginx, config, { backendPort: backend.port }, async (server) => {
        const r = await handshake({ port: server.port, path: PATH, hostHeader: 'localhost' });
        return { status: r.status, accepted: r.accepted, echoed: r.echoed };
      });

    test('Host $host:$server_port on 443: the rule fires; the port in Host is not in the Origin: 403', async () => {
      expect(on443.messages.filter((m) => m.ruleId === rule.id).map((m) => [m.line, m.column, m.message])).toEqual([
        [21, 9, 'location /api/kernels/ sends "Host: $host:443": Jupyter Server refuses browser handshakes (403)'],
      ]);
      expect(await viaDefaultPort(serverPort)).toEqual({ status: 403, accepted: false, echoed: undefined });
    }, 30000);

    test('fixed by the rule (Host $http_host, in place): lints clean; 101 + echo', async () => {
      expect(on443.output).toContain('proxy_set_header Host $http_host;');
      expect(on443.output).not.toContain('Host $host:$server_port;');
      expect(lintCase('nginx', [rule], { code: on443.output, filename: 'nginx.conf' }).messages.filter((m) => m.ruleId === rule.id)).toEqual([]);
      const fixed = serverPort.replace('proxy_set_header Host $host:$server_port;', 'proxy_set_header Host $http_host;');
      expect(fixed).not.toBe(serverPort);
      expect(await viaDefaultPort(fixed)).toEqual({ status: 101, accepted: true, echoed: true });
    }, 30000);

    test('Host $host on a non-default port drops the port the Origin carries: still 403', async () => {
      const host = lint.output.replace('proxy_set_header Host $http_host;', 'proxy_set_header Host $host;');
      expect(host).not.toBe(lint.output);
      expect(await through(host)).toEqual({ status: 403, accepted: false, echoed: undefined });
    }, 30000);
  });
});
