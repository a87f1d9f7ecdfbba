/**
 * squid/invalid-access-action on the real Squid 5.7: `http_upgrade_request_protocols websocket
 * Allow all` passes `squid -k parse` (exit 0) with "expecting 'allow' or 'deny', got 'Allow'",
 * and Squid runs without the line: a handshake gets 426, as with no rule at all. The rule's
 * (unsafe) fix lower-cases the action: squid reads it without the error, 101 + echo.
 */
import rule from '../../../../rules/squid/invalid-access-action';
import { describeWithServer, expectWebSocketWorks, handshakeViaProxy, squid } from '../../harness';
import { fx, lineOf, lint, withSquid } from './support';

describeWithServer('squid', 'squid/invalid-access-action on Squid 5.7', () => {
  const bad = fx('upgrade-protocols-action-capitalised');
  const line = lineOf(bad, /^http_upgrade_request_protocols websocket Allow /);

  test("websocket Allow all: squid -k parse accepts it with Squid's error, the rule says the same; 426", async () => {
    const check = await squid.check(bad);
    expect(check.ok).toBe(true);
    expect(check.output).toMatch(/aclParseAccessLine: expecting 'allow' or 'deny', got 'Allow'\./);
    expect(lint(rule, bad).findings).toEqual([
      { line, column: 'http_upgrade_request_protocols websocket '.length + 1, message: "Squid ignores this line: expecting 'allow' or 'deny', got 'Allow'" },
    ]);
    await withSquid(bad, async (server, backend) => {
      const hs = await handshakeViaProxy({ proxyPort: server.port, targetPort: backend.port });
      expect([hs.status, hs.accepted]).toEqual([426, false]);
      expect(backend.requests[0].headers.upgrade).toBeUndefined();
    });
  });

  test('the fix (Allow -> allow, nothing else changed): squid reads it without the error, lints clean, 101 + echo', async () => {
    const fixed = lint(rule, bad).output;
    expect(fixed).toBe(bad.replace('http_upgrade_request_protocols websocket Allow all', 'http_upgrade_request_protocols websocket allow all'));
    expect(lint(rule, fixed).findings).toEqual([]);
    const check = await squid.check(fixed);
    expect([check.ok, /aclParseAccessLine/.test(check.output)]).toEqual([true, false]);
    await expectWebSocketWorks(squid, fixed);
  });

  test('websocket allow with no acl (sundi133/llm-shield): "Access line contains no ACL\'s, skipping"; 426, as with no rule', async () => {
    const noAcl = bad.replace('http_upgrade_request_protocols websocket Allow all', 'http_upgrade_request_protocols websocket allow');
    const check = await squid.check(noAcl);
    expect(check.ok).toBe(true);
    expect(check.output).toMatch(/Access line contains no ACL's, skipping/);
    expect(lint(rule, noAcl).findings).toEqual([
      { line, column: 'http_upgrade_request_protocols websocket '.length + 1, message: 'Squid ignores this line: it names no acl (write "all" to match every request)' },
    ]);
    await withSquid(noAcl, async (server, backend) => {
      const hs = await handshakeViaProxy({ proxyPort: server.port, targetPort: backend.port });
      expect([hs.status, hs.accepted]).toEqual([426, false]);
    });
  });
});
