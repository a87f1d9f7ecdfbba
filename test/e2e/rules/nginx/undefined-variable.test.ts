/**
 * nginx/undefined-variable on the real nginx: the bad fixture trips the rule and nginx -t
 * refuses it; with the map added it lints clean, passes nginx -t and carries a WebSocket.
 */
import rule from '../../../../rules/nginx/undefined-variable';
import { lintCase } from '../../../support/lint-case';
import { describeWithServer, e2eFixture, expectWebSocketWorks, nginx } from '../../harness';

const MAP = "    map $http_upgrade $connection_upgrade {\n        default upgrade;\n        ''      close;\n    }\n";

describeWithServer('nginx', 'e2e nginx/undefined-variable', () => {
  const bad = e2eFixture('nginx', 'undefined-connection-upgrade');
  const good = bad.replace('http {\n', 'http {\n' + MAP);

  test('bad: trips the rule, and nginx -t fails with unknown "connection_upgrade" variable', async () => {
    const r = lintCase('nginx', [rule], { code: bad, filename: 'nginx.conf' });
    expect(r.messages.filter((m) => m.ruleId === rule.id).map((m) => m.line)).toEqual([21]);
    const check = await nginx.check(bad, { backendPort: 1 });
    expect(check.ok).toBe(false);
    expect(check.output).toMatch(/\[emerg\] \d+#\d+: unknown "connection_upgrade" variable/);
  });

  test('corrected (map added): lints clean, nginx -t passes, 101 + echo', async () => {
    expect(good).not.toBe(bad);
    const r = lintCase('nginx', [rule], { code: good, filename: 'nginx.conf' });
    expect(r.messages).toEqual([]);
    const check = await nginx.check(good, { backendPort: 1 });
    expect({ ok: check.ok, output: check.ok ? '' : check.output }).toEqual({ ok: true, output: '' });
    await expectWebSocketWorks(nginx, good);
  });
});
