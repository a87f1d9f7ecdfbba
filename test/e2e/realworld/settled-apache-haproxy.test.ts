/**
 * Disputed verdicts of the Apache and HAProxy cases of the real-world corpus (test/realworld),
 * settled on the real servers. Each case file runs as the corpus keeps it, with only host names,
 * ports, log paths and (where the backend would be TLS) the scheme pointed at the loopback `ws`
 * echo backend, and for a lone site or fragment the minimal main configuration around it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { apache, describeWithServer, expectWebSocketFails, handshake, idleSurvives, withBackend, withServer } from '../harness';
import { REPO_ROOT } from '../../support/paths';

const caseText = (file: string) => fs.readFileSync(path.join(REPO_ROOT, 'test', 'realworld', 'cases', file), 'utf8');

const MODULES = ['mpm_event', 'authz_core', 'authz_host', 'access_compat', 'alias', 'headers', 'mime', 'proxy', 'proxy_http', 'proxy_wstunnel', 'rewrite', 'socache_shmcb', 'ssl'];

/** A main configuration for a site file or fragment: Debian's modules, runtime files under the prefix. */
function apacheMain(body: string): string {
  return [
    'ServerName localhost',
    'Listen 127.0.0.1:@PORT@',
    'PidFile @PREFIX@/apache2.pid',
    'DefaultRuntimeDir @PREFIX@',
    'ErrorLog @PREFIX@/error.log',
    'LogLevel warn',
    'StartServers 1',
    'TypesConfig /dev/null',
    ...MODULES.map((m) => `LoadModule ${m}_module /usr/lib/apache2/modules/mod_${m}.so`),
    '',
    body,
  ].join('\n');
}

/** Log files of the case pointed under the prefix (their directories do not exist here). */
const logsToPrefix = (text: string) => text.replace(/^(\s*)(ErrorLog|CustomLog)\s+\S+/gm, '$1$2 @PREFIX@/$2.log');

describeWithServer('apache', 'apache-cockpit-issue-7665: a ws:// RewriteRule [P] carries the socket a dead ProxyPass names', () => {
  // The TLS backend (https/wss to 127.0.0.1:9095) becomes the plain echo backend: the question is
  // which entry takes /cockpit/socket, not TLS to the backend.
  const config = apacheMain(
    logsToPrefix(caseText('apache/cockpit-issue-7665/cockpit.conf'))
      .replace('<VirtualHost *:443>', '<VirtualHost *:@PORT@>')
      .replace(/https:\/\/127\.0\.0\.1:9095/g, 'http://127.0.0.1:@BACKEND_PORT@')
      .replace(/wss:\/\/127\.0\.0\.1:9095/g, 'ws://127.0.0.1:@BACKEND_PORT@'),
  );
  test.each([
    ['Firefox', 'keep-alive, Upgrade'],
    ['Chrome', 'Upgrade'],
  ])('%s gets 101 and an echo on /cockpit/socket', async (_browser, connection) => {
    const r = await withBackend((backend) =>
      withServer(apache, config, { backendPort: backend.port }, (server) => handshake({ port: server.port, path: '/cockpit/socket', connection })),
    );
    expect({ status: r.status, accepted: r.accepted, echoed: r.echoed }).toEqual({ status: 101, accepted: true, echoed: true });
  });
  test('without the rewrite (RewriteEngine off) the first ProxyPass / takes the socket: the backend gets a plain request (426)', async () => {
    await expectWebSocketFails(apache, config.replace('RewriteEngine on', 'RewriteEngine off'), { path: '/cockpit/socket', status: 426 });
  });
});

describeWithServer('apache', 'apache-gotify-docs-before-c7f0056: timeout=5 on the ws:// ProxyPass does not cut an idle stream on 2.4.71', () => {
  // gotify/server#415 saw the stream closed after 5 s; on 2.4.71 an idle tunnel lives for the
  // larger of Timeout (default 60 s) and the worker's timeout=, so gotify's 45 s ping fits.
  const config = apacheMain(
    logsToPrefix(caseText('apache/gotify-docs-before-c7f0056/site.conf'))
      .replace('<VirtualHost *:80>', '<VirtualHost *:@PORT@>')
      .replace(/GOTIFY_PORT/g, '@BACKEND_PORT@'),
  );
  test('101 on /stream, then 7 s idle survive (past timeout=5)', async () => {
    const r = await withBackend((backend) => withServer(apache, config, { backendPort: backend.port }, (server) => idleSurvives({ port: server.port, path: '/stream', idleMs: 7000 })));
    expect([r.handshake.status, r.survived]).toEqual([101, true]);
  }, 20_000);
  test('with Timeout 5 the same stream is cut (the core Timeout decides)', async () => {
    const short = config.replace('ServerName localhost', 'ServerName localhost\nTimeout 5');
    const r = await withBackend((backend) => withServer(apache, short, { backendPort: backend.port }, (server) => idleSurvives({ port: server.port, path: '/stream', idleMs: 7000 })));
    expect([r.handshake.status, r.survived]).toEqual([101, false]);
  }, 20_000);
});

