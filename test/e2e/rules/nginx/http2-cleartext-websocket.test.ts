/**
 * nginx/http2-cleartext-websocket on the real nginx (1.22.1): the bad fixture (listen … http2
 * without ssl) trips the rule and an HTTP/1.1 handshake gets no 101; the rule's fix lints clean
 * and carries a WebSocket.
 */
import rule from '../../../../rules/nginx/http2-cleartext-websocket';
import { lintCase } from '../../../support/lint-case';
import { describeWithServer, e2eFixture, expectWebSocketFails, expectWebSocketWorks, nginx, withServer } from '../../harness';

describeWithServer('nginx', 'e2e nginx/http2-cleartext-websocket', () => {
  const bad = e2eFixture('nginx', 'http2-cleartext');
  const lint = lintCase('nginx', [rule], { code: bad, filename: 'nginx.conf' });

  test('bad: trips the rule, and an HTTP/1.1 client gets no 101 (raw HTTP/2 frames)', async () => {
    expect(lint.messages.filter((m) => m.ruleId === rule.id).map((m) => `${m.line}:${m.column}`)).toEqual(['16:33']);
    const p = await expectWebSocketFails(nginx, bad);
    expect(p.handshake.status).toBeUndefined();
    expect(p.backendRequests).toHaveLength(0);
  });

  test('`http2 on;` cannot make the port HTTP/2 before 1.25.1: this nginx refuses the directive, so the rule has no such cause and stays silent', async () => {
    const on = bad.replace('listen 127.0.0.1:@PORT@ http2;', 'listen 127.0.0.1:@PORT@;\n        http2 on;');
    expect(on).not.toBe(bad);
    expect(lintCase('nginx', [rule], { code: on, filename: 'nginx.conf', targets: { nginx: '1.22.1' } }).messages).toEqual([]);
    await expect(withServer(nginx, on, { backendPort: 9 }, async () => 'started')).rejects.toThrow(/unknown directive "http2"/);
  });

  test('`listen http2;` names a host, not the option: this nginx reads the first argument as the address, and the rule stays silent', async () => {
    const host = bad.replace('listen 127.0.0.1:@PORT@ http2;', 'listen http2;');
    expect(host).not.toBe(bad);
    expect(lintCase('nginx', [rule], { code: host, filename: 'nginx.conf', targets: { nginx: '1.22.1' } }).messages).toEqual([]);
    await expect(withServer(nginx, host, { backendPort: 9 }, async () => 'started')).rejects.toThrow(/host not found in "http2" of the "listen" directive/);
  });

  test('fixed by the rule (http2 removed): lints clean, 101 + echo', async () => {
    expect(lint.output).toContain('listen 127.0.0.1:@PORT@;');
    expect(lintCase('nginx', [rule], { code: lint.output, filename: 'nginx.conf' }).messages).toEqual([]);
    await expectWebSocketWorks(nginx, lint.output);
  });
});
