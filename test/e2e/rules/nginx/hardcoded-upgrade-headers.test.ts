/**
 * nginx/hardcoded-upgrade-headers on the real server: with Upgrade hard-coded in location /,
 * WebSockets work but plain requests fail (400); after the fix both work.
 */
import rule from '../../../../rules/nginx/hardcoded-upgrade-headers/index';
import { lintCase } from '../../../support/lint-case';
import { describeWithServer, e2eFixture, handshake, nginx, plainGet, withBackend, withServer } from '../../harness';

const findings = (code: string) => lintCase('nginx', [rule], { code, filename: 'nginx.conf' });

async function behaviour(config: string): Promise<{ ws: boolean; plain?: number; backendUpgrade?: string }> {
  return withBackend(async (backend) =>
    withServer(nginx, config, { backendPort: backend.port }, async (server) => {
      const hs = await handshake({ port: server.port, path: '/ws' });
      const get = await plainGet({ port: server.port, path: '/index.html' });
      const last = backend.requests[backend.requests.length - 1];
      return { ws: hs.accepted && hs.echoed === true, plain: get.status, backendUpgrade: last?.headers.upgrade };
    }),
  );
}

describeWithServer('nginx', `${rule.id} on nginx`, () => {
  test('Upgrade/Connection hard-coded in location / (map defined): trips twice, plain GET 400; fixed: clean, plain 200 and 101 + echo', async () => {
    const bad = e2eFixture('nginx', 'hardcoded-upgrade-map');
    const r = findings(bad);
    expect(r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual([`25:13 ${rule.id}`, `26:13 ${rule.id}`]);
    expect(await behaviour(bad)).toEqual({ ws: true, plain: 400, backendUpgrade: 'websocket' });

    expect(r.output).toContain('proxy_set_header Upgrade $http_upgrade;\n            proxy_set_header Connection $connection_upgrade;\n');
    expect(findings(r.output).messages).toEqual([]);
    expect(await behaviour(r.output)).toEqual({ ws: true, plain: 200, backendUpgrade: undefined });
  });

  test('the observed fixture (no map): Upgrade fixed, plain GET 200; the Connection warning stays without a fix', async () => {
    const bad = e2eFixture('nginx', 'hardcoded-upgrade');
    const r = findings(bad);
    expect(r.messages.map((m) => m.ruleId)).toEqual([rule.id, rule.id]);
    expect(r.messages[1].raw.fix).toBeUndefined();
    expect((await behaviour(bad)).plain).toBe(400);
    const after = findings(r.output);
    expect(after.messages.map((m) => `${m.line}:${m.column}`)).toEqual(['22:13']);
    expect(await behaviour(r.output)).toEqual({ ws: true, plain: 200, backendUpgrade: undefined });
  });
});
