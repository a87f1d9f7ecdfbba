/**
 * squid/websocket-upgrade-not-allowed on the real Squid 5.7 (forward proxy, Debian's access
 * rules): the bad fixtures trip the rule and really strip the Upgrade offer (426 for an
 * absolute-URI handshake sent as browsers do, `Upgrade: websocket`); the rule's own fix, and the
 * documented correction where it offers none, lint clean and carry a WebSocket (101 + echo).
 */
import rule from '../../../../rules/squid/websocket-upgrade-not-allowed';
import { connectTunnel, describeWithServer, expectWebSocketWorks, handshakeViaProxy, squid, startEchoBackend, withServer } from '../../harness';
import { makePki, makeSslDb, type Pki } from '../../probe/pki';
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

/**
 * Which listeners see an Upgrade at all: an ssl-bump port whose ssl_bump rules only peek and
 * splice keeps every wss:// connection a TLS tunnel, so Squid never reads the handshake and the
 * missing http_upgrade_request_protocols does not matter (info); the same port with
 * `ssl_bump bump all` decrypts it and drops the offer (error, 426), and the rule's fix works.
 * The backend is a TLS `ws` echo server (wss://) with its own self-signed certificate.
 */
describeWithServer('squid', 'squid/websocket-upgrade-not-allowed on ssl-bump ports (Squid 5.7, squid-openssl)', () => {
  let pki: Pki;
  let db: { dir: string; remove(): void };
  beforeAll(() => {
    pki = makePki();
    db = makeSslDb();
  });
  afterAll(() => db?.remove());

  const bumpPort = (actions: string[]) =>
    fx('default')
      .replace('acl SSL_ports port 443', 'acl SSL_ports port 443\nacl SSL_ports port 1025-65535')
      .replace(
        'http_port 127.0.0.1:@PORT@',
        [
          'http_port 127.0.0.1:@PORT@ ssl-bump tls-cert=@PREFIX@/ca.pem tls-key=@PREFIX@/ca.key generate-host-certificates=on dynamic_cert_mem_cache_size=4MB',
          `sslcrtd_program /usr/lib/squid/security_file_certgen -s ${db.dir} -M 4MB`,
          'sslcrtd_children 1 startup=1 idle=1',
          'tls_outgoing_options flags=DONT_VERIFY_PEER',
          'sslproxy_cert_error allow all',
          'acl step1 at_step SslBump1',
          ...actions,
        ].join('\n'),
      );

  const wssThrough = async (config: string) => {
    const backend = await startEchoBackend({ tls: { cert: pki.originCert, key: pki.originKey } });
    try {
      return await withServer(squid, config, { backendPort: backend.port, files: { 'ca.pem': pki.caCert, 'ca.key': pki.caKey }, readyTimeoutMs: 20_000 }, async (server) => {
        const r = await connectTunnel({ proxyPort: server.port, targetPort: backend.port, tls: true });
        return { connect: r.connect.status, status: r.handshake?.status, echoed: r.handshake?.echoed, upgrade: backend.requests.map((q) => q.headers.upgrade ?? null) };
      });
    } finally {
      await backend.close();
    }
  };

  test('peek + splice all, no http_upgrade_request_protocols: info only; wss:// gets 101 + echo through the tunnel', async () => {
    const config = bumpPort(['ssl_bump peek step1', 'ssl_bump splice all']);
    expect(config).not.toMatch(/^http_upgrade_request_protocols/m);
    const r = lint(rule, config);
    expect(r.messages.filter((m) => m.ruleId === rule.id).map((m) => [m.line, m.column, m.raw.severity])).toEqual([[lineOf(config, /^http_port /), 1, 'info']]);
    expect(await wssThrough(config)).toEqual({ connect: 200, status: 101, echoed: true, upgrade: ['websocket'] });
  });

  test('peek + bump all: an error at the port; the bumped handshake loses its Upgrade (426); the fix gives 101 + echo', async () => {
    const config = bumpPort(['ssl_bump peek step1', 'ssl_bump bump all']);
    const r = lint(rule, config);
    expect(r.messages.filter((m) => m.ruleId === rule.id).map((m) => [m.line, m.column, m.raw.severity, m.message])).toEqual([
      [lineOf(config, /^http_port /), 1, 'error', 'Squid drops the Upgrade header by default, so WebSockets through this port fail (426 or 501)'],
    ]);
    expect(await wssThrough(config)).toEqual({ connect: 200, status: 426, echoed: undefined, upgrade: [null] });
    const fixed = r.output;
    expect(fixed).toBe(config.replace(/^(http_port .*)$/m, '$1\nhttp_upgrade_request_protocols websocket allow all'));
    expect(lint(rule, fixed).findings).toEqual([]);
    expect(await wssThrough(fixed)).toEqual({ connect: 200, status: 101, echoed: true, upgrade: ['websocket'] });
  });
});
