/**
 * squid/ineffective-upgrade-allow on the real Squid 5.7: `reply_header_access Upgrade allow all`
 * alone (common blog advice) trips the rule and really changes nothing (426); the rule has no
 * fix, so the documented correction (reply-upgrade-allowed-only-fixed.conf: allow the websocket
 * upgrade with http_upgrade_request_protocols) lints clean and works.
 */
import rule from '../../../../rules/squid/ineffective-upgrade-allow';
import { describeWithServer, expectWebSocketWorks, handshakeViaProxy, squid } from '../../harness';
import { expectSquidParses, fx, lineOf, lint, withSquid } from './support';

describeWithServer('squid', 'squid/ineffective-upgrade-allow on Squid 5.7', () => {
  test('reply_header_access Upgrade allow all alone: fires on that line; 426 (Upgrade still dropped)', async () => {
    const bad = fx('reply-upgrade-allowed-only');
    const r = lint(rule, bad);
    expect(r.findings).toEqual([
      {
        line: lineOf(bad, /^reply_header_access Upgrade allow all/),
        column: 1,
        message: expect.stringMatching(/does not make WebSockets work without http_upgrade_request_protocols$/),
      },
    ]);
    expect(r.hasFix).toBe(false);
    await withSquid(bad, async (server, backend) => {
      const hs = await handshakeViaProxy({ proxyPort: server.port, targetPort: backend.port });
      expect([hs.status, hs.accepted]).toEqual([426, false]);
      expect(backend.requests[0].headers.upgrade).toBeUndefined();
    });
  });

  test('documented correction (+ http_upgrade_request_protocols websocket allow all): lints clean, 101 + echo', async () => {
    const good = fx('reply-upgrade-allowed-only-fixed');
    expect(lint(rule, good).findings).toEqual([]);
    await expectSquidParses(good);
    await expectWebSocketWorks(squid, good);
  });
});

describe('squid/ineffective-upgrade-allow, Squid 4 target (lint only: no Squid 4 binary here)', () => {
  test('target 4.17: even with http_upgrade_request_protocols, says upgrades cannot be forwarded (CONNECT only)', () => {
    const text = fx('reply-upgrade-allowed-only-fixed');
    expect(lint(rule, text, { targets: { squid: '4.17' } }).findings).toEqual([
      {
        line: lineOf(text, /^reply_header_access Upgrade allow all/),
        column: 1,
        message: expect.stringMatching(/Squid 4\.17 cannot forward upgrades$/),
      },
    ]);
  });
});
