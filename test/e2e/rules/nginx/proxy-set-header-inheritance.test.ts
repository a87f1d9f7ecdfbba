/**
 * nginx/proxy-set-header-inheritance on the real server: a location's own proxy_set_header drops
 * the server's Upgrade/Connection (426); the rule's (unsafe) fix copies them in: 101 + echo.
 */
import rule from '../../../../rules/nginx/proxy-set-header-inheritance/index';
import { lintCase } from '../../../support/lint-case';
import { describeWithServer, e2eFixture, expectWebSocketFails, expectWebSocketWorks, nginx } from '../../harness';

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
});
