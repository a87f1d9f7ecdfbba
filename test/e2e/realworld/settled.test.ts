/**
 * Disputed verdicts of the real-world corpus (test/realworld), settled on the real servers: each
 * case file is run as the corpus keeps it, with only its placeholder host names and listen ports
 * pointed at loopback and, for a lone site or fragment, the minimal main configuration the
 * runners need around it. The expectation table cites these results.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WebSocket, WebSocketServer } from 'ws';
import { apache, connectTunnel, describeWithServer, expectWebSocketFails, expectWebSocketWorks, handshake, haproxy, nginx, nginxMainConfig, plainGet, squid, withBackend, withServer, type ServerRunner } from '../harness';
import { REPO_ROOT } from '../../support/paths';

const caseText = (file: string) => fs.readFileSync(path.join(REPO_ROOT, 'test', 'realworld', 'cases', file), 'utf8');

const MODULES = ['mpm_event', 'authz_core', 'authz_host', 'access_compat', 'proxy', 'proxy_http', 'proxy_wstunnel', 'rewrite', 'socache_shmcb', 'ssl'];

/** A main configuration for a site file or fragment: Debian's modules, runtime files under the prefix. */
function apacheMain(body: string): string {
  return [
    'ServerName localhost',
    'Listen 127.0.0.1:@PORT@',
    'User www-data',
    'Group www-data',
    'PidFile @PREFIX@/apache2.pid',
    'DefaultRuntimeDir @PREFIX@',
    'ErrorLog @PREFIX@/error.log',
    'LogLevel warn',
    'StartServers 1',
    ...MODULES.map((m) => `LoadModule ${m}_module /usr/lib/apache2/modules/mod_${m}.so`),
    '',
    body,
  ].join('\n');
}

describeWithServer('apache', 'real-world corpus on the real apache2', () => {
  const guac = (file: string) => apacheMain(caseText(file).replace(/HOSTNAME:8080/g, '127.0.0.1:@BACKEND_PORT@'));

  test('apache-guacamole-manual: the ws:// <Location> after the general one carries the WebSocket', async () => {
    await expectWebSocketWorks(apache, guac('apache/guacamole-manual/guacamole.conf'), { path: '/guacamole/websocket-tunnel' });
  });

  test('apache-guacamole-manual-reversed: the later <Location /guacamole/> wins, the backend gets a plain request (426)', async () => {
    await expectWebSocketFails(apache, guac('apache/guacamole-manual-reversed/guacamole.conf'), {
      path: '/guacamole/websocket-tunnel',
      status: 426,
    });
  });

  test('apache-mattermost-docs: wss:// from a vhost without SSLProxyEngine answers 500 (AH01961)', async () => {
    const text = caseText('apache/mattermost-docs/mattermost.mydomain.net.conf')
      .replace('<VirtualHost *:80>', '<VirtualHost *:@PORT@>')
      .replace(/127\.0\.0\.1:8065/g, '127.0.0.1:@BACKEND_PORT@');
    const p = await expectWebSocketFails(apache, apacheMain(text), { path: '/api/v3/users/websocket', status: 500 });
    expect(p.logs).toContain('AH01961');
    expect(p.backendRequests).toEqual([]);
  });
});

describeWithServer('apache', 'apache-xpra-docs: anchored Connection test inside a <Location> that also has a ws:// ProxyPass', () => {
  const config = apacheMain(caseText('apache/xpra-docs/20-proxy.conf').replace(/localhost:20001/g, '127.0.0.1:@BACKEND_PORT@'));
  // Firefox sends "Connection: keep-alive, Upgrade", which ^Upgrade$ does not match; Chrome sends "Upgrade".
  test.each([
    ['Firefox', 'keep-alive, Upgrade'],
    ['Chrome', 'Upgrade'],
  ])('%s gets 101 on /xpra1/foo', async (_browser, connection) => {
    const r = await withBackend((backend) =>
      withServer(apache, config, { backendPort: backend.port }, (server) => handshake({ port: server.port, path: '/xpra1/foo', connection })),
    );
    expect({ status: r.status, accepted: r.accepted, echoed: r.echoed }).toEqual({ status: 101, accepted: true, echoed: true });
  });
});

describeWithServer('apache', 'apache-macos-server5-websocket: anchored Connection test, plain http:// catch-all', () => {
  const config = apacheMain(caseText('apache/macos-server5-websocket/apache_serviceproxy-excerpt.conf').replace(/localhost:8001/g, '127.0.0.1:@BACKEND_PORT@'));
  const shake = (connection: string) =>
    withBackend((backend) => withServer(apache, config, { backendPort: backend.port }, (server) => handshake({ port: server.port, path: '/chat/stream/', connection })));
  test('Chrome ("Connection: Upgrade") matches ^Upgrade$ and gets 101', async () => {
    expect((await shake('Upgrade')).status).toBe(101);
  });
  test('Firefox ("Connection: keep-alive, Upgrade") misses it; the plain http:// catch-all hands the backend a plain request (426)', async () => {
    expect((await shake('keep-alive, Upgrade')).status).toBe(426);
  });
});

describeWithServer('nginx', 'real-world corpus on the real nginx', () => {
  const site = (file: string, upstream: RegExp) =>
    nginxMainConfig(
      caseText(file)
        .replace(/listen\s+\[::\]:80;\n/, '')
        .replace(/listen\s+80;/, 'listen 127.0.0.1:@PORT@;')
        .replace(upstream, '127.0.0.1:@BACKEND_PORT@'),
    );

  test('nginx-aspnet-docs-keepalive: Connection keep-alive, the backend sees a plain request (426)', async () => {
    await expectWebSocketFails(nginx, site('nginx/aspnet-docs-keepalive/default', /localhost:5000/), { status: 426 });
  });

  test('nginx-aspnet-issue-19708-http-connection: Connection $http_connection upgrades', async () => {
    await expectWebSocketWorks(nginx, site('nginx/aspnet-issue-19708-http-connection/default', /localhost:5000/));
  });

  test('nginx-socketio-docs-root: hard-coded Connection "upgrade" on location /, a Node backend serves plain GETs as plain (200) and upgrades handshakes', async () => {
    const text = caseText('nginx/socketio-docs-root/nginx.conf');
    const server = text.slice(text.indexOf('  server {'), text.lastIndexOf('}'));
    const config = nginxMainConfig(server.replace(/listen 80;/, 'listen 127.0.0.1:@PORT@;').replace(/localhost:3000/, '127.0.0.1:@BACKEND_PORT@'));
    await withBackend((backend) =>
      withServer(nginx, config, { backendPort: backend.port }, async (srv) => {
        const plain = await plainGet({ port: srv.port, path: '/index.html' });
        expect(plain.status).toBe(200);
        const seen = backend.requests.find((r) => r.url === '/index.html');
        expect({ kind: seen?.kind, connection: seen?.headers.connection, upgrade: seen?.headers.upgrade }).toEqual({ kind: 'plain', connection: 'upgrade', upgrade: undefined });
        const ws = await handshake({ port: srv.port, path: '/socket.io/' });
        expect(ws.status).toBe(101);
      }),
    );
  });

  test('nginx-flet-docs-keepalive: Connection keep-alive on /ws, the backend sees a plain request (426)', async () => {
    await expectWebSocketFails(nginx, site('nginx/flet-docs-keepalive/flet.conf', /127\.0\.0\.1:8502/g), { path: '/ws', status: 426 });
  });

  test('nginx-flet-docs-pr-116: /ws fixed alone upgrades; location / keeps keep-alive and serves the pages (200)', async () => {
    const config = site('nginx/flet-docs-pr-116/flet.conf', /127\.0\.0\.1:8502/g);
    await expectWebSocketWorks(nginx, config, { path: '/ws' });
    await withBackend((backend) =>
      withServer(nginx, config, { backendPort: backend.port }, async (srv) => {
        expect((await plainGet({ port: srv.port, path: '/' })).status).toBe(200);
      }),
    );
  });

  test('nginx-frigate-rendered-includes: once the s6 script renders listen.conf and base_path.conf, /ws and the go2rtc socket upgrade', async () => {
    // What frigate's nginx run script does at container start (tempio): listen.conf from
    // templates/listen.gotmpl, base_path.conf empty when no base_path is set. The other includes
    // are the tree's own files, inlined; mime.types (the package's) is left out.
    const dir = 'nginx/frigate-rendered-includes/usr/local/nginx/conf/';
    const main = caseText(dir + 'nginx.conf');
    const http = main.slice(main.indexOf('http {') + 'http {'.length, main.lastIndexOf('}'));
    const rendered = http
      .replace('include mime.types;', '')
      .replace('include go2rtc_upstream.conf;', caseText(dir + 'go2rtc_upstream.conf'))
      .replace('include listen.conf;', 'listen 127.0.0.1:@PORT@;')
      .replace('include base_path.conf;', '')
      .replace(/include proxy\.conf;/g, caseText(dir + 'proxy.conf'))
      .replace(/127\.0\.0\.1:(5002|1984)/g, '127.0.0.1:@BACKEND_PORT@');
    const config = nginxMainConfig(rendered);
    await expectWebSocketWorks(nginx, config, { path: '/ws' });
    await expectWebSocketWorks(nginx, config, { path: '/live/mse/api/ws' });
  });

  test('nginx-mainsailos-layout: /websocket upgrades through the conf.d map and upstream; the API regex location serves plain requests (200)', async () => {
    const dir = 'nginx/mainsailos-layout/';
    const config = nginxMainConfig(
      [caseText(dir + 'conf.d/common_vars.conf'), caseText(dir + 'conf.d/upstreams.conf'), caseText(dir + 'sites-enabled/mainsail')]
        .join('\n')
        .replace(/listen 80 default_server;/, 'listen 127.0.0.1:@PORT@;')
        .replace(/127\.0\.0\.1:7125/, '127.0.0.1:@BACKEND_PORT@'),
    );
    await expectWebSocketWorks(nginx, config, { path: '/websocket' });
    await withBackend((backend) =>
      withServer(nginx, config, { backendPort: backend.port }, async (srv) => {
        expect((await plainGet({ port: srv.port, path: '/server/info' })).status).toBe(200);
        expect(backend.requests.find((r) => r.url === '/server/info')?.kind).toBe('plain');
      }),
    );
  });

  test('nginx-taiga-docker-gateway: /events relays the handshake (101) with proxy_buffering at its default', async () => {
    const config = nginxMainConfig(
      caseText('nginx/taiga-docker-gateway/taiga.conf')
        .replace(/listen 80 default_server;/, 'listen 127.0.0.1:@PORT@;')
        .replace(/taiga-(front|back:8000|events:8888)/g, '127.0.0.1:@BACKEND_PORT@'),
    );
    await expectWebSocketWorks(nginx, config, { path: '/events' });
  });

  test('nginx-code-server-guide: no proxy_http_version, a Node backend still upgrades the HTTP/1.0 request', async () => {
    const p = await expectWebSocketWorks(nginx, site('nginx/code-server-guide/code-server.conf', /localhost:8080/));
    expect(p.backendRequests.map((r) => r.httpVersion)).toContain('1.0');
  });

  // Issue 8 session 6 additions: the echo backend stands in for the application at the
  // endpoint its UI opens (rttys /connect/<device>, ttyd <mount>/ws, n8n /rest/push).
  test('nginx-rttys-issue-69-before: a bare location /, the terminal handshake reaches the backend plain (426)', async () => {
    const p = await expectWebSocketFails(nginx, site('nginx/rttys-issue-69-before/rttys.conf', /192\.168\.1\.200:5913/), { path: '/connect/dev1', status: 426 });
    expect(p.backendRequests.map((r) => r.kind)).toEqual(['plain']);
  });

  test('nginx-rttys-issue-69-after: Upgrade and Connection added, no proxy_http_version: HTTP/1.0 handshake, 101 + echo', async () => {
    const p = await expectWebSocketWorks(nginx, site('nginx/rttys-issue-69-after/rttys.conf', /192\.168\.1\.200:5913/), { path: '/connect/dev1' });
    expect(p.backendRequests.map((r) => r.httpVersion)).toEqual(['1.0']);
  });

  test('nginx-ttyd-issue-130-before: location ^~ /console with a bare proxy_pass, 426 on /console/ws', async () => {
    await expectWebSocketFails(nginx, site('nginx/ttyd-issue-130-before/console.conf', /127\.0\.0\.1:1234/), { path: '/console/ws', status: 426 });
  });

  test('nginx-ttyd-issue-130-after: the reporter\'s three lines, 101 + echo on /console/ws', async () => {
    await expectWebSocketWorks(nginx, site('nginx/ttyd-issue-130-after/console.conf', /127\.0\.0\.1:54366/), { path: '/console/ws' });
  });

  // Issue 8 session 7 additions: bare locations whose applications open a WebSocket (the echo
  // backend at the endpoint the thread names), and Connection "" beside a passed Upgrade.
  test('nginx-butterfly-issue-164: a bare proxy_pass, the terminal handshake reaches the backend plain (426)', async () => {
    const p = await expectWebSocketFails(nginx, site('nginx/butterfly-issue-164/default.conf', /www\.yozosann\.com:8756/), { path: '/ws/session/1', status: 426 });
    expect(p.backendRequests.map((r) => [r.kind, r.headers.connection, r.headers.upgrade])).toEqual([['plain', 'close', undefined]]);
  });

  test('nginx-dispatcharr-issue-107: location / without Upgrade or Connection, the handshake reaches the backend plain (426)', async () => {
    const p = await expectWebSocketFails(nginx, site('nginx/dispatcharr-issue-107/default.conf', /localhost:9191/), { path: '/ws/', status: 426 });
    expect(p.backendRequests.map((r) => r.kind)).toEqual(['plain']);
  });

  test('nginx-openconstructionerp-pr-176: before, /api/ proxied plain and the notifications handshake fails (426); after, the regex location upgrades', async () => {
    const path = '/api/v1/notifications/ws/?token=x';
    const before = await expectWebSocketFails(nginx, site('nginx/openconstructionerp-pr-176-before/nginx.conf', /backend:8000/g), { path, status: 426 });
    expect(before.backendRequests.map((r) => r.kind)).toEqual(['plain']);
    await expectWebSocketWorks(nginx, site('nginx/openconstructionerp-pr-176-after/nginx.conf', /backend:8000/g), { path });
  });

  test('nginx-wekan-issue-6510: Upgrade passed but Connection "", the backend sees no upgrade (426)', async () => {
    // The certbot TLS lines are dropped: the loopback runner has no certificates.
    const text = caseText('nginx/wekan-issue-6510/wekan.conf')
      .replace(/\n\s*ssl_\S+ [^\n]*|\n\s*include \/etc\/letsencrypt[^\n]*/g, '')
      .replace('listen 443 ssl;', 'listen 127.0.0.1:@PORT@;')
      .replace('127.0.0.1:8090', '127.0.0.1:@BACKEND_PORT@');
    const p = await expectWebSocketFails(nginx, nginxMainConfig(text), { path: '/sockjs/016/cwaid5zp/websocket', status: 426 });
    expect(p.backendRequests.map((r) => [r.kind, r.headers.connection, r.headers.upgrade])).toEqual([['plain', undefined, 'websocket']]);
  });

  test('nginx-chatwoot-deployment: Connection "upgrade" then Connection "": nginx sends "upgrade", the handshake upgrades', async () => {
    // The port-80 redirect server and the TLS lines are dropped: the loopback runner has no certificates.
    const text = caseText('nginx/chatwoot-deployment/nginx_chatwoot.conf')
      .replace(/^server \{[\s\S]*?\n\}\n\n/, '')
      .replace(/\n\s*ssl_\S+ [^\n]*|\n\s*add_header [^\n]*/g, '')
      .replace(/listen 443 ssl http2;\n\s*listen \[::\]:443 ssl http2;/, 'listen 127.0.0.1:@PORT@;')
      .replace('127.0.0.1:3000', '127.0.0.1:@BACKEND_PORT@');
    const p = await expectWebSocketWorks(nginx, nginxMainConfig(text), { path: '/cable' });
    expect(p.backendRequests.map((r) => [r.kind, r.headers.connection, r.headers.upgrade])).toEqual([['upgrade', 'upgrade', 'websocket']]);
  });

  test('nginx-n8n-simple-installation-readme: Connection \'\' and no Upgrade, the /rest/push handshake reaches the backend plain (426)', async () => {
    const p = await expectWebSocketFails(nginx, site('nginx/n8n-simple-installation-readme/sites-available/n8n', /localhost:5678/), { path: '/rest/push?pushRef=x', status: 426 });
    expect(p.backendRequests.map((r) => [r.kind, r.headers.connection, r.headers.upgrade])).toEqual([['plain', undefined, undefined]]);
  });
});

/**
 * The principle behind every idle-timeout verdict in the corpus, on compressed times: a server
 * cuts a tunnel only after its limit passes without data, so an application heartbeat inside the
 * limit keeps it open. The backend pings (as Socket.IO, SignalR, Home Assistant, ... do); the
 * client is the ws library, which answers pings with pongs as browsers do.
 */
async function idleOutcome(runner: ServerRunner, config: string, pingEveryMs: number | undefined, idleMs: number) {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const timers: NodeJS.Timeout[] = [];
  wss.on('connection', (ws) => {
    if (pingEveryMs) timers.push(setInterval(() => ws.ping(), pingEveryMs));
  });
  try {
    return await withServer(runner, config, { backendPort: (wss.address() as { port: number }).port }, async (server) => {
      const client = new WebSocket(`ws://127.0.0.1:${server.port}/ws`);
      const opened = await new Promise<boolean>((resolve) => {
        client.once('open', () => resolve(true));
        client.once('error', () => resolve(false));
      });
      const start = Date.now();
      let closedAfterMs: number | undefined;
      client.once('close', () => (closedAfterMs = Date.now() - start));
      await new Promise((r) => setTimeout(r, idleMs));
      const open = client.readyState === WebSocket.OPEN;
      client.terminate();
      return { opened, open, closedAfterMs };
    });
  } finally {
    timers.forEach(clearInterval);
    for (const c of wss.clients) c.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  }
}

const NGINX_IDLE = nginxMainConfig(`
    server {
        listen 127.0.0.1:@PORT@;
        location / {
            proxy_pass http://127.0.0.1:@BACKEND_PORT@;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection "upgrade";
            proxy_read_timeout 2s;
        }
    }`);

const HAPROXY_IDLE = `defaults
    mode http
    timeout connect 2s
    timeout client 2s
    timeout server 2s
frontend www
    bind 127.0.0.1:@PORT@
    default_backend app
backend app
    server app 127.0.0.1:@BACKEND_PORT@
`;

const APACHE_IDLE = apacheMain(`Timeout 1
ProxyTimeout 2
ProxyPass / ws://127.0.0.1:@BACKEND_PORT@/
`);

describeWithServer('nginx', 'heartbeat inside the limit on the real nginx (nginx-socketio-docs-*, compressed: 2 s limit, 250 ms ping)', () => {
  test('no heartbeat: cut after the limit', async () => {
    const r = await idleOutcome(nginx, NGINX_IDLE, undefined, 4500);
    expect(r).toMatchObject({ opened: true, open: false });
  });
  test('heartbeat inside the limit: still open after 2.25x the limit', async () => {
    expect(await idleOutcome(nginx, NGINX_IDLE, 250, 4500)).toEqual({ opened: true, open: true, closedAfterMs: undefined });
  });
});

describeWithServer('haproxy', 'heartbeat inside the limit on the real haproxy (haproxy-home-assistant-docs-*, compressed)', () => {
  test('no heartbeat, no timeout tunnel: cut at timeout client/server', async () => {
    const r = await idleOutcome(haproxy, HAPROXY_IDLE, undefined, 4500);
    expect(r).toMatchObject({ opened: true, open: false });
  });
  test('heartbeat inside timeout client/server: still open', async () => {
    expect(await idleOutcome(haproxy, HAPROXY_IDLE, 250, 4500)).toEqual({ opened: true, open: true, closedAfterMs: undefined });
  });
  // haproxy-scalable-websocket-example: Socket.IO's 25 s ping against timeout client/server 25s.
  test('a heartbeat as long as timeout client/server (no margin): cut', async () => {
    const r = await idleOutcome(haproxy, HAPROXY_IDLE, 2000, 4500);
    expect(r).toMatchObject({ opened: true, open: false });
  });
});

describeWithServer('apache', 'heartbeat inside the limit on the real apache2 (apache-socketio-docs-httpd, compressed)', () => {
  test('no heartbeat: cut after Timeout', async () => {
    const r = await idleOutcome(apache, APACHE_IDLE, undefined, 4500);
    expect(r).toMatchObject({ opened: true, open: false });
  });
  test('heartbeat inside Timeout: still open', async () => {
    expect(await idleOutcome(apache, APACHE_IDLE, 250, 4500)).toEqual({ opened: true, open: true, closedAfterMs: undefined });
  });
});

/**
 * Squid as a forward proxy (squid-wiki-signal-*, squid-debian-default): browsers reach ws:// and
 * wss:// through it with CONNECT, so the port rules decide and the Upgrade offer path
 * (http_upgrade_request_protocols, absent here) never comes into play. The backend stands in for
 * Signal's server: its port takes the place of 4433/8443 in the case's SSL_ports line.
 */
describeWithServer('squid', 'squid-wiki-signal-*: CONNECT tunnels on the real squid', () => {
  const RUNTIME = [
    'cache_effective_user proxy',
    'pid_filename @PREFIX@/squid.pid',
    'cache_log @PREFIX@/cache.log',
    'access_log stdio:@PREFIX@/access.log',
    'coredump_dir @PREFIX@',
    'netdb_filename none',
    'pinger_enable off',
    'shutdown_lifetime 0 seconds',
  ].join('\n');
  const config = (file: string) =>
    caseText(file)
      .replace('acl SSL_ports port 4433 8443 # Signal Messenger', 'acl SSL_ports port @BACKEND_PORT@ # Signal Messenger (its ports, here the backend\'s)')
      .replace(/^http_port 3128$/m, 'http_port 127.0.0.1:@PORT@')
      .replace(/^coredump_dir .*$/m, RUNTIME);
  const tunnel = (file: string) =>
    withBackend((backend) =>
      withServer(squid, config(file), { backendPort: backend.port }, (server) => connectTunnel({ proxyPort: server.port, targetPort: backend.port })),
    );

  test('before the wiki fix: CONNECT to the WebSocket port is refused (403)', async () => {
    const r = await tunnel('squid/wiki-signal-before/squid.conf');
    expect(r.connect.status).toBe(403);
  });

  test('after it: CONNECT 200, then 101 and echo inside the tunnel, with no http_upgrade_request_protocols', async () => {
    const r = await tunnel('squid/wiki-signal-after/squid.conf');
    expect(config('squid/wiki-signal-after/squid.conf')).not.toContain('http_upgrade_request_protocols');
    expect({ connect: r.connect.status, status: r.handshake?.status, echoed: r.handshake?.echoed }).toEqual({ connect: 200, status: 101, echoed: true });
  });
});
