/**
 * apache/ssl-proxy-engine-missing on the real apache2: `ProxyPass /ws wss://…` without
 * `SSLProxyEngine on` answers 500 and logs AH01961; the fixed config passes `apache2 -t` and
 * httpd then starts TLS to the backend (against the plain echo backend here the TLS handshake
 * fails, AH00898: proof that TLS is now attempted; a TLS backend is not part of this harness).
 */
import rule from '../../../../rules/apache/ssl-proxy-engine-missing';
import { apache, describeWithServer, e2eFixture, handshake, withBackend, withServer } from '../../harness';
import { lineOf, lintFixture } from './lint';

describeWithServer('apache', 'apache/ssl-proxy-engine-missing on the real server', () => {
  test('wss:// without SSLProxyEngine: fires, 500 + AH01961; fixed: apache2 -t passes and httpd attempts TLS', async () => {
    const bad =
      e2eFixture('apache', 'proxypass-http-no-upgrade').replace(/^ProxyPass .*\n?/gm, '') +
      'LoadModule ssl_module /usr/lib/apache2/modules/mod_ssl.so\nProxyPass /ws wss://127.0.0.1:@BACKEND_PORT@/ws\n';
    const lint = lintFixture(rule, bad);
    expect(lint.fatal).toEqual([]);
    expect(lint.findings.map((m) => [m.line, m.column, m.message])).toEqual([[lineOf(bad, 'ProxyPass /ws'), 1, 'wss:// target without SSLProxyEngine on: httpd answers 500 (AH01961).']]);
    const run = (config: string) =>
      withBackend((backend) =>
        withServer(apache, config, { backendPort: backend.port }, async (server) => {
          const r = await handshake({ port: server.port, path: '/ws' });
          return { status: r.status, log: server.log('error.log'), backendSaw: backend.requests.length };
        }),
      );
    const b = await run(bad);
    expect([b.status, b.backendSaw]).toEqual([500, 0]);
    expect(b.log).toMatch(/AH01961: +failed to enable ssl support/);

    const fixed = lint.output;
    expect(fixed).toBe(bad.replace('ProxyPass /ws wss://', 'SSLProxyEngine on\nProxyPass /ws wss://'));
    expect(lintFixture(rule, fixed).findings).toEqual([]);
    expect((await apache.check(fixed)).ok).toBe(true);
    const f = await run(fixed);
    expect(f.log).not.toMatch(/AH01961/);
    expect(f.log).toMatch(/AH00898: Error during SSL Handshake with remote server/);
  });
});
