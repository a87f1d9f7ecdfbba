/**
 * Disputed verdicts of the real-world corpus (test/realworld), settled on the real servers: each
 * case file is run as the corpus keeps it, with only its placeholder host names and listen ports
 * pointed at loopback and, for a lone site or fragment, the minimal main configuration the
 * runners need around it. The expectation table cites these results.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { apache, describeWithServer, expectWebSocketFails, expectWebSocketWorks, nginx } from '../harness';
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

function nginxMain(body: string): string {
  return [
    'worker_processes 1;',
    'pid @PREFIX@/nginx.pid;',
    'error_log @PREFIX@/error.log;',
    'events { worker_connections 64; }',
    'http {',
    '    access_log @PREFIX@/access.log;',
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `    ${t}_temp_path @PREFIX@/${t};`),
    body,
    '}',
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

describeWithServer('nginx', 'real-world corpus on the real nginx', () => {
  const site = (file: string, upstream: RegExp) =>
    nginxMain(
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

  test('nginx-code-server-guide: no proxy_http_version, a Node backend still upgrades the HTTP/1.0 request', async () => {
    const p = await expectWebSocketWorks(nginx, site('nginx/code-server-guide/code-server.conf', /localhost:8080/));
    expect(p.backendRequests.map((r) => r.httpVersion)).toContain('1.0');
  });
});
