/**
 * apache/ssl-proxy-engine-missing on the real apache2: `ProxyPass /ws wss://…` without
 * `SSLProxyEngine on` answers 500 and logs AH01961; the fixed config passes `apache2 -t` and
 * carries the WebSocket to a TLS `ws` echo backend (wss://, self-signed: SSLProxyVerify is none
 * by default; its certificate, made with openssl in the test's temp dir, names CN=127.0.0.1
 * because httpd's SSLProxyCheckPeerName, on by default, compares DNS names and the CN, never IP
 * SANs: observed AH02411 "Peer certificate does not match for hostname 127.0.0.1" otherwise).
 * The same for a site file's VirtualHost (the Mattermost docs' RewriteRule [P]).
 */
import rule from '../../../../rules/apache/ssl-proxy-engine-missing';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { apache, describeWithServer, e2eFixture, handshake, withBackend, withServer } from '../../harness';
import { lintCase } from '../../../support/lint-case';
import { lineOf, lintFixture } from './lint';

describeWithServer('apache', 'apache/ssl-proxy-engine-missing on the real server', () => {
  let cert: { cert: string; key: string };
  beforeAll(() => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proxylint-e2e-wss-'));
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-days', '2',
        '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore', timeout: 15_000 });
      cert = { cert: fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8'), key: fs.readFileSync(path.join(dir, 'key.pem'), 'utf8') };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  const run = (config: string, uri = '/ws') =>
    withBackend(
      (backend) =>
        withServer(apache, config, { backendPort: backend.port }, async (server) => {
          const r = await handshake({ port: server.port, path: uri });
          return { status: r.status, echoed: r.echoed, log: server.log('error.log'), backendSaw: backend.requests.length };
        }),
      { tls: cert },
    );

  test('wss:// without SSLProxyEngine: fires, 500 + AH01961; fixed: apache2 -t passes and the wss:// backend answers 101 + echo', async () => {
    const bad =
      e2eFixture('apache', 'proxypass-http-no-upgrade').replace(/^ProxyPass .*\n?/gm, '') +
      'LoadModule ssl_module /usr/lib/apache2/modules/mod_ssl.so\nProxyPass /ws wss://127.0.0.1:@BACKEND_PORT@/ws\n';
    const lint = lintFixture(rule, bad);
    expect(lint.fatal).toEqual([]);
    expect(lint.findings.map((m) => [m.line, m.column, m.message])).toEqual([[lineOf(bad, 'ProxyPass /ws'), 1, 'wss:// target without SSLProxyEngine on: httpd answers 500 (AH01961).']]);
    const b = await run(bad);
    expect([b.status, b.backendSaw]).toEqual([500, 0]);
    expect(b.log).toMatch(/AH01961: +failed to enable ssl support/);

    const fixed = lint.output;
    expect(fixed).toBe(bad.replace('ProxyPass /ws wss://', 'SSLProxyEngine on\nProxyPass /ws wss://'));
    expect(lintFixture(rule, fixed).findings).toEqual([]);
    expect((await apache.check(fixed)).ok).toBe(true);
    const f = await run(fixed);
    expect(f.log).not.toMatch(/AH01961/);
    expect([f.status, f.echoed, f.backendSaw]).toEqual([101, true, 1]);
  });

  test("a site file's VirtualHost with RewriteRule [P] to wss:// (Mattermost docs): a warning; 500 under a main config without it; the fix gives 101 + echo", async () => {
    const site = [
      '<VirtualHost *:@PORT@>',
      '  RewriteEngine On',
      '  RewriteCond %{HTTP:UPGRADE} ^WebSocket$ [NC]',
      '  RewriteRule .* wss://127.0.0.1:@BACKEND_PORT@%{REQUEST_URI} [P,QSA,L]',
      '</VirtualHost>',
      '',
    ].join('\n');
    const r = lintCase('apache', [rule], { code: site, filename: 'sites-enabled/mattermost.conf' });
    expect(r.messages.map((m) => [m.ruleId, m.line, m.column, m.raw.severity])).toEqual([[rule.id, 4, 3, 'warning']]);
    const main = e2eFixture('apache', 'proxypass-http-no-upgrade').replace(/^ProxyPass .*\n?/gm, '') +
      'LoadModule ssl_module /usr/lib/apache2/modules/mod_ssl.so\nLoadModule rewrite_module /usr/lib/apache2/modules/mod_rewrite.so\n';
    const b = await run(main + site);
    expect([b.status, b.backendSaw]).toEqual([500, 0]);
    expect(b.log).toMatch(/AH01961/);
    expect(r.output).toBe(site.replace('  RewriteEngine On', '  SSLProxyEngine on\n  RewriteEngine On'));
    const f = await run(main + r.output);
    expect([f.status, f.echoed]).toEqual([101, true]);
  });
});
