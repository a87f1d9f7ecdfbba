/**
 * squid/upgrade-header-denied on the real Squid 5.7 (upgrades allowed in every case): header
 * rules that remove Upgrade / Sec-WebSocket-* trip the rule and really break the handshake —
 * request side: 426 (the backend sees a plain request); reply side: Squid tunnels (101) but its
 * 101 has no Upgrade header, so the client rejects it. Connection counts too: Squid applies the
 * rules to the `Connection: upgrade` it forwards (found by these tests). Its safe fix writes the documented
 * correction (allow the named headers before the reported line), which is `<case>-fixed.conf`, lints
 * clean and carries a WebSocket (101 + echo).
 */
import rule from '../../../../rules/squid/upgrade-header-denied';
import { describeWithServer, expectWebSocketWorks, handshakeViaProxy, squid } from '../../harness';
import { expectSquidParses, fx, lineOf, lint, withSquid } from './support';

/** The fixture without its leading comment block (the fixed fixtures say what they are). */
function withoutHeader(text: string): string {
  return text.replace(/^(#[^\n]*\n)+/, '');
}

describeWithServer('squid', 'squid/upgrade-header-denied on Squid 5.7', () => {
  test('request_header_access Upgrade deny all: fires on it; 426, the backend gets no Upgrade', async () => {
    const bad = fx('request-upgrade-denied');
    const r = lint(rule, bad);
    expect(r.findings).toEqual([
      {
        line: lineOf(bad, /^request_header_access Upgrade deny all/),
        column: 1,
        message: expect.stringMatching(/^request_header_access removes Upgrade from the request: handshakes outside CONNECT fail$/),
      },
    ]);
    expect(withoutHeader(r.output)).toBe(withoutHeader(fx('request-upgrade-denied-fixed')));
    await withSquid(bad, async (server, backend) => {
      const hs = await handshakeViaProxy({ proxyPort: server.port, targetPort: backend.port });
      expect([hs.status, hs.accepted]).toEqual([426, false]);
      expect(backend.requests[0].headers.upgrade).toBeUndefined();
    });
  });

  test('reply_header_access Upgrade deny all: fires on it; 101 without an Upgrade header, not a valid handshake', async () => {
    const bad = fx('reply-upgrade-denied');
    // The safe fix writes the documented correction (issue 9 obs. 6): Upgrade allowed before the deny.
    expect(withoutHeader(lint(rule, bad).output)).toBe(withoutHeader(fx('reply-upgrade-denied-fixed')));
    expect(lint(rule, bad).findings).toEqual([
      {
        line: lineOf(bad, /^reply_header_access Upgrade deny all/),
        column: 1,
        message: expect.stringMatching(/^reply_header_access removes Upgrade from the reply: handshakes outside CONNECT fail$/),
      },
    ]);
    await withSquid(bad, async (server, backend) => {
      const hs = await handshakeViaProxy({ proxyPort: server.port, targetPort: backend.port });
      expect([hs.status, hs.headers.upgrade, hs.accepted]).toEqual([101, undefined, false]);
      expect(backend.requests[0].status).toBe(101);
    });
  });

  test('an allow-list ending in All deny all (README bad example): fires once naming the four request headers; a plain GET reaches the backend', async () => {
    const bad = fx('request-header-allowlist');
    expect(withoutHeader(lint(rule, bad).output)).toBe(withoutHeader(fx('request-header-allowlist-fixed')));
    expect(lint(rule, bad).findings).toEqual([
      {
        line: lineOf(bad, /^request_header_access All deny all/),
        column: 1,
        message: expect.stringMatching(/^request_header_access removes Upgrade, Connection and 2 more from the request/),
      },
    ]);
    await withSquid(bad, async (server, backend) => {
      const hs = await handshakeViaProxy({ proxyPort: server.port, targetPort: backend.port });
      // No Sec-WebSocket-Key left either, so the echo backend answers it as a plain request.
      expect([hs.status, hs.accepted]).toEqual([200, false]);
      expect(backend.requests[0].headers.upgrade).toBeUndefined();
      expect(backend.requests[0].headers['sec-websocket-key']).toBeUndefined();
    });
  });

  test('request allow-list keeping Upgrade and Sec-WebSocket-* but not Connection: fires naming Connection; 426', async () => {
    const bad = fx('request-header-allowlist-no-connection');
    expect(lint(rule, bad).findings).toEqual([
      {
        line: lineOf(bad, /^request_header_access All deny all/),
        column: 1,
        message: expect.stringMatching(/^request_header_access removes Connection from the request: handshakes outside CONNECT fail$/),
      },
    ]);
    await withSquid(bad, async (server, backend) => {
      const hs = await handshakeViaProxy({ proxyPort: server.port, targetPort: backend.port });
      expect([hs.status, hs.accepted]).toEqual([426, false]);
      expect(backend.requests[0].headers.upgrade).toBe('websocket');
      expect(backend.requests[0].headers.connection).toBeUndefined();
    });
  });

  test('reply allow-list keeping Upgrade and Sec-WebSocket-Accept but not Connection: fires naming Connection; 101 without Connection: upgrade, rejected', async () => {
    const bad = fx('reply-header-allowlist');
    expect(lint(rule, bad).findings).toEqual([
      {
        line: lineOf(bad, /^reply_header_access All deny all/),
        column: 1,
        message: expect.stringMatching(/^reply_header_access removes Connection from the reply: handshakes outside CONNECT fail$/),
      },
    ]);
    await withSquid(bad, async (server, backend) => {
      const hs = await handshakeViaProxy({ proxyPort: server.port, targetPort: backend.port });
      expect([hs.status, hs.headers.upgrade, hs.headers.connection, hs.accepted]).toEqual([101, 'websocket', undefined, false]);
      expect(backend.requests[0].status).toBe(101);
    });
  });

  test.each([['request-upgrade-denied'], ['reply-upgrade-denied'], ['request-header-allowlist'], ['reply-header-allowlist']])(
    'documented correction %s-fixed.conf (allow lines before the reported one): lints clean, 101 + echo',
    async (name) => {
      const good = fx(`${name}-fixed`);
      expect(lint(rule, good).findings).toEqual([]);
      await expectSquidParses(good);
      await expectWebSocketWorks(squid, good);
    },
  );
});
