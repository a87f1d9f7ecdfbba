import { defaultSettings } from '../../../src/core/settings';
import { sourceFromText } from '../../../src/core/source';
import { dialect } from '../../../src/dialects/haproxy/index';
import { parseDuration } from '../../../src/core/duration';
import { appForName } from '../../../src/core/websocket/apps';

function analyze(text: string) {
  const settings = defaultSettings();
  const unit = dialect.load(sourceFromText('/t/haproxy.cfg', text), { readFile: () => { throw new Error('none'); }, settings });
  expect(unit.errors).toEqual([]);
  return dialect.analyze(unit, settings);
}

describe('haproxy time values', () => {
  it.each([
    ['5000', 5000],
    ['50s', 50000],
    ['1m', 60000],
    ['1h', 3600000],
    ['2d', 172800000],
    ['1500us', 1.5],
    ['10ms', 10],
    ['1x', null],
    ['', null],
  ])('%s → %s', (v, ms) => expect(parseDuration(v, 'haproxy')).toBe(ms));
});

describe('haproxy proxies and defaults inheritance', () => {
  const cfg = `defaults
  mode http
  timeout client 50s
  timeout server 50s
frontend f1
  bind :80
  timeout client 10s
  default_backend b1
defaults d2
  mode http
  timeout server 5s
  timeout tunnel 1h
backend b1
  server s 127.0.0.1:1
backend b2 from d2
  timeout tunnel 0
  server s 127.0.0.1:1
defaults d3 from d2
  timeout connect 1s
listen l from d3
  bind :81
defaults
  timeout client 1s
backend b3
  server s 127.0.0.1:1
`;
  const a = analyze(cfg);
  const p = (name: string) => a.proxies.find((x) => x.name === name)!;
  const ms = (name: string) => Object.fromEntries(Object.entries(p(name).timeouts).map(([k, v]) => [k, [v!.ms, v!.inherited]]));

  it('a proxy takes the last defaults before it (named or not)', () => {
    expect(ms('f1')).toEqual({ client: [10000, false], server: [50000, true] });
    expect(p('f1').mode).toMatchObject({ value: 'http', inherited: true });
    // b1 comes after `defaults d2`: d2 resets everything (no client timeout any more)
    expect(ms('b1')).toEqual({ server: [5000, true], tunnel: [3600000, true] });
  });

  it('`from NAME` picks a named defaults; defaults can chain with from', () => {
    expect(ms('b2')).toEqual({ server: [5000, true], tunnel: [0, false] });
    expect(ms('l')).toEqual({ server: [5000, true], tunnel: [3600000, true], connect: [1000, true] });
  });

  it('a defaults section without mode resets mode to tcp', () => {
    expect(p('b3').mode).toEqual({ value: 'tcp', directive: null, inherited: false });
    expect(ms('b3')).toEqual({ client: [1000, true] });
  });

  it('the directive that set each value is kept, with its section', () => {
    const t = p('b1').timeouts.tunnel!;
    expect(t.directive.args).toEqual(['tunnel', '1h']);
    expect(t.section.args).toEqual(['d2']);
  });

  it('tunnelTimeout: 0 counts as unset', () => {
    expect(a.tunnelTimeout(p('b2'))).toBeNull();
    expect(a.tunnelTimeout(p('b1'))!.raw).toBe('1h');
  });

  it('from naming no defaults is a problem in haproxy\'s words', () => {
    expect(analyze('backend b from zz\n  server s 1.2.3.4:1\n').problems.map((x) => x.message)).toEqual(["defaults section 'zz' not found for backend 'b'."]);
  });
});

describe('haproxy routing and WebSocket signals', () => {
  const a = analyze(`defaults
  mode http
frontend www
  bind :80
  acl is_ws path_beg /ws
  acl is_up hdr(Upgrade) -i websocket
  use_backend ws if is_ws
  use_backend up if is_up
  use_backend %[req.hdr(host)]
  default_backend web
backend ws
  server s 127.0.0.1:1
backend up
  server s 127.0.0.1:1
backend web
  server s 127.0.0.1:1
backend raw
  mode tcp
  server s 127.0.0.1:1
`);
  const p = (name: string) => a.proxies.find((x) => x.name === name)!;

  it('routes: use_backend and default_backend, dynamic names kept apart', () => {
    expect(a.routes(p('www')).map((r) => [r.backend, r.condition.join(' '), r.isDefault, r.dynamic])).toEqual([
      ['ws', 'is_ws', false, false],
      ['up', 'is_up', false, false],
      ['%[req.hdr(host)]', '', false, true],
      ['web', '', true, false],
    ]);
    expect(a.backendsOf(p('www')).map((b) => b.name)).toEqual(['ws', 'up', 'web']);
  });

  it('signals: path acl, Upgrade header acl, mode http; tcp does not carry', () => {
    expect(a.websocket(p('www')).signals).toEqual([
      'acl is_ws matches the WebSocket path /ws (path_beg)',
      'acl is_up tests the Upgrade header (hdr(Upgrade))',
      'mode http (HAProxy tunnels Upgrade requests by default)',
    ]);
    expect(a.websocket(p('ws')).signals[0]).toBe('selected by frontend www for acl is_ws matches the WebSocket path /ws (path_beg)');
    expect(a.websocket(p('up')).signals[0]).toBe('selected by frontend www for acl is_up tests the Upgrade header (hdr(Upgrade))');
    // The structured signal findings carry: the kind of the first signal, its words.
    expect(a.websocket(p('ws')).intent).toStrictEqual({ signal: 'path', reason: 'selected by frontend www for acl is_ws matches the WebSocket path /ws (path_beg)' });
    expect(a.websocket(p('up')).intent).toStrictEqual({ signal: 'headers', reason: 'selected by frontend www for acl is_up tests the Upgrade header (hdr(Upgrade))' });
    expect(a.websocket(p('web')).intent).toBeUndefined();
    expect(a.websocket(p('web')).signals).toEqual(['mode http (HAProxy tunnels Upgrade requests by default)']);
    expect(a.websocket(p('raw'))).toMatchObject({ carries: false, signals: [] });
  });

  it('intent: the shared shape (signal, reason, app) of the strongest signal, an application named by a backend or server', () => {
    const b = analyze('frontend www\n  mode http\n  bind :80\n  default_backend socketio\nbackend socketio\n  mode http\n  server s 127.0.0.1:1\nbackend raw\n  mode tcp\n  server gotify1 127.0.0.1:1\n');
    const q = (name: string) => b.proxies.find((x) => x.name === name)!;
    expect(b.websocket(q('socketio')).intent).toStrictEqual({ signal: 'app', reason: 'backend name socketio names Socket.IO', app: appForName('socketio') });
    expect(b.websocket(q('raw')).intent).toStrictEqual({ signal: 'app', reason: 'server name gotify1 names Gotify', app: appForName('gotify1') });
    expect(b.websocket(q('www')).intent).toBeUndefined();
    // Read twice, the same object (made once on first read).
    expect(b.websocket(q('raw')).intent).toBe(b.websocket(q('raw')).intent);
  });
});

describe('haproxy names: a frontend and a backend may share a name (HAProxy keeps capabilities apart)', () => {
  const a = analyze(`defaults
  mode http
frontend app
  bind :80
  default_backend app
frontend edge
  bind :81
  acl is_ws path_beg /ws
  use_backend app if is_ws
  use_backend l
  default_backend plain
listen l
  bind :82
  server s 127.0.0.1:1
backend app
  server s 127.0.0.1:1
backend plain
  server s 127.0.0.1:1
frontend other
  bind :83
  default_backend app
`);
  const p = (kind: string, name: string) => a.proxies.find((x) => x.kind === kind && x.name === name)!;

  it('find: use_backend names a backend or listen, never the frontend of that name', () => {
    expect(a.find('app', 'backend')).toBe(p('backend', 'app'));
    expect(a.find('app', 'frontend')).toBe(p('frontend', 'app'));
    expect(a.find('l', 'backend')).toBe(p('listen', 'l'));
    expect(a.find('l', 'frontend')).toBe(p('listen', 'l'));
    expect(a.find('edge', 'backend')).toBeUndefined();
    expect(a.find('plain', 'frontend')).toBeUndefined();
    // a name no section declares (use_backend to a typo; haproxy -c reports it, the analysis does not fail)
    expect(a.find('nosuch', 'backend')).toBeUndefined();
    expect(a.backendsOf(p('frontend', 'edge')).map((b) => `${b.kind} ${b.name}`)).toEqual(['backend app', 'listen l', 'backend plain']);
  });

  it('incoming: every route to a backend, in file order; none to the frontend of the same name', () => {
    expect(a.incoming(p('backend', 'app')).map((r) => `${r.from.name} ${r.route.directive.key}`)).toEqual(['app default_backend', 'edge use_backend', 'other default_backend']);
    // A frontend's WebSocket intent is its own: routes to the backend "app" do not reach frontend "app".
    expect(a.websocket(p('frontend', 'app'))).toMatchObject({ intended: false, via: [p('frontend', 'app')] });
    expect(a.websocket(p('backend', 'app'))).toMatchObject({ intended: true, via: [p('frontend', 'edge')] });
    expect(a.websocket(p('backend', 'app')).signals[0]).toBe('selected by frontend edge for acl is_ws matches the WebSocket path /ws (path_beg)');
  });

  it('proxyOf and defaults: the section directive gives back its proxy', () => {
    expect(a.proxyOf(p('listen', 'l').section)).toBe(p('listen', 'l'));
    expect(a.defaults.map((d) => [d.kind, d.mode.value])).toEqual([['defaults', 'http']]);
    expect(a.proxyOf(a.defaults[0].section)).toBe(a.defaults[0]);
    expect(a.proxyOf(a.unit.nodes[0] as never)).toBe(a.defaults[0]);
  });
});

describe('haproxy chained proxies (haproxy/haproxy#2280): a backend whose server a frontend of the config binds', () => {
  const cfg = (server: string, bind: string, tunnel = '  timeout tunnel 15s\n') =>
    `defaults\n  timeout client 30s\n  timeout server 10s\nfrontend front\n  bind :8443\n  use_backend hop\nbackend hop\n  server next ${server}\n` +
    `frontend inner\n  bind ${bind}\n  mode http\n  default_backend app\nbackend app\n  mode http\n${tunnel}  server s 127.0.0.1:9\n`;
  const hop = (text: string) => {
    const a = analyze(text);
    return a.websocket(a.proxies.find((x) => x.name === 'hop')!);
  };
  it.each([
    ['unix@/run/s.sock', 'unix@/run/s.sock', 'forwards to frontend inner (unix@/run/s.sock), whose WebSockets reach backend app'],
    ['/run/s.sock', 'unix@/run/s.sock', 'forwards to frontend inner (unix@/run/s.sock), whose WebSockets reach backend app'],
    ['abns@sni', 'abns@sni', 'forwards to frontend inner (abns@sni), whose WebSockets reach backend app'],
    ['127.0.0.1:8444', ':8444', 'forwards to frontend inner (:8444), whose WebSockets reach backend app'],
    ['localhost:8444', '0.0.0.0:8444', 'forwards to frontend inner (0.0.0.0:8444), whose WebSockets reach backend app'],
    ['ipv4@127.0.0.1:8444', '127.0.0.1:8444,[::1]:8444', 'forwards to frontend inner (127.0.0.1:8444), whose WebSockets reach backend app'],
  ])('server %s into bind %s', (server, bind, reason) => {
    const ws = hop(cfg(server, bind));
    expect({ carries: ws.carries, intended: ws.intended, first: ws.signals[0], kind: ws.intent?.signal, via: ws.via.map((f) => f.name) }).toEqual({
      carries: true,
      intended: true,
      first: reason,
      kind: 'chained',
      via: ['front'],
    });
  });
  it.each([
    ['another socket path', 'unix@/run/a.sock', 'unix@/run/b.sock', undefined],
    ['another host at the bound port', '10.0.0.2:8444', ':8444', undefined],
    ['another port', '127.0.0.1:8445', ':8444', undefined],
    ['a bind on another address', '127.0.0.1:8444', '127.0.0.2:8444', undefined],
    ['nothing behind the frontend says WebSocket', 'unix@/run/s.sock', 'unix@/run/s.sock', ''],
  ])('no hop: %s', (_what, server, bind, tunnel) => {
    const ws = hop(cfg(server, bind, tunnel));
    expect([ws.carries, ws.intended]).toEqual([false, false]);
  });
  it('an own timeout tunnel in mode http is a signal of that backend; an inherited one is not', () => {
    const a = analyze('defaults\n  mode http\n  timeout tunnel 5s\nbackend own\n  timeout tunnel 15s\n  server s 127.0.0.1:9\nbackend inherits\n  server s 127.0.0.1:9\n');
    const ws = (n: string) => a.websocket(a.proxies.find((x) => x.name === n)!);
    expect([ws('own').intended, ws('own').intent?.signal, ws('own').signals[0]]).toEqual([true, 'tunnel-timeout', 'sets timeout tunnel 15s (in mode http, the limit of upgraded connections)']);
    expect(ws('inherits').intended).toBe(false);
  });
  it('a cycle of hops ends', () => {
    const a = analyze('defaults\n  timeout client 5s\n  timeout server 5s\nbackend a\n  server s unix@/x\nfrontend fx\n  bind unix@/x\n  default_backend b\nbackend b\n  server s unix@/y\nfrontend fy\n  bind unix@/y\n  default_backend a\n');
    expect(a.websocket(a.proxies.find((x) => x.name === 'a')!).intended).toBe(false);
  });
});
