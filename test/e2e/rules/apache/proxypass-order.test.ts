/**
 * apache/proxypass-order on the real apache2: `ProxyPass /` before `ProxyPass /ws ws://…` gets
 * 426 (the first match wins); the fixer moves the WebSocket line up: 101 + echo, and plain
 * requests still reach the http:// route.
 */
import rule from '../../../../rules/apache/proxypass-order';
import { apache, describeWithServer, e2eFixture, expectWebSocketFails, expectWebSocketWorks, plainGet, withBackend, withServer } from '../../harness';
import { lineOf, lintFixture } from './lint';

describeWithServer('apache', 'apache/proxypass-order on the real server', () => {
  test('proxypass-root-before-ws: the rule fires, 426; the fixed config gives 101 + echo and plain GETs 200', async () => {
    const bad = e2eFixture('apache', 'proxypass-root-before-ws');
    const lint = lintFixture(rule, bad);
    expect(lint.fatal).toEqual([]);
    expect(lint.findings.map((m) => [m.line, m.column])).toEqual([[lineOf(bad, 'ProxyPass /ws'), 1]]);
    await expectWebSocketFails(apache, bad, { status: 426 });

    const fixed = lint.output;
    expect(lineOf(fixed, 'ProxyPass /ws')).toBeLessThan(lineOf(fixed, 'ProxyPass / '));
    expect(lintFixture(rule, fixed).findings).toEqual([]);
    await expectWebSocketWorks(apache, fixed);
    await withBackend((backend) =>
      withServer(apache, fixed, { backendPort: backend.port }, async (server) => {
        const get = await plainGet({ port: server.port, path: '/page' });
        expect({ status: get.status, body: get.body }).toEqual({ status: 200, body: 'plain' });
      }),
    );
  });
});
