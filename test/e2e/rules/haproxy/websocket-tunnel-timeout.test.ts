/**
 * haproxy/websocket-tunnel-timeout on the real HAProxy 2.6.12: the bad fixtures (timeout
 * client/server 2s with no `timeout tunnel`, or `timeout tunnel 0`) trip the rule, carry the
 * handshake (101 + echo), and really cut the idle WebSocket at ~2 s (log flags cD--); the rule's
 * own fix (`timeout tunnel 1h`) lints clean and an idle WebSocket survives 3 s; the same holds in
 * mode tcp (TLS passthrough) to a backend named after an application that sends nothing idle.
 * A chained config (haproxy/haproxy#2280, "works as designed"): a TCP frontend forwards to a
 * unix-socket HTTP frontend of the same config whose backend sets timeout tunnel 1h; the TCP hop
 * keeps the defaults' timeout tunnel 2s and cuts the idle WebSocket at ~2 s all the same.
 * The very text that runs is linted, placeholders included.
 */
import rule from '../../../../rules/haproxy/websocket-tunnel-timeout';
import { lintWithRule, type CaseInput } from '../../../support/lint-case';
import { lineOf } from '../../../support/lines';
import { IDLE_CUT_FLOOR_MS, describeWithServer, e2eFixture, expectWebSocketWorks, haproxy, idleSurvives, withBackend } from '../../harness';

const fx = (name: string) => e2eFixture('haproxy', name);

const lint = (code: string, extra: Omit<CaseInput, 'code'> = {}) => lintWithRule('haproxy', rule, code, extra);

/** 101, then `idleMs` of silence, then a message: survived? (with the session's log line). */
async function idle(config: string, idleMs = 3000) {
  return withBackend(async (backend) => {
    const server = await haproxy.start(config, { backendPort: backend.port });
    try {
      const result = await idleSurvives({ port: server.port, path: '/ws', idleMs });
      await new Promise((r) => setTimeout(r, 100)); // the ended session's log line
      return { result, logs: server.log('stdout') };
    } finally {
      await server.stop();
    }
  });
}

async function expectCutAtTimeoutClient(config: string): Promise<void> {
  await expectWebSocketWorks(haproxy, config);
  const { result, logs } = await idle(config);
  expect(result.handshake.status).toBe(101);
  expect(result.survived).toBe(false);
  expect(result.closeFrame).toBe(false);
  expect(result.closedAfterMs).toBeGreaterThanOrEqual(IDLE_CUT_FLOOR_MS);
  expect(result.closedAfterMs).toBeLessThan(2900);
  expect(logs).toMatch(/ cD-- /);
}

async function expectFixWorks(bad: string, fixed: string): Promise<void> {
  expect(lint(fixed).findings).toEqual([]);
  const check = await haproxy.check(fixed, { backendPort: 1 });
  expect({ ok: check.ok, output: check.ok ? '' : check.output }).toEqual({ ok: true, output: '' });
  await expectWebSocketWorks(haproxy, fixed);
  const { result } = await idle(fixed);
  expect([result.handshake.status, result.survived]).toEqual([101, true]);
  expect(bad).not.toBe(fixed);
}

describeWithServer('haproxy', 'haproxy/websocket-tunnel-timeout on HAProxy 2.6.12', () => {
  test('no timeout tunnel (client/server 2s): fires on the defaults section; 101 + echo, then cut after ~2 s idle (cD--)', async () => {
    const bad = fx('no-timeout-tunnel');
    expect(lint(bad).findings).toEqual([
      {
        line: lineOf(bad, /^defaults/),
        column: 1,
        message: 'backend app, no timeout tunnel: timeout client 2s (frontend fe) closes WebSockets idle that long',
      },
    ]);
    await expectCutAtTimeoutClient(bad);
  });

  test("the rule's fix (timeout tunnel 1h after the last timeout line of defaults): lints clean, haproxy -c accepts it, idle 3 s survives", async () => {
    const bad = fx('no-timeout-tunnel');
    const fixed = lint(bad).output;
    const at = lineOf(bad, /^\s*timeout server 2s/);
    expect(fixed.split('\n')).toEqual([...bad.split('\n').slice(0, at), '    timeout tunnel 1h', ...bad.split('\n').slice(at)]);
    await expectFixWorks(bad, fixed);
  });

  test('timeout tunnel 0 (treated as unset): fires on that line; cut after ~2 s idle (cD--)', async () => {
    const bad = fx('timeout-tunnel-zero');
    expect(lint(bad).findings).toEqual([
      {
        line: lineOf(bad, /^\s*timeout tunnel 0/),
        column: 5,
        message: 'backend app: timeout tunnel 0 means none, so timeout client 2s (frontend fe) closes WebSockets idle that long',
      },
    ]);
    await expectCutAtTimeoutClient(bad);
  });

  test('mode tcp to a backend named after Docker UCP (sends nothing idle), no timeout tunnel: fires on defaults; 101 + echo through the TCP tunnel, then cut after ~2 s idle', async () => {
    const bad = fx('tcp-app-no-timeout-tunnel');
    expect(lint(bad).findings).toEqual([
      {
        line: lineOf(bad, /^defaults/),
        column: 1,
        message: 'backend ucp_upstream_servers, no timeout tunnel: timeout client 2s (frontend ucp_443) cuts idle Docker UCP WebSockets',
      },
    ]);
    await expectWebSocketWorks(haproxy, bad);
    const { result, logs } = await idle(bad);
    expect(result.handshake.status).toBe(101);
    expect(result.survived).toBe(false);
    expect(result.closeFrame).toBe(false);
    expect(result.closedAfterMs).toBeGreaterThanOrEqual(IDLE_CUT_FLOOR_MS);
    expect(result.closedAfterMs).toBeLessThan(2900);
    // tcplog: the session ended on the client-side idle timeout (cD).
    expect(logs).toMatch(/ cD /);
  });

  test("mode tcp: the rule's fix (timeout tunnel 1h in defaults) lints clean, haproxy -c accepts it, idle 3 s survives", async () => {
    const bad = fx('tcp-app-no-timeout-tunnel');
    const fixed = lint(bad).output;
    expect(fixed).toBe(bad.replace('    timeout server 2s\n', '    timeout server 2s\n    timeout tunnel 1h\n'));
    await expectFixWorks(bad, fixed);
  });

  test("timeout tunnel 0 + the rule's fix (value replaced by 1h): lints clean, idle 3 s survives", async () => {
    const bad = fx('timeout-tunnel-zero');
    const fixed = lint(bad).output;
    expect(fixed).toBe(bad.replace('    timeout tunnel 0\n', '    timeout tunnel 1h\n'));
    await expectFixWorks(bad, fixed);
  });

  // haproxy/haproxy#2280 without TLS: front (tcp) → be_sni → unix socket → fe_sni (http) → back_http.
  const chained = (hopTunnel: string) =>
    [
      'defaults',
      '    log stdout format raw local0',
      '    timeout connect 2s',
      '    timeout client 30s',
      '    timeout server 30s',
      `    timeout tunnel ${hopTunnel}`,
      'frontend front',
      '    mode tcp',
      '    option tcplog',
      '    log global',
      '    bind 127.0.0.1:@PORT@',
      '    default_backend be_sni',
      'backend be_sni',
      '    mode tcp',
      '    server fe_sni unix@@PREFIX@/sni.sock',
      'frontend fe_sni',
      '    mode http',
      '    bind unix@@PREFIX@/sni.sock',
      '    default_backend back_http',
      'backend back_http',
      '    mode http',
      '    timeout tunnel 1h',
      '    server echo 127.0.0.1:@BACKEND_PORT@',
      '',
    ].join('\n');

  test("a TCP hop into a unix-socket HTTP frontend (haproxy#2280): fires on the defaults' timeout tunnel 2s; 101 + echo, then cut after ~2 s idle though back_http sets 1h", async () => {
    const bad = chained('2s');
    expect(lint(bad).findings).toEqual([
      { line: lineOf(bad, /timeout tunnel 2s/), column: 5, message: 'backend be_sni: timeout tunnel 2s closes WebSockets idle that long' },
    ]);
    await expectWebSocketWorks(haproxy, bad);
    const { result, logs } = await idle(bad);
    expect(result.handshake.status).toBe(101);
    expect(result.survived).toBe(false);
    expect(result.closeFrame).toBe(false);
    expect(result.closedAfterMs).toBeGreaterThanOrEqual(IDLE_CUT_FLOOR_MS);
    expect(result.closedAfterMs).toBeLessThan(2900);
    // The first hop's tcplog line: the session ended on an idle timeout (c or s, D: data phase).
    expect(logs).toMatch(/ [cs]D /);
  });

  test('the same chain with the hop at 1h: lints clean, idle 3 s survives', async () => {
    const good = chained('1h');
    expect(lint(good).findings).toEqual([]);
    const { result } = await idle(good);
    expect([result.handshake.status, result.survived]).toEqual([101, true]);
  });
});
