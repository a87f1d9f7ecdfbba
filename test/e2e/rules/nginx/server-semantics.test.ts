/**
 * How the real nginx (Debian's 1.22.1) reads what proxylint used to misread (issue 15, "wrong
 * against the servers"); test/dialects/nginx/server-semantics.test.ts holds the same rows as
 * unit tables. Each test lints the config with every nginx rule and then runs it:
 * - map precedence: an exact key wins over an earlier regex (101), a catch-all regex before the
 *   upgrade regex wins (426);
 * - $HTTP_UPGRADE, ${http_upgrade} and a map variable in another case are the same variables (101);
 * - flags ignore case: `ssl ON` makes the port TLS, so `listen … http2` is no cleartext HTTP/2 port (101);
 * - proxy_pass inside `if` sends the location's headers: none → 426, the fix in the location → 101;
 *   proxy_set_header itself is not allowed inside `if` (nginx -t);
 * - `Connection ""` and `Upgrade ""` on a WebSocket route drop the upgrade (426).
 */
import { rules } from '../../../../rules/nginx/index';
import { lintCase } from '../../../support/lint-case';
import { describeWithServer, expectWebSocketFails, expectWebSocketWorks, nginx, nginxMainConfig, plainGet, selfSignedCert, withBackend, withServer } from '../../harness';

/** A runnable nginx.conf around `body` (lines of the http block). */
const conf = nginxMainConfig;

const server = (...location: string[]) => ['server {', '    listen 127.0.0.1:@PORT@;', '    location /ws {', ...location.map((l) => '        ' + l), '    }', '}'];
const BACKEND = 'proxy_pass http://127.0.0.1:@BACKEND_PORT@;';
const COMMON = ['proxy_http_version 1.1;', 'proxy_read_timeout 1h;'];

/** Warnings and errors of every nginx rule, as `line:col ruleId`. */
function claims(code: string): string[] {
  const r = lintCase('nginx', rules, { code, filename: 'nginx.conf' });
  return r.messages.filter((m) => m.raw.severity !== 'info').map((m) => `${m.line}:${m.column} ${m.ruleId}`);
}

function infos(code: string): string[] {
  const r = lintCase('nginx', rules, { code, filename: 'nginx.conf' });
  return r.messages.filter((m) => m.raw.severity === 'info').map((m) => `${m.line}:${m.column} ${m.ruleId}`);
}

describeWithServer('nginx', 'nginx reads maps, variable names, flags and if blocks as proxylint does', () => {
  test('map: the exact key "websocket" after a catch-all regex wins (101); the catch-all before an upgrade regex wins (426)', async () => {
    const exact = conf('map $http_upgrade $connection_upgrade {', '    ~.        close;', '    websocket upgrade;', "    ''        close;", '}', ...server(BACKEND, ...COMMON, 'proxy_set_header Upgrade $http_upgrade;', 'proxy_set_header Connection $connection_upgrade;'));
    expect(claims(exact)).toEqual([]);
    const ok = await expectWebSocketWorks(nginx, exact);
    expect(ok.backendRequests[0].headers.connection).toBe('upgrade');

    const regexes = conf('map $http_upgrade $connection_upgrade {', '    ~.            close;', '    ~*^websocket$ upgrade;', '}', ...server(BACKEND, ...COMMON, 'proxy_set_header Upgrade $http_upgrade;', 'proxy_set_header Connection $connection_upgrade;'));
    expect(claims(regexes)).toEqual(['23:13 nginx/websocket-connection-header']);
    const failed = await expectWebSocketFails(nginx, regexes, { status: 426 });
    expect(failed.backendRequests[0].headers.connection).toBe('close');
  });

  test('variable names ignore case: map $HTTP_UPGRADE $Conn_Up, Upgrade ${http_upgrade}, Connection $conn_up (101)', async () => {
    const code = conf('map $HTTP_UPGRADE $Conn_Up {', '    default upgrade;', "    ''      close;", '}', ...server(BACKEND, ...COMMON, 'proxy_set_header Upgrade ${http_upgrade};', 'proxy_set_header Connection $conn_up;'));
    expect(claims(code)).toEqual([]);
    const ok = await expectWebSocketWorks(nginx, code);
    expect(ok.backendRequests[0].headers.upgrade).toBe('websocket');
    expect(ok.backendRequests[0].headers.connection).toBe('upgrade');
  });

  test('flags ignore case: "ssl ON" makes a "listen … http2" port TLS, so HTTP/1.1 upgrades over ALPN http/1.1 (101)', async () => {
    const { cert, key } = selfSignedCert();
    const code = conf(
      'server {',
      '    listen 127.0.0.1:@PORT@ http2;',
      '    ssl ON;',
      '    ssl_certificate @PREFIX@/cert.pem;',
      '    ssl_certificate_key @PREFIX@/key.pem;',
      '    location /ws {',
      ...[BACKEND, ...COMMON, 'proxy_set_header Upgrade $http_upgrade;', 'proxy_set_header Connection upgrade;'].map((l) => '        ' + l),
      '    }',
      '}',
    );
    expect(claims(code)).toEqual([]);
    const ok = await expectWebSocketWorks(nginx, code, { tls: true, files: { 'cert.pem': cert, 'key.pem': key } });
    expect(ok.handshake.alpnProtocol).toBe('http/1.1');
    // And flag values are only on/off, in any case: anything else stops nginx -t.
    const r = await nginx.check(code.replace('ssl ON;', 'ssl yes;'), { files: { 'cert.pem': cert, 'key.pem': key } });
    expect(r.ok).toBe(false);
    expect(r.output).toMatch(/invalid value "yes" in "ssl" directive, it must be "on" or "off"/);
    const buffering = await nginx.check(conf(...server(BACKEND, 'proxy_buffering OFF;', 'proxy_request_buffering Off;')));
    expect(buffering).toMatchObject({ ok: true });
  });

  test('proxy_pass inside if: the location sends no Upgrade/Connection (426, two claims and an info); the fix in the location gives 101', async () => {
    const bad = conf(...server('if ($http_upgrade) {', '    ' + BACKEND, '}'));
    expect(claims(bad)).toEqual(['14:9 nginx/websocket-upgrade-header', '14:9 nginx/websocket-connection-header']);
    expect(infos(bad)).toContain('14:9 nginx/proxy-http-version'); // the Node backend upgrades over HTTP/1.0: info
    const failed = await expectWebSocketFails(nginx, bad, { status: 426 });
    expect(failed.backendRequests[0].headers.upgrade).toBeUndefined();

    let code = bad;
    for (let pass = 0; pass < 5 && claims(code).length; pass++) code = lintCase('nginx', rules, { code, filename: 'nginx.conf' }).output;
    expect(claims(code)).toEqual([]);
    expect(code).toMatch(/\n {12}proxy_set_header Upgrade \$http_upgrade;\n/); // in the location (12 spaces), not the if (16)
    await expectWebSocketWorks(nginx, code);

    // Why the location's list is what counts: nginx refuses proxy_set_header inside if.
    const inIf = conf(...server('if ($http_upgrade) {', '    ' + BACKEND, '    proxy_set_header Upgrade $http_upgrade;', '}'));
    const r = await nginx.check(inIf);
    expect(r.ok).toBe(false);
    expect(r.output).toMatch(/"proxy_set_header" directive is not allowed here/);
  });

  test('location / routing handshakes with if ($http_upgrade = "websocket") { proxy_pass … }: 426, two claims and an info; fixed: 101, plain GET 200', async () => {
    const bad = conf('server {', '    listen 127.0.0.1:@PORT@;', '    location / {', '        if ($http_upgrade = "websocket") {', '            ' + BACKEND, '        }', '        ' + BACKEND, '    }', '}');
    expect(claims(bad)).toEqual(['14:9 nginx/websocket-upgrade-header', '14:9 nginx/websocket-connection-header']);
    expect(infos(bad)).toContain('14:9 nginx/proxy-http-version'); // the Node backend upgrades over HTTP/1.0: info
    await expectWebSocketFails(nginx, bad, { status: 426, path: '/' });

    let code = bad;
    for (let pass = 0; pass < 5 && claims(code).length; pass++) code = lintCase('nginx', rules, { code, filename: 'nginx.conf' }).output;
    expect(claims(code)).toEqual([]);
    await expectWebSocketWorks(nginx, code, { path: '/' });
    await withBackend(async (backend) =>
      withServer(nginx, code, { backendPort: backend.port }, async (server) => {
        const res = await plainGet({ port: server.port, path: '/' });
        expect(res.status).toBe(200);
      }),
    );
  });

  test('Connection "" on a WebSocket route (the keep-alive recipe) drops the upgrade: finding, 426', async () => {
    const code = conf(...server(BACKEND, ...COMMON, 'proxy_set_header Upgrade $http_upgrade;', 'proxy_set_header Connection "";'));
    expect(claims(code)).toEqual(['19:13 nginx/websocket-connection-header']);
    const failed = await expectWebSocketFails(nginx, code, { status: 426 });
    expect(failed.backendRequests[0].headers.connection).toBeUndefined();
  });

  test('Upgrade "" on a WebSocket route is not sent: finding, 426', async () => {
    const code = conf(...server(BACKEND, ...COMMON, 'proxy_set_header Upgrade "";', 'proxy_set_header Connection upgrade;'));
    expect(claims(code)).toEqual(['18:13 nginx/websocket-upgrade-header']);
    const failed = await expectWebSocketFails(nginx, code, { status: 426 });
    expect(failed.backendRequests[0].headers.upgrade).toBeUndefined();
  });
});
