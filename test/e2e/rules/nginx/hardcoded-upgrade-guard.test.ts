/**
 * nginx/hardcoded-upgrade-headers on the real server, the locations whose backend sees only
 * handshakes: an `if` on $http_upgrade that returns for the rest, and a proxy_pass only inside
 * `if ($http_upgrade = "websocket")`. The hard-coded headers then reach the backend on
 * handshakes alone (plain requests never get there), so the rule reports nothing.
 */
import rule from '../../../../rules/nginx/hardcoded-upgrade-headers/index';
import { lintCase } from '../../../support/lint-case';
import { describeWithServer, handshake, nginx, nginxMainConfig, plainGet, withBackend, withServer } from '../../harness';

const main = (locations: string[]) =>
  nginxMainConfig('server {', '    listen 127.0.0.1:@PORT@;', '    root @PREFIX@;', ...locations.map((l) => `    ${l}`), '}');

const GUARDED = main([
  'location = /v1/channel {',
  '    if ($http_upgrade !~* ^websocket$) { return 400; }',
  '    proxy_pass http://127.0.0.1:@BACKEND_PORT@;',
  '    proxy_http_version 1.1;',
  '    proxy_set_header Upgrade websocket;',
  '    proxy_set_header Connection upgrade;',
  '}',
]);

const IF_PROXIED = main([
  'location / {',
  '    try_files $uri =404;',
  '    if ($http_upgrade = "websocket") {',
  '        proxy_pass http://127.0.0.1:@BACKEND_PORT@;',
  '    }',
  '    proxy_http_version 1.1;',
  '    proxy_set_header Upgrade websocket;',
  '    proxy_set_header Connection upgrade;',
  '}',
]);

async function behaviour(config: string, path: string): Promise<{ ws: boolean; plain?: number; plainReachedBackend: boolean; backendUpgrade?: string }> {
  return withBackend(async (backend) =>
    withServer(nginx, config, { backendPort: backend.port }, async (server) => {
      const hs = await handshake({ port: server.port, path });
      const before = backend.requests.length;
      const handshakeUpgrade = backend.requests[before - 1]?.headers.upgrade;
      const get = await plainGet({ port: server.port, path });
      return { ws: hs.accepted && hs.echoed === true, plain: get.status, plainReachedBackend: backend.requests.length > before, backendUpgrade: handshakeUpgrade };
    }),
  );
}

describeWithServer('nginx', `${rule.id} on nginx: backends that see only handshakes`, () => {
  test('location = /v1/channel returning 400 without Upgrade: websocket; 101 + echo, the plain GET never reaches the backend; no finding', async () => {
    expect(lintCase('nginx', [rule], { code: GUARDED, filename: 'nginx.conf' }).messages).toEqual([]);
    expect(await behaviour(GUARDED, '/v1/channel')).toEqual({ ws: true, plain: 400, plainReachedBackend: false, backendUpgrade: 'websocket' });
  });

  test('proxy_pass only inside if ($http_upgrade = "websocket"): 101 + echo, the plain GET is nginx\'s own 404; no finding', async () => {
    expect(lintCase('nginx', [rule], { code: IF_PROXIED, filename: 'nginx.conf' }).messages).toEqual([]);
    expect(await behaviour(IF_PROXIED, '/ws')).toEqual({ ws: true, plain: 404, plainReachedBackend: false, backendUpgrade: 'websocket' });
  });
});
