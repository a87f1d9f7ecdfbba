/**
 * apache/tunnel-idle-timeout on the real apache2, with the rule's minimum lowered to 3 s so the
 * idle tests stay short (Timeout 2 against 3 s of silence): a short core Timeout cuts the idle
 * tunnel after ~2 s; the fixer's output (timeout= on the ProxyPass, ProxyTimeout for a
 * RewriteRule [P]) keeps it alive. The variants observed to survive lint clean.
 */
import rule from '../../../../rules/apache/tunnel-idle-timeout';
import { IDLE_CUT_FLOOR_MS, describeWithServer, e2eFixture } from '../../harness';
import { idleOn, lineOf, lintFixture } from './lint';

const SHORT = { minimum: 3 };

describeWithServer('apache', 'apache/tunnel-idle-timeout on the real server', () => {
  const cases: [string, string, RegExp][] = [
    ['core-timeout-short', 'ProxyPass /ws', /^ProxyPass \/ws ws:\/\/127\.0\.0\.1:@BACKEND_PORT@\/ws timeout=3600$/m],
    ['rewrite-timeout-short', 'RewriteRule', /^Timeout 2\nRewriteEngine On\nProxyTimeout 3600\nRewriteCond %\{HTTP:Upgrade\}/m],
  ];
  for (const [name, needle, fixedShape] of cases) {
    test(`${name}: the rule fires, the idle tunnel is cut after ~2 s; the fixed config survives 3 s idle`, async () => {
      const bad = e2eFixture('apache', name);
      const lint = lintFixture(rule, bad, SHORT);
      expect(lint.fatal).toEqual([]);
      expect(lint.findings.map((m) => [m.line, m.column])).toEqual([[lineOf(bad, needle), 1]]);
      expect(lint.findings[0].message).toMatch(/^(ProxyPass|RewriteRule) \S+( \S+)?: Timeout 2 \(line \d+\) closes WebSockets idle that long$/);
      expect(lint.findings[0].raw.severity).toBe('warning');
      const cut = await idleOn(bad);
      expect(cut.handshake.status).toBe(101);
      expect(cut.survived).toBe(false);
      expect(cut.closedAfterMs).toBeGreaterThanOrEqual(IDLE_CUT_FLOOR_MS);
      expect(cut.closedAfterMs).toBeLessThan(2900);

      const fixed = lint.output;
      expect(fixed).toMatch(fixedShape);
      expect(lintFixture(rule, fixed, SHORT).findings).toEqual([]);
      const kept = await idleOn(fixed);
      expect({ status: kept.handshake.status, survived: kept.survived }).toEqual({ status: 101, survived: true });
    });
  }

  test('the variants observed to survive a 3 s idle get no warning (their runs are in test/e2e/observed/apache.test.ts); at most the info on httpd\'s default Timeout', () => {
    for (const name of ['proxytimeout-short', 'proxypass-timeout-param', 'core-timeout-short-proxytimeout-long', 'proxypass-ws-wstunnel', 'rewrite-proxy-ws']) {
      const lint = lintFixture(rule, e2eFixture('apache', name), SHORT);
      const warnings = lint.findings.filter((m) => m.raw.severity !== 'info').map((m) => m.message);
      const infos = lint.findings.filter((m) => m.raw.severity === 'info').map((m) => m.message);
      expect({ name, warnings, fatal: lint.fatal }).toEqual({ name, warnings: [], fatal: [] });
      for (const m of infos) expect(m).toMatch(/^(ProxyPass|RewriteRule) .*: default Timeout 60 closes idle WebSockets unless the app pings$/);
    }
  });
});
