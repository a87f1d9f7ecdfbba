/**
 * apache/rewrite-variable-without-percent on the real apache2: a `{REQUEST_URI}` without `%` in
 * the ws:// target sends every handshake to the literal path /%7BREQUEST_URI%7D (the echo
 * backend records the path it saw); `{HTTP:Upgrade}` / `{HTTP:Connection}` conditions without `%`
 * never pass, so the handshake reaches ProxyPass / http:// as a plain request (426); so do
 * `${HTTP:Upgrade}` ones (ratchetphp/Ratchet#860: a lookup of no RewriteMap). The fixer's
 * output sends the requested path and upgrades.
 */
import rule from '../../../../rules/apache/rewrite-variable-without-percent';
import { apache, describeWithServer, e2eFixture, expectWebSocketFails, expectWebSocketWorks } from '../../harness';
import { lineOf, lintFixture } from './lint';

describeWithServer('apache', 'apache/rewrite-variable-without-percent on the real server', () => {
  const PATH = '/socket.io/?EIO=4&transport=websocket';

  test('{REQUEST_URI} in the target: the rule fires; the backend sees the literal path; the fixed config sends the requested one', async () => {
    const bad = e2eFixture('apache', 'rewrite-target-literal-request-uri');
    const lint = lintFixture(rule, bad);
    expect(lint.fatal).toEqual([]);
    expect(lint.findings.map((m) => [m.line, m.column, m.message])).toEqual([
      [lineOf(bad, 'RewriteRule'), 20, '{REQUEST_URI} in the ws:// target has no %: every handshake reaches the backend at that literal path'],
    ]);
    // the echo backend upgrades on any path: what breaks is the path an app routes by
    const broken = await expectWebSocketWorks(apache, bad, { path: PATH });
    expect(broken.backendRequests.map((r) => [r.kind, r.url])).toEqual([['upgrade', '/%7BREQUEST_URI%7D?EIO=4&transport=websocket']]);

    const fixed = lint.output;
    expect(fixed).toContain('RewriteRule .* ws://127.0.0.1:@BACKEND_PORT@%{REQUEST_URI} [P]\n');
    expect(lintFixture(rule, fixed).findings).toEqual([]);
    const ok = await expectWebSocketWorks(apache, fixed, { path: PATH });
    expect(ok.backendRequests.map((r) => [r.kind, r.url])).toEqual([['upgrade', PATH]]);
  });

  test('{HTTP:Upgrade} / {HTTP:Connection} conditions: the rule fires on both; the handshake reaches the plain route (426); fixed, 101', async () => {
    const bad = e2eFixture('apache', 'rewrite-cond-literal-upgrade');
    const lint = lintFixture(rule, bad);
    expect(lint.fatal).toEqual([]);
    expect(lint.findings.map((m) => [m.line, m.column])).toEqual([
      [lineOf(bad, 'RewriteCond {HTTP:Upgrade}'), 13],
      [lineOf(bad, 'RewriteCond {HTTP:Connection}'), 13],
    ]);
    const broken = await expectWebSocketFails(apache, bad, { status: 426 });
    expect(broken.backendRequests.map((r) => [r.kind, r.url])).toEqual([['plain', '/ws']]);

    const fixed = lint.output;
    expect(fixed).toMatch(/^RewriteCond %\{HTTP:Upgrade\} websocket \[NC\]\nRewriteCond %\{HTTP:Connection\} upgrade \[NC\]$/m);
    expect(lintFixture(rule, fixed).findings).toEqual([]);
    await expectWebSocketWorks(apache, fixed);
  });

  test('not claimed beside ProxyPass / upgrade=websocket: the skipped rewrite breaks nothing (101)', async () => {
    const config = e2eFixture('apache', 'rewrite-cond-literal-upgrade').replace(/^ProxyPass \/ (.*)$/m, 'ProxyPass / $1 upgrade=websocket');
    expect(lintFixture(rule, config).findings).toEqual([]);
    await expectWebSocketWorks(apache, config);
  });

  test('${HTTP:Upgrade} / ${HTTP:Connection} conditions (Ratchet#860): the rule fires on both; 426 from the plain route; fixed ($ to %), 101', async () => {
    const bad = e2eFixture('apache', 'rewrite-cond-literal-upgrade').replace('RewriteCond {HTTP:Upgrade}', 'RewriteCond ${HTTP:Upgrade}').replace('RewriteCond {HTTP:Connection}', 'RewriteCond ${HTTP:Connection}');
    expect(bad).toContain('RewriteCond ${HTTP:Connection}');
    const lint = lintFixture(rule, bad);
    expect(lint.fatal).toEqual([]);
    expect(lint.findings.map((m) => [m.line, m.column, m.message])).toEqual([
      [lineOf(bad, 'RewriteCond ${HTTP:Upgrade}'), 13, 'RewriteCond ${HTTP:Upgrade} is a lookup of no RewriteMap, not the variable (% needed): the ws:// rule never applies'],
      [lineOf(bad, 'RewriteCond ${HTTP:Connection}'), 13, 'RewriteCond ${HTTP:Connection} is a lookup of no RewriteMap, not the variable (% needed): the ws:// rule never applies'],
    ]);
    const broken = await expectWebSocketFails(apache, bad, { status: 426 });
    expect(broken.backendRequests.map((r) => [r.kind, r.url])).toEqual([['plain', '/ws']]);

    const fixed = lint.output;
    expect(fixed).toMatch(/^RewriteCond %\{HTTP:Upgrade\} websocket \[NC\]\nRewriteCond %\{HTTP:Connection\} upgrade \[NC\]$/m);
    expect(lintFixture(rule, fixed).findings).toEqual([]);
    await expectWebSocketWorks(apache, fixed);
  });
});
