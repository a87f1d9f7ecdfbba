/**
 * squid/upgrade-protocol-case on the real Squid 5.7: `http_upgrade_request_protocols WebSocket
 * allow all` (the spelling in Squid's docs) trips the rule and really gives 426 to a handshake
 * sent as browsers do (`Upgrade: websocket`); the rule's fix (`websocket`) lints clean and works.
 */
import rule from '../../../../rules/squid/upgrade-protocol-case';
import { describeWithServer, expectWebSocketWorks, handshakeViaProxy, squid } from '../../harness';
import { expectSquidParses, fx, lineOf, lint, withSquid } from './support';

describeWithServer('squid', 'squid/upgrade-protocol-case on Squid 5.7', () => {
  const bad = fx('upgrade-protocols-capitalised');

  test('WebSocket allow all: fires on the protocol token; 426 for "websocket" clients (101 only for one sending "WebSocket")', async () => {
    const line = lineOf(bad, /^http_upgrade_request_protocols WebSocket /);
    expect(lint(rule, bad).findings).toEqual([
      { line, column: 'http_upgrade_request_protocols '.length + 1, message: expect.stringMatching(/^"WebSocket" never matches/) },
    ]);
    await withSquid(bad, async (server, backend) => {
      const browser = await handshakeViaProxy({ proxyPort: server.port, targetPort: backend.port });
      expect([browser.status, browser.accepted]).toEqual([426, false]);
      expect(backend.requests[0].headers.upgrade).toBeUndefined();
      // The cause: case-sensitive matching. The docs' spelling only matches a client that writes it.
      const capital = await handshakeViaProxy({ proxyPort: server.port, targetPort: backend.port, upgradeToken: 'WebSocket' });
      expect(capital.status).toBe(101);
    });
  });

  test("the rule's fix (WebSocket -> websocket, nothing else changed): lints clean, squid -k parse accepts it, 101 + echo", async () => {
    const fixed = lint(rule, bad).output;
    expect(fixed).toBe(bad.replace('http_upgrade_request_protocols WebSocket allow all', 'http_upgrade_request_protocols websocket allow all'));
    expect(lint(rule, fixed).findings).toEqual([]);
    await expectSquidParses(fixed);
    await expectWebSocketWorks(squid, fixed);
  });

  test('WebSocket allow all beside OTHER allow all (tiredofit/docker-tinc): info naming the OTHER line; "websocket" offers pass (101 + echo)', async () => {
    const both = bad.replace(
      'http_upgrade_request_protocols WebSocket allow all',
      'http_upgrade_request_protocols WebSocket allow all\nhttp_upgrade_request_protocols OTHER allow all',
    );
    const r = lint(rule, both);
    const other = lineOf(both, /^http_upgrade_request_protocols OTHER /);
    expect(r.messages.filter((m) => m.ruleId === rule.id).map((m) => [m.raw.severity, m.message])).toEqual([
      ['info', `"WebSocket" never matches (Squid compares case-sensitively); line ${other} allows "websocket"`],
    ]);
    await withSquid(both, async (server, backend) => {
      const browser = await handshakeViaProxy({ proxyPort: server.port, targetPort: backend.port });
      expect([browser.status, browser.accepted, browser.echoed]).toEqual([101, true, true]);
      expect(backend.requests[0].headers.upgrade).toBe('websocket');
    });
  });
});
