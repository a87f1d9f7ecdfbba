/**
 * apache/websocket-handler-missing on the real apache2: a ws:// target with only mod_proxy loaded
 * gets 500 (AH01144); the documented correction (load mod_proxy_http, fixture
 * proxy-only-ws-fixed.conf) gives 101 + echo. Every observed working module set lints clean.
 */
import rule from '../../../../rules/apache/websocket-handler-missing';
import { apache, describeWithServer, e2eFixture, expectWebSocketFails, expectWebSocketWorks } from '../../harness';
import { lineOf, lintFixture } from './lint';

describeWithServer('apache', 'apache/websocket-handler-missing on the real server', () => {
  test('proxy-only-ws: the rule fires, 500 AH01144; proxy-only-ws-fixed (mod_proxy_http loaded) lints clean: 101 + echo', async () => {
    const bad = e2eFixture('apache', 'proxy-only-ws');
    const lint = lintFixture(rule, bad);
    expect(lint.fatal).toEqual([]);
    expect(lint.findings.map((m) => [m.line, m.column])).toEqual([[lineOf(bad, 'ProxyPass /ws'), 15]]);
    expect(lint.findings[0].message).toMatch(/^ProxyPass \/ws proxies to ws:\/\/ but no mod_proxy_http or mod_proxy_wstunnel is loaded: httpd answers 500$/);
    expect(lint.hasFix).toBe(false);
    const p = await expectWebSocketFails(apache, bad, { status: 500 });
    expect(p.logs).toMatch(/AH01144: No protocol handler was valid for the URL \/ws \(scheme 'ws'\)/);
    expect(p.backendRequests).toHaveLength(0);

    const fixed = e2eFixture('apache', 'proxy-only-ws-fixed');
    expect(lintFixture(rule, fixed).findings).toEqual([]);
    await expectWebSocketWorks(apache, fixed);
  });

  test('the observed working module sets lint clean (their 101s are proven in test/e2e/observed/apache.test.ts)', () => {
    for (const name of [
      'proxypass-ws-wstunnel', 'proxypass-ws-no-wstunnel', 'wstunnel-no-proxy-http', 'proxypass-http-upgrade-websocket',
      'rewrite-proxy-ws', 'rewrite-proxy-ws-no-wstunnel',
    ]) {
      const lint = lintFixture(rule, e2eFixture('apache', name));
      expect({ name, findings: lint.findings.map((m) => m.message), fatal: lint.fatal }).toEqual({ name, findings: [], fatal: [] });
    }
  });
});
