import { ruleTester } from '../../../test/support/rule-tester';
import rule from './index';

const defaults = 'defaults\n\tmode\thttp\n        timeout connect 5000\n        timeout client  50000\n        timeout server  50000\n';
// A frontend that marks itself as carrying WebSockets and routes everything to one backend.
const proxies = 'frontend f\n\t# proxylint: websocket\n\tbind :8080\n\tdefault_backend app\nbackend app\n\tserver s1 127.0.0.1:3000\n';

// haproxy/haproxy#2280 (works as designed): a TCP frontend forwards the TLS bytes to a unix-socket
// HTTP frontend of the same config; WebSockets cross the TCP hop (be_sni) before their backend.
const chain = (tcpDefaults: string, app: string, server = 'unix@/run/sni.sock', bind = 'unix@/run/sni.sock') =>
  'defaults\n  timeout connect 5s\n  timeout client 30s\n  timeout server 10s\n' + tcpDefaults +
  'frontend front_ssl\n  bind :8443\n  tcp-request inspect-delay 5s\n  tcp-request content accept if { req_ssl_hello_type 1 }\n  use_backend be_sni\n' +
  `backend be_sni\n  server fe_sni ${server} send-proxy\n` +
  `frontend fe_sni\n  bind ${bind} accept-proxy\n  mode http\n  use_backend back_http\n` +
  `backend back_http\n  mode http\n${app}  server www 127.0.0.1:8080\n`;

// Proxy names long enough that a message naming them would pass 120 characters.
const LONG = 'be_websocket_gateway_for_the_customer_dashboard_live_updates_eu_west_1';
const MIDDLE = 'be_ws_dashboard';

ruleTester(rule, {
  valid: [
    // Debian's stock haproxy.cfg: defaults only, no proxy.
    { code: defaults },
    { code: defaults.replace('timeout server  50000\n', 'timeout server  50000\n        timeout tunnel 1h\n') + proxies },
    { code: defaults + proxies.replace('server s1', 'timeout tunnel 3600s\n\tserver s1') },
    // observed: option http-server-close / httpclose do not affect the upgrade; the tunnel timeout is what matters
    { code: defaults + proxies.replace('server s1', 'option http-server-close\n\ttimeout tunnel 1h\n\tserver s1') },
    { name: 'mode tcp without a marker: not a WebSocket proxy', code: 'defaults\n  mode tcp\n  timeout client 5s\n  timeout server 5s\nlisten l\n  bind :80\n  server s 127.0.0.1:9\n' },
    { name: "mode tcp named after Socket.IO: its 25 s ping fits in 50 s", code: 'defaults\n  mode tcp\n  timeout client 50s\n  timeout server 50s\nlisten socketio\n  bind :80\n  server s 127.0.0.1:9\n' },
    {
      name: 'a backend without servers (a stats page named like the app) tunnels nothing',
      code: 'defaults\n  mode http\n  timeout client 50s\n  timeout server 50s\nfrontend ucp_stats\n  bind :8181\n  default_backend ucp_stats\nbackend ucp_stats\n  stats enable\n',
    },
    { code: 'defaults web\n  mode http\n  timeout client 5s\n  timeout server 5s\n  timeout tunnel 1h\nbackend app from web\n  server s 127.0.0.1:9\n' },
    { name: 'mode http alone is no WebSocket intent: not judged', code: defaults + 'frontend f\n\tbind :8080\n\tdefault_backend app\nbackend app\n\tserver s1 127.0.0.1:3000\n' },
    {
      name: 'the default backend of a frontend that routes WebSockets elsewhere by condition is not reached by them',
      code:
        'defaults\n  mode http\n  timeout client 10s\n  timeout server 10s\n  timeout connect 5s\n' +
        'frontend f\n  bind :80\n  acl is_ws hdr(Upgrade) -i websocket\n  use_backend ws if is_ws\n  default_backend static\n' +
        'backend ws\n  timeout tunnel 1h\n  server s 127.0.0.1:9\nbackend static\n  server s 127.0.0.1:8\n',
    },
    { name: 'client/server 2h: already longer than the 1 h the fix would set (it must never shorten them)', code: defaults.replace(/50000/g, '2h') + proxies },
    { name: "Socket.IO's 25 s ping fits in timeout client/server 50 s", code: defaults + proxies.replace('# proxylint: websocket', 'acl sio path_beg /socket.io/').replace('default_backend app', 'use_backend app if sio') },
    { name: 'a declared heartbeat fits', websocket: { heartbeat: '20s' }, code: defaults + proxies },
    { name: 'an explicit timeout tunnel of 1 min, heartbeat unknown: long enough', code: defaults + proxies.replace('server s1', 'timeout tunnel 1m\n\tserver s1') },
    { name: 'client/server exactly the 1 h the fix would set: nothing to raise', code: defaults.replace(/50000/g, '1h') + proxies },
    { name: 'the shorter limit decides: timeout server 1h alone is not judged when the client side is unbounded', code: 'defaults\n  mode http\n  timeout server 1h\n' + proxies },
    { name: 'no client or server timeout anywhere: no idle limit to judge', code: 'frontend f\n  mode http\n  bind :80\n  acl is_ws path_beg /ws\n  use_backend ws if is_ws\nbackend ws\n  mode http\n  server s 127.0.0.1:9\n' },
    // haproxy 2.6.12 -c: "'dispatch' ignored because frontend 'f' has no backend capability"
    { name: 'a frontend is never judged, not even with a dispatch line (which HAProxy ignores there)', code: 'defaults\n  mode http\n  timeout client 5s\n  timeout server 5s\nfrontend f\n  # proxylint: websocket\n  bind :80\n  dispatch 127.0.0.1:9\n' },
    { name: 'an own timeout tunnel of 1 h in mode http (the only signal): long enough', code: defaults + 'frontend f\n\tbind :80\n\tdefault_backend app\nbackend app\n\ttimeout tunnel 1h\n\tserver s1 127.0.0.1:3000\n' },
    { name: 'a timeout tunnel inherited from defaults says nothing of the backend: not judged', code: defaults + '        timeout tunnel 10s\nfrontend f\n\tbind :80\n\tdefault_backend app\nbackend app\n\tserver s1 127.0.0.1:3000\n' },
    {
      name: 'an own short timeout tunnel on the backend a frontend keeps for non-WebSocket requests (pfSense writes one per backend): not judged',
      code:
        'defaults\n  mode http\n  timeout client 30s\n  timeout server 30s\n' +
        'frontend f\n  bind :80\n  acl is_ws hdr(Upgrade) -i websocket\n  use_backend ws if is_ws\n  default_backend mesh\n' +
        'backend ws\n  timeout tunnel 1h\n  server s 127.0.0.1:9\nbackend mesh\n  timeout tunnel 15s\n  server s 127.0.0.1:9\n',
    },
    { name: 'a TCP hop into a frontend whose backend shows no WebSocket signal: not judged', code: chain('  timeout tunnel 5s\n', '') },
    { name: 'a server on another host at the port a frontend binds is no hop into it', code: chain('  timeout tunnel 5s\n', '  timeout tunnel 1h\n', '10.0.0.2:8444', ':8444') },
    { name: 'the hop and the backend behind it both long enough: nothing', code: chain('  timeout tunnel 1h\n', '  timeout tunnel 1h\n') },
  ],
  invalid: [
    {
      name: 'no timeout tunnel, 5 min limits, a console known to send nothing (rcbops PR 15: cut at 50 s): warning',
      code: 'defaults\n  mode http\n  timeout client 5m\n  timeout server 5m\n' + 'listen novnc\n  bind :6080\n  server s1 127.0.0.1:6080\n',
      errors: [{ line: 1, column: 1, endLine: 1, endColumn: 9, severity: 'warning', message: 'listen novnc, no timeout tunnel: timeout client 5m closes idle WebSockets, and noVNC/SPICE console sends no heartbeat' }],
      output: 'defaults\n  mode http\n  timeout client 5m\n  timeout server 5m\n' + '  timeout tunnel 1h\n' + 'listen novnc\n  bind :6080\n  server s1 127.0.0.1:6080\n',
    },
    {
      name: 'no timeout tunnel, 50 s limits, heartbeat unknown: info naming the fallback',
      code: defaults + proxies,
      errors: [{ line: 1, column: 1, endLine: 1, endColumn: 9, severity: 'info', message: 'backend app, no timeout tunnel: timeout client 50000 (frontend f) closes idle WebSockets unless the app pings' }],
      output: defaults + '        timeout tunnel 1h\n' + proxies,
    },
    {
      name: "a backend named after Nextcloud's ExApps (HaRP's ex_apps_backend): WebSockets reach it, heartbeat per ExApp: info; the long message drops the frontend's name",
      code: 'defaults\n    timeout connect 30s\n    timeout client 30s\n    timeout server 1800s\nfrontend ex_apps\n    mode http\n    bind :8780\n    default_backend ex_apps_backend\nbackend ex_apps_backend\n    mode http\n    server frp_server 127.0.0.1\n',
      errors: [{ line: 1, column: 1, endLine: 1, endColumn: 9, severity: 'info', message: 'backend ex_apps_backend, no timeout tunnel: timeout client 30s closes idle WebSockets unless the app pings' }],
      output: 'defaults\n    timeout connect 30s\n    timeout client 30s\n    timeout server 1800s\n    timeout tunnel 1h\nfrontend ex_apps\n    mode http\n    bind :8780\n    default_backend ex_apps_backend\nbackend ex_apps_backend\n    mode http\n    server frp_server 127.0.0.1\n',
    },
    {
      name: 'timeout tunnel 0 with short client/server: warning on that line',
      code: defaults.replace(/50000/g, '2s') + proxies.replace('server s1', 'timeout tunnel 0\n\tserver s1'),
      errors: [{ line: 11, column: 2, severity: 'warning', message: 'backend app: timeout tunnel 0 means none, so timeout client 2s (frontend f) closes WebSockets idle that long' }],
      output: defaults.replace(/50000/g, '2s') + proxies.replace('server s1', 'timeout tunnel 1h\n\tserver s1'),
    },
    {
      name: 'timeout tunnel 0 in a backend whose name alone fills the message: the names drop, the sentence stays whole',
      code: defaults.replace(/50000/g, '2s') + proxies.replace(/\bapp\b/g, LONG).replace('server s1', 'timeout tunnel 0\n\tserver s1'),
      errors: [{ line: 11, column: 2, severity: 'warning', message: 'timeout tunnel 0 means none, so timeout client 2s closes WebSockets idle that long' }],
      output: defaults.replace(/50000/g, '2s') + proxies.replace(/\bapp\b/g, LONG).replace('server s1', 'timeout tunnel 1h\n\tserver s1'),
    },
    {
      name: 'timeout tunnel 0 in a backend of a middling name: the frontend drops, the backend stays',
      code: defaults.replace(/50000/g, '2s') + proxies.replace(/\bapp\b/g, MIDDLE).replace(/\bf\b/, LONG).replace('server s1', 'timeout tunnel 0\n\tserver s1'),
      errors: [{ line: 11, column: 2, severity: 'warning', message: `backend ${MIDDLE}: timeout tunnel 0 means none, so timeout client 2s closes WebSockets idle that long` }],
      output: defaults.replace(/50000/g, '2s') + proxies.replace(/\bapp\b/g, MIDDLE).replace(/\bf\b/, LONG).replace('server s1', 'timeout tunnel 1h\n\tserver s1'),
    },
    {
      name: "a backend name that fits without the word backend: the message keeps the name",
      code: 'defaults\n  mode tcp\n  timeout client 50000\n  timeout server 50000\nfrontend ucp_443\n  bind :443\n  default_backend ucp_upstream_443\nbackend ucp_upstream_443\n  server node01 127.0.0.1:12390\n',
      errors: [{ line: 1, column: 1, severity: 'warning', message: 'ucp_upstream_443, no timeout tunnel: timeout client 50000 closes idle WebSockets, and Docker UCP sends no heartbeat' }],
      output: 'defaults\n  mode tcp\n  timeout client 50000\n  timeout server 50000\n  timeout tunnel 1h\nfrontend ucp_443\n  bind :443\n  default_backend ucp_upstream_443\nbackend ucp_upstream_443\n  server node01 127.0.0.1:12390\n',
    },
    {
      name: 'no timeout tunnel, a backend whose name alone fills the message: the sentence without names',
      code: defaults.replace(/50000/g, '2s') + proxies.replace(/\bapp\b/g, LONG),
      errors: [{ line: 1, column: 1, severity: 'warning', message: 'no timeout tunnel: timeout client 2s closes WebSockets idle that long' }],
      output: defaults.replace(/50000/g, '2s') + '        timeout tunnel 1h\n' + proxies.replace(/\bapp\b/g, LONG),
    },
    {
      name: 'a short explicit timeout tunnel in a backend whose name alone fills the message: the sentence without it',
      code: defaults + proxies.replace(/\bapp\b/g, LONG).replace('server s1', 'timeout tunnel 5s\n\tserver s1'),
      errors: [{ line: 11, column: 2, severity: 'warning', message: 'timeout tunnel 5s closes WebSockets idle that long' }],
      output: defaults + proxies.replace(/\bapp\b/g, LONG).replace('server s1', 'timeout tunnel 1h\n\tserver s1'),
    },
    {
      name: "path acl routes to a backend with its own timeouts; the frontend's timeout client is used, not the defaults'",
      code:
        'defaults\n  timeout client 1m\nfrontend f\n  mode http\n  timeout client 20s\n  bind :80\n  acl is_ws path_beg /ws\n  use_backend ws if is_ws\n' +
        'backend ws\n  mode http\n  timeout server 30s\n  server s 127.0.0.1:9\n',
      errors: [{ line: 9, column: 1, severity: 'warning', message: 'backend ws, no timeout tunnel: timeout client 20s (frontend f) closes WebSockets idle that long' }],
      output:
        'defaults\n  timeout client 1m\nfrontend f\n  mode http\n  timeout client 20s\n  bind :80\n  acl is_ws path_beg /ws\n  use_backend ws if is_ws\n' +
        'backend ws\n  mode http\n  timeout server 30s\n  timeout tunnel 1h\n  server s 127.0.0.1:9\n',
    },
    {
      name: 'a named defaults resets inheritance; fix goes into it (listen marked in its body)',
      code: defaults + 'defaults d2\n  mode http\n  timeout client 10s\n  timeout server 10s\nlisten l\n  # proxylint: websocket\n  bind :80\n  server s 127.0.0.1:9\n',
      errors: [{ line: 6, column: 1, severity: 'warning', message: 'listen l, no timeout tunnel: timeout client 10s closes WebSockets idle that long' }],
      output: defaults + 'defaults d2\n  mode http\n  timeout client 10s\n  timeout server 10s\n  timeout tunnel 1h\nlisten l\n  # proxylint: websocket\n  bind :80\n  server s 127.0.0.1:9\n',
    },
    {
      name: 'mode tcp (TLS passthrough) through a listen named after Docker UCP, whose console sends nothing (docker/docs#6484)',
      code: 'defaults\n  mode tcp\n  timeout client 50s\n  timeout server 50s\nlisten ucp_443\n  bind :443\n  server node01 10.0.0.1:443 check\n',
      errors: [{ line: 1, column: 1, severity: 'warning', message: 'listen ucp_443, no timeout tunnel: timeout client 50s closes idle WebSockets, and Docker UCP sends no heartbeat' }],
      output: 'defaults\n  mode tcp\n  timeout client 50s\n  timeout server 50s\n  timeout tunnel 1h\nlisten ucp_443\n  bind :443\n  server node01 10.0.0.1:443 check\n',
    },
    {
      name: 'mode tcp honours the marker above the section',
      code: 'defaults\n  mode tcp\n  timeout client 5s\n  timeout server 5s\n# proxylint: websocket\nlisten l\n  bind :80\n  server s 127.0.0.1:9\n',
      errors: [{ line: 1, column: 1, severity: 'warning', message: 'listen l, no timeout tunnel: timeout client 5s closes WebSockets idle that long' }],
      output: 'defaults\n  mode tcp\n  timeout client 5s\n  timeout server 5s\n  timeout tunnel 1h\n# proxylint: websocket\nlisten l\n  bind :80\n  server s 127.0.0.1:9\n',
    },
    {
      name: "an explicit timeout tunnel below SignalR's 15 s keep-alive (backend named after it)",
      code: defaults + 'frontend f\n\tbind :8080\n\tdefault_backend signalr_hub\nbackend signalr_hub\n\ttimeout tunnel 12s\n\tserver s1 127.0.0.1:3000\n',
      errors: [{ line: 10, column: 2, severity: 'warning', message: 'backend signalr_hub: timeout tunnel 12s is shorter than ASP.NET Core SignalR\'s 15 s heartbeat' }],
      output: defaults + 'frontend f\n\tbind :8080\n\tdefault_backend signalr_hub\nbackend signalr_hub\n\ttimeout tunnel 1h\n\tserver s1 127.0.0.1:3000\n',
    },
    {
      code: defaults + proxies,
      options: { value: '10m' },
      errors: [{ line: 1, column: 1, message: 'backend app, no timeout tunnel: timeout client 50000 (frontend f) closes idle WebSockets unless the app pings', severity: 'info' }],
      output: defaults + '        timeout tunnel 10m\n' + proxies,
    },
    {
      name: 'an explicit timeout tunnel 1h below a declared 2 h heartbeat: reported, but never "fixed" down to 1 h',
      websocket: { heartbeat: '2h' },
      code: defaults + proxies.replace('server s1', 'timeout tunnel 1h\n\tserver s1'),
      errors: [{ line: 11, column: 2, severity: 'warning', message: 'backend app: timeout tunnel 1h is shorter than the 2 h heartbeat of websocket.heartbeat' }],
      output: null,
    },
    {
      name: 'a short timeout tunnel inherited from defaults: reported at the defaults line, no fix in the backend',
      code: defaults.replace('timeout server  50000\n', 'timeout server  50000\n        timeout tunnel 5s\n') + proxies,
      errors: [{ line: 6, column: 9, severity: 'warning', message: 'backend app: timeout tunnel 5s closes WebSockets idle that long' }],
      output: null,
    },
    {
      name: 'only timeout server bounds the tunnel: it is named',
      code: 'defaults\n  mode http\n  timeout server 10s\n' + proxies,
      errors: [{ line: 1, column: 1, severity: 'warning', message: 'backend app, no timeout tunnel: timeout server 10s closes WebSockets idle that long' }],
      output: 'defaults\n  mode http\n  timeout server 10s\n  timeout tunnel 1h\n' + proxies,
    },
    {
      name: 'three WebSocket backends share one defaults: one finding naming the first and how many more, with the worst verdict',
      code:
        'defaults\n  mode http\n  timeout client 50s\n  timeout server 50s\n' +
        'frontend f\n  bind :80\n  # proxylint: websocket\n  acl a path_beg /a\n  acl b path_beg /b\n  use_backend a if a\n  use_backend homeassistant if b\n  default_backend c\n' +
        'backend a\n  server s 127.0.0.1:1\nbackend homeassistant\n  server s 127.0.0.1:2\nbackend c\n  server s 127.0.0.1:3\n',
      errors: [{ line: 1, column: 1, severity: 'warning', message: "backend a and 2 more, no timeout tunnel: timeout client 50s (frontend f) is shorter than Home Assistant's 55 s heartbeat" }],
      output:
        'defaults\n  mode http\n  timeout client 50s\n  timeout server 50s\n  timeout tunnel 1h\n' +
        'frontend f\n  bind :80\n  # proxylint: websocket\n  acl a path_beg /a\n  acl b path_beg /b\n  use_backend a if a\n  use_backend homeassistant if b\n  default_backend c\n' +
        'backend a\n  server s 127.0.0.1:1\nbackend homeassistant\n  server s 127.0.0.1:2\nbackend c\n  server s 127.0.0.1:3\n',
    },
    {
      name: "no defaults section, no timeout of the backend's own: the fix goes under its header, indented like its lines",
      code: 'frontend f\n  mode http\n  timeout client 20s\n  bind :80\n  acl is_ws path_beg /ws\n  use_backend ws if is_ws\n' + 'backend ws\n\tmode http\n\tserver s 127.0.0.1:9\n',
      errors: [{ line: 7, column: 1, severity: 'warning', message: 'backend ws, no timeout tunnel: timeout client 20s (frontend f) closes WebSockets idle that long' }],
      output: 'frontend f\n  mode http\n  timeout client 20s\n  bind :80\n  acl is_ws path_beg /ws\n  use_backend ws if is_ws\n' + 'backend ws\n\ttimeout tunnel 1h\n\tmode http\n\tserver s 127.0.0.1:9\n',
    },
    {
      name: 'an empty defaults section the backend inherits from: the fix goes into it, indented 4 spaces',
      code: 'defaults\n' + 'frontend f\n  mode http\n  timeout client 20s\n  bind :80\n  acl is_ws path_beg /ws\n  use_backend ws if is_ws\n' + 'backend ws\n  mode http\n  server s 127.0.0.1:9\n',
      errors: [{ line: 1, column: 1, severity: 'warning', message: 'backend ws, no timeout tunnel: timeout client 20s (frontend f) closes WebSockets idle that long' }],
      output: 'defaults\n    timeout tunnel 1h\n' + 'frontend f\n  mode http\n  timeout client 20s\n  bind :80\n  acl is_ws path_beg /ws\n  use_backend ws if is_ws\n' + 'backend ws\n  mode http\n  server s 127.0.0.1:9\n',
    },
    {
      name: 'timeout server 0 is no limit: the client side decides; the fix goes after the last timeout line',
      code: 'frontend f\n  mode http\n  timeout client 20s\n  bind :80\n  acl is_ws path_beg /ws\n  use_backend ws if is_ws\n' + 'backend ws\n  mode http\n  timeout server 0\n  server s 127.0.0.1:9\n',
      errors: [{ line: 7, column: 1, severity: 'warning', message: 'backend ws, no timeout tunnel: timeout client 20s (frontend f) closes WebSockets idle that long' }],
      output: 'frontend f\n  mode http\n  timeout client 20s\n  bind :80\n  acl is_ws path_beg /ws\n  use_backend ws if is_ws\n' + 'backend ws\n  mode http\n  timeout server 0\n  timeout tunnel 1h\n  server s 127.0.0.1:9\n',
    },
    {
      name: 'the shorter of client and server is named: timeout server 20s under timeout client 50s',
      code: defaults.replace('timeout server  50000', 'timeout server  20s') + proxies,
      errors: [{ line: 1, column: 1, severity: 'warning', message: 'backend app, no timeout tunnel: timeout server 20s closes WebSockets idle that long' }],
      output: defaults.replace('timeout server  50000', 'timeout server  20s') + '        timeout tunnel 1h\n' + proxies,
    },
    {
      name: 'option value 2h: 90 min limits are shorter than what the fix sets, so reported',
      options: { value: '2h' },
      code: defaults.replace(/50000/g, '90m') + proxies,
      errors: [{ line: 1, column: 1, severity: 'info', message: 'backend app, no timeout tunnel: timeout client 90m (frontend f) closes idle WebSockets unless the app pings' }],
      output: defaults.replace(/50000/g, '90m') + '        timeout tunnel 2h\n' + proxies,
    },
    {
      name: 'option minimum 2m: 60 s limits, heartbeat unknown, are too short',
      options: { minimum: '2m' },
      code: defaults.replace(/50000/g, '60s') + proxies,
      errors: [{ line: 1, column: 1, severity: 'warning', message: 'backend app, no timeout tunnel: timeout client 60s (frontend f) closes WebSockets idle that long' }],
      output: defaults.replace(/50000/g, '60s') + '        timeout tunnel 1h\n' + proxies,
    },
    {
      name: 'a heartbeat declared for the path an acl of the listen names',
      websocket: { heartbeat: { paths: { '/ws': '2m' } } },
      code: 'defaults\n  mode http\n  timeout client 20s\n  timeout server 50s\nlisten l\n  bind :80\n  acl is_ws path_beg /ws\n  server s 127.0.0.1:9\n',
      errors: [{ line: 1, column: 1, severity: 'warning', message: 'listen l, no timeout tunnel: timeout client 20s is shorter than the 120 s heartbeat of websocket.heartbeat for /ws' }],
      output: 'defaults\n  mode http\n  timeout client 20s\n  timeout server 50s\n  timeout tunnel 1h\nlisten l\n  bind :80\n  acl is_ws path_beg /ws\n  server s 127.0.0.1:9\n',
    },
    {
      name: 'limits under the minimum for a console known to send nothing: the app is named',
      code: 'defaults\n  mode http\n  timeout client 10s\n  timeout server 10s\nlisten novnc\n  bind :6080\n  server s1 127.0.0.1:6080\n',
      errors: [{ line: 1, column: 1, severity: 'warning', message: 'listen novnc, no timeout tunnel: timeout client 10s cuts idle noVNC/SPICE console WebSockets' }],
      output: 'defaults\n  mode http\n  timeout client 10s\n  timeout server 10s\n  timeout tunnel 1h\nlisten novnc\n  bind :6080\n  server s1 127.0.0.1:6080\n',
    },
    {
      name: 'two backends share one defaults, both info: both named, the first one\'s limit kept',
      code:
        'defaults\n  mode http\n  timeout client 50s\n  timeout server 50s\n' +
        'frontend fa\n  # proxylint: websocket\n  timeout client 40s\n  bind :80\n  default_backend a\n' +
        'frontend fb\n  # proxylint: websocket\n  timeout client 45s\n  bind :81\n  default_backend b\n' +
        'backend a\n  server s 127.0.0.1:1\nbackend b\n  server s 127.0.0.1:2\n',
      errors: [{ line: 1, column: 1, severity: 'info', message: 'backend a, backend b, no timeout tunnel: timeout client 40s (frontend fa) closes idle WebSockets unless the app pings' }],
      output:
        'defaults\n  mode http\n  timeout client 50s\n  timeout server 50s\n  timeout tunnel 1h\n' +
        'frontend fa\n  # proxylint: websocket\n  timeout client 40s\n  bind :80\n  default_backend a\n' +
        'frontend fb\n  # proxylint: websocket\n  timeout client 45s\n  bind :81\n  default_backend b\n' +
        'backend a\n  server s 127.0.0.1:1\nbackend b\n  server s 127.0.0.1:2\n',
    },
    {
      name: "a backend reached only by a dynamic use_backend (no frontend names it): the defaults' timeout client stands for the frontend's",
      code: 'defaults\n  mode http\n  timeout client 10s\n  timeout server 20s\nfrontend f\n  bind :80\n  use_backend %[req.hdr(host),lower]\nbackend socketio\n  server s 127.0.0.1:9\n',
      errors: [{ line: 1, column: 1, severity: 'warning', message: "backend socketio, no timeout tunnel: timeout client 10s is shorter than Socket.IO's 25 s heartbeat" }],
      output: 'defaults\n  mode http\n  timeout client 10s\n  timeout server 20s\n  timeout tunnel 1h\nfrontend f\n  bind :80\n  use_backend %[req.hdr(host),lower]\nbackend socketio\n  server s 127.0.0.1:9\n',
    },
    {
      name: 'an own timeout tunnel of 15 s in mode http, heartbeat unknown: under the 30 s minimum, on that line; the fix sets 1h',
      code: defaults + 'frontend f\n\tbind :80\n\tdefault_backend app\nbackend app\n\ttimeout tunnel 15s\n\tserver s1 127.0.0.1:3000\n',
      errors: [{ line: 10, column: 2, severity: 'warning', message: 'backend app: timeout tunnel 15s closes WebSockets idle that long' }],
      output: defaults + 'frontend f\n\tbind :80\n\tdefault_backend app\nbackend app\n\ttimeout tunnel 1h\n\tserver s1 127.0.0.1:3000\n',
    },
    {
      name: "haproxy#2280: the TCP hop into the unix-socket frontend keeps the defaults' timeout tunnel 5s whatever the backend behind sets (no fix: inherited)",
      code: chain('  timeout tunnel 5s\n', '  timeout tunnel 1h\n'),
      errors: [{ line: 5, column: 3, severity: 'warning', message: 'backend be_sni: timeout tunnel 5s closes WebSockets idle that long' }],
    },
    {
      name: 'the same hop without timeout tunnel: the TCP connection idles out at timeout server 10s; the fix adds timeout tunnel to defaults',
      code: chain('', '  timeout tunnel 1h\n'),
      errors: [{ line: 1, column: 1, severity: 'warning', message: 'backend be_sni, no timeout tunnel: timeout server 10s closes WebSockets idle that long' }],
      output: chain('  timeout tunnel 1h\n', '  timeout tunnel 1h\n'),
    },
    {
      name: 'a loopback server at the port a frontend binds on every address is a hop too',
      code: chain('  timeout tunnel 5s\n', '  timeout tunnel 1h\n', '127.0.0.1:8444', '*:8444'),
      errors: [{ line: 5, column: 3, severity: 'warning', message: 'backend be_sni: timeout tunnel 5s closes WebSockets idle that long' }],
    },
  ],
});
