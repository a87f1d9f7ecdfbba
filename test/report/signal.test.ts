/**
 * Findings name the WebSocket signal that made the rule judge the route (DESIGN: "findings say
 * which signal fired"): a structured `signal: { kind, detail, app? }` on every finding of a rule
 * that judges by WebSocket intent, in all four dialects; JSON `signal`, SARIF
 * `result.properties.signal`, and a `signal:` line under the finding with `--verbose`.
 */
import { lintText } from '../../src/index';
import type { DialectName } from '../../src/core/ast';
import { runCli, useTempTrees } from '../support/cli';

type Row = [ruleId: string, line: number, kind: string | undefined, detail: string | undefined, app?: string];

function signals(text: string, dialect: DialectName): Row[] {
  const [r] = lintText(text, { dialect, filePath: `/nonexistent-dir/${dialect}.conf`, cwd: '/nonexistent-dir' });
  return r.messages.map((m) => {
    const s = (m as { signal?: { kind: string; detail: string; app?: string } }).signal;
    return [m.ruleId ?? '', m.line, s?.kind, s?.detail, ...(s?.app ? [s.app] : [])] as Row;
  });
}

const NGINX = `events {}
http {
    server {
        listen 80;
        location /ws/ {
            proxy_pass http://127.0.0.1:3000;
            proxy_http_version 1.1;
            proxy_read_timeout 1h;
        }
        location /api/ {
            proxy_pass http://127.0.0.1:3000;
            proxy_http_version 1.1;
            proxy_read_timeout 1h;
            proxy_set_header Upgrade $http_upgrade;
        }
        # proxylint: websocket
        location /feed {
            proxy_pass http://127.0.0.1:3000;
            proxy_http_version 1.1;
            proxy_read_timeout 1h;
            proxy_set_header Upgrade $http_upgrade;
        }
        location /socket.io/ {
            proxy_pass http://127.0.0.1:3000;
            proxy_http_version 1.1;
            proxy_read_timeout 10s;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection "upgrade";
        }
        location / {
            proxy_pass http://127.0.0.1:3000;
            proxy_set_header Connection "upgrade";
        }
    }
}
`;

describe('every WebSocket finding carries the signal that fired', () => {
  it('nginx: path, headers, comment; the app a path names; none on a rule that does not judge intent', () => {
    expect(signals(NGINX, 'nginx')).toEqual([
      ['nginx/websocket-connection-header', 5, 'path', 'its path /ws/ looks like a WebSocket endpoint'],
      ['nginx/websocket-upgrade-header', 5, 'path', 'its path /ws/ looks like a WebSocket endpoint'],
      ['nginx/websocket-connection-header', 10, 'headers', 'it sets the Upgrade header (line 14)'],
      ['nginx/websocket-connection-header', 17, 'comment', 'a "# proxylint: websocket" comment marks it'],
      // Headers outrank the path; the path still names the application.
      ['nginx/websocket-read-timeout', 26, 'headers', 'it sets the Upgrade header (line 27)', 'Socket.IO'],
      ['nginx/proxy-http-version', 30, 'headers', 'it sets "Connection: upgrade"'],
      ['nginx/websocket-read-timeout', 30, 'headers', 'it sets "Connection: upgrade"'],
      ['nginx/websocket-upgrade-header', 30, 'headers', 'it sets "Connection: upgrade"'],
      // Judges plain requests on a mixed route, not WebSocket intent: no signal.
      ['nginx/hardcoded-upgrade-headers', 32, undefined, undefined],
    ]);
  });

  it('apache: the path of a ProxyPass, the scheme of a ws:// target', () => {
    const conf = `<VirtualHost *:80>
    ProxyPass /ws/ http://127.0.0.1:3000/
    ProxyPass /app/ http://127.0.0.1:3001/ upgrade=websocket
    ProxyPass /app/ http://127.0.0.1:3002/
</VirtualHost>
`;
    expect(signals(conf, 'apache')).toEqual([['apache/websocket-proxypass-upgrade', 2, 'path', 'the path /ws/ looks like a WebSocket route']]);
  });

  it('apache: the application a catch-all serves, and what identified it (ServerName, backend port)', () => {
    const conf = `<VirtualHost *:80>
    ServerName cockpit.example.org
    ProxyPass / http://127.0.0.1:9090/
</VirtualHost>
<VirtualHost *:80>
    ServerName home.example.org
    ProxyPass / http://10.0.0.5:8123/
</VirtualHost>
`;
    expect(signals(conf, 'apache')).toEqual([
      ['apache/websocket-proxypass-upgrade', 3, 'app', 'ServerName cockpit.example.org names Cockpit, whose UI needs the WebSocket /cockpit/socket', 'Cockpit'],
      ['apache/websocket-proxypass-upgrade', 7, 'app', 'backend port 8123 names Home Assistant, whose UI needs the WebSocket /api/websocket', 'Home Assistant'],
    ]);
  });

  it('haproxy: the routing acl (path or Upgrade test), a marker comment', () => {
    const conf = `defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
frontend fe
    bind :80
    acl is_ws path_beg /ws
    acl is_up hdr(Upgrade) -i websocket
    use_backend be_ws if is_ws
    use_backend be_up if is_up
    default_backend be_web
backend be_ws
    timeout tunnel 2s
    server s1 127.0.0.1:3000
backend be_up
    timeout tunnel 3s
    server s1 127.0.0.1:3000
# proxylint: websocket
backend be_marked
    timeout tunnel 4s
    server s1 127.0.0.1:3000
backend be_web
    server s1 127.0.0.1:3001
`;
    expect(signals(conf, 'haproxy')).toEqual([
      ['haproxy/websocket-tunnel-timeout', 14, 'path', 'selected by frontend fe for acl is_ws matches the WebSocket path /ws (path_beg)'],
      ['haproxy/websocket-tunnel-timeout', 17, 'headers', 'selected by frontend fe for acl is_up tests the Upgrade header (hdr(Upgrade))'],
      ['haproxy/websocket-tunnel-timeout', 21, 'comment', 'marked `# proxylint: websocket`'],
    ]);
  });

  it('squid: the listener that reads handshakes, or forward proxying; websocket.ports for CONNECT', () => {
    expect(signals('http_port 3128 accel defaultsite=example.org\ncache_peer 127.0.0.1 parent 3000 0 originserver\nhttp_access allow all\n', 'squid')).toEqual([
      ['squid/websocket-upgrade-not-allowed', 1, 'listener', 'http_port 3128 (accel) reads the WebSocket handshakes'],
    ]);
    expect(signals('http_port 3128\nreply_header_access Upgrade allow all\nhttp_access allow all\n', 'squid')).toEqual([
      ['squid/websocket-upgrade-not-allowed', 1, 'listener', 'http_port 3128 is a forward proxy: handshakes arrive as absolute ws:// URIs, tunnels as CONNECT'],
      ['squid/ineffective-upgrade-allow', 2, 'listener', 'http_port 3128 is a forward proxy: handshakes arrive as absolute ws:// URIs, tunnels as CONNECT'],
    ]);
  });
});

describe('the signal in the formats', () => {
  const tree = useTempTrees();
  const CONF = 'server {\n    listen 80;\n    location /ws/ {\n        proxy_pass http://127.0.0.1:3000;\n        proxy_http_version 1.1;\n        proxy_read_timeout 1h;\n        proxy_set_header Upgrade $http_upgrade;\n    }\n}\n';

  it('JSON: a signal object beside the message', () => {
    const dir = tree({ 'nginx/app.conf': CONF });
    const out = JSON.parse(runCli(['lint', '-f', 'json', 'nginx/app.conf'], dir).stdout);
    expect(out[0].messages.map((m: { ruleId: string; signal?: unknown }) => [m.ruleId, m.signal])).toEqual([
      ['nginx/websocket-connection-header', { kind: 'headers', detail: 'it sets the Upgrade header (line 7)' }],
    ]);
  });

  it('SARIF: result.properties.signal', () => {
    const dir = tree({ 'nginx/app.conf': CONF });
    const sarif = JSON.parse(runCli(['lint', '-f', 'sarif', 'nginx/app.conf'], dir).stdout);
    expect(sarif.runs[0].results.map((r: { ruleId: string; properties?: unknown }) => [r.ruleId, r.properties])).toEqual([
      ['nginx/websocket-connection-header', { signal: { kind: 'headers', detail: 'it sets the Upgrade header (line 7)' } }],
    ]);
  });

  it('stylish: a signal line under the finding with --verbose only', () => {
    const dir = tree({ 'nginx/app.conf': CONF });
    const line = '  signal: headers: it sets the Upgrade header (line 7)';
    expect(runCli(['lint', '--verbose', 'nginx/app.conf'], dir).stdout.split('\n')).toContain(line);
    expect(runCli(['lint', 'nginx/app.conf'], dir).stdout).not.toContain('signal:');
  });
});
