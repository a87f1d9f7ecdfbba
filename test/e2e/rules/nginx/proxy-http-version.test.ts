/**
 * nginx/proxy-http-version on the real server (nginx 1.22.1, default HTTP/1.0 upstream): the bad
 * fixture trips the rule and a strict HTTP/1.1 backend answers 400; fixed: 101 + echo from it.
 */
import rule from '../../../../rules/nginx/proxy-http-version/index';
import { lintCase } from '../../../support/lint-case';
import { describeWithServer, e2eFixture, expectWebSocketFails, expectWebSocketWorks, nginx } from '../../harness';

const findings = (code: string, nginxTarget?: string) =>
  lintCase('nginx', [rule], { code, filename: 'nginx.conf', ...(nginxTarget ? { targets: { nginx: nginxTarget } } : {}) });

describeWithServer('nginx', `${rule.id} on nginx`, () => {
  test('no proxy_http_version on 1.22.1: trips, strict backend 400; fixed: clean, strict backend 101 + echo', async () => {
    const bad = e2eFixture('nginx', 'no-http-version');
    const r = findings(bad, '1.22.1');
    expect(r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual([`18:9 ${rule.id}`]);
    const failed = await expectWebSocketFails(nginx, bad, { strictHttp11: true, status: 400 });
    expect(failed.backendRequests[0].httpVersion).toBe('1.0');

    expect(r.output).toContain('            proxy_http_version 1.1;\n');
    expect(findings(r.output, '1.22.1').messages).toEqual([]);
    const ok = await expectWebSocketWorks(nginx, r.output, { strictHttp11: true });
    expect(ok.backendRequests[0].httpVersion).toBe('1.1');
  });

  test('proxy_http_version 1.0 written out: trips, 400; fixed: 101', async () => {
    const bad = e2eFixture('nginx', 'upgrade-ok').replace('proxy_http_version 1.1;', 'proxy_http_version 1.0;');
    const r = findings(bad);
    expect(r.messages.map((m) => m.ruleId)).toEqual([rule.id]);
    await expectWebSocketFails(nginx, bad, { strictHttp11: true, status: 400 });
    expect(findings(r.output).messages).toEqual([]);
    await expectWebSocketWorks(nginx, r.output, { strictHttp11: true });
  });
});
