/**
 * apache/rewrite-websocket-without-upgrade-cond on the real apache2. Pages are served from the
 * prefix (index.html); an unguarded RewriteRule [P] to ws:// sends the plain GET to the
 * WebSocket backend (mod_proxy_http) or answers 426 (only mod_proxy_wstunnel). The fixer's
 * output (the Upgrade/Connection RewriteConds) serves the page and still carries the WebSocket.
 */
import rule from '../../../../rules/apache/rewrite-websocket-without-upgrade-cond';
import { apache, describeWithServer, e2eFixture, handshake, plainGet, withBackend, withServer, type HttpResponse } from '../../harness';
import { lineOf, lintFixture } from './lint';

const PAGE = 'hello from the document root\n';

interface Run {
  page: HttpResponse;
  ws: { status?: number; accepted: boolean; echoed: boolean };
  /** What the backend received as plain (non-upgrade) requests. */
  backendPlain: string[];
}

function run(config: string): Promise<Run> {
  return withBackend((backend) =>
    withServer(apache, config, { backendPort: backend.port, files: { 'index.html': PAGE } }, async (server) => {
      const page = await plainGet({ port: server.port, path: '/index.html' });
      const hs = await handshake({ port: server.port, path: '/ws' });
      return {
        page,
        ws: { status: hs.status, accepted: hs.accepted, echoed: hs.echoed === true },
        backendPlain: backend.requests.filter((r) => r.kind === 'plain').map((r) => r.url),
      };
    }),
  );
}

describeWithServer('apache', 'apache/rewrite-websocket-without-upgrade-cond on the real server', () => {
  const cases: [string, (r: Run) => void][] = [
    [
      'rewrite-no-upgrade-cond',
      (r) => {
        // mod_proxy_http proxies the plain GET to the ws:// backend as ordinary HTTP.
        expect(r.backendPlain).toEqual(['/index.html']);
        expect(r.page.body).not.toBe(PAGE);
      },
    ],
    [
      'rewrite-no-upgrade-cond-wstunnel',
      (r) => {
        expect(r.page.status).toBe(426);
        expect(r.backendPlain).toEqual([]);
      },
    ],
  ];
  for (const [name, expectBroken] of cases) {
    test(`${name}: the rule fires, the page is not served; the fixed config serves it and carries the WebSocket`, async () => {
      const bad = e2eFixture('apache', name);
      const lint = lintFixture(rule, bad);
      expect(lint.fatal).toEqual([]);
      expect(lint.findings.map((m) => [m.line, m.column])).toEqual([[lineOf(bad, 'RewriteRule'), 1]]);
      const broken = await run(bad);
      expect(broken.ws).toEqual({ status: 101, accepted: true, echoed: true });
      expectBroken(broken);

      const fixed = lint.output;
      expect(fixed).toMatch(/^RewriteEngine On\nRewriteCond %\{HTTP:Upgrade\} websocket \[NC\]\nRewriteCond %\{HTTP:Connection\} upgrade \[NC\]\nRewriteRule /m);
      expect(lintFixture(rule, fixed).findings).toEqual([]);
      const ok = await run(fixed);
      expect({ status: ok.page.status, body: ok.page.body, backendPlain: ok.backendPlain }).toEqual({ status: 200, body: PAGE, backendPlain: [] });
      expect(ok.ws).toEqual({ status: 101, accepted: true, echoed: true });
    });
  }

  test('the observed working recipes lint clean', () => {
    for (const name of ['rewrite-proxy-ws', 'rewrite-proxy-ws-no-wstunnel']) {
      const lint = lintFixture(rule, e2eFixture('apache', name));
      expect({ name, findings: lint.findings.map((m) => m.message), fatal: lint.fatal }).toEqual({ name, findings: [], fatal: [] });
    }
  });

  test("an [OR] chain only handshakes pass (the Mattermost docs' URI / Upgrade / Connection chain): no finding; the page is served, the WebSocket path upgrades", async () => {
    const config = e2eFixture('apache', 'rewrite-no-upgrade-cond').replace(
      /^RewriteRule .*$/m,
      [
        'RewriteCond %{REQUEST_URI} ^/api/v3/users/websocket [NC,OR]',
        'RewriteCond %{HTTP:UPGRADE} ^WebSocket$ [NC,OR]',
        'RewriteCond %{HTTP:CONNECTION} ^Upgrade$ [NC]',
        'RewriteRule .* ws://127.0.0.1:@BACKEND_PORT@%{REQUEST_URI} [P,QSA,L]',
      ].join('\n'),
    );
    expect(lintFixture(rule, config).findings).toEqual([]);
    const r = await withBackend((backend) =>
      withServer(apache, config, { backendPort: backend.port, files: { 'index.html': PAGE } }, async (server) => {
        const page = await plainGet({ port: server.port, path: '/index.html' });
        const hs = await handshake({ port: server.port, path: '/api/v3/users/websocket' });
        return { page: [page.status, page.body], ws: [hs.status, hs.echoed], backendPlain: backend.requests.filter((q) => q.kind === 'plain').map((q) => q.url) };
      }),
    );
    expect(r).toEqual({ page: [200, PAGE], ws: [101, true], backendPlain: [] });
  });

  // Since 2.4.47 mod_proxy_http serves ws:// targets and sends a plain request as ordinary HTTP:
  // when the path's http:// ProxyPass goes to the same backend, plain requests get the same answer
  // with or without the rule, so the rule stays silent.
  const sameBackend: [string, string, string, string][] = [
    ['the catch-all beside ProxyPass / (mod_proxy_http only)', '', 'RewriteRule ^/?(.*) "ws://127.0.0.1:@BACKEND_PORT@/$1" [P,L]\nProxyPass / http://127.0.0.1:@BACKEND_PORT@/', '/index.html'],
    [
      'the quassel-webserver README shape (mod_proxy_wstunnel and mod_proxy_http)',
      'LoadModule proxy_wstunnel_module /usr/lib/apache2/modules/mod_proxy_wstunnel.so\n',
      'RewriteRule /quassel/p/socket(.*) ws://127.0.0.1:@BACKEND_PORT@/quassel/p/socket$1 [P,L]\nProxyPass /quassel http://127.0.0.1:@BACKEND_PORT@/quassel',
      '/quassel/p/socket/?EIO=3&transport=polling',
    ],
  ];
  for (const [name, mods, routes, plainPath] of sameBackend) {
    test(`unguarded ws:// rule to the same backend as the path's http:// ProxyPass, ${name}: no finding; plain GET 200 from the backend, handshake 101`, async () => {
      const config = e2eFixture('apache', 'rewrite-no-upgrade-cond')
        .replace(/^(LoadModule rewrite_module .*)$/m, `${mods}$1`)
        .replace(/^RewriteRule .*$/m, routes);
      // linted with the port withServer will substitute (any one: the same on both lines)
      expect(lintFixture(rule, config.replace(/@BACKEND_PORT@/g, '3000'))).toMatchObject({ fatal: [], findings: [] });
      const wsPath = plainPath.replace(/\?.*/, '');
      const r = await withBackend((backend) =>
        withServer(apache, config, { backendPort: backend.port, files: { 'index.html': PAGE } }, async (server) => {
          const page = await plainGet({ port: server.port, path: plainPath });
          const hs = await handshake({ port: server.port, path: wsPath });
          return { page: [page.status, page.body], ws: [hs.status, hs.echoed], backendPlain: backend.requests.filter((q) => q.kind === 'plain').map((q) => q.url) };
        }),
      );
      expect(r).toEqual({ page: [200, 'plain'], ws: [101, true], backendPlain: [plainPath] });
    });
  }

  test('a <Location> ProxyPass ! under the same-backend catch-all: the rule fires, the real server sends the local page to the backend; the fixed config serves it', async () => {
    const config = e2eFixture('apache', 'rewrite-no-upgrade-cond').replace(
      /^RewriteRule .*$/m,
      'RewriteRule ^/?(.*) "ws://127.0.0.1:@BACKEND_PORT@/$1" [P,L]\nProxyPass / http://127.0.0.1:@BACKEND_PORT@/\n<Location /index.html>\nProxyPass !\n</Location>',
    );
    const lint = lintFixture(rule, config.replace(/@BACKEND_PORT@/g, '3000'));
    expect(lint.findings.map((m) => [m.line, m.column])).toEqual([[lineOf(config, 'RewriteRule'), 1]]);
    const serve = (c: string) =>
      withBackend((backend) =>
        withServer(apache, c, { backendPort: backend.port, files: { 'index.html': PAGE } }, async (server) => {
          const page = await plainGet({ port: server.port, path: '/index.html' });
          const hs = await handshake({ port: server.port, path: '/ws' });
          return { page: [page.status, page.body], ws: [hs.status, hs.echoed], backendPlain: backend.requests.filter((q) => q.kind === 'plain').map((q) => q.url) };
        }),
      );
    expect(await serve(config)).toEqual({ page: [200, 'plain'], ws: [101, true], backendPlain: ['/index.html'] });
    const fixed = lint.output.replace(/:3000\//g, ':@BACKEND_PORT@/');
    expect(await serve(fixed)).toEqual({ page: [200, PAGE], ws: [101, true], backendPlain: [] });
  });

  test('ProxyWebsocketFallbackToProxyHttp Off hands ws:// back to mod_proxy_wstunnel: the same-backend rule is flagged, the plain GET gets 426', async () => {
    const config = e2eFixture('apache', 'rewrite-no-upgrade-cond')
      .replace(/^(LoadModule rewrite_module .*)$/m, 'LoadModule proxy_wstunnel_module /usr/lib/apache2/modules/mod_proxy_wstunnel.so\n$1')
      .replace(/^RewriteRule .*$/m, 'ProxyWebsocketFallbackToProxyHttp Off\nRewriteRule ^/?(.*) "ws://127.0.0.1:@BACKEND_PORT@/$1" [P,L]\nProxyPass / http://127.0.0.1:@BACKEND_PORT@/');
    const lint = lintFixture(rule, config.replace(/@BACKEND_PORT@/g, '3000'));
    expect(lint.findings.map((m) => [m.line, m.column])).toEqual([[lineOf(config, 'RewriteRule'), 1]]);
    const r = await withBackend((backend) =>
      withServer(apache, config, { backendPort: backend.port, files: { 'index.html': PAGE } }, async (server) => {
        const page = await plainGet({ port: server.port, path: '/index.html' });
        const hs = await handshake({ port: server.port, path: '/ws' });
        return { page: page.status, ws: [hs.status, hs.echoed], backendPlain: backend.requests.filter((q) => q.kind === 'plain').map((q) => q.url) };
      }),
    );
    expect(r).toEqual({ page: 426, ws: [101, true], backendPlain: [] });
  });
});
