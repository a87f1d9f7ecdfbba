/**
 * apache/proxypass-order on the real apache2:
 * - `ProxyPass /` before `ProxyPass /ws ws://…` gets 426 (the first match wins); the fixer moves
 *   the WebSocket line up: 101 + echo. After the move a plain GET /ws is proxied by the ws://
 *   entry itself (the backend sees it at the ws:// target's path; it does not "fall through").
 * - `<Location /app/socket>` (ws://) before `<Location /app>` (http://) gets 426 (sections merge in
 *   file order, the last matching ProxyPass wins; `<LocationMatch>` alike); the fixer moves the
 *   socket section after the general one: 101 + echo, plain requests unchanged.
 * - an unconditional catch-all `RewriteRule … http://… [P]` before the Upgrade-guarded ws:// rule
 *   (server context and .htaccess, uptime-kuma#1094): [P] ends rewriting, the handshake goes out
 *   plain (426); the fixer moves the guarded rule above it: 101 + echo.
 */
import rule from '../../../../rules/apache/proxypass-order';
import { apache, describeWithServer, e2eFixture, expectWebSocketFails, expectWebSocketWorks, plainGet, startEchoBackend, withBackend, withServer } from '../../harness';
import { lintCase } from '../../../support/lint-case';
import { lineOf, lintFixture } from './lint';

describeWithServer('apache', 'apache/proxypass-order on the real server', () => {
  test('proxypass-root-before-ws: the rule fires, 426; the fixed config gives 101 + echo and plain GETs 200', async () => {
    const bad = e2eFixture('apache', 'proxypass-root-before-ws');
    const lint = lintFixture(rule, bad);
    expect(lint.fatal).toEqual([]);
    expect(lint.findings.map((m) => [m.line, m.column, m.message])).toEqual([
      [lineOf(bad, 'ProxyPass /ws'), 1, `ProxyPass /ws is never used: ProxyPass / (line ${lineOf(bad, 'ProxyPass / ')}) takes /ws first (426).`],
    ]);
    expect(lint.findings[0].raw.fix?.applicability).toBe('safe');
    await expectWebSocketFails(apache, bad, { status: 426 });

    const fixed = lint.output;
    expect(lineOf(fixed, 'ProxyPass /ws')).toBeLessThan(lineOf(fixed, 'ProxyPass / '));
    expect(lintFixture(rule, fixed).findings).toEqual([]);
    await expectWebSocketWorks(apache, fixed);
    await withBackend((backend) =>
      withServer(apache, fixed, { backendPort: backend.port }, async (server) => {
        const get = await plainGet({ port: server.port, path: '/page' });
        expect({ status: get.status, body: get.body }).toEqual({ status: 200, body: 'plain' });
        // The ws:// entry serves the plain request itself, at its own target path.
        const ws = await plainGet({ port: server.port, path: '/ws' });
        expect({ status: ws.status, body: ws.body }).toEqual({ status: 200, body: 'plain' });
        expect(backend.requests.map((r) => `${r.kind} ${r.url}`)).toEqual(['plain /page', 'plain /ws']);
      }),
    );
  });

  test('the ws:// entry alone proxies a plain GET to its own target (what makes the move safe only for the same backend URL)', async () => {
    const cfg = e2eFixture('apache', 'proxypass-root-before-ws').replace(/^ProxyPass .*\n?/gm, '') + 'ProxyPass /ws ws://127.0.0.1:@BACKEND_PORT@/elsewhere\n';
    await withBackend((backend) =>
      withServer(apache, cfg, { backendPort: backend.port }, async (server) => {
        const get = await plainGet({ port: server.port, path: '/ws' });
        expect(get.status).toBe(200);
        expect(backend.requests.map((r) => `${r.kind} ${r.url}`)).toEqual(['plain /elsewhere']);
      }),
    );
  });

  test('location-socket-before-app: fires on the socket <Location>, 426; fixed (section moved after /app): 101 + echo, plain GETs 200', async () => {
    const bad = e2eFixture('apache', 'location-socket-before-app');
    const lint = lintFixture(rule, bad);
    expect(lint.fatal).toEqual([]);
    expect(lint.findings.map((m) => [m.line, m.column, m.message])).toEqual([
      [lineOf(bad, '<Location /app/socket>'), 1, `<Location /app/socket> is dead: the later <Location /app> (line ${lineOf(bad, 'ProxyPass http://')}) also matches and wins.`],
    ]);
    expect(lint.findings[0].raw.fix?.applicability).toBe('safe');
    await expectWebSocketFails(apache, bad, { status: 426, path: '/app/socket' });

    const fixed = lint.output;
    expect(lineOf(fixed, '<Location /app/socket>')).toBeGreaterThan(lineOf(fixed, '<Location /app>'));
    expect(fixed.split('\n').sort()).toEqual(bad.split('\n').sort());
    expect(lintFixture(rule, fixed).findings).toEqual([]);
    expect((await apache.check(fixed)).ok).toBe(true);
    await expectWebSocketWorks(apache, fixed, { path: '/app/socket' });
    await withBackend((backend) =>
      withServer(apache, fixed, { backendPort: backend.port }, async (server) => {
        for (const p of ['/app/x', '/app/socket']) expect((await plainGet({ port: server.port, path: p })).status).toBe(200);
        expect(backend.requests.map((r) => `${r.kind} ${r.url}`)).toEqual(['plain /app/x', 'plain /app/socket']);
      }),
    );
  });

  test('<LocationMatch ^/app/socket> before <Location /app>: the same merge group in file order, 426; moved after it: 101', async () => {
    const bad = e2eFixture('apache', 'location-socket-before-app')
      .replace('<Location /app/socket>\n    ProxyPass ws', '<LocationMatch "^/app/socket">\n    ProxyPassMatch ws')
      .replace('/app/socket\n</Location>', '\n</LocationMatch>');
    expect(bad).toContain('</LocationMatch>');
    const lint = lintFixture(rule, bad);
    expect(lint.findings.map((m) => [m.line, m.message])).toEqual([[lineOf(bad, '<LocationMatch'), expect.stringMatching(/^<LocationMatch \^\/app\/socket> is dead: the later <Location \/app>/)]]);
    // A regex section has no one backend URL to compare: the move is offered as unsafe.
    expect(lint.findings[0].raw.fix?.applicability).toBe('unsafe');
    await expectWebSocketFails(apache, bad, { status: 426, path: '/app/socket' });
    await expectWebSocketWorks(apache, lint.output, { path: '/app/socket' });
  });

  test('ProxyPass (not ProxyPassMatch) inside <LocationMatch>: 404 even when it stands last; the rule says use ProxyPassMatch', async () => {
    const bad = e2eFixture('apache', 'location-socket-before-app').replace(/^<Location \/app\/socket>[\s\S]*?^<\/Location>\n/m, '') + '<LocationMatch "^/app/socket">\n    ProxyPass ws://127.0.0.1:@BACKEND_PORT@/app/socket\n</LocationMatch>\n';
    const lint = lintFixture(rule, bad);
    expect(lint.findings.map((m) => m.message)).toEqual(['ProxyPass inside <LocationMatch ^/app/socket> serves nothing (404): use ProxyPassMatch there.']);
    expect(lint.hasFix).toBe(false);
    await expectWebSocketFails(apache, bad, { status: 404, path: '/app/socket' });
  });

  test('ProxyPass inside <LocationMatch> whose pattern holds * is a regex alias: clean, 101 with the URI appended', async () => {
    const good = e2eFixture('apache', 'location-socket-before-app').replace(/^<Location \/app\/socket>[\s\S]*?^<\/Location>\n/m, '') + '<LocationMatch "^/app/sock.*">\n    ProxyPass ws://127.0.0.1:@BACKEND_PORT@\n</LocationMatch>\n';
    expect(lintFixture(rule, good).findings).toEqual([]);
    const p = await expectWebSocketWorks(apache, good, { path: '/app/socket' });
    expect(p.backendRequests.map((r) => [r.kind, r.url])).toEqual([['upgrade', '/app/socket']]);
  });

  const RW_BASE = () =>
    e2eFixture('apache', 'proxypass-root-before-ws').replace(/^ProxyPass .*\n?/gm, '') + 'LoadModule rewrite_module /usr/lib/apache2/modules/mod_rewrite.so\n';
  const GUARDED = 'RewriteCond %{HTTP:Upgrade} websocket [NC]\nRewriteCond %{HTTP:Connection} upgrade [NC]\n';

  test('server context: RewriteRule ^/(.*)$ http:// [P] before the guarded ws:// rule: fires, 426; moved up: 101 + echo', async () => {
    const bad = RW_BASE() + 'RewriteEngine On\nRewriteRule ^/(.*)$ http://127.0.0.1:@BACKEND_PORT@/$1 [P]\n' + GUARDED + 'RewriteRule ^/(.*) ws://127.0.0.1:@BACKEND_PORT@/$1 [P,L]\n';
    const lint = lintFixture(rule, bad);
    expect(lint.fatal).toEqual([]);
    expect(lint.findings.map((m) => [m.line, m.message])).toEqual([
      [lineOf(bad, 'RewriteRule ^/(.*) ws'), `RewriteRule ^/(.*) is never reached: RewriteRule ^/(.*)$ [P] (line ${lineOf(bad, 'RewriteRule ^/(.*)$ http')}) proxies every request first (426).`],
    ]);
    expect(lint.findings[0].raw.fix?.applicability).toBe('safe');
    const p = await expectWebSocketFails(apache, bad, { status: 426 });
    expect(p.backendRequests.map((r) => r.kind)).toEqual(['plain']);
    expect(lintFixture(rule, lint.output).findings).toEqual([]);
    await expectWebSocketWorks(apache, lint.output);
  });

  test('.htaccess: the same order (uptime-kuma#1094) fails the same way, 426; the fixed file gives 101 + echo', async () => {
    // The document root is the prefix itself: extra files are written there as given (no
    // placeholders), so the backend is started first and its port written into the file.
    const conf = RW_BASE() + 'DocumentRoot @PREFIX@\n<Directory @PREFIX@>\n    Options FollowSymLinks\n    AllowOverride All\n    Require all granted\n</Directory>\n';
    const bad = 'RewriteEngine On\nRewriteRule ^(.*)$ http://127.0.0.1:@BACKEND_PORT@/$1 [P]\n' + GUARDED + 'RewriteRule ^(.*) ws://127.0.0.1:@BACKEND_PORT@/$1 [P,L]\n';
    const r = lintCase('apache', [rule], { code: bad, filename: '.htaccess' });
    expect(r.messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([[rule.id, lineOf(bad, 'RewriteRule ^(.*) ws'), 1]]);
    for (const [text, works] of [[bad, false], [r.output, true]] as const) {
      const backend = await startEchoBackend();
      try {
        const o = { backend, path: '/ws', files: { '.htaccess': text.replace(/@BACKEND_PORT@/g, String(backend.port)) } };
        if (works) await expectWebSocketWorks(apache, conf, o);
        else await expectWebSocketFails(apache, conf, { ...o, status: 426 });
      } finally {
        await backend.close();
      }
    }
  });
});
