import { defaultSettings } from '../../../src/core/settings';
import { sourceFromText } from '../../../src/core/source';
import { dialect } from '../../../src/dialects/squid/index';

function analyze(text: string, ports: number[] = []) {
  const settings = defaultSettings();
  settings.websocket.ports = ports;
  const root = sourceFromText('/nonexistent/squid.conf', text);
  const unit = dialect.load(root, { readFile: () => { throw new Error('no includes here'); }, settings });
  expect(unit.errors).toEqual([]);
  return dialect.analyze(unit, settings);
}

/** Debian 12's access rules (squid.conf + conf.d/debian.conf), in squid's reading order. */
const DEBIAN = `acl localnet src 0.0.0.1-0.255.255.255
acl localnet src 10.0.0.0/8
acl localnet src 100.64.0.0/10
acl localnet src 169.254.0.0/16
acl localnet src 172.16.0.0/12
acl localnet src 192.168.0.0/16
acl localnet src fc00::/7
acl localnet src fe80::/10
acl SSL_ports port 443
acl Safe_ports port 80
acl Safe_ports port 21
acl Safe_ports port 443
acl Safe_ports port 70
acl Safe_ports port 210
acl Safe_ports port 1025-65535
acl Safe_ports port 280
acl Safe_ports port 488
acl Safe_ports port 591
acl Safe_ports port 777
http_access deny !Safe_ports
http_access deny CONNECT !SSL_ports
http_access allow localhost manager
http_access deny manager
http_access allow localhost
http_access deny all
http_port 3128
`;

describe('squid http_access (first match wins)', () => {
  const a = analyze(DEBIAN);
  const line = (d: { args: string[] } | null) => (d ? d.args.join(' ') : null);
  const cases: Array<[string, Parameters<typeof a.evaluateHttpAccess>[0], string, string | null, boolean]> = [
    ['CONNECT 8080: denied by the SSL_ports line, certainly', { method: 'CONNECT', port: 8080 }, 'deny', 'deny CONNECT !SSL_ports', true],
    ['CONNECT 443 from localhost: allowed', { method: 'CONNECT', port: 443, srcIp: '127.0.0.1', dstHost: 'example.com' }, 'allow', 'allow localhost', true],
    ['CONNECT 443 from the LAN: deny all (localnet is not allowed on Debian)', { method: 'CONNECT', port: 443, srcIp: '192.168.1.5', dstHost: 'example.com' }, 'deny', 'deny all', true],
    ['CONNECT 443, client unknown: deny all, not certain', { method: 'CONNECT', port: 443 }, 'deny', 'deny all', false],
    ['GET to port 22: not a Safe_port', { method: 'GET', port: 22 }, 'deny', 'deny !Safe_ports', true],
    ['GET from ::1', { method: 'GET', port: 80, srcIp: '::1', dstHost: 'example.com' }, 'allow', 'allow localhost', true],
  ];
  for (const [title, req, action, by, certain] of cases) {
    it(title, () => {
      const d = a.evaluateHttpAccess(req);
      expect([d.action, line(d.directive), d.certain]).toEqual([action, by, certain]);
    });
  }

  it('acls accumulate values and directives in order', () => {
    const def = a.acls.get('Safe_ports')!;
    expect(def.type).toBe('port');
    expect(def.values.map((v) => v.value)).toEqual(['80', '21', '443', '70', '210', '1025-65535', '280', '488', '591', '777']);
    expect(def.directives).toHaveLength(10);
    expect(a.acls.get('CONNECT')!.predefined).toBe(true);
  });

  it('no match: the opposite of the last line; no lines: deny', () => {
    expect(analyze('acl x port 1\nhttp_access deny x\n').evaluateHttpAccess({ method: 'GET', port: 80 })).toMatchObject({ action: 'allow', implicit: true });
    expect(analyze('http_port 1\n').evaluateHttpAccess({ method: 'GET', port: 80 })).toMatchObject({ action: 'deny', implicit: true });
  });

  it('an http_access line without an acl is dropped: it allows nothing', () => {
    const d = analyze('http_access allow\nhttp_access deny all\n').evaluateHttpAccess({ method: 'GET', port: 80 });
    expect([d.action, line(d.directive), d.certain]).toEqual(['deny', 'deny all', true]);
  });

  it('dstdomain and dst', () => {
    const b = analyze('acl d dstdomain .example.com\nacl ip dst 10.0.0.0/8\nhttp_access allow d\nhttp_access allow ip\nhttp_access deny all\n');
    expect(b.evaluateHttpAccess({ method: 'CONNECT', port: 443, dstHost: 'WS.Example.com' }).action).toBe('allow');
    expect(b.evaluateHttpAccess({ method: 'CONNECT', port: 443, dstHost: '10.1.2.3' }).action).toBe('allow');
    expect(b.evaluateHttpAccess({ method: 'CONNECT', port: 443, dstHost: 'other.org' }).certain).toBe(false); // dst needs DNS
  });

  it('websocket ports: 443 plus settings', () => {
    expect(analyze(DEBIAN, [8080]).websocketPorts).toEqual([443, 8080]);
  });
});

describe('squid http_upgrade_request_protocols', () => {
  const t = (conf: string, offer: string) => analyze(`http_port 3128\n${conf}`).upgradeDecision(offer).allowed;
  it.each([
    ['', 'websocket', false],
    ['http_upgrade_request_protocols WebSocket allow all\n', 'websocket', false],
    ['http_upgrade_request_protocols WebSocket allow all\n', 'WebSocket', true],
    ['http_upgrade_request_protocols websocket allow all\n', 'websocket', true],
    ['http_upgrade_request_protocols OTHER allow all\n', 'websocket', true],
    ['http_upgrade_request_protocols OTHER allow all\n', 'WebSocket', true],
    // OTHER applies only when no rule names the protocol
    ['http_upgrade_request_protocols websocket deny all\nhttp_upgrade_request_protocols OTHER allow all\n', 'websocket', false],
    ['http_upgrade_request_protocols websocket/13 allow all\n', 'websocket/13', true],
    ['http_upgrade_request_protocols websocket/13 allow all\n', 'websocket/12', false],
    ['acl lan src 10.0.0.0/8\nhttp_upgrade_request_protocols websocket allow lan\n', 'websocket', 'unknown'],
    // a handshake is a GET
    ['acl m method GET\nhttp_upgrade_request_protocols websocket allow m\n', 'websocket', true],
    ['acl m method POST\nhttp_upgrade_request_protocols websocket allow m\n', 'websocket', false],
    // to a port the config does not say (an accel https_port 443 gets URLs on 443, a forward proxy any port)
    ['acl p port 443\nhttp_upgrade_request_protocols websocket allow p\n', 'websocket', 'unknown'],
    // a line without an acl is dropped ("Access line contains no ACL's, skipping"): not an allow
    ['http_upgrade_request_protocols websocket allow\n', 'websocket', false],
    ['http_upgrade_request_protocols websocket deny\nhttp_upgrade_request_protocols websocket allow all\n', 'websocket', true],
  ])('%j offer %s → %s', (conf, offer, want) => {
    expect(t(conf, offer)).toBe(want);
  });
});

describe('squid request_header_access / reply_header_access', () => {
  const t = (conf: string, dir: 'request' | 'reply', header: string) => analyze(`http_port 3128\n${conf}`).headerAccess(dir, header);
  it.each([
    ['', 'reply', 'Upgrade', true, 'none'],
    ['reply_header_access Upgrade deny all\n', 'reply', 'upgrade', false, 'named'],
    ['reply_header_access Upgrade deny all\n', 'request', 'Upgrade', true, 'none'],
    ['request_header_access All deny all\n', 'request', 'Sec-WebSocket-Key', false, 'all'],
    ['request_header_access Upgrade allow all\nrequest_header_access All deny all\n', 'request', 'UPGRADE', true, 'named'],
    // Other covers headers squid does not know by name: Sec-WebSocket-*, not Upgrade
    ['request_header_access Other allow all\nrequest_header_access All deny all\n', 'request', 'Sec-WebSocket-Key', true, 'other'],
    ['request_header_access Other allow all\nrequest_header_access All deny all\n', 'request', 'Upgrade', false, 'all'],
    ['acl m method GET\nrequest_header_access Upgrade deny m\n', 'request', 'Upgrade', false, 'named'],
    ['acl p port 443\nrequest_header_access Upgrade deny p\n', 'request', 'Upgrade', 'unknown', 'named'],
    // a line without an acl is dropped, so it denies nothing
    ['request_header_access Upgrade deny\n', 'request', 'Upgrade', true, 'none'],
    ['reply_header_access Upgrade deny\n', 'reply', 'Upgrade', true, 'none'],
  ] as const)('%j %s %s → %s via %s', (conf, dir, header, allowed, via) => {
    expect(t(conf, dir, header)).toMatchObject({ allowed, via });
  });
});

describe('listeners that read the WebSocket handshake themselves (handshakePorts, forwardOnly)', () => {
  const sees = (cfg: string) => analyze(cfg).handshakePorts.map((d) => d.args.join(' '));
  it.each([
    ['http_port 3128', []],
    ['http_port 3128 accel', ['3128 accel']],
    ['http_port 3128 intercept', ['3128 intercept']],
    ['http_port 3128 tproxy', ['3128 tproxy']],
    ['http_port 3128 vport', ['3128 vport']],
    ['http_port 3128 vport=80', ['3128 vport=80']],
    ['http_port 3128 accel defaultsite=ws.example.org', ['3128 accel defaultsite=ws.example.org']],
    // Options are whole words: a name that only starts or ends like a mode is none of them.
    ['http_port 3128 name=accel', []],
    ['http_port 3128 accelerated=1', []],
    // An ssl-bump port reads handshakes only when some connection is bumped (splice is the default).
    ['http_port 3128 ssl-bump\nssl_bump bump all', ['3128 ssl-bump']],
    ['http_port 3128 sslBump\nssl_bump stare all', ['3128 sslBump']],
    ['http_port 3128 ssl-bump\nssl_bump peek all\nssl_bump splice all', []],
    ['http_port 3128 ssl-bump', []],
    ['http_port 3128 tls-bump\nssl_bump bump all', []],
    ['http_port 3128 no-ssl-bump\nssl_bump bump all', []],
    ['http_port 3128 ssl-bumped\nssl_bump bump all', []],
    // ...and so are ssl_bump actions
    ['http_port 3128 ssl-bump\nssl_bump bumpy all', []],
    ['http_port 3128 ssl-bump\nssl_bump unbump all', []],
    ['http_port 3128 ssl-bump\nssl_bump client-first all', ['3128 ssl-bump']],
    ['http_port 3128 ssl-bump\nssl_bump Server-First all', ['3128 ssl-bump']],
    // An https_port terminates TLS and reads handshakes in accel mode; with no mode word it is a
    // forward proxy over TLS (observed on Squid 5.7: CONNECT 200, origin-form GET 400).
    ['https_port 443 accel tls-cert=/etc/squid/c.pem', ['443 accel tls-cert=/etc/squid/c.pem']],
    ['https_port 443 tls-cert=/etc/squid/c.pem', []],
    ['https_port 443 intercept ssl-bump\nssl_bump splice all', []],
  ])('%s → %j', (cfg, ports) => {
    expect(sees(cfg + '\n')).toEqual(ports);
  });

  it('forward only: listeners, none of which reads a handshake; a config with no listener is not', () => {
    expect(analyze('http_port 3128\nhttp_port 3129\n').forwardOnly).toBe(true);
    expect(analyze('http_port 3128\nhttp_port 80 accel\n').forwardOnly).toBe(false);
    expect(analyze('acl a src 10.0.0.0/8\n').forwardOnly).toBe(false);
    expect(analyze('http_port 3128\nhttps_port 443 tls-cert=/c.pem\n').listeners.map((d) => d.key)).toEqual(['http_port', 'https_port']);
  });
});

describe('listenerSignal: the listener a finding names as how handshakes reach squid (--verbose)', () => {
  const detail = (cfg: string) => analyze(cfg + '\n').listenerSignal;
  const reads = (l: string) => ({ kind: 'listener', detail: `${l} reads the WebSocket handshakes` });
  const forward = (l: string) => ({ kind: 'listener', detail: `${l} is a forward proxy: handshakes arrive as absolute ws:// URIs, tunnels as CONNECT` });
  it.each([
    // the first mode option that makes squid read plain HTTP, after the port
    ['http_port 3128 accel defaultsite=app.example', reads('http_port 3128 (accel)')],
    ['http_port 3128 defaultsite=app.example accel', reads('http_port 3128 (defaultsite=app.example)')],
    ['http_port 3128 name=x vport=80', reads('http_port 3128 (vport=80)')],
    ['http_port 3128 ssl-bump\nssl_bump bump all', reads('http_port 3128 (ssl-bump)')],
    // mode words are whole words
    ['http_port 3128 no-ssl-bump ssl-bumped accel', reads('http_port 3128 (accel)')],
    ['http_port 3128 sslBump\nssl_bump stare all', reads('http_port 3128 (sslBump)')],
    // an https_port with no mode word is a forward proxy over TLS
    ['https_port 443 tls-cert=/etc/squid/c.pem', forward('https_port 443')],
    ['https_port 443 accel tls-cert=/etc/squid/c.pem', reads('https_port 443 (accel)')],
    // the first listener that reads handshakes, not the first listener
    ['http_port 3128\nhttp_port 80 intercept', reads('http_port 80 (intercept)')],
    ['http_port 3128\nhttp_port 3129', forward('http_port 3128')],
    ['http_port 3128 ssl-bump', forward('http_port 3128')],
  ])('%j', (cfg, signal) => {
    expect(detail(cfg)).toEqual(signal);
  });

  it('no listener: no signal', () => {
    expect(detail('acl a src 10.0.0.0/8')).toBeUndefined();
  });
});
