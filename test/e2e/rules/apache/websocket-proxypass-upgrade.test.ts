/**
 * apache/websocket-proxypass-upgrade on the real apache2: `ProxyPass /ws http://…` without
 * upgrade= gets 426 (with or without mod_proxy_wstunnel); the fixer's output gives 101 + echo.
 */
import rule from '../../../../rules/apache/websocket-proxypass-upgrade';
import { apache, describeWithServer, e2eFixture, expectWebSocketFails, expectWebSocketWorks } from '../../harness';
import { lineOf, lintFixture } from './lint';

describeWithServer('apache', 'apache/websocket-proxypass-upgrade on the real server', () => {
  for (const name of ['proxypass-http-no-upgrade', 'proxypass-http-no-upgrade-no-wstunnel']) {
    test(`${name}: the rule fires, 426; the fixed config gives 101 + echo`, async () => {
      const bad = e2eFixture('apache', name);
      const lint = lintFixture(rule, bad);
      expect(lint.fatal).toEqual([]);
      expect(lint.findings.map((m) => [m.line, m.column])).toEqual([[lineOf(bad, 'ProxyPass /ws'), 1]]);
      const p = await expectWebSocketFails(apache, bad, { status: 426 });
      expect(p.backendRequests.map((r) => r.kind)).toEqual(['plain']);

      const fixed = lint.output;
      expect(fixed).toMatch(/^ProxyPass \/ws http:\/\/127\.0\.0\.1:@BACKEND_PORT@\/ws upgrade=websocket$/m);
      expect(lintFixture(rule, fixed).findings).toEqual([]);
      await expectWebSocketWorks(apache, fixed);
    });
  }
});
