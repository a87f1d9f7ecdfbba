/** `probe` through the real HAProxy: a short `timeout tunnel` cuts the idle WebSocket; a long one does not. */
import { describeWithServer, e2eFixture, haproxy } from '../harness';
import { withReverse } from './reverse';
import { probeJson, stepOf, verdict } from './support';

/** The fixture with its `timeout tunnel` directive (not the comment that mentions it) set to t. */
function tunnel(t: string): string {
  const text = e2eFixture('haproxy', 'timeout-tunnel');
  // client/server 30 s: a cut at ~2 s can only be the tunnel timeout.
  const out = text
    .replace(/^(\s+)timeout tunnel 1h$/m, `$1timeout tunnel ${t}`)
    .replace(/^(\s+)timeout (client|server) 2s$/gm, '$1timeout $2 30s');
  if (t !== '1h' && out === text) throw new Error('timeout tunnel directive not found');
  return out;
}

describeWithServer('haproxy', 'probe through the real HAProxy', () => {
  test('timeout tunnel 2s (client/server 30s): cut after ~2 s of idle -> idle-cut, no hop named, the idle rules of every server', async () => {
    await withReverse(haproxy, tunnel('2s'), async (url) => {
      const r = await probeJson([url, '--idle', '4s']);
      expect(verdict(r)).toEqual({
        code: 1,
        class: 'idle-cut',
        rules: ['nginx/websocket-read-timeout', 'apache/tunnel-idle-timeout', 'haproxy/websocket-tunnel-timeout'],
        hop: 'a proxy or load balancer on the way',
      });
      const idle = r.json.steps.find((s) => s.step === 'idle')!;
      expect(idle.summary).toMatch(/^closed after [\d.]+ s of idle by (FIN, no close frame|RST)$/);
      expect(idle.ms).toBeGreaterThanOrEqual(1500);
      expect(idle.ms).toBeLessThan(3500);
    });
  });

  test('timeout tunnel 1h: the same idle survives, exit 0', async () => {
    await withReverse(haproxy, tunnel('1h'), async (url) => {
      const r = await probeJson([url, '--idle', '3s']);
      expect(verdict(r)).toEqual({ code: 0, class: undefined, rules: undefined, hop: undefined });
      expect(stepOf(r, 'idle')).toBe('ok idle 3.0 s: still open, ping -> pong');
    });
  });
});
