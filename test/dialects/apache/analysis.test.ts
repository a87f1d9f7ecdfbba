import { loadText, settingsWith } from './helpers';

const MODS = [
  'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so',
  'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so',
  'LoadModule rewrite_module /usr/lib/apache2/modules/mod_rewrite.so',
  '',
].join('\n');

describe('modules', () => {
  test('loaded modules with where each was loaded', () => {
    const { a } = loadText(MODS);
    const m = a.modules.get('proxy_http_module')!;
    expect(m.sourceFile).toBe('mod_proxy_http.c');
    expect(m.directive!.args[1]).toBe('/usr/lib/apache2/modules/mod_proxy_http.so');
    expect(a.modules.get('version_module')!.directive).toBeNull();
    expect(a.hasModule('mod_proxy.c')).toBe(true);
    expect(a.hasModule('proxy_wstunnel_module')).toBe(false);
    expect(a.modulesKnown).toBe(true);
    expect(a.context).toBe('server');
  });

  test('.htaccess is its own context', () => {
    const { a, unit } = loadText('RewriteEngine On\nRewriteRule ^ws$ ws://b/ [P]\n', { path: '/srv/www/.htaccess' });
    expect(a.context).toBe('htaccess');
    expect(unit.fragment).toBe(true);
    expect(a.rewriteRules).toHaveLength(1);
  });
});

describe('ProxyPass routes and mod_proxy\'s first match', () => {
  const code = `${MODS}ProxyPass / http://app:3000/\nProxyPass /ws ws://app:3000/ws\n<VirtualHost *:80>\n  ProxyPass /api/ http://api/ timeout=600 upgrade=websocket\n  ProxyPassMatch "^/(socket\\.io/.*)$" http://io/$1\n  <Location /cable>\n    ProxyPass ws://cable/\n  </Location>\n</VirtualHost>\n`;

  test('routes, scopes, params, intent', () => {
    const { a } = loadText(code);
    expect(a.servers).toHaveLength(2);
    expect(a.proxyRoutes.map((r) => [r.kind, r.path, r.target, r.scheme, r.regex, r.server.vhost ? 'vhost' : 'main'])).toEqual([
      ['proxypass', '/', 'http://app:3000/', 'http', false, 'main'],
      ['proxypass', '/ws', 'ws://app:3000/ws', 'ws', false, 'main'],
      ['proxypass', '/api/', 'http://api/', 'http', false, 'vhost'],
      ['proxypassmatch', '^/(socket\\.io/.*)$', 'http://io/$1', 'http', true, 'vhost'],
      ['proxypass', '/cable', 'ws://cable/', 'ws', false, 'vhost'],
    ]);
    const api = a.proxyRoutes[2];
    expect(api.params).toEqual({ timeout: '600', upgrade: 'websocket' });
    expect(api.upgrade).toBe('websocket');
    expect(api.workerTimeout).toBe(600);
    expect(a.proxyRoutes.map((r) => r.websocket?.signal ?? null)).toEqual([null, 'scheme', 'upgrade-param', 'path', 'scheme']);
    expect(a.proxyRoutes[4].location!.key).toBe('location');
  });

  test('routeFor: first match wins; vhosts try the main server\'s list first; <Location> forms first', () => {
    const { a } = loadText(code);
    const [main, vhost] = a.servers;
    expect(a.routeFor('/ws', main)!.path).toBe('/');
    expect(a.routeFor('/ws/x')!.path).toBe('/');
    expect(a.routeFor('/cable/x', vhost)!.target).toBe('ws://cable/');
    expect(a.routeFor('/api/x', vhost)!.path).toBe('/');
    expect(a.proxyOrder(vhost).map((r) => r.path)).toEqual(['/', '/ws', '/api/', '^/(socket\\.io/.*)$']);
  });

  test('segment-aware prefix match (alias_match)', () => {
    const { a } = loadText(`${MODS}ProxyPass /ws ws://b/\nProxyPass /w http://c/\nProxyPass /x/ http://d/\n`);
    expect(a.routeFor('/ws')!.target).toBe('ws://b/');
    expect(a.routeFor('//ws//x')!.target).toBe('ws://b/');
    expect(a.routeFor('/wsx')).toBeUndefined();
    expect(a.routeFor('/w/ws')!.target).toBe('http://c/');
    expect(a.routeFor('/x')).toBeUndefined();
  });

  test('exclusions', () => {
    const { a } = loadText(`${MODS}ProxyPass /static !\nProxyPass / http://b/\n`);
    expect(a.routeFor('/static/a.css')!.target).toBe('!');
    expect(a.routeFor('/static/a.css')!.scheme).toBe('');
  });

  test('WebSocket intent: comment marker and websocket.paths', () => {
    const c = `${MODS}# proxylint: websocket\nProxyPass /events http://b/\nProxyPass /feed http://c/\nProxyPass /plain http://d/\n`;
    const { a } = loadText(c, { settings: settingsWith(undefined, ['/feed']) });
    expect(a.proxyRoutes.map((r) => r.websocket)).toEqual([
      { signal: 'comment', reason: 'a "# proxylint: websocket" comment marks it' },
      { signal: 'config', reason: 'websocket.paths lists /feed' },
      null,
    ]);
  });

  test('the comment convention: above the route, above its <Location>, or first in the <Location> body; not after a directive', () => {
    const c =
      `${MODS}<Location /a>\n  # proxylint: websocket\n  Require all granted\n  ProxyPass http://a/\n</Location>\n` +
      `# proxylint: websocket\n<Location /b>\n  ProxyPass http://b/\n</Location>\n` +
      `<Location /c>\n  Require all granted\n  # proxylint: websocket\n\n  ProxyPass http://c/\n</Location>\n` +
      `# proxylint: websocket\n\nProxyPass /d http://d/\n`;
    const { a } = loadText(c);
    expect(a.proxyRoutes.map((r) => [r.location?.args[0] ?? r.path, r.websocket?.signal ?? null])).toEqual([
      ['/a', 'comment'],
      ['/b', 'comment'],
      ['/c', null],
      ['/d', null],
    ]);
  });

  test.each(['/ws', '/ws/', '/websocket', '/socket.io/', '/sockjs-node', '/cable', '/hub', '/signalr/hubs', '/api/live', '/graphql-ws'])('path %s looks like a WebSocket route', (p) => {
    const { a } = loadText(`${MODS}ProxyPass ${p} http://b/\n`);
    expect(a.proxyRoutes[0].websocket?.signal).toBe('path');
  });

  test.each(['/', '/api', '/news', '/wsdl', '/hubspot', '/lively'])('path %s does not', (p) => {
    const { a } = loadText(`${MODS}ProxyPass ${p} http://b/\n`);
    expect(a.proxyRoutes[0].websocket).toBeNull();
  });
});

describe('RewriteRule', () => {
  test('flags and the RewriteConds right before it', () => {
    const code = `${MODS}RewriteEngine On\nRewriteCond %{HTTP:Upgrade} websocket [NC]\nRewriteCond %{HTTP:Connection} upgrade [NC]\nRewriteRule ^/?(.*) "ws://app:3000/$1" [P,L]\nRewriteRule ^/old /new [R=301,L]\n`;
    const { a } = loadText(code);
    const [ws, redirect] = a.rewriteRules;
    expect(ws.flags).toEqual(['P', 'L']);
    expect(ws.flagMap).toEqual({ p: true, l: true });
    expect(ws.proxy).toBe(true);
    expect(ws.scheme).toBe('ws');
    expect(ws.target).toBe('ws://app:3000/$1');
    expect(ws.conds.map((c) => [c.testString, c.pattern, c.flags])).toEqual([
      ['%{HTTP:Upgrade}', 'websocket', ['NC']],
      ['%{HTTP:Connection}', 'upgrade', ['NC']],
    ]);
    expect(ws.websocket!.signal).toBe('scheme');
    expect(redirect.conds).toEqual([]);
    expect(redirect.flagMap).toEqual({ r: '301', l: true });
    expect(redirect.proxy).toBe(false);
  });
});

describe('timeouts', () => {
  test('defaults: Timeout 60, ProxyTimeout = Timeout', () => {
    const { a } = loadText(`${MODS}ProxyPass /ws ws://b/\n`);
    const t = a.tunnelTimeout(a.proxyRoutes[0]);
    expect(t).toMatchObject({ seconds: 60, timeout: { value: 60, directive: null }, proxyTimeout: { value: 60, directive: null } });
  });

  test('idle tunnel limit behaves like max(Timeout, ProxyTimeout or timeout=)', () => {
    const code = `${MODS}Timeout 5\nProxyTimeout 3600\nProxyPass /a ws://b/\n<VirtualHost *:80>\nTimeout 30\nProxyPass /c ws://c/ timeout=7200\n</VirtualHost>\n`;
    const { a } = loadText(code);
    const [r1, r2] = a.proxyRoutes;
    expect(a.tunnelTimeout(r1)).toMatchObject({ seconds: 3600, workerTimeout: undefined });
    expect(a.tunnelTimeout(r1).timeout.directive!.args).toEqual(['5']);
    expect(a.tunnelTimeout(r2)).toMatchObject({ seconds: 7200, workerTimeout: 7200, timeout: { value: 30 } });
  });

  test('ProxyTimeout inherits the server\'s own Timeout when unset', () => {
    const { a } = loadText(`${MODS}Timeout 300\nProxyPass /ws ws://b/\n`);
    expect(a.tunnelTimeout(a.proxyRoutes[0])).toMatchObject({ seconds: 300, proxyTimeout: { value: 300, directive: null } });
  });
});

describe('LogLevel', () => {
  test('module names resolved against loaded modules', () => {
    const { a } = loadText(`${MODS}LogLevel warn proxy:debug proxy_wstunnel:trace1 mod_rewrite.c:info core:info\n`);
    expect(a.logLevels.map((l) => [l.module, l.level, l.argIndex, l.loaded?.id ?? null])).toEqual([
      ['proxy', 'debug', 1, 'proxy_module'],
      ['proxy_wstunnel', 'trace1', 2, null],
      ['mod_rewrite.c', 'info', 3, 'rewrite_module'],
      ['core', 'info', 4, 'core_module'],
    ]);
  });
});

describe('variables', () => {
  test('Define and unknown variables', () => {
    const { a } = loadText(`${MODS}Define BACKEND app:3000\nProxyPass /ws ws://\${BACKEND}/\n`);
    expect(a.expand('ws://${BACKEND}/ ${NOPE}')).toBe('ws://app:3000/ ${NOPE}');
    expect(a.defines.get('BACKEND')).toBe('app:3000');
  });
});

describe('a balancer:// route carries what its members carry', () => {
  const routes = (members: string) =>
    loadText(`LoadModule proxy_module m.so\nLoadModule proxy_balancer_module b.so\n<Proxy "balancer://Cluster">\n${members}</Proxy>\nProxyPass /app balancer://cluster/app\n`).a.proxyRoutes.map((r) => r.websocket);
  it.each([
    ['BalancerMember ws://127.0.0.1:3000\n', { signal: 'scheme', reason: 'its balancer member is ws://' }],
    ['BalancerMember http://127.0.0.1:3001\nBalancerMember wss://127.0.0.1:3000\n', { signal: 'scheme', reason: 'its balancer member is wss://' }],
    ['BalancerMember http://127.0.0.1:3000\nBalancerMember https://127.0.0.1:3001\n', null],
  ])('%j', (members, ws) => {
    expect(routes(members)).toEqual([ws]);
  });
});
