/**
 * nginx/websocket-upgrade-header on the real server: the bad fixture trips the rule and the
 * backend answers 426; the rule's fix lints clean and carries a WebSocket (101 + echo).
 */
import rule from '../../../../rules/nginx/websocket-upgrade-header/index';
import { lintCase } from '../../../support/lint-case';
import { describeWithServer, e2eFixture, expectWebSocketFails, expectWebSocketWorks, nginx } from '../../harness';

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
