/**
 * `proxylint generate --standalone` on the real servers: for every dialect × target version
 * (× --keepalive / --tls) of test/generate/matrix.ts, the output
 *   1. passes the server's own check (nginx -t, apache2 -t, squid -k parse, haproxy -c),
 *   2. runs on loopback in front of the `ws` echo backend and carries a WebSocket (101 + echo),
 *   3. keeps an idle WebSocket open for 2 s (the configs say --read-timeout 5s).
 * Squid is a forward proxy: driven with an absolute-URI handshake and with CONNECT.
 *
 * The generator is given sentinel ports and prefix, which are swapped for the harness's
 * @PORT@ / @BACKEND_PORT@ / @PREFIX@ (the text is otherwise exactly what `generate` prints).
 */
import { generate } from '../../../src/generate/index';
import { commandFor, optionsFor, SENTINEL, VARIANTS, type Variant } from '../../generate/matrix';
import {
  connectTunnel,
  describeWithServer,
  handshake,
  handshakeViaProxy,
  idleSurvives,
  runners,
  selfSignedCert,
  withBackend,
  withServer,
  type StartOptions,
} from '../harness';

const IDLE_MS = 2000;

function standaloneFor(v: Variant, readTimeout = '5s'): string {
  const o = optionsFor(v, { standalone: true, readTimeout });
  const text = generate(o, commandFor(o)).text;
  return text
    .split(SENTINEL.prefix).join('@PREFIX@')
    .split(`127.0.0.1:${SENTINEL.listenPort}`).join('127.0.0.1:@PORT@')
    .split(String(SENTINEL.backendPort)).join('@BACKEND_PORT@');
}

function filesFor(v: Variant): StartOptions['files'] {
  if (!v.tls) return undefined;
  const { cert, key } = selfSignedCert();
  return v.dialect === 'haproxy' ? { 'site.pem': cert + key } : { 'cert.pem': cert, 'key.pem': key };
}

for (const dialect of ['nginx', 'apache', 'squid', 'haproxy'] as const) {
  const runner = runners[dialect];
  describeWithServer(dialect, `generate ${dialect} --standalone on the real server`, () => {
    for (const v of VARIANTS.filter((x) => x.dialect === dialect)) {
      test(`${v.label}: passes the server's check, carries a WebSocket, survives ${IDLE_MS} ms idle`, async () => {
        const config = standaloneFor(v);
        const files = filesFor(v);

        const checked = await runner.check(config, { files });
        expect({ ok: checked.ok, output: checked.ok ? '' : checked.output }).toEqual({ ok: true, output: '' });

        await withBackend(async (backend) =>
          withServer(runner, config, { backendPort: backend.port, files }, async (server) => {
            const ctx = () => `\n--- config ---\n${server.config}\n--- logs ---\n${server.logs()}`;
            if (runner.mode === 'reverse') {
              const hs = await handshake({ port: server.port, path: '/ws', tls: v.tls });
              expect({ status: hs.status, accepted: hs.accepted, echoed: hs.echoed }).toEqual({ status: 101, accepted: true, echoed: true });
              const idle = await idleSurvives({ port: server.port, path: '/ws', tls: v.tls, idleMs: IDLE_MS });
              if (!idle.survived) throw new Error(`idle WebSocket closed after ${idle.closedAfterMs} ms${ctx()}`);
            } else {
              const target = `127.0.0.1:${backend.port}`;
              const tunnel = await connectTunnel({ proxyPort: server.port, targetPort: backend.port });
              expect(tunnel.connect.status).toBe(200);
              expect({ accepted: tunnel.handshake?.accepted, echoed: tunnel.handshake?.echoed }).toEqual({ accepted: true, echoed: true });
              const hs = await handshakeViaProxy({ proxyPort: server.port, targetPort: backend.port });
              if (v.targetVersion.startsWith('4')) {
                // Squid 4 output (CONNECT only, no http_upgrade_request_protocols) on Squid 5.7:
                // an upgrade sent as an absolute-URI request is dropped, as Squid 4 would.
                expect(hs.status).toBe(426);
              } else {
                expect({ status: hs.status, accepted: hs.accepted, echoed: hs.echoed }).toEqual({ status: 101, accepted: true, echoed: true });
                const idle = await idleSurvives({
                  port: server.port,
                  requestTarget: `http://${target}/ws`,
                  hostHeader: target,
                  idleMs: IDLE_MS,
                });
                if (!idle.survived) throw new Error(`idle WebSocket closed after ${idle.closedAfterMs} ms${ctx()}`);
              }
            }
          }),
        );
      }, 30_000);
    }
  });
}

/**
 * The other half of the proof: --read-timeout really is the idle limit. With 1s, an idle
 * WebSocket is cut before 2 s (nginx: proxy_read_timeout; HAProxy: timeout tunnel). Apache's
 * limit is max(Timeout, ProxyTimeout), so a short --read-timeout cannot shorten it below the
 * core Timeout (60 s): not tested here.
 */
for (const label of ['nginx 1.22.1', 'haproxy 2.6.12']) {
  const v = VARIANTS.find((x) => x.label === label)!;
  describeWithServer(v.dialect, `generate ${v.dialect} --read-timeout is the idle limit`, () => {
    test(`${label} --read-timeout 1s: an idle WebSocket is closed after about 1 s`, async () => {
      const config = standaloneFor(v, '1s');
      await withBackend(async (backend) =>
        withServer(runners[v.dialect], config, { backendPort: backend.port }, async (server) => {
          const idle = await idleSurvives({ port: server.port, path: '/ws', idleMs: IDLE_MS });
          expect(idle.handshake.status).toBe(101);
          expect(idle.survived).toBe(false);
          expect(idle.closedAfterMs).toBeGreaterThanOrEqual(800);
          expect(idle.closedAfterMs).toBeLessThan(IDLE_MS);
        }),
      );
    }, 30_000);
  });
}

/**
 * --read-timeout's limits are the servers' own (issue 14): the largest value `generate` accepts
 * passes the real checker, and the same config with the next value up (the directive's number
 * + 1, which `generate` refuses) fails it with the server's words. The bounds live in
 * core/duration (IDLE_TIMEOUT_LIMIT_MS).
 */
const LIMITS: Array<[string, string, RegExp, (t: string) => string, RegExp]> = [
  ['nginx 1.22.1', '9223372036854775807ms', /proxy_read_timeout 9223372036854775807ms;/, (t) => t.split('9223372036854775807ms').join('9223372036854775808ms'), /"proxy_read_timeout" directive invalid value/],
  ['haproxy 2.6.12', '2147483647ms', /timeout tunnel 2147483647ms/, (t) => t.replace('timeout tunnel 2147483647ms', 'timeout tunnel 2147483648ms'), /timer overflow in argument '2147483648ms' to 'timeout tunnel'/],
  ['squid 5.7', '9223372036s', /read_timeout 9223372036 seconds/, (t) => t.replace('read_timeout 9223372036 seconds', 'read_timeout 9223372037 seconds'), /time values cannot exceed 292\.269 years/],
  ['apache 2.4.71', '2147483647s', /ProxyTimeout 2147483647/, (t) => t.replace('ProxyTimeout 2147483647', 'ProxyTimeout 2147483648'), /Proxy Timeout must be at least 1 second/],
];
for (const [label, max, directive, plusOne, refusal] of LIMITS) {
  const v = VARIANTS.find((x) => x.label === label)!;
  describeWithServer(v.dialect, `generate ${v.dialect} --read-timeout limit`, () => {
    test(`${label}: --read-timeout ${max} passes the server's check; one more fails it`, async () => {
      const config = standaloneFor(v, max);
      expect(config).toMatch(directive);
      const ok = await runners[v.dialect].check(config);
      expect({ ok: ok.ok, output: ok.ok ? '' : ok.output }).toEqual({ ok: true, output: '' });
      const over = plusOne(config);
      expect(over).not.toBe(config);
      const bad = await runners[v.dialect].check(over);
      expect(bad.ok).toBe(false);
      expect(bad.output).toMatch(refusal);
    }, 30_000);
  });
}
