/**
 * apache/loglevel-unloaded-module on the real apache2: `LogLevel … proxy_wstunnel:debug` with the
 * module not loaded stops httpd from starting; the fixer's output starts and carries a WebSocket.
 */
import rule from '../../../../rules/apache/loglevel-unloaded-module';
import { apache, describeWithServer, e2eFixture, expectWebSocketWorks } from '../../harness';
import { lineOf, lintFixture } from './lint';

describeWithServer('apache', 'apache/loglevel-unloaded-module on the real server', () => {
  test('loglevel-unloaded-module: the rule fires, httpd refuses to start; the fixed config starts: 101 + echo', async () => {
    const bad = e2eFixture('apache', 'loglevel-unloaded-module');
    const lint = lintFixture(rule, bad);
    expect(lint.fatal).toEqual([]);
    expect(lint.findings.map((m) => [m.line, m.column])).toEqual([[lineOf(bad, 'LogLevel warn proxy_wstunnel'), 15]]);
    const check = await apache.check(bad);
    expect(check.ok).toBe(false);
    expect(check.output).toMatch(/Cannot find module proxy_wstunnel/);
    await expect(apache.start(bad, { backendPort: 1 })).rejects.toThrow(/exited before listening[\s\S]*Cannot find module proxy_wstunnel/);

    const fixed = lint.output;
    expect(fixed).toMatch(/^LogLevel warn$/m);
    expect(lintFixture(rule, fixed).findings).toEqual([]);
    const fixedCheck = await apache.check(fixed);
    expect({ ok: fixedCheck.ok, output: fixedCheck.ok ? '' : fixedCheck.output }).toEqual({ ok: true, output: '' });
    await expectWebSocketWorks(apache, fixed);
  });
});
