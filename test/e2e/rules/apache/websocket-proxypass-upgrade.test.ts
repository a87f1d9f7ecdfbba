/**
 * apache/websocket-proxypass-upgrade on the real apache2: `ProxyPass /ws http://…` without
 * upgrade= gets 426 (with or without mod_proxy_wstunnel); the fixer's output gives 101 + echo.
 * A ws:// RewriteRule for another path does not take this route (426 on it, 101 on the rewritten
 * one); balancer:// routes with http:// members get 426 until each member has upgrade=websocket,
 * and httpd refuses upgrade= on the balancer's ProxyPass. A catch-all to an application whose UI
 * needs a WebSocket (ServerName cockpit.*) carries its handshake as a plain request (426) until
 * it has upgrade=websocket; a ws:// route for the endpoint before it takes the handshake (101).
 */
import rule from '../../../../rules/apache/websocket-proxypass-upgrade';
import { apache, describeWithServer, e2eFixture, expectWebSocketFails, expectWebSocketWorks } from '../../harness';
import { lineOf, lintFixture } from './lint';

describeWithServer('apache', 'apache/websocket-proxypass-upgrade on the real server', () => {
  for (const name of ['proxypass-http-no-upgrade', 'proxypass-http-no-upgrade-no-wstunnel']) {
    test(`${name}: the rule fires, 426; the fixed config gives 101 + echo`, async () => {
      const bad = e2eFixture('apache', name);
      const lint = lintFixture(rule, bad);
      expect(lint.fatal).toEqual([]);
      expect(lint.findings.map((m) => [m.line, m.column])).toEqual([[lineOf(bad, 'ProxyPass /ws'), 1]]);
      const p = await expectWebSocketFails(apache, bad, { status: 426 });
      expect(p.backendRequests.map((r) => r.kind)).toEqual(['plain']);

      const fixed = lint.output;
      expect(fixed).toMatch(/^ProxyPass \/ws http:\/\/127\.0\.0\.1:@BACKEND_PORT@\/ws upgrade=websocket$/m);
      expect(lintFixture(rule, fixed).findings).toEqual([]);
      await expectWebSocketWorks(apache, fixed);
    });
  }

  const base = () => e2eFixture('apache', 'proxypass-http-no-upgrade').replace(/^ProxyPass .*\n?/gm, '');
  const RW = 'LoadModule rewrite_module /usr/lib/apache2/modules/mod_rewrite.so\n';

  test('a ws:// RewriteRule for /socket leaves ProxyPass /ws flagged: 426 there, 101 on /socket; fixed: 101 on both', async () => {
    const bad =
      base() +
      RW +
      'RewriteEngine On\nRewriteCond %{HTTP:Upgrade} websocket [NC]\nRewriteRule ^/socket(.*) ws://127.0.0.1:@BACKEND_PORT@/socket$1 [P,L]\nProxyPass /ws http://127.0.0.1:@BACKEND_PORT@/ws\n';
    const lint = lintFixture(rule, bad);
    expect(lint.fatal).toEqual([]);
    expect(lint.findings.map((m) => [m.line, m.column])).toEqual([[lineOf(bad, 'ProxyPass /ws'), 1]]);
    await expectWebSocketFails(apache, bad, { status: 426, path: '/ws' });
    await expectWebSocketWorks(apache, bad, { path: '/socket' });
    await expectWebSocketWorks(apache, lint.output, { path: '/ws' });
    // The rewrite that does cover /ws takes it: nothing to report, and 101 observed.
    const covered = bad.replace('^/socket(.*) ws://127.0.0.1:@BACKEND_PORT@/socket$1', '^/ws(.*) ws://127.0.0.1:@BACKEND_PORT@/ws$1');
    expect(lintFixture(rule, covered).findings).toEqual([]);
    await expectWebSocketWorks(apache, covered, { path: '/ws' });
  });

  // The catch-all to an application whose UI needs a WebSocket (apps/ `ui`): the echo backend
  // stands in for Cockpit; the browser's handshake on /cockpit/socket goes to the catch-all.
  const COCKPIT = (routes: string) => base() + '<VirtualHost 127.0.0.1:@PORT@>\n    ServerName cockpit.example.org\n' + routes + '</VirtualHost>\n';

  test('catch-all to Cockpit (ServerName cockpit.*): fires, its /cockpit/socket handshake reaches the backend plain (426); fixed: 101 + echo', async () => {
    const bad = COCKPIT('    ProxyPass / http://127.0.0.1:@BACKEND_PORT@/ retry=0\n');
    const lint = lintFixture(rule, bad);
    expect(lint.fatal).toEqual([]);
    expect(lint.findings.map((m) => [m.line, m.column, m.message])).toEqual([
      [lineOf(bad, 'ProxyPass /'), 5, 'ProxyPass / serves Cockpit over http:// without upgrade=websocket, so its WebSocket /cockpit/socket fails'],
    ]);
    const p = await expectWebSocketFails(apache, bad, { status: 426, path: '/cockpit/socket' });
    expect(p.backendRequests.map((r) => [r.kind, r.url])).toEqual([['plain', '/cockpit/socket']]);
    expect(lint.output).toContain('    ProxyPass / http://127.0.0.1:@BACKEND_PORT@/ retry=0 upgrade=websocket\n');
    expect(lintFixture(rule, lint.output).findings).toEqual([]);
    await expectWebSocketWorks(apache, lint.output, { path: '/cockpit/socket' });
  });

  test('the same catch-all with a ws:// route for /cockpit/socket before it: clean, 101 + echo', async () => {
    const good = COCKPIT('    ProxyPass /cockpit/socket ws://127.0.0.1:@BACKEND_PORT@/cockpit/socket\n    ProxyPass / http://127.0.0.1:@BACKEND_PORT@/\n');
    expect(lintFixture(rule, good).findings).toEqual([]);
    await expectWebSocketWorks(apache, good, { path: '/cockpit/socket' });
  });

  // A prefix mount named by its own segment (core/websocket/intent rootRouteUiApp, as nginx's
  // location /gotify/): the backend stands in for Gotify, whose pages open /stream under the mount.
  test('Gotify mounted at /gotify/: fires, its /gotify/stream handshake reaches the backend plain as /stream (426); fixed: 101 + echo', async () => {
    const bad = base() + '<VirtualHost 127.0.0.1:@PORT@>\n    ServerName www.example.org\n    ProxyPass /gotify/ http://127.0.0.1:@BACKEND_PORT@/\n</VirtualHost>\n';
    const lint = lintFixture(rule, bad);
    expect(lint.fatal).toEqual([]);
    expect(lint.findings.map((m) => [m.line, m.column, m.message])).toEqual([
      [lineOf(bad, 'ProxyPass /gotify/'), 5, 'ProxyPass /gotify/ serves Gotify over http:// without upgrade=websocket, so its WebSocket /gotify/stream fails'],
    ]);
    const p = await expectWebSocketFails(apache, bad, { status: 426, path: '/gotify/stream' });
    expect(p.backendRequests.map((r) => [r.kind, r.url])).toEqual([['plain', '/stream']]);
    expect(lintFixture(rule, lint.output).findings).toEqual([]);
    await expectWebSocketWorks(apache, lint.output, { path: '/gotify/stream' });
  });

  test("the server's name does not name a mount: ServerName gotify.* with ProxyPass /admin/ is clean (a plain app there answers plain)", () => {
    const other = base() + '<VirtualHost 127.0.0.1:@PORT@>\n    ServerName gotify.example.org\n    ProxyPass /admin/ http://127.0.0.1:@BACKEND_PORT@/\n</VirtualHost>\n';
    expect(lintFixture(rule, other).findings).toEqual([]);
  });

  // Home Assistant's add-on ingress (apps/ `ui.also`): /api/websocket routed to ws://, the
  // echo backend stands in for HA; an add-on's handshake under /api/hassio_ingress/ goes to the
  // plain catch-all (home-assistant/addons#1728).
  const HA = (routes: string) => base() + '<VirtualHost 127.0.0.1:@PORT@>\n    ServerName homeassistant.example.org\n' + routes + '</VirtualHost>\n';

  test('HA: /api/websocket to ws://, catch-all plain: fires; /api/websocket 101, an ingress handshake 426 (plain); fixed: 101 on both', async () => {
    const bad = HA('    ProxyPass /api/websocket ws://127.0.0.1:@BACKEND_PORT@/api/websocket\n    ProxyPass / http://127.0.0.1:@BACKEND_PORT@/\n');
    const lint = lintFixture(rule, bad);
    expect(lint.fatal).toEqual([]);
    expect(lint.findings.map((m) => [m.line, m.column, m.message])).toEqual([
      [lineOf(bad, 'ProxyPass / '), 5, 'ProxyPass / serves Home Assistant over http:// without upgrade=websocket, so WebSockets under /api/hassio_ingress/ fail'],
    ]);
    await expectWebSocketWorks(apache, bad, { path: '/api/websocket' });
    const ingress = '/api/hassio_ingress/Tk3x9/ws';
    const p = await expectWebSocketFails(apache, bad, { status: 426, path: ingress });
    expect(p.backendRequests.map((r) => [r.kind, r.url])).toEqual([['plain', ingress]]);
    expect(lintFixture(rule, lint.output).findings).toEqual([]);
    await expectWebSocketWorks(apache, lint.output, { path: ingress });
    await expectWebSocketWorks(apache, lint.output, { path: '/api/websocket' });
  });

  const BAL =
    'LoadModule proxy_balancer_module /usr/lib/apache2/modules/mod_proxy_balancer.so\n' +
    'LoadModule slotmem_shm_module /usr/lib/apache2/modules/mod_slotmem_shm.so\n' +
    'LoadModule lbmethod_byrequests_module /usr/lib/apache2/modules/mod_lbmethod_byrequests.so\n';

  test('balancer:// with an http:// member: fires at the member, 426; fixed (upgrade= on the member): 101 + echo; ws:// members: clean, 101', async () => {
    const bad = base() + BAL + '<Proxy balancer://app>\n    BalancerMember http://127.0.0.1:@BACKEND_PORT@\n</Proxy>\nProxyPass /ws balancer://app/ws\n';
    const lint = lintFixture(rule, bad);
    expect(lint.fatal).toEqual([]);
    expect(lint.findings.map((m) => [m.line, m.column, m.message])).toEqual([
      [lineOf(bad, 'BalancerMember'), 5, 'BalancerMember http://127.0.0.1:@BACKEND_PORT@ serves WebSocket route /ws without upgrade=websocket (426).'],
    ]);
    await expectWebSocketFails(apache, bad, { status: 426 });
    expect(lint.output).toContain('    BalancerMember http://127.0.0.1:@BACKEND_PORT@ upgrade=websocket\n');
    expect(lintFixture(rule, lint.output).findings).toEqual([]);
    await expectWebSocketWorks(apache, lint.output);

    const wsMembers = bad.replace('BalancerMember http://', 'BalancerMember ws://');
    expect(lintFixture(rule, wsMembers).findings).toEqual([]);
    await expectWebSocketWorks(apache, wsMembers);
  });

  test('upgrade= on the ProxyPass to balancer://: apache2 -t refuses it; the rule says where', async () => {
    const bad = base() + BAL + '<Proxy balancer://app>\n    BalancerMember http://127.0.0.1:@BACKEND_PORT@\n</Proxy>\nProxyPass /ws balancer://app/ws upgrade=websocket\n';
    const check = await apache.check(bad);
    expect(check.ok).toBe(false);
    expect(check.output).toMatch(/ProxyPass unknown Balancer parameter/);
    const lint = lintFixture(rule, bad);
    expect(lint.findings.map((m) => [m.line, m.column, m.message])).toEqual([
      [lineOf(bad, 'ProxyPass /ws'), 'ProxyPass /ws balancer://app/ws '.length + 1, expect.stringMatching(/^httpd refuses upgrade= on a ProxyPass to balancer:\/\//)],
    ]);
  });
});
