import { ruleTester } from '../../../test/support/rule-tester';
import rule from './index';
import { MODS, WST, RW } from '../../../test/support/apache-modules';

const CONDS = 'RewriteCond %{HTTP:Upgrade} websocket [NC]\nRewriteCond %{HTTP:Connection} upgrade [NC]\n';
const SHORT = { minimum: 3 };

const HB = { heartbeat: '10s' };

ruleTester(rule, {
  valid: [
    // every variant observed to survive a 3 s idle on 2.4.71 (minimum lowered to 3 s, as in e2e); a declared
    // 10 s heartbeat fits in the 60 s default Timeout, so only a wrongly shortened limit would fire
    { name: 'ProxyTimeout 2 does not shorten the tunnel (Timeout 60 decides)', code: MODS + WST + 'ProxyTimeout 2\nProxyPass /ws ws://127.0.0.1:3000/ws\n', options: SHORT, websocket: HB },
    { name: 'timeout=2 does not shorten the tunnel', code: MODS + WST + 'ProxyPass /ws ws://127.0.0.1:3000/ws timeout=2\n', options: SHORT, websocket: HB },
    { name: 'Timeout 2 with ProxyTimeout 60: max() is 60', code: MODS + WST + 'Timeout 2\nProxyTimeout 60\nProxyPass /ws ws://127.0.0.1:3000/ws\n', options: SHORT },
    { name: 'Timeout 2 with timeout=60 on the route', code: MODS + 'Timeout 2\nProxyPass /ws http://127.0.0.1:3000/ws upgrade=websocket timeout=60\n', options: SHORT },
    { name: 'RewriteRule with Timeout 2 and ProxyTimeout 60', code: MODS + RW + 'Timeout 2\nProxyTimeout 60\nRewriteEngine On\n' + CONDS + 'RewriteRule ^/?(.*) "ws://127.0.0.1:3000/$1" [P,L]\n', options: SHORT },
    // explicit limits at or above the 30 s minimum, no heartbeat known
    { code: MODS + 'Timeout 300\nProxyPass /ws ws://127.0.0.1:3000/ws\n' },
    { code: MODS + 'Timeout 30\nProxyPass /ws ws://b/ws timeout=3600\n' },
    { code: MODS + 'Timeout 5mi\nProxyPass /ws ws://b/ws\n' },
    { name: 'an application that sends nothing under an explicit limit beyond the default plus margin', code: MODS + 'Timeout 66\nProxyPass /websockify ws://novnc:6080/websockify\n' },
    // a known heartbeat inside the limit: Socket.IO 25 s in the 60 s default; Action Cable 3 s in Timeout 10
    { name: "Socket.IO's 25 s ping fits in httpd's default 60 s", code: MODS + 'ProxyPass /socket.io/ ws://127.0.0.1:3000/socket.io/\n' },
    { name: "Action Cable's 3 s beat fits in Timeout 10", code: MODS + 'Timeout 10\nProxyPass /cable ws://127.0.0.1:3000/cable\n' },
    { name: 'a backend host named after the application (code-server, 5 s keep-alive)', code: MODS + 'Timeout 15\nProxyPass / ws://code-server:8080/\n' },
    // a site file without its own Timeout inherits the main config's: unknown, not judged
    { code: '<VirtualHost *:80>\n  ProxyPass /ws ws://b/ws\n</VirtualHost>\n', filename: 'sites-enabled/app.conf' },
    // not a tunnel: plain routes, an http:// WebSocket path without upgrade= (another rule's finding), exclusions
    { code: MODS + 'Timeout 10\nProxyPass /api http://b/api\nProxyPass /ws http://b/ws\nProxyPass /ws2 !\n' },
    { code: MODS + RW + 'Timeout 10\nRewriteEngine On\nRewriteRule ^/(.*) http://b/$1 [P]\n' },
    // a vhost with its own long Timeout
    { code: MODS + 'Timeout 10\n<VirtualHost *:80>\n  Timeout 600\n  ProxyPass /ws ws://b/ws\n</VirtualHost>\n' },
  ],
  invalid: [
    {
      name: "an application that sends nothing under an explicit limit within the default's margin (61 s < 60 s + 5 s) cuts what the default cuts, as on nginx",
      code: MODS + 'Timeout 61\nProxyPass /websockify ws://novnc:6080/websockify\n',
      errors: [{ line: 4, column: 1, severity: 'warning', message: 'ProxyPass /websockify: Timeout 61 (line 3) cuts idle noVNC/SPICE console WebSockets' }],
      output: MODS + 'Timeout 61\nProxyPass /websockify ws://novnc:6080/websockify timeout=3600\n',
    },
    {
      name: 'core Timeout 2 cuts the tunnel (observed: cut after 2 s)',
      code: MODS + WST + 'Timeout 2\nProxyPass /ws ws://127.0.0.1:3000/ws\n',
      options: SHORT,
      errors: [{
        line: 5, column: 1, endLine: 5, endColumn: 10, severity: 'warning',
        message: 'ProxyPass /ws: Timeout 2 (line 4) closes WebSockets idle that long',
      }],
      output: MODS + WST + 'Timeout 2\nProxyPass /ws ws://127.0.0.1:3000/ws timeout=3600\n',
    },
    {
      name: 'upgrade=ANY tunnels WebSockets too: judged like upgrade=websocket',
      code: MODS + 'ProxyPass /ws http://127.0.0.1:3000/ws upgrade=ANY\n',
      errors: [{ line: 3, column: 1, severity: 'info', message: 'ProxyPass /ws: default Timeout 60 closes idle WebSockets unless the app pings' }],
      output: MODS + 'ProxyPass /ws http://127.0.0.1:3000/ws upgrade=ANY timeout=3600\n',
    },
    {
      name: 'a wss:// route is a tunnel like ws://',
      code: MODS + WST + 'SSLProxyEngine on\nProxyPass /ws wss://127.0.0.1:3000/ws\n',
      errors: [{ line: 5, column: 1, severity: 'info', message: 'ProxyPass /ws: default Timeout 60 closes idle WebSockets unless the app pings' }],
      output: MODS + WST + 'SSLProxyEngine on\nProxyPass /ws wss://127.0.0.1:3000/ws timeout=3600\n',
    },
    {
      name: "httpd's default Timeout 60 in a main config, application unknown: info",
      code: MODS + 'ProxyPass /ws http://127.0.0.1:3000/ws upgrade=websocket\n',
      errors: [{ signal: { kind: 'upgrade-param', detail: 'it sets upgrade=websocket' }, line: 3, column: 1, severity: 'info', message: 'ProxyPass /ws: default Timeout 60 closes idle WebSockets unless the app pings' }],
      output: MODS + 'ProxyPass /ws http://127.0.0.1:3000/ws upgrade=websocket timeout=3600\n',
    },
    {
      name: 'an own timeout= below the core Timeout: the Timeout decides; raised in place',
      code: MODS + 'Timeout 20\nProxyPass /socket.io/ ws://b/socket.io/ timeout=10 retry=0\n',
      errors: [{ signal: { kind: 'scheme', detail: 'the target is ws://', app: 'Socket.IO' }, line: 4, column: 1, severity: 'warning', message: 'ProxyPass /socket.io/: Timeout 20 (line 3) is shorter than Socket.IO\'s 25 s heartbeat' }],
      output: MODS + 'Timeout 20\nProxyPass /socket.io/ ws://b/socket.io/ timeout=3600 retry=0\n',
    },
    {
      name: "the backend named through a Define (expanded as httpd reads the target): Gotify's heartbeat decides",
      code: MODS + 'Define GOTIFY gotify:80\nTimeout 40\nProxyPass /stream ws://${GOTIFY}/stream\n',
      errors: [{ line: 5, column: 1, severity: 'warning', message: "ProxyPass /stream: Timeout 40 (line 4) is shorter than Gotify's 45 s heartbeat" }],
      output: MODS + 'Define GOTIFY gotify:80\nTimeout 40\nProxyPass /stream ws://${GOTIFY}/stream timeout=3600\n',
    },
    {
      name: 'ProxyTimeout decides (larger than Timeout) but is below the declared heartbeat',
      websocket: { heartbeat: { paths: { '/cable': '40s' } } },
      code: MODS + 'Timeout 10\nProxyTimeout 30\n<VirtualHost *:80>\n    <Location /cable>\n        ProxyPass ws://b/cable\n    </Location>\n</VirtualHost>\n',
      errors: [{ signal: { kind: 'scheme', detail: 'the target is ws://', app: 'Action Cable / AnyCable' }, line: 7, column: 9, message: 'ProxyPass /cable: ProxyTimeout 30 (line 4) is shorter than the 40 s heartbeat of websocket.heartbeat for /cable' }],
      output: MODS + 'Timeout 10\nProxyTimeout 30\n<VirtualHost *:80>\n    <Location /cable>\n        ProxyPass ws://b/cable timeout=3600\n    </Location>\n</VirtualHost>\n',
    },
    {
      name: 'RewriteRule [P]: ProxyTimeout is inserted above the rule chain, indented like it (CRLF kept)',
      code: (MODS + RW + '<VirtualHost *:80>\n  Timeout 2\n  RewriteEngine On\n  ' + CONDS.replace(/\n(?=.)/, '\n  ') + '  RewriteRule ^/?(.*) "ws://127.0.0.1:3000/$1" [P,L]\n</VirtualHost>\n').replace(/\n/g, '\r\n'),
      options: SHORT,
      errors: [{ line: 9, column: 3, message: 'RewriteRule ^/?(.*) [P]: Timeout 2 (line 5) closes WebSockets idle that long' }],
      output: (MODS + RW + '<VirtualHost *:80>\n  Timeout 2\n  RewriteEngine On\n  ProxyTimeout 3600\n  ' + CONDS.replace(/\n(?=.)/, '\n  ') + '  RewriteRule ^/?(.*) "ws://127.0.0.1:3000/$1" [P,L]\n</VirtualHost>\n').replace(/\n/g, '\r\n'),
    },
    {
      name: "RewriteRule [P]: the server's own ProxyTimeout is raised",
      code: MODS + RW + 'Timeout 2\nProxyTimeout 1\nRewriteEngine On\n' + CONDS + 'RewriteRule ^/ws$ ws://b/ws [P]\n',
      options: SHORT,
      errors: [{ line: 9, column: 1, message: 'RewriteRule ^/ws$ [P]: Timeout 2 (line 4) closes WebSockets idle that long' }],
      output: MODS + RW + 'Timeout 2\nProxyTimeout 3600\nRewriteEngine On\n' + CONDS + 'RewriteRule ^/ws$ ws://b/ws [P]\n',
    },
    {
      name: 'RewriteRule [P] without mod_proxy loaded: no ProxyTimeout fix (httpd -t: Invalid command)',
      code: RW + 'Timeout 2\nRewriteEngine On\n' + CONDS + 'RewriteRule ^/ws$ ws://b/ws [P]\n',
      options: SHORT,
      errors: [{ line: 6, column: 1, message: 'RewriteRule ^/ws$ [P]: Timeout 2 (line 2) closes WebSockets idle that long' }],
      output: null,
    },
    {
      name: 'RewriteRule [P] inside <Directory>: ProxyTimeout is not allowed there, no fix',
      code: MODS + RW + 'Timeout 2\n<Directory /srv>\n  RewriteEngine On\n  RewriteRule ^ws$ ws://b/ws [P]\n</Directory>\n',
      options: SHORT,
      errors: [{ line: 7, column: 3, message: 'RewriteRule ^ws$ [P]: Timeout 2 (line 4) closes WebSockets idle that long' }],
      output: null,
    },
    {
      name: 'a site file with its own short Timeout is judged',
      code: '<VirtualHost *:80>\n  Timeout 15\n  ProxyPass /ws ws://b/ws\n</VirtualHost>\n',
      filename: 'sites-enabled/app.conf',
      errors: [{ line: 3, column: 3, severity: 'warning', message: 'ProxyPass /ws: Timeout 15 (line 2) closes WebSockets idle that long' }],
      output: '<VirtualHost *:80>\n  Timeout 15\n  ProxyPass /ws ws://b/ws timeout=3600\n</VirtualHost>\n',
    },
  ],
});
