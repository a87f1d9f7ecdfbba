/**
 * nginx/websocket-connection-header on the real server: bad fixtures trip the rule and fail
 * (426); the rule's fix (which adds the docs' map to the http block) lints clean and works.
 */
import rule from '../../../../rules/nginx/websocket-connection-header/index';
import { lintCase } from '../../../support/lint-case';
import { describeWithServer, e2eFixture, expectWebSocketFails, expectWebSocketWorks, nginx, plainGet, withBackend, withServer, handshake } from '../../harness';

const findings = (code: string) => lintCase('nginx', [rule], { code, filename: 'nginx.conf' });

describeWithServer('nginx', `${rule.id} on nginx`, () => {
  test('no Connection line: trips, 426 (Connection: close); fixed with the map: clean, nginx -t ok, 101 + echo', async () => {
    const bad = e2eFixture('nginx', 'no-connection-header');
    const r = findings(bad);
    expect(r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual([`17:9 ${rule.id}`]);
    const failed = await expectWebSocketFails(nginx, bad, { status: 426 });
    expect(failed.backendRequests[0].headers.connection).toBe('close');

    expect(r.output).toContain("    map $http_upgrade $connection_upgrade {\n        default upgrade;\n        ''      close;\n    }\n");
    expect(findings(r.output).messages).toEqual([]);
    const check = await nginx.check(r.output, { backendPort: 1 });
    expect(check.output).not.toMatch(/emerg/);
    expect(check.ok).toBe(true);
    await expectWebSocketWorks(nginx, r.output);
  });

  test('keepalive upstream + Connection "": trips, 426; fixed with the \'\' \'\' map: 101 + echo and plain requests keep upstream keep-alive', async () => {
    const bad = e2eFixture('nginx', 'keepalive-empty-connection');
    const r = findings(bad);
    expect(r.messages.map((m) => m.ruleId)).toEqual([rule.id]);
    await expectWebSocketFails(nginx, bad, { status: 426 });

    expect(r.output).toContain("        ''      '';\n");
    expect(findings(r.output).messages).toEqual([]);
    await withBackend(async (backend) =>
      withServer(nginx, r.output, { backendPort: backend.port }, async (server) => {
        const hs = await handshake({ port: server.port, path: '/ws' });
        expect(hs.accepted && hs.echoed).toBe(true);
        expect((await plainGet({ port: server.port, path: '/a' })).status).toBe(200);
        expect((await plainGet({ port: server.port, path: '/b' })).status).toBe(200);
        const plain = backend.requests.filter((q) => q.kind === 'plain');
        expect(plain).toHaveLength(2);
        expect(plain[0].headers.connection).toBeUndefined();
        expect(plain[1].connectionId).toBe(plain[0].connectionId);
      }),
    );
  });
});
