/**
 * nginx/missing-forwarded-proto on the real nginx: on the TLS fixture (listen … ssl http2) the
 * WebSocket works but the backend is never told the client used https; after the rule's fix the
 * handshake reaches the backend with X-Forwarded-Proto: https, and the WebSocket still works.
 */
import rule from '../../../../rules/nginx/missing-forwarded-proto';
import { lintCase } from '../../../support/lint-case';
import { describeWithServer, e2eFixture, expectWebSocketWorks, nginx, selfSignedCert, withServer } from '../../harness';

describeWithServer('nginx', 'e2e nginx/missing-forwarded-proto', () => {
  const bad = e2eFixture('nginx', 'http2-tls');
  const lint = lintCase('nginx', [rule], { code: bad, filename: 'nginx.conf' });

  const tlsProbe = () => {
    const { cert, key } = selfSignedCert();
    return { tls: true, files: { 'cert.pem': cert, 'key.pem': key } };
  };

  test('bad: trips the rule; the backend sees the handshake with no X-Forwarded-Proto', async () => {
    expect(lint.messages.filter((m) => m.ruleId === rule.id).map((m) => m.line)).toEqual([19]);
    const p = await expectWebSocketWorks(nginx, bad, tlsProbe());
    expect(p.backendRequests[0].headers['x-forwarded-proto']).toBeUndefined();
  });

  test('`listen ssl;` names a host, not TLS: this nginx reads the first argument as the address, and the rule stays silent', async () => {
    const host = bad.replace('listen 127.0.0.1:@PORT@ ssl http2;', 'listen ssl;');
    expect(host).not.toBe(bad);
    expect(lintCase('nginx', [rule], { code: host, filename: 'nginx.conf' }).messages).toEqual([]);
    await expect(withServer(nginx, host, { backendPort: 9 }, async () => 'started')).rejects.toThrow(/host not found in "ssl" of the "listen" directive/);
  });

  test('fixed by the rule: lints clean; the backend sees X-Forwarded-Proto: https; 101 + echo', async () => {
    expect(lint.output).toContain('proxy_set_header X-Forwarded-Proto $scheme;');
    expect(lintCase('nginx', [rule], { code: lint.output, filename: 'nginx.conf' }).messages).toEqual([]);
    const p = await expectWebSocketWorks(nginx, lint.output, tlsProbe());
    expect(p.backendRequests[0].headers['x-forwarded-proto']).toBe('https');
  });
});
