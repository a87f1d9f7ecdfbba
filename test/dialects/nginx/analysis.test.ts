/**
 * The facts NginxAnalysis (src/dialects/nginx/analysis/index.ts) gives the rules, as nginx reads
 * the config: which blocks are locations, upstreams and servers, which location nginx picks for a
 * request path (ngx_http_core_find_location), how listen addresses merge, which map is the
 * `$connection_upgrade` of the unit, and why a location counts as a WebSocket route and which
 * application it reaches.
 */
import { defaultSettings } from '../../../src/core/settings';
import { sourceFromText } from '../../../src/core/source';
import { dialect } from '../../../src/dialects/nginx/index';
import { listenAddress, type LocationInfo, type NginxAnalysis } from '../../../src/dialects/nginx/analysis';

const L = (...lines: string[]) => lines.join('\n') + '\n';

function analyze(text: string, file = '/etc/nginx/conf.d/site.conf'): NginxAnalysis {
  const settings = defaultSettings();
  const unit = dialect.load(sourceFromText(file, text), {
    readFile: () => {
      throw new Error('no include in these cases');
    },
    settings,
  });
  return dialect.analyze(unit, settings);
}

const label = (l: LocationInfo | undefined) => (l ? `${l.modifier ? l.modifier + ' ' : ''}${l.path}` : undefined);
const locAt = (a: NginxAnalysis, name: string) => a.locations.find((l) => label(l) === name)!;

describe('locations', () => {
  const a = analyze(
    L(
      'server {',
      '    location = /exact { proxy_pass http://a; }',
      '    location ~* \\.php$ { }',
      '    location /outer/ {',
      '        location /outer/inner/ { proxy_pass http://b; }',
      '    }',
      '    location /two-ifs/ {',
      '        if ($http_upgrade) { proxy_pass http://ws; }',
      '        limit_except GET { proxy_pass http://writer; }',
      '    }',
      '}',
      'server { listen 81; }',
    ),
  );
  test('every location block, nested ones too, with its modifier, server and proxy_pass directives in document order', () => {
    expect(a.locations.map((l) => [label(l), l.server?.key, l.proxyPasses.map((p) => p.args[0]), l.proxyPass?.args[0]])).toEqual([
      ['= /exact', 'server', ['http://a'], 'http://a'],
      ['~* \\.php$', 'server', [], undefined],
      // A nested location belongs to the server, and its proxy_pass is not the outer one's.
      ['/outer/', 'server', [], undefined],
      ['/outer/inner/', 'server', ['http://b'], 'http://b'],
      // proxy_pass in `if` and `limit_except` blocks directly inside serves the location.
      ['/two-ifs/', 'server', ['http://ws', 'http://writer'], 'http://ws'],
    ]);
    expect(locAt(a, '/outer/inner/').server).toBe(a.servers[0]);
  });
  test('locationsOf a server without locations is empty; location() finds a location by its directive', () => {
    expect(a.locationsOf(a.servers[1])).toEqual([]);
    expect(a.locationsOf(a.servers[0]).length).toBe(5);
    expect(a.location(locAt(a, '/outer/').directive)).toBe(locAt(a, '/outer/'));
  });
  test('a location written without a block (nginx -t: no opening "{") is no location; one without arguments has path ""', () => {
    expect(analyze(L('server {', '    location /noblock;', '    location { }', '}')).locations.map((l) => [l.modifier, l.path])).toEqual([['', '']]);
  });
  test('a snippet of bare proxy_pass lines (included into a location elsewhere) has no locations', () => {
    expect(analyze(L('proxy_pass http://app;', 'proxy_set_header Host $host;'), '/etc/nginx/snippets/proxy.conf').locations).toEqual([]);
  });
});

describe('upstreams and servers', () => {
  const a = analyze(
    L(
      'upstream Backend { server 127.0.0.1:8080; keepalive 8; }',
      'upstream declared;',
      'server {',
      '    location / { proxy_pass http://BACKEND/x; }',
      '    location /var/ { proxy_pass $target; }',
      '    location /plain/ { proxy_pass http://127.0.0.1:9000; }',
      '}',
    ),
  );
  test('an upstream block by its name; a line without a block is none', () => {
    expect([...a.upstreams.keys()]).toEqual(['Backend']);
  });
  test('nginx finds an upstream ignoring case: its keepalive serves the location', () => {
    expect(a.keepaliveOf(locAt(a, '/'))?.args).toEqual(['8']);
    expect(a.keepaliveOf(locAt(a, '/var/'))).toBeUndefined();
    expect(a.keepaliveOf(locAt(a, '/plain/'))).toBeUndefined();
  });
  test("server blocks, not an upstream's server lines nor a snippet of them", () => {
    expect(a.servers.map((s) => s.key)).toEqual(['server']);
    expect(analyze(L('server 10.0.0.1:80;', 'server 10.0.0.2:80;'), '/etc/nginx/upstreams/app.conf').servers).toEqual([]);
  });
});

describe('servedNames: the literal host names a server block answers to', () => {
  test.each([
    ['literal names, lowercased, in order', 'server_name Push.Example.com www.example.com;', ['push.example.com', 'www.example.com']],
    ['a regex, wildcards, the catch-all _ and the empty name are none', 'server_name ~^(?<app>.+)\\.example\\.com$ *.example.com www.* _ "" gotify.example.com;', ['gotify.example.com']],
    ['$hostname is the machine\'s name, not one written here', 'server_name $hostname;', []],
    ['two server_name lines add up', 'server_name a.example.com;\n    server_name b.example.com;', ['a.example.com', 'b.example.com']],
  ])('%s', (_name, line, expected) => {
    const a = analyze(L('server {', '    ' + line, '    location / { proxy_pass http://b; }', '}'));
    expect(a.servedNames(a.servers[0])).toEqual(expected);
  });
});

describe('listeners', () => {
  test('a quic (HTTP/3) or ssl listener speaks TLS, as does every listener of a server with `ssl on;`', () => {
    const a = analyze(L('server { listen 443 quic; listen 8443 ssl; listen 80; }', 'server { ssl on; listen 9443; }'));
    expect(a.servers.map((s) => a.listeners(s).map((l) => l.ssl))).toEqual([[true, true, false], [true]]);
  });
  // nginx merges listen options per address:port; these are the keys it merges on.
  test.each([
    ['a port alone is every address', '80', '*:80'],
    ['0.0.0.0 is every address', '0.0.0.0:8080', '*:8080'],
    ['a host without a port is port 80', '127.0.0.1', '127.0.0.1:80'],
    ['host names ignore case', 'LOCALHOST:8089', 'localhost:8089'],
    ['an IPv6 address with a port', '[::1]:443', '[::1]:443'],
    ['an IPv6 address without a port (nginx -t accepts listen [::];)', '[::]', '[::]:80'],
    ['a unix socket as written', 'unix:/run/nginx.sock', 'unix:/run/nginx.sock'],
    ['a port that is no number (nginx -t: invalid port) as written', 'localhost:http', 'localhost:http'],
  ])('listenAddress: %s', (_name, arg, expected) => {
    const a = analyze(`server { listen ${arg}; }\n`);
    expect(listenAddress(a.listeners(a.servers[0])[0].directive)).toBe(expected);
  });
});

describe('servingLocation: the location nginx picks for a request path', () => {
  // https://nginx.org/en/docs/http/ngx_http_core_module.html#location: `=` ends the search; else the
  // longest prefix is remembered, `^~` on it skips the regexes, the first matching regex wins.
  const a = analyze(
    L(
      'server {',
      '    location = /exact { }',
      '    location /api/v1/ { }',
      '    location /api/ { }',
      '    location / { }',
      '    location /static/ { }',
      '    location /logo.png { }',
      '    location ^~ /assets/ { }',
      '    location ~ \\.gif$ { }',
      '    location ~* \\.png$ { }',
      '    location ~ ^/api/v1/ws { }',
      '    location ~ ^/(a)\\1 { }',
      '    location /nested/ {',
      '        location /nested/deep/ { }',
      '    }',
      '}',
      'server {',
      '    location /only/ { }',
      '}',
    ),
  );
  test.each([
    ['an exact match', '/exact', '= /exact'],
    ['an exact location is no prefix', '/exact/more', '/'],
    ['the longest prefix, whatever the order', '/api/v1/users', '/api/v1/'],
    ['a shorter prefix', '/api/users', '/api/'],
    ['a regex beats the longest prefix', '/api/v1/ws', '~ ^/api/v1/ws'],
    ['a case-sensitive regex does not match other case', '/static/a.GIF', '/static/'],
    ['a case-sensitive regex', '/static/a.gif', '~ \\.gif$'],
    ['a case-insensitive regex matches any case', '/static/a.PNG', '~* \\.png$'],
    ['a regex beats a prefix location equal to the path (only = ends the search)', '/logo.png', '~* \\.png$'],
    ['^~ stops the regex search', '/assets/a.png', '^~ /assets/'],
    ['a regex RE2 cannot run (a backreference) matches nothing here', '/aa', '/'],
    ['the server-level location a nested one sits in', '/nested/deep/x', '/nested/'],
  ])('%s', (_name, path, expected) => {
    expect(label(a.servingLocation(a.servers[0], path))).toBe(expected);
  });
  test('no location matches', () => {
    expect(a.servingLocation(a.servers[1], '/other')).toBeUndefined();
  });
});

describe('connectionUpgradeMap: the map that gives Connection: upgrade for a handshake', () => {
  const maps = {
    conn_up: "map $http_upgrade $conn_up { default upgrade; '' close; }",
    connection_upgrade: "map $http_upgrade $connection_upgrade { default \"keep-alive, Upgrade\"; '' close; }",
    upgraded: "map $http_upgrade $upgraded { default upgraded; '' close; }",
    later: "map $http_upgrade $later { default upgrade; '' close; }",
    host: 'map $host $by_host { default upgrade; }',
  };
  test.each([
    ['one named connection_upgrade is preferred over earlier and later ones', ['conn_up', 'connection_upgrade', 'later'], 'connection_upgrade'],
    ['else the first that yields upgrade', ['conn_up', 'later'], 'conn_up'],
    ['"upgraded" is not the upgrade token', ['upgraded'], undefined],
    ['a map over another variable is none', ['host'], undefined],
  ])('%s', (_name, names, expected) => {
    const a = analyze(names.map((n) => maps[n as keyof typeof maps]).join('\n') + '\n');
    expect(a.connectionUpgradeMap?.variable).toBe(expected);
  });
});

describe('upgradeCacheBypass', () => {
  test.each([
    ['$http_upgrade among other conditions', 'proxy_cache_bypass $cookie_nocache $http_upgrade;', true],
    ['inherited from the server', '', true],
    ['other conditions only', 'proxy_cache_bypass $cookie_nocache $arg_nocache;', false],
  ])('%s', (_name, line, found) => {
    const serverLine = line === '' ? 'proxy_cache_bypass $http_upgrade;' : '';
    const a = analyze(L('server {', `    ${serverLine}`, '    location / {', `        ${line}`, '        proxy_pass http://app;', '    }', '}'));
    expect(a.upgradeCacheBypass(locAt(a, '/').directive) !== undefined).toBe(found);
  });
  test('none in force', () => {
    const a = analyze('server { location / { proxy_pass http://app; } }\n');
    expect(a.upgradeCacheBypass(locAt(a, '/').directive)).toBeUndefined();
  });
});

describe('websocketIntent: why a location carries WebSockets', () => {
  const intentOf = (text: string, where = '/', file?: string) => {
    const a = analyze(text, file);
    const i = a.websocketIntent(locAt(a, where));
    return i && { signal: i.signal, reason: i.reason, app: i.app?.name };
  };
  const server = (...body: string[]) => L('server {', ...body.map((l) => '    ' + l), '}');
  test.each<[string, string, string, { signal: string; reason: string; app?: string } | undefined]>([
    [
      'a comment marker wins over the headers',
      server('# proxylint: websocket', 'location /live {', '    proxy_pass http://app;', '    proxy_set_header Upgrade $http_upgrade;', '}'),
      '/live',
      { signal: 'comment', reason: 'a "# proxylint: websocket" comment marks it', app: undefined },
    ],
    [
      'Connection "upgrade" written out',
      server('location / {', '    proxy_pass http://app;', '    proxy_set_header Connection "upgrade";', '}'),
      '/',
      { signal: 'headers', reason: 'it sets "Connection: upgrade"', app: undefined },
    ],
    [
      'a Connection variable named for upgrades, with the app of the path',
      server('location /socket.io/ {', '    proxy_pass http://app;', '    proxy_set_header Connection $connection_upgrade;', '}'),
      '/socket.io/',
      { signal: 'headers', reason: 'it sets the Connection header to $connection_upgrade', app: 'Socket.IO' },
    ],
    [
      'a Connection variable from a map over $http_upgrade, the app by the upstream name',
      "map $http_upgrade $conn { default upgrade; '' close; }\nupstream jellyfin { server 10.0.0.5:8096; }\n" +
        server('location / {', '    proxy_pass http://jellyfin;', '    proxy_set_header Connection $conn;', '}'),
      '/',
      { signal: 'headers', reason: 'its Connection header comes from a map over $http_upgrade ($conn)', app: 'Jellyfin' },
    ],
    [
      'a Connection variable from another map is no intent',
      'map $host $conn { default upgrade; }\n' + server('location / {', '    proxy_pass http://app;', '    proxy_set_header Connection $conn;', '}'),
      '/',
      undefined,
    ],
    [
      "the client's Connection header passed through (the ASP.NET Core recipe)",
      'upstream jellyfin { server 10.0.0.5:8096; }\n' + server('location / {', '    proxy_pass http://jellyfin;', '    proxy_set_header Connection $http_connection;', '}'),
      '/',
      { signal: 'headers', reason: "it passes the client's Connection header ($http_connection)", app: 'Jellyfin' },
    ],
    [
      'the cache bypassed for upgrades',
      'upstream jellyfin { server 10.0.0.5:8096; }\n' + server('location / {', '    proxy_pass http://jellyfin;', '    proxy_cache_bypass $http_upgrade;', '}'),
      '/',
      { signal: 'headers', reason: 'it bypasses the cache for upgrades (proxy_cache_bypass $http_upgrade, line 5)', app: 'Jellyfin' },
    ],
    [
      'an if on the Upgrade header routing handshakes',
      'upstream jellyfin { server 10.0.0.5:8096; }\n' + server('location / {', '    if ($http_upgrade = "websocket") { proxy_pass http://jellyfin; }', '}'),
      '/',
      { signal: 'headers', reason: 'it proxies only requests that ask to upgrade (line 4)', app: 'Jellyfin' },
    ],
    [
      'an upstream named after a WebSocket service, without an app',
      'upstream ws_backend { server 10.0.0.5:9000; }\n' + server('location / { proxy_pass http://ws_backend; }'),
      '/',
      { signal: 'app', reason: 'its upstream ws_backend names a WebSocket service', app: undefined },
    ],
    [
      'a proxy_pass host naming an app, in the second proxy_pass of the location',
      server('location /api/ {', '    proxy_pass http://web:8080;', '    if ($arg_live) { proxy_pass http://signalr:5000; }', '}'),
      '/api/',
      { signal: 'app', reason: 'its proxy_pass host signalr names ASP.NET Core SignalR', app: 'ASP.NET Core SignalR' },
    ],
    ['an exact location / is a catch-all too', server('location = / { proxy_pass http://signalr:5000; }'), '= /', { signal: 'app', reason: 'its proxy_pass host signalr names ASP.NET Core SignalR', app: 'ASP.NET Core SignalR' }],
    ['a regex location is no catch-all: the backend name is no intent there', server('location ~ ^/x { proxy_pass http://signalr:5000; }'), '~ ^/x', undefined],
    ['a proxy_pass with a variable names nothing', server('location / { proxy_pass $backend; }'), '/', undefined],
    // A fragment (bigbluebutton/docker bbb/notes.nginx): its top-level locations, without a server block.
    [
      'in a fragment, a location to the app that cannot serve its endpoint',
      L('location /pad/p/ { proxy_pass http://etherpad:9001/p; }', 'location /pad/socket.io { proxy_pass http://etherpad:9001/; proxy_set_header Upgrade $http_upgrade; }'),
      '/pad/p/',
      undefined,
    ],
    ['in a fragment, the location nginx picks for the endpoint', L('location / { proxy_pass http://etherpad:9001; }'), '/', { signal: 'app', reason: 'its proxy_pass host etherpad names Etherpad', app: 'Etherpad' }],
    ['in a fragment, a deeper location it shows takes the endpoint', L('location / { proxy_pass http://etherpad:9001; }', 'location /socket.io/ { proxy_pass http://etherpad:9001; }'), '/', undefined],
  ])('%s', (_name, text, where, expected) => {
    expect(intentOf(text, where)).toEqual(expected);
  });
});

describe('uiIntent: a catch-all to an app whose UI needs its WebSocket', () => {
  const gotify = (location: string, target: string, serverName = 'gotify.example.org') =>
    L('server {', `    server_name ${serverName};`, `    location ${location} {`, `        proxy_pass ${target};`, '    }', '}');
  const signal = (text: string, where: string) => {
    const a = analyze(text);
    return a.websocketIntent(locAt(a, where))?.app?.name;
  };
  test.each([
    ['location / to the root of the backend', '/', 'http://127.0.0.1:8080', 'gotify.example.org', 'Gotify'],
    ['location ^~ / the same', '^~ /', 'http://127.0.0.1:8080/', 'gotify.example.org', 'Gotify'],
    ['a regex location is no literal route, even one matching every path', '~ /', 'http://127.0.0.1:8080', 'gotify.example.org', undefined],
    ['a proxy_pass to another path of the backend', '/', 'http://127.0.0.1:8080/app/', 'gotify.example.org', undefined],
    ['a proxy_pass with a variable', '/', '$gotify_backend', 'gotify.example.org', undefined],
    ['a regex server_name names nothing', '/', 'http://127.0.0.1:8080', '~^gotify\\.', undefined],
    ['server_name jupyter.example.org names Jupyter', '/', 'http://127.0.0.1:8888', 'jupyter.example.org', 'Jupyter Server / JupyterHub'],
    ['a regex server_name naming Jupyter in its text names nothing', '/', 'http://127.0.0.1:8888', '~^jupyter\\d+\\.example\\.org$', undefined],
    ["a mount is not named by the server's names", '/other/', 'http://127.0.0.1:8080/', 'gotify.example.org', undefined],
  ])('%s', (_name, location, target, serverName, app) => {
    expect(signal(gotify(location, target, serverName), location)).toBe(app);
  });
});

test("Home Assistant's add-on ingress is claimed for / only where another location upgrades /api/websocket", () => {
  const ha = (upgrade: string) =>
    analyze(L('server {', '    location /api/websocket {', '        proxy_pass http://127.0.0.1:8123;', `        ${upgrade}`, '    }', '    location / {', '        proxy_pass http://127.0.0.1:8123;', '    }', '}'));
  const reason = (a: NginxAnalysis) => a.websocketIntent(locAt(a, '/'))?.reason;
  expect(reason(ha('proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection upgrade;'))).toBe(
    'backend port 8123 names Home Assistant, whose UI needs its add-on ingress WebSockets under /api/hassio_ingress/',
  );
  expect(reason(ha('proxy_set_header Connection upgrade;'))).toBeUndefined();
});

describe('appOf: the application behind a location (identification only)', () => {
  const appOf = (text: string, where: string, file?: string) => {
    const a = analyze(text, file);
    return a.appOf(locAt(a, where))?.name;
  };
  const ws = (path: string, target: string) =>
    `location ${path} { proxy_pass ${target}; proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection upgrade; }`;
  test.each([
    ["an upstream server's host name", 'upstream b { server jellyfin:8096; }\nserver { ' + ws('/socket', 'http://b') + ' }\n', '/socket', undefined, 'Jellyfin'],
    ["an upstream server's port only one app uses", 'upstream b { server 10.0.0.5:8123; }\nserver { ' + ws('/socket', 'http://b') + ' }\n', '/socket', undefined, 'Home Assistant'],
    ['a later upstream server names it', 'upstream b { server web:8080; server 10.0.0.5:8123; }\nserver { ' + ws('/socket', 'http://b') + ' }\n', '/socket', undefined, 'Home Assistant'],
    ['an IPv6 upstream server with the port', 'upstream b { server [::1]:8123; }\nserver { ' + ws('/socket', 'http://b') + ' }\n', '/socket', undefined, 'Home Assistant'],
    ['an upstream server without a port', 'upstream b { server homeassistant; }\nserver { ' + ws('/socket', 'http://b') + ' }\n', '/socket', undefined, 'Home Assistant'],
    ['an upstream server host name with a port that is no app port', 'upstream b { server ombi:5000; }\nserver { ' + ws('/socket', 'http://b') + ' }\n', '/socket', undefined, 'Ombi / Jackett'],
    ['a proxy_pass with variables names nothing', 'server { ' + ws('/socket', '$backend') + ' }\n', '/socket', undefined, undefined],
    ['a server_name past a first one that names nothing', 'server { server_name www.example.org jellyfin.example.org; ' + ws('/socket', 'http://127.0.0.1:8096') + ' }\n', '/socket', undefined, 'Jellyfin'],
    ['a wildcard server_name serves other names: no label of its own (as apps/ leftLabel)', 'server { server_name jellyfin.* www.example.org; ' + ws('/socket', 'http://127.0.0.1:8096') + ' }\n', '/socket', undefined, undefined],
    ['a regex server_name names nothing', 'server { server_name ~^jellyfin\\d+\\.example\\.org$; ' + ws('/socket', 'http://127.0.0.1:8096') + ' }\n', '/socket', undefined, undefined],
    ['the file name, where every location proxies to one backend (variables as written)', 'server { ' + ws('/socket', 'http://$h:8096/a') + ' location / { proxy_pass http://$h:8096/b; } }\n', '/socket', '/etc/nginx/conf.d/jellyfin.conf', 'Jellyfin'],
    ['not the file name, with two backends written with variables', 'server { ' + ws('/socket', 'http://$a:8096') + ' location / { proxy_pass http://$b:8096; } }\n', '/socket', '/etc/nginx/conf.d/jellyfin.conf', undefined],
    ['a location that carries no WebSocket', 'server { location /static/ { root /srv; } }\n', '/static/', undefined, undefined],
  ])('%s', (_name, text, where, file, expected) => {
    expect(appOf(text, where, file)).toBe(expected);
  });
});

describe('handshakesGoTo: the endpoint that takes a catch-all\'s handshakes', () => {
  const goTo = (text: string, where = '/') => {
    const a = analyze(text);
    return label(a.handshakesGoTo(locAt(a, where)));
  };
  const headers = 'proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection upgrade;';
  test.each([
    ['the /ws endpoint to the same backend', `server { location / { proxy_pass http://app:3000; ${headers} } location /ws { proxy_pass http://app:3000/ws; } }\n`, '/ws'],
    ['not a location to the same backend that is no endpoint', `server { location / { proxy_pass http://app:3000; ${headers} } location /api/ { proxy_pass http://app:3000; } }\n`, undefined],
    ['not with a backend written with a variable', `server { location / { proxy_pass $b; ${headers} } location /ws { proxy_pass $b; } }\n`, undefined],
    ['not for a location that carries no WebSocket', 'server { location / { proxy_pass http://app:3000; } location /ws { proxy_pass http://app:3000; } }\n', undefined],
  ])('%s', (_name, text, expected) => {
    expect(goTo(text)).toBe(expected);
  });
});
