/**
 * nginx/websocket-upgrade-header on the real server: the bad fixture trips the rule and the
 * backend answers 426; the rule's fix lints clean and carries a WebSocket (101 + echo).
 */
import rule from '../../../../rules/nginx/websocket-upgrade-header/index';
import { lintCase } from '../../../support/lint-case';
import { describeWithServer, e2eFixture, expectWebSocketFails, expectWebSocketWorks, nginx, nginxMainConfig } from '../../harness';

const findings = (code: string) => lintCase('nginx', [rule], { code, filename: 'nginx.conf' });

describeWithServer('nginx', `${rule.id} on nginx`, () => {
  test('no Upgrade line: trips the rule, 426 on nginx; fixed: clean, 101 + echo', async () => {
    const bad = e2eFixture('nginx', 'no-upgrade-header');
    const r = findings(bad);
    expect(r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual([`17:9 ${rule.id}`]);
    const failed = await expectWebSocketFails(nginx, bad, { status: 426 });
    expect(failed.backendRequests[0].headers.upgrade).toBeUndefined();

    expect(r.output).toContain('            proxy_set_header Upgrade $http_upgrade;\n');
    expect(findings(r.output).messages).toEqual([]);
    const ok = await expectWebSocketWorks(nginx, r.output);
    expect(ok.backendRequests[0].headers.upgrade).toBe('websocket');
  });

  test('the inheritance trap (server-level Upgrade, location sets Host): trips, 426; fixed: 101 + echo', async () => {
    const bad = e2eFixture('nginx', 'location-overrides-headers');
    const r = findings(bad);
    expect(r.messages.map((m) => m.ruleId)).toEqual([rule.id]);
    expect(r.messages[0].message).toMatch(/^location \S+ loses the server block's Upgrade header \(line \d+\) by setting its own proxy_set_header$/);
    await expectWebSocketFails(nginx, bad, { status: 426 });
    // Upgrade alone is not enough here: Connection was dropped too (websocket-connection-header's finding).
    await expectWebSocketFails(nginx, r.output, { status: 426 });
    expect(findings(r.output).messages).toEqual([]);
  });

  // A catch-all to an application whose clients need a WebSocket (apps/ `ui`), named only by
  // its server_name (gotify/server#462): the echo backend stands in for Gotify; the client's
  // handshake on /stream goes to location /.
  test('catch-all of server_name gotify.example.org: trips, its /stream handshake reaches the backend without Upgrade (426); fixed: 101 + echo', async () => {
    const bad = nginxMainConfig('server {', '    listen 127.0.0.1:@PORT@;', '    server_name gotify.example.org;', '    location / {', '        proxy_pass http://127.0.0.1:@BACKEND_PORT@;', '    }', '}');
    const r = findings(bad);
    expect(r.messages.map((m) => `${m.line}:${m.column} ${m.message}`)).toEqual(['15:9 location / does not pass the Upgrade header to the backend']);
    const failed = await expectWebSocketFails(nginx, bad, { status: 426, path: '/stream' });
    expect(failed.backendRequests.map((q) => [q.kind, q.url])).toEqual([['plain', '/stream']]);
    // Upgrade alone: nginx still sends "Connection: close" (websocket-connection-header's
    // finding); with both rules' fixes the handshake is carried.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const both = [rule, require('../../../../rules/nginx/websocket-connection-header/index').default];
    let out = bad;
    // Both fixes insert after proxy_pass: one pass applies one of them.
    for (let pass = 0; pass < 3; pass++) out = lintCase('nginx', both, { code: out, filename: 'nginx.conf' }).output;
    expect(lintCase('nginx', both, { code: out, filename: 'nginx.conf' }).messages).toEqual([]);
    const ok = await expectWebSocketWorks(nginx, out, { path: '/stream' });
    expect(ok.backendRequests[0].headers.upgrade).toBe('websocket');
  });

  // The app mounted under a prefix (proxy_pass URI "/"), named by the prefix (Gotify's sub-path
  // recipe without its headers): the client's /gotify/stream reaches the backend as /stream, plain.
  test('location /gotify/ to the app\'s root: trips, /gotify/stream reaches the backend as a plain /stream (426); fixed: 101 + echo', async () => {
    const bad = nginxMainConfig('server {', '    listen 127.0.0.1:@PORT@;', '    location /gotify/ {', '        proxy_pass http://127.0.0.1:@BACKEND_PORT@/;', '    }', '}');
    const r = findings(bad);
    expect(r.messages.map((m) => `${m.line}:${m.column} ${m.message}`)).toEqual(['14:9 location /gotify/ does not pass the Upgrade header to the backend']);
    const failed = await expectWebSocketFails(nginx, bad, { status: 426, path: '/gotify/stream' });
    expect(failed.backendRequests.map((q) => [q.kind, q.url])).toEqual([['plain', '/stream']]);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const both = [rule, require('../../../../rules/nginx/websocket-connection-header/index').default];
    let out = bad;
    for (let pass = 0; pass < 3; pass++) out = lintCase('nginx', both, { code: out, filename: 'nginx.conf' }).output;
    expect(lintCase('nginx', both, { code: out, filename: 'nginx.conf' }).messages).toEqual([]);
    const ok = await expectWebSocketWorks(nginx, out, { path: '/gotify/stream' });
    expect(ok.backendRequests.map((q) => [q.kind, q.url])).toEqual([['upgrade', '/stream']]);
  });

  // Two endpoint locations to one backend: the one whose Upgrade is wrong takes its own
  // handshakes (the other endpoint does not stand in for it), so the finding is an error.
  test('/socket.io/ sends "Upgrade: http_upgrade" beside a working /ws/: trips as an error, its handshake fails (400) while /ws/ gets 101; fixed: 101 + echo', async () => {
    const loc = (path: string, upgrade: string) => [`    location ${path} {`, '        proxy_pass http://127.0.0.1:@BACKEND_PORT@;', '        proxy_http_version 1.1;', `        proxy_set_header Upgrade ${upgrade};`, '        proxy_set_header Connection "upgrade";', '    }'];
    const bad = nginxMainConfig('server {', '    listen 127.0.0.1:@PORT@;', ...loc('/socket.io/', 'http_upgrade'), ...loc('/ws/', '$http_upgrade'), '}');
    const r = findings(bad);
    expect(r.messages.map((m) => `${m.line}:${m.column} ${m.raw.severity} ${m.message}`)).toEqual(['17:13 error location /socket.io/ sends "Upgrade: http_upgrade" (line 17), which does not name websocket']);
    const failed = await expectWebSocketFails(nginx, bad, { status: 400, path: '/socket.io/' });
    expect(failed.backendRequests[0].headers.upgrade).toBe('http_upgrade');
    await expectWebSocketWorks(nginx, bad, { path: '/ws/' });
    expect(findings(r.output).messages).toEqual([]);
    const ok = await expectWebSocketWorks(nginx, r.output, { path: '/socket.io/' });
    expect(ok.backendRequests[0].headers.upgrade).toBe('websocket');
  });

  test('the trap fixed by all five header rules together (fix passes until clean): nginx -t ok, 101 + echo', async () => {
    const ids = ['websocket-upgrade-header', 'websocket-connection-header', 'proxy-http-version', 'proxy-set-header-inheritance', 'hardcoded-upgrade-headers'];
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const rules = ids.map((id) => require(`../../../../rules/nginx/${id}/index`).default);
    let code = e2eFixture('nginx', 'location-overrides-headers');
    for (let pass = 0; pass < 10; pass++) {
      const r = lintCase('nginx', rules, { code, filename: 'nginx.conf' });
      if (r.messages.length === 0) break;
      code = r.output;
    }
    expect(lintCase('nginx', rules, { code, filename: 'nginx.conf' }).messages).toEqual([]);
    expect((await nginx.check(code, { backendPort: 1 })).ok).toBe(true);
    await expectWebSocketWorks(nginx, code);
  });
});
