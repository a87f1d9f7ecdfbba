/** `probe` through the real Apache httpd: no upgrade=websocket (426), no handler module (500), correct (0). */
import { apache, describeWithServer, e2eFixture } from '../harness';
import { withReverse } from './reverse';
import { probeJson, stepOf, verdict } from './support';

describeWithServer('apache', 'probe through the real Apache httpd', () => {
  test('ProxyPass http:// without upgrade=websocket: 426 -> upgrade-dropped', async () => {
    await withReverse(apache, e2eFixture('apache', 'proxypass-http-no-upgrade'), async (url) => {
      const r = await probeJson([url]);
      expect({ ...verdict(r), response: stepOf(r, 'response') }).toEqual({
        code: 1,
        class: 'upgrade-dropped',
        rules: ['apache/websocket-proxypass-upgrade', 'apache/proxypass-order'],
        hop: expect.stringMatching(/^apache \(Server: Apache\/2\.4/),
        response: expect.stringMatching(/^fail HTTP\/1\.1 426 Upgrade Required/),
      });
    });
  });

  test('only mod_proxy loaded, ws:// target: 500 behind Server: Apache -> handler-missing', async () => {
    await withReverse(apache, e2eFixture('apache', 'proxy-only-ws'), async (url) => {
      const r = await probeJson([url]);
      expect(verdict(r)).toEqual({ code: 1, class: 'handler-missing', rules: ['apache/websocket-handler-missing'], hop: expect.stringMatching(/^apache \(Server: Apache\/2\.4/) });
    });
  });

  test('ProxyPass http:// upgrade=websocket: 101, exit 0', async () => {
    await withReverse(apache, e2eFixture('apache', 'proxypass-http-upgrade-websocket'), async (url) => {
      const r = await probeJson([url, '--idle', '1s']);
      expect(verdict(r)).toEqual({ code: 0, class: undefined, rules: undefined, hop: undefined });
      expect(stepOf(r, 'echo')).toMatch(/^ok ping -> pong in \d+ ms; text echoed$/);
    });
  });
});
