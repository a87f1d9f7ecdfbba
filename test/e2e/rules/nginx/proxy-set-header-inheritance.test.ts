/**
 * nginx/proxy-set-header-inheritance on the real server: a location's own proxy_set_header drops
 * the server's Upgrade/Connection (426); the rule's (unsafe) fix copies them in: 101 + echo.
 */
import rule from '../../../../rules/nginx/proxy-set-header-inheritance/index';
import { lintCase } from '../../../support/lint-case';
import { describeWithServer, e2eFixture, expectWebSocketFails, expectWebSocketWorks, nginx, nginxMainConfig, plainGet, withBackend, withServer } from '../../harness';

const findings = (code: string) => lintCase('nginx', [rule], { code, filename: 'nginx.conf' });

describeWithServer('nginx', `${rule.id} on nginx`, () => {
  test('server-level Upgrade/Connection, location sets Host: trips, 426; fixed: clean, 101 + echo, Host kept', async () => {
    const bad = e2eFixture('nginx', 'location-overrides-headers');
    const r = findings(bad);
    expect(r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual([`23:13 ${rule.id}`]);
    expect(r.messages[0].raw.fix?.applicability).toBe('unsafe');
    await expectWebSocketFails(nginx, bad, { status: 426 });

    expect(r.output).toContain(
      '            proxy_set_header Host $host;\n            proxy_set_header Upgrade $http_upgrade;\n            proxy_set_header Connection "upgrade";\n',
    );
    expect(findings(r.output).messages).toEqual([]);
    const ok = await expectWebSocketWorks(nginx, r.output);
    expect(ok.backendRequests[0].headers.host).toMatch(/^127\.0\.0\.1/);
  });

  test('only the keep-alive recipe Connection "" dropped: info; nginx sends Connection: close and the plain request still gets 200', async () => {
    const code = nginxMainConfig(
      'server {', '    listen 127.0.0.1:@PORT@;', '    proxy_http_version 1.1;', '    proxy_set_header Connection "";',
      '    location / {', '        proxy_set_header Host $host;', '        proxy_pass http://127.0.0.1:@BACKEND_PORT@;', '    }', '}',
    );
    expect(findings(code).messages.map((m) => `${m.line}:${m.column} ${m.raw.severity}`)).toEqual(['17:13 info']);
    await withBackend(async (backend) =>
      withServer(nginx, code, { backendPort: backend.port }, async (srv) => {
        const res = await plainGet({ port: srv.port, path: '/' });
        expect(res.status).toBe(200);
        expect(backend.requests.at(-1)?.headers.connection).toBe('close');
      }),
    );
  });
});
