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

describe('server scopes', () => {
  test('SSLProxyEngine: a vhost inherits the main server\'s, its own wins', () => {
    const { a } = loadText(`${MODS}SSLProxyEngine on\n<VirtualHost *:80>\nProxyPass /a wss://x/\n</VirtualHost>\n<VirtualHost *:81>\nSSLProxyEngine off\n</VirtualHost>\n`);
    expect(a.servers.map((s) => [s.sslProxyEngine.value, s.sslProxyEngine.directive?.args[0] ?? null])).toEqual([
      [true, 'on'],
      [true, 'on'],
      [false, 'off'],
    ]);
    const { a: b } = loadText(`${MODS}<VirtualHost *:80>\nSSLProxyEngine On\n</VirtualHost>\n`);
    expect(b.servers.map((s) => [s.sslProxyEngine.value, s.sslProxyEngine.directive?.args[0] ?? null])).toEqual([
      [false, null],
      [true, 'On'],
    ]);
  });

  test('servers: every active <VirtualHost>, empty ones included, in file order', () => {
    const { a } = loadText(`${MODS}<VirtualHost *:80>\n</VirtualHost>\n<VirtualHost *:81>\n    # nothing yet\n</VirtualHost>\n`);
    expect(a.servers.map((s) => (s.vhost ? s.vhost.args.join(' ') : 'main'))).toEqual(['main', '*:80', '*:81']);
  });

  test('proxyOrder: the main server\'s own list once; a vhost\'s after the main server\'s', () => {
    const { a } = loadText(`${MODS}ProxyPass /x http://b/\n<VirtualHost *:80>\nProxyPass /y http://c/\n</VirtualHost>\n`);
    expect(a.servers.map((s) => a.proxyOrder(s).map((r) => r.target))).toEqual([['http://b/'], ['http://b/', 'http://c/']]);
  });

  test('serverOf: a directive in a vhost, the <VirtualHost> itself, a main-server directive', () => {
    const { a } = loadText(`${MODS}ProxyPass /x http://b/\n<VirtualHost *:80>\nProxyPass /y http://c/\n</VirtualHost>\n`);
    const vhost = a.activeDirectives.find((d) => d.key === 'virtualhost')!;
    expect(a.serverOf(vhost)).toBe(a.servers[1]);
    expect(a.serverOf(a.proxyRoutes[1].directive)).toBe(a.servers[1]);
    expect(a.serverOf(a.proxyRoutes[0].directive)).toBe(a.servers[0]);
  });

  test('Timeout and ProxyTimeout: unreadable values are ignored; a vhost inherits the main server\'s ProxyTimeout, its own wins', () => {
    const { a } = loadText(
      `${MODS}ProxyTimeout 300\nTimeout 20\nTimeout bogus\n<VirtualHost *:80>\nProxyPass /a ws://a/ timeout=soon\n</VirtualHost>\n` +
        '<VirtualHost *:81>\nProxyTimeout 30\nProxyTimeout nope\nProxyPass /b ws://b/\nRewriteEngine On\nRewriteRule ^/c ws://c/ [P]\n</VirtualHost>\n',
    );
    const t = (x: Parameters<typeof a.tunnelTimeout>[0]) => {
      const r = a.tunnelTimeout(x);
      return [r.seconds, r.timeout.value, r.timeout.directive?.args[0] ?? null, r.proxyTimeout.value, r.proxyTimeout.directive?.args[0] ?? null, r.workerTimeout];
    };
    expect(a.proxyRoutes[0].workerTimeout).toBeUndefined();
    expect(t(a.proxyRoutes[0])).toEqual([300, 20, '20', 300, '300', undefined]);
    expect(t(a.proxyRoutes[1])).toEqual([30, 20, '20', 30, '30', undefined]);
    // a RewriteRule [P] has no worker timeout= of its own
    expect(t(a.rewriteRules[0])).toEqual([30, 20, '20', 30, '30', undefined]);
  });
});

describe('ProxyPreserveHost per server', () => {
  test('a vhost inherits the main server\'s, its own wins; in a per-directory section it is listed apart, not the server\'s', () => {
    const sections = ['Location /a', 'LocationMatch ^/b', 'Directory /srv', 'DirectoryMatch ^/srv', 'Files x', 'FilesMatch x', 'Proxy http://b/', 'ProxyMatch ^http'];
    const inSections = sections.map((sec) => `<${sec}>\nProxyPreserveHost On\n</${sec.split(' ')[0]}>\n`).join('');
    const { a } = loadText(`${MODS}ProxyPreserveHost On\n<Location /main>\nProxyPreserveHost Off\n</Location>\n<VirtualHost *:80>\n</VirtualHost>\n<VirtualHost *:81>\nProxyPreserveHost off\n${inSections}</VirtualHost>\n`);
    expect(a.servers.map((s) => [s.preserveHost.value, s.preserveHost.directive?.args[0] ?? null, s.preserveHostInSections.map((d) => d.parent!.key)])).toEqual([
      [true, 'On', ['location']],
      [true, 'On', []],
      [false, 'off', ['location', 'locationmatch', 'directory', 'directorymatch', 'files', 'filesmatch', 'proxy', 'proxymatch']],
    ]);
  });

  test('nowhere said: httpd\'s default (Off) in every server, and no routes', () => {
    const { a } = loadText(`${MODS}<VirtualHost *:80>\n</VirtualHost>\n`);
    expect(a.servers.map((s) => [s.preserveHost.value, s.preserveHost.directive, s.preserveHostInSections.length, s.rewriteRules.length, s.proxyPasses.length])).toEqual([
      [false, null, 0, 0, 0],
      [false, null, 0, 0, 0],
    ]);
  });
});

describe('a catch-all to an app\'s root carries its UI WebSocket only as a plain http(s) ProxyPass with a path', () => {
  const G = (line: string) => `${MODS}<VirtualHost *:80>\nServerName gotify.example.com\n${line}\n</VirtualHost>\n`;
  it.each([
    ['ProxyPass / http://127.0.0.1:8080/', 'app'],
    ['ProxyPass / https://127.0.0.1:8443/', 'app'],
    ['ProxyPass / ws://127.0.0.1:8080/', 'scheme'],
    ['ProxyPassMatch ^/(.*)$ http://127.0.0.1:8080/$1', null],
    ['ProxyPass / http://127.0.0.1:8080/api/', null],
  ])('%s: %s', (line, signal) => {
    const { a } = loadText(G(line));
    expect(a.proxyRoutes.map((r) => r.websocket?.signal ?? null)).toEqual([signal]);
  });
});

describe('served names and balancer members', () => {
  test('ServerName and ServerAlias: host names without scheme or port, lower-cased, per server', () => {
    const { a } = loadText(`${MODS}ServerName main.example\n<VirtualHost *:443>\nServerName https://Cockpit.Example.org:443\nServerAlias a.example:8080 B.example\n</VirtualHost>\n<VirtualHost *:80>\nProxyPass / http://b/\n</VirtualHost>\n`);
    expect(a.servers.map((s) => s.served)).toEqual([
      [{ what: 'ServerName', host: 'main.example' }],
      [
        { what: 'ServerName', host: 'cockpit.example.org' },
        { what: 'ServerAlias', host: 'a.example' },
        { what: 'ServerAlias', host: 'b.example' },
      ],
      // a vhost without names of its own answers to the main server's
      [{ what: 'ServerName', host: 'main.example' }],
    ]);
  });

  test('BalancerMember inside <Proxy balancer://…> and standalone with the cluster name first; params by lower-cased name', () => {
    const { a } = loadText(
      `${MODS}<Proxy "balancer://Cluster">\n  BalancerMember ws://127.0.0.1:3000 Route=a loadfactor=2\n</Proxy>\n` +
        'BalancerMember balancer://cluster HTTP://127.0.0.1:3001\n<VirtualHost *:80>\nBalancerMember balancer://vh http://127.0.0.1:3002\n</VirtualHost>\n' +
        '<Proxy "http://127.0.0.1:3003">\n  BalancerMember http://127.0.0.1:3004\n</Proxy>\n',
    );
    const members = [...a.balancers].map(([name, ms]) => [name, ms.map((m) => [m.balancer, m.target, m.scheme, m.params, m.targetArg])]);
    expect(members).toEqual([
      [
        'cluster',
        [
          ['cluster', 'ws://127.0.0.1:3000', 'ws', { route: 'a', loadfactor: '2' }, 0],
          ['cluster', 'HTTP://127.0.0.1:3001', 'http', {}, 1],
        ],
      ],
      ['vh', [['vh', 'http://127.0.0.1:3002', 'http', {}, 1]]],
    ]);
  });
});

describe('modules in a fragment', () => {
  test('the module set is unknown: an absent module is undefined, a built-in is known', () => {
    const { a } = loadText('ProxyPass /a http://x/\n', { path: '/nonexistent-proxylint/conf.d/app.conf' });
    expect([a.context, a.modulesKnown, a.hasModule('proxy_wstunnel_module'), a.hasModule('core'), a.hasModule('mod_so.c')]).toEqual(['fragment', false, undefined, true, true]);
  });
});

describe('conditional sections', () => {
  test('activeDirectives: a failed condition skips its body (the container itself is read)', () => {
    const { a } = loadText(`${MODS}<IfModule !rewrite_module>\nProxyPass /a http://a/\n</IfModule>\n<IfModule proxy_module>\nProxyPass /b http://b/\n</IfModule>\n<IfDefine NOPE>\nTimeout 5\n</IfDefine>\n`);
    expect(a.activeDirectives.slice(3).map((d) => `${d.key} ${d.args.join(' ')}`)).toEqual(['ifmodule !rewrite_module', 'ifmodule proxy_module', 'proxypass /b http://b/', 'ifdefine NOPE']);
    expect(a.proxyRoutes.map((r) => r.path)).toEqual(['/b']);
    expect(a.servers[0].timeout).toEqual({ value: 60, directive: null });
  });
});

describe('path-less ProxyPass in <Location> / <LocationMatch>', () => {
  test('the last matching <Location> wins, the main server\'s before the vhost\'s', () => {
    const { a } = loadText(
      `${MODS}<LocationMatch "^/(ws|cable)">\nProxyPass ws://a/\n</LocationMatch>\n<Location /x>\nProxyPass http://x1/\n</Location>\n<Location /x>\nProxyPass http://x2/\n</Location>\n` +
        '<VirtualHost *:80>\n<Location /x>\nProxyPass http://x3/\n</Location>\n</VirtualHost>\n',
    );
    expect(a.proxyRoutes.map((r) => [r.path, r.regex, r.location!.key, r.server.vhost ? 'vhost' : 'main'])).toEqual([
      ['^/(ws|cable)', true, 'locationmatch', 'main'],
      ['/x', false, 'location', 'main'],
      ['/x', false, 'location', 'main'],
      ['/x', false, 'location', 'vhost'],
    ]);
    expect([a.routeFor('/x/1')!.target, a.routeFor('/x/1', a.servers[1])!.target, a.routeFor('/cable')!.target]).toEqual(['http://x2/', 'http://x3/', 'ws://a/']);
  });
});

describe('RewriteRule details', () => {
  const rules = (conf: string) => loadText(`${MODS}RewriteEngine On\n${conf}`).a.rewriteRules;
  test('flags: [proxy] proxies, empty flags drop out, no brackets no flags; schemes are case-insensitive', () => {
    const rs = rules('RewriteRule ^/a http://b/ [P,,L]\nRewriteRule ^/b http://c/ [proxy]\nRewriteRule ^/c http://c/ []\nRewriteRule ^/d /e\nRewriteRule ^/f WS://F/ [p]\n');
    expect(rs.map((w) => [w.pattern, w.flags, w.flagMap, w.proxy, w.scheme])).toEqual([
      ['^/a', ['P', 'L'], { p: true, l: true }, true, 'http'],
      ['^/b', ['proxy'], { proxy: true }, true, 'http'],
      ['^/c', [], {}, false, 'http'],
      ['^/d', [], {}, false, ''],
      ['^/f', ['p'], { p: true }, true, 'ws'],
    ]);
  });

  test('RewriteConds guard the next rule of the same context only; a %{HTTP:Upgrade} test marks it a WebSocket route', () => {
    const rs = rules('RewriteCond %{HTTP:Upgrade} =websocket [NC]\n<Directory /srv>\nRewriteCond %{HTTPS} on\nRewriteRule ^x$ /y\n</Directory>\nRewriteRule ^/a http://b/ [P]\nRewriteRule ^/b http://b/ [P]\n');
    expect(rs.map((w) => [w.pattern, w.conds.map((c) => [c.testString, c.pattern, c.flags]), w.websocket])).toEqual([
      ['^x$', [['%{HTTPS}', 'on', []]], null],
      ['^/a', [['%{HTTP:Upgrade}', '=websocket', ['NC']]], { signal: 'upgrade-cond', reason: 'a RewriteCond tests %{HTTP:Upgrade}' }],
      ['^/b', [], null],
    ]);
    const upper = rules('RewriteCond %{HTTP:UPGRADE} websocket\nRewriteRule ^/a http://b/ [P]\nRewriteCond %{HTTP:Upgrade}x websocket\nRewriteRule ^/b http://b/ [P]\n');
    expect(upper.map((w) => w.websocket?.signal ?? null)).toEqual(['upgrade-cond', null]);
  });

  test('rewriteMayMatch: negation, [NC], an unreadable pattern, per-directory and .htaccess rules', () => {
    const a = loadText(`${MODS}RewriteEngine On\nRewriteRule !^/api ws://b/ [P,NC]\nRewriteRule ^/API ws://c/ [P,NC]\nRewriteRule ^/x( ws://d/ [P]\n`).a;
    expect(a.rewriteRules.map((w) => ['/api', '/other', '/x'].map((u) => a.rewriteMayMatch(w, u)))).toEqual([
      [false, true, true],
      [true, false, false],
      ['unknown', 'unknown', 'unknown'],
    ]);
    // Without [NC] the match is case-sensitive; [nocase] is [NC]; a non-negated pattern keeps its ^.
    const c = loadText(`${MODS}RewriteEngine On\nRewriteRule ^/API ws://c/ [P]\nRewriteRule ^/API ws://c/ [P,nocase]\nRewriteRule ^/api ws://c/ [P]\n`).a;
    expect(c.rewriteRules.map((w) => ['/api', '/API', '/x/api'].map((u) => c.rewriteMayMatch(w, u)))).toEqual([
      [false, true, false],
      [true, true, false],
      [true, false, false],
    ]);
    const d = loadText(`${MODS}<Directory /srv>\nRewriteRule ^ws$ ws://b/ [P]\n</Directory>\n<IfModule rewrite_module>\nRewriteRule ^/ws ws://b/ [P]\n</IfModule>\n`).a;
    expect(d.rewriteRules.map((w) => d.rewriteMayMatch(w, '/ws'))).toEqual(['unknown', true]);
    const h = loadText('RewriteRule ^/ws ws://b/ [P]\n', { path: '/srv/www/.htaccess' }).a;
    expect([h.rewriteMayMatch(h.rewriteRules[0], '/ws'), h.sameOriginRoute(h.rewriteRules[0])]).toEqual(['unknown', undefined]);
  });

  test('upgradeRewriteFor: a ws:// rewrite of the route\'s own server that may match its path', () => {
    const { a } = loadText(`${MODS}RewriteEngine On\nRewriteRule ^/ws/(.*) ws://b/$1 [P]\n<VirtualHost *:80>\nProxyPass /ws/ http://b/ws/\n</VirtualHost>\nProxyPass /ws/ http://b/ws/\nProxyPass /api http://b/api\n`);
    // the vhost does not inherit the main server's rewrites; /api is not matched by ^/ws/
    expect(a.proxyRoutes.map((r) => a.upgradeRewriteFor(r)?.pattern ?? null)).toEqual([null, '^/ws/(.*)', null]);
    expect(a.upgradeRewriteFor(a.proxyRoutes[2], '/ws/x')?.pattern).toBe('^/ws/(.*)');
  });
});

describe('sameOriginRoute: the ProxyPass that would carry the rewrite\'s requests to the same origin', () => {
  const route = (conf: string) => {
    const { a } = loadText(`${MODS}RewriteEngine On\n${conf}`);
    const r = a.sameOriginRoute(a.rewriteRules[0]);
    return r ? `${r.path} ${r.target}` : null;
  };
  const ws = 'RewriteRule ^/ws/(.*) ws://app:3000/ws/$1 [P]\n';
  it.each([
    [`${ws}ProxyPass / http://app:3000/\n`, '/ http://app:3000/'],
    ['RewriteRule ^/ws/(.*) wss://app:3000/ws/$1 [P]\nProxyPass / https://app:3000/\n', '/ https://app:3000/'],
    ['Define B app:3000\nRewriteRule ^/ws/(.*) ws://${B}/ws/$1 [P]\nProxyPass / http://app:3000/\n', '/ http://app:3000/'],
    [`${ws}ProxyPass /ws/ http://app:3000/ws/\nProxyPass /ws/x http://app:3000/x\n`, '/ws/ http://app:3000/ws/'],
    [`${ws}ProxyPassMatch ^/(.*)\\.php$ http://app:3000/$1\nProxyPass / http://app:3000/\n`, '/ http://app:3000/'],
    // another backend, an exclusion or another origin under the rule's path, a ws:// ProxyPass, no route for the path
    [`${ws}ProxyPass / http://other:3000/\n`, null],
    [`${ws}ProxyPass /ws/static !\nProxyPass / http://app:3000/\n`, null],
    [`${ws}ProxyPass /ws/ http://app:3000/ws/\nProxyPass /ws/x http://other:3000/x\n`, null],
    [`${ws}ProxyPassMatch ^/(.*)\\.php$ http://php:9000/$1\nProxyPass / http://app:3000/\n`, null],
    [`${ws}ProxyPassMatch ^/ws/ http://app:3000/\n`, null],
    [`${ws}ProxyPass / ws://app:3000/\n`, null],
    [`${ws}ProxyPass /api http://app:3000/\n`, null],
    [`${ws}ProxyPass /w http://app:3000/\n`, null],
    [`<Location /ws>\nProxyPass http://other/\n</Location>\n${ws}ProxyPass / http://app:3000/\n`, null],
    [`<Directory /srv>\nRewriteRule ^ws/(.*) ws://app:3000/ws/$1 [P]\n</Directory>\nProxyPass / http://app:3000/\n`, null],
    // a vhost's own rule and ProxyPass; a rule inside <IfModule> is still server context
    [`<VirtualHost *:80>\nRewriteEngine On\n${ws}ProxyPass / http://app:3000/\n</VirtualHost>\n`, '/ http://app:3000/'],
    [`<IfModule rewrite_module>\n${ws}</IfModule>\nProxyPass / http://app:3000/\n`, '/ http://app:3000/'],
    // a target whose host is an undefined variable has no origin to compare
    ['RewriteRule ^/ws/(.*) ws://${BACKEND}/ws/$1 [P]\nProxyPass / http://app:3000/\n', null],
  ])('%j → %s', (conf, want) => {
    expect(route(conf)).toBe(want);
  });
});

describe('balancer:// clusters', () => {
  test('members inside <Proxy balancer://…> and naming their cluster; params; a <ProxyMatch> names none', () => {
    const { a } = loadText(
      `${MODS}<Proxy balancer://c1>\nBalancerMember ws://h1:1 route=r1 loadfactor=2 =x\n</Proxy>\nBalancerMember balancer://C1 http://h2:2 route=r2\n` +
        '<ProxyMatch "^balancer://c2">\nBalancerMember http://h3\n</ProxyMatch>\nProxyPass /a balancer://c1/\nProxyPass /b balancer://none/\nProxyPass /c http://x/\n',
    );
    expect([...a.balancers.keys()]).toEqual(['c1']);
    expect(a.balancers.get('c1')!.map((m) => [m.balancer, m.target, m.scheme, m.params, m.targetArg])).toEqual([
      ['c1', 'ws://h1:1', 'ws', { route: 'r1', loadfactor: '2' }, 0],
      ['c1', 'http://h2:2', 'http', { route: 'r2' }, 1],
    ]);
    expect(a.proxyRoutes.map((r) => a.balancerMembers(r)?.map((m) => m.target) ?? null)).toEqual([['ws://h1:1', 'http://h2:2'], null, null]);
  });

  test('members defined after the route, in any case, carry the intent; a route of its own intent keeps it', () => {
    const { a } = loadText(
      'LoadModule proxy_module m.so\nProxyPass /app balancer://late/app\n<Proxy balancer://late>\nBalancerMember WS://127.0.0.1:3000\n</Proxy>\n' +
        'ProxyPass /o balancer://nomembers/\nProxyPass /ws balancer://late/\n',
    );
    expect(a.proxyRoutes.map((r) => r.websocket)).toEqual([
      { signal: 'scheme', reason: 'its balancer member is ws://' },
      null,
      { signal: 'path', reason: 'the path /ws looks like a WebSocket route' },
    ]);
  });
});

describe('LogLevel arguments without a module', () => {
  test('a bare level and a leading colon name no module; an empty level is kept', () => {
    const { a } = loadText(`${MODS}LogLevel warn :debug proxy: rewrite:trace3\n`);
    expect(a.logLevels.map((l) => [l.module, l.level, l.argIndex, l.loaded?.id ?? null])).toEqual([
      ['proxy', '', 2, 'proxy_module'],
      ['rewrite', 'trace3', 3, 'rewrite_module'],
    ]);
  });
});
