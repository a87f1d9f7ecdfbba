/**
 * squid/websocket-upgrade-not-allowed on the real Squid 5.7 (forward proxy, Debian's access
 * rules): the bad fixtures trip the rule and really strip the Upgrade offer (426 for an
 * absolute-URI handshake sent as browsers do, `Upgrade: websocket`); the rule's own fix, and the
 * documented correction where it offers none, lint clean and carry a WebSocket (101 + echo).
 */
import rule from '../../../../rules/squid/websocket-upgrade-not-allowed';
import { describeWithServer, expectWebSocketWorks, handshakeViaProxy, squid } from '../../harness';
import { expectSquidParses, fx, lineOf, lint, withSquid } from './support';

describeWithServer('squid', 'squid/websocket-upgrade-not-allowed on Squid 5.7', () => {
  test('default.conf (no http_upgrade_request_protocols): fires at http_port; Squid drops Upgrade -> 426, ws:// -> 501', async () => {
    const bad = fx('default');
    expect(lint(rule, bad).findings).toEqual([
      { line: lineOf(bad, /^http_port /), column: 1, message: expect.stringMatching(/drops the Upgrade header by default/) },
    ]);
    await withSquid(bad, async (server, backend) => {
      const hs = await handshakeViaProxy({ proxyPort: server.port, targetPort: backend.port });
      expect([hs.status, hs.accepted]).toEqual([426, false]);
      expect(backend.requests[0].headers.upgrade).toBeUndefined();
      const ws = await handshakeViaProxy({ proxyPort: server.port, targetPort: backend.port, scheme: 'ws' });
      expect(ws.status).toBe(501);
    });
  });

  test("default.conf + the rule's fix: lints clean, squid -k parse accepts it, 101 + echo", async () => {
    const bad = fx('default');
    const fixed = lint(rule, bad).output;
    const port = lineOf(bad, /^http_port /);
    // The fix inserts exactly one line, right after http_port.
    expect(fixed.split('\n')).toEqual([
      ...bad.split('\n').slice(0, port),
      'http_upgrade_request_protocols websocket allow all',
      ...bad.split('\n').slice(port),
    ]);
    expect(lint(rule, fixed).findings).toEqual([]);
    await expectSquidParses(fixed);
    await expectWebSocketWorks(squid, fixed);
  });

  test('a rule that denies websocket (no automatic fix): fires at that rule; 426; the documented correction (websocket allow all) lints clean and works', async () => {
    const bad = fx('upgrade-protocols-websocket-denied');
    expect(lint(rule, bad).findings).toEqual([
      { line: lineOf(bad, /^http_upgrade_request_protocols /), column: 1, message: expect.stringMatching(/this rule denies it/) },
    ]);
    expect(lint(rule, bad).hasFix).toBe(false);
    await withSquid(bad, async (server, backend) => {
      const hs = await handshakeViaProxy({ proxyPort: server.port, targetPort: backend.port });
      expect([hs.status, hs.accepted]).toEqual([426, false]);
      expect(backend.requests[0].headers.upgrade).toBeUndefined();
    });
    const good = fx('upgrade-protocols-lowercase');
    expect(lint(rule, good).findings).toEqual([]);
    await expectWebSocketWorks(squid, good);
  });
});

describe('squid/websocket-upgrade-not-allowed, Squid 4 target (lint only: no Squid 4 binary here)', () => {
  test('target 4.17: says upgrades cannot be forwarded, CONNECT tunnels only; no fix offered', () => {
    for (const name of ['default', 'upgrade-protocols-lowercase']) {
      const text = fx(name);
      const r = lint(rule, text, { targets: { squid: '4.17' } });
      expect({ name, findings: r.findings }).toEqual({
        name,
        findings: [
          {
            line: lineOf(text, /^http_port /),
            column: 1,
            message: expect.stringMatching(/^Squid 4\.17 cannot forward an Upgrade .*only pass as CONNECT tunnels/),
          },
        ],
      });
      expect(r.hasFix).toBe(false);
    }
  });
});
