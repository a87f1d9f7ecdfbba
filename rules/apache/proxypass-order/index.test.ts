import { ruleTester } from '../../../test/support/rule-tester';
import { lintCase } from '../../../test/support/lint-case';
import rule from './index';
import { MODS, WST, RW } from '../../../test/support/apache-modules';


ruleTester(rule, {
  valid: [
    // RewriteRule [P] order: a guarded catch-all, the ws:// rule first, or a per-directory
    // ^/(.*) (the path has no leading slash there) leave the ws:// rule reachable.
    { name: 'the catch-all [P] is guarded by !=websocket (cockpit wiki)', code: MODS + RW + 'RewriteEngine On\nRewriteCond %{HTTP:Upgrade} !=websocket [NC]\nRewriteRule /(.*) http://b/$1 [P,L]\nRewriteCond %{HTTP:Upgrade} =websocket [NC]\nRewriteRule /(.*) ws://b/$1 [P,L]\n' },
    { name: 'the ws:// rule comes first', code: MODS + RW + 'RewriteEngine On\nRewriteCond %{HTTP:Upgrade} websocket [NC]\nRewriteRule ^(.*) ws://b/$1 [P,L]\nRewriteRule ^(.*)$ http://b/$1 [P]\n' },
    { name: 'per-directory ^/(.*)$ matches no path (no leading slash there)', filename: '.htaccess', code: 'RewriteEngine On\nRewriteRule ^/(.*)$ http://b/$1 [P]\nRewriteCond %{HTTP:Upgrade} websocket [NC]\nRewriteRule ^(.*) ws://b/$1 [P,L]\n' },
    { name: 'the earlier rule is not a catch-all', code: MODS + RW + 'RewriteEngine On\nRewriteRule ^/api/(.*)$ http://b/api/$1 [P]\nRewriteCond %{HTTP:Upgrade} websocket [NC]\nRewriteRule ^/(.*) ws://b/$1 [P,L]\n' },
    // A pattern with glob characters (apr_fnmatch_test) makes mod_proxy compile the ProxyPass
    // as a regex alias, the request URI appended to the target (101 observed): not dead.
    { name: 'ProxyPass in a <LocationMatch> whose pattern holds * (a regex alias)', code: MODS + '<LocationMatch "^/app/sock.*">\n  ProxyPass ws://b\n</LocationMatch>\n' },
    { name: 'jupyterhub#367 shape: <Location ~> with [^/]* after a catch-all', code: MODS + 'ProxyPass / http://b:8888/\n<Location ~ "/(user/[^/]*)/(api/kernels/[^/]+/channels|terminals/websocket)/?">\n  ProxyPass ws://b:8888\n</Location>\n' },
    // every working variant observed on 2.4.71
    { code: MODS + WST + 'ProxyPass /ws ws://127.0.0.1:3000/ws\nProxyPass / http://127.0.0.1:3000/\n' },
    { code: MODS + 'ProxyPass /ws ws://127.0.0.1:3000/ws\n' },
    { code: MODS + 'ProxyPass /ws http://127.0.0.1:3000/ws upgrade=websocket\nProxyPass / http://127.0.0.1:3000/\n' },
    { code: MODS + RW + 'RewriteEngine On\nRewriteCond %{HTTP:Upgrade} websocket [NC]\nRewriteCond %{HTTP:Connection} upgrade [NC]\nRewriteRule ^/?(.*) "ws://127.0.0.1:3000/$1" [P,L]\n' },
    // the docs' form: ProxyPassMatch for the ws URL, then the general one
    { code: MODS + 'ProxyPassMatch ^/(myApp/ws)$ ws://backend.example.com:9080/$1\nProxyPass / http://backend.example.com:9080/\n' },
    // the general one carries upgrades itself
    { code: MODS + 'ProxyPass / http://b/ upgrade=websocket\nProxyPass /ws ws://b/ws\n' },
    // no overlap: /w does not cover /ws (segment match)
    { code: MODS + 'ProxyPass /w http://b/\nProxyPass /ws ws://b/ws\n' },
    // <Location> forms are found before server-level entries
    { code: MODS + 'ProxyPass / http://b/\n<Location /ws>\n  ProxyPass ws://b/ws\n</Location>\n' },
    // the vhost's own list comes after the main server's, but this vhost has no general entry
    { code: MODS + '<VirtualHost *:80>\nProxyPass /ws ws://b/ws\nProxyPass / http://b/\n</VirtualHost>\n' },
    // the specific <Location> after the general one: it merges last and wins (101 observed)
    { code: MODS + '<Location /app>\n  ProxyPass http://b/app\n</Location>\n<Location /app/socket>\n  ProxyPass ws://b/app/socket\n</Location>\n' },
    { code: MODS + '<Location /app>\n  ProxyPass http://b/app upgrade=websocket\n</Location>\n' },
    // no overlap between the sections
    { code: MODS + '<Location /socket>\n  ProxyPass ws://b/socket\n</Location>\n<Location /app>\n  ProxyPass http://b/app\n</Location>\n' },
    // the shadowed entry is dead, but a ws:// RewriteRule [P] takes the handshakes first
    // (cockpit-project/cockpit#7665; 101 on the real server, settled-apache-haproxy.test.ts)
    {
      code:
        MODS + RW +
        '<VirtualHost *:80>\nProxyPass / http://b/\nProxyPass /cockpit/socket ws://b/cockpit/socket\nRewriteEngine on\nRewriteCond %{REQUEST_URI} ^/cockpit/socket [NC,OR]\nRewriteCond %{HTTP:UPGRADE} ^WebSocket$ [NC]\nRewriteRule .* ws://b%{REQUEST_URI} [P,L]\n</VirtualHost>\n',
    },
    // Only WebSocket routes are this rule's business: a dead plain entry or rewrite is not.
    // A WebSocket path proxied over http:// without upgrade= cannot carry the upgrade wherever it
    // stands: apache/websocket-proxypass-upgrade's finding, not a matter of order.
    { name: 'a WebSocket path without ws:// or upgrade= behind the catch-all', code: MODS + 'ProxyPass / http://b/\nProxyPass /ws http://b/ws\n' },
    { name: 'a plain ProxyPass behind the catch-all', code: MODS + 'ProxyPass / http://b/\nProxyPass /api http://b/api\n' },
    { name: 'a plain RewriteRule [P] behind a catch-all [P]', code: MODS + RW + 'RewriteEngine On\nRewriteRule ^(.*)$ http://b/$1 [P]\nRewriteRule ^/api(.*) http://c/api$1 [P]\n' },
    // The earlier rule must proxy every request over http(s) to take the handshakes away.
    { name: 'a catch-all that only sets a variable (-, no [P]) passes on', code: MODS + RW + 'RewriteEngine On\nRewriteRule ^(.*)$ - [E=SEEN:1]\nRewriteRule ^/ws(.*) ws://b/ws$1 [P,L]\n' },
    { name: 'a ws:// catch-all carries the WebSocket itself', code: MODS + RW + 'RewriteEngine On\nRewriteRule ^(.*)$ ws://a/$1 [P]\nRewriteRule ^/ws(.*) ws://b/ws$1 [P,L]\n' },
    { name: 'a catch-all under a RewriteCond does not take every request', code: MODS + RW + 'RewriteEngine On\nRewriteCond %{REQUEST_URI} !^/ws\nRewriteRule ^(.*)$ http://b/$1 [P]\nRewriteRule ^/ws(.*) ws://b/ws$1 [P,L]\n' },
    { name: 'the main server\'s rewrites do not run in a vhost (no RewriteOptions Inherit)', code: MODS + RW + 'RewriteEngine On\nRewriteRule ^/(.*) http://b/$1 [P]\n<VirtualHost *:80>\nRewriteEngine On\nRewriteRule ^/ws(.*) ws://b/ws$1 [P,L]\n</VirtualHost>\n' },
  ],
  invalid: [
    {
      name: 'Location paths too long for the whole sentence: the shortest wording that says which one wins',
      code: "<VirtualHost *:80>\n    ServerName guac.example.org\n    <Location /guacamole/websocket-tunnel-for-remote-desktops>\n        ProxyPass ws://127.0.0.1:8080/guacamole/websocket-tunnel-for-remote-desktops\n    </Location>\n    <Location /guacamole/>\n        ProxyPass http://127.0.0.1:8080/guacamole/\n    </Location>\n</VirtualHost>\n",
      errors: [{ line: 3, column: 5, severity: 'error', message: '<Location /guacamole/websocket-tunnel-for-remote-desktops> is dead: the later <Location /guacamole/> wins.', fix: 'safe' }],
      output: "<VirtualHost *:80>\n    ServerName guac.example.org\n    <Location /guacamole/>\n        ProxyPass http://127.0.0.1:8080/guacamole/\n    </Location>\n    <Location /guacamole/websocket-tunnel-for-remote-desktops>\n        ProxyPass ws://127.0.0.1:8080/guacamole/websocket-tunnel-for-remote-desktops\n    </Location>\n</VirtualHost>\n",
    },
    {
      name: 'a catch-all RewriteRule [P] before the ws:// rule (uptime-kuma#1094, .htaccess): fixed by moving the guarded rule up',
      filename: '.htaccess',
      code: 'RewriteEngine On\nRewriteRule ^(.*)$ http://b:3001/$1 [P]\nRewriteCond %{HTTP:Upgrade} websocket [NC]\nRewriteCond %{HTTP:Connection} upgrade [NC]\nRewriteRule ^(.*) ws://b:3001/$1 [P,L]\n',
      errors: [{ line: 5, column: 1, message: 'RewriteRule ^(.*) is never reached: RewriteRule ^(.*)$ [P] (line 2) proxies every request first (426).' }],
      output: 'RewriteEngine On\nRewriteCond %{HTTP:Upgrade} websocket [NC]\nRewriteCond %{HTTP:Connection} upgrade [NC]\nRewriteRule ^(.*) ws://b:3001/$1 [P,L]\nRewriteRule ^(.*)$ http://b:3001/$1 [P]\n',
    },
    {
      name: 'server context ^/(.*) catch-all; an unguarded ws:// rule moves only as an unsafe fix',
      code: MODS + RW + '<VirtualHost *:80>\nRewriteEngine On\nRewriteRule ^/(.*) http://b/$1 [P,L]\nRewriteRule ^/ws(.*) ws://b/ws$1 [P,L]\n</VirtualHost>\n',
      errors: [{ line: 7, column: 1, message: 'RewriteRule ^/ws(.*) is never reached: RewriteRule ^/(.*) [P] (line 6) proxies every request first (426).', fix: 'unsafe' }],
      output: MODS + RW + '<VirtualHost *:80>\nRewriteEngine On\nRewriteRule ^/ws(.*) ws://b/ws$1 [P,L]\nRewriteRule ^/(.*) http://b/$1 [P,L]\n</VirtualHost>\n',
    },
    {
      name: 'a ws:// rewrite whose pattern cannot match the shadowed path does not excuse it',
      code: MODS + RW + 'ProxyPass / http://b/\nProxyPass /ws ws://b/ws\nRewriteEngine on\nRewriteCond %{HTTP:Upgrade} websocket [NC]\nRewriteRule ^/socket(.*) ws://b/socket$1 [P,L]\n',
      errors: [{ line: 5, column: 1, endLine: 5, endColumn: 10, message: 'ProxyPass /ws is never used: ProxyPass / (line 4) takes /ws first (426).' }],
      output: MODS + RW + 'ProxyPass /ws ws://b/ws\nProxyPass / http://b/\nRewriteEngine on\nRewriteCond %{HTTP:Upgrade} websocket [NC]\nRewriteRule ^/socket(.*) ws://b/socket$1 [P,L]\n',
    },
    {
      name: 'a wss:// entry behind an https:// catch-all is dead the same way',
      code: MODS + 'SSLProxyEngine on\nProxyPass / https://b/\nProxyPass /ws wss://b/ws\n',
      errors: [{ signal: { kind: 'scheme', detail: 'the target is wss://' }, line: 5, column: 1, message: 'ProxyPass /ws is never used: ProxyPass / (line 4) takes /ws first (426).' }],
      output: MODS + 'SSLProxyEngine on\nProxyPass /ws wss://b/ws\nProxyPass / https://b/\n',
    },
    {
      name: 'upgrade=ANY tunnels every protocol, WebSocket included: dead behind the catch-all',
      code: MODS + 'ProxyPass / http://b/\nProxyPass /ws http://b/ws upgrade=ANY\n',
      errors: [{ line: 4, column: 1, message: 'ProxyPass /ws is never used: ProxyPass / (line 3) takes /ws first (426).' }],
      output: MODS + 'ProxyPass /ws http://b/ws upgrade=ANY\nProxyPass / http://b/\n',
    },
    {
      code: MODS + 'ProxyPass / http://127.0.0.1:3000/\nProxyPass /ws ws://127.0.0.1:3000/ws\n',
      errors: [{ line: 4, column: 1, endLine: 4, endColumn: 10, message: 'ProxyPass /ws is never used: ProxyPass / (line 3) takes /ws first (426).' }],
      output: MODS + 'ProxyPass /ws ws://127.0.0.1:3000/ws\nProxyPass / http://127.0.0.1:3000/\n',
    },
    {
      name: 'in a vhost, upgrade=websocket route shadowed by a same-path http one',
      code: MODS + '<VirtualHost *:80>\n    ProxyPass /app/ http://b/app/\n    ProxyPass /app/ws http://b/app/ws upgrade=websocket\n</VirtualHost>\n',
      errors: [{ signal: { kind: 'upgrade-param', detail: 'it sets upgrade=websocket' }, line: 5, column: 5, message: 'ProxyPass /app/ws is never used: ProxyPass /app/ (line 4) takes /app/ws first (426).' }],
      output: MODS + '<VirtualHost *:80>\n    ProxyPass /app/ws http://b/app/ws upgrade=websocket\n    ProxyPass /app/ http://b/app/\n</VirtualHost>\n',
    },
    {
      name: 'the main server\'s catch-all comes before every vhost entry: no move across scopes',
      code: MODS + 'ProxyPass / http://b/\n<VirtualHost *:80>\nProxyPass /ws ws://b/ws\n</VirtualHost>\n',
      errors: [{ line: 5, column: 1, message: 'ProxyPass /ws is never used: ProxyPass / (line 3) takes /ws first (426).' }],
      output: null,
    },
    {
      name: 'before 2.4.47 the move is not offered (wstunnel would take plain requests too)',
      code: MODS + WST + 'ProxyPass / http://b/\nProxyPass /ws ws://b/ws\n',
      targets: { apache: '2.4.46' },
      errors: [{ line: 5, column: 1, message: 'ProxyPass /ws is never used: ProxyPass / (line 4) takes /ws first (426).' }],
      output: null,
    },
    {
      name: '<Location> for the socket before the general <Location> (426 observed): moved after it, safe',
      code: MODS + '<Location /app/socket>\n  ProxyPass ws://b/app/socket\n</Location>\n<Location /app>\n  ProxyPass http://b/app\n  ProxyPassReverse http://b/app\n</Location>\n',
      errors: [{ signal: { kind: 'scheme', detail: 'the target is ws://' }, line: 3, column: 1, endLine: 3, endColumn: 10, message: '<Location /app/socket> is dead: the later <Location /app> (line 7) also matches and wins.' }],
      output: MODS + '<Location /app>\n  ProxyPass http://b/app\n  ProxyPassReverse http://b/app\n</Location>\n<Location /app/socket>\n  ProxyPass ws://b/app/socket\n</Location>\n',
    },
    {
      name: '<LocationMatch> before <Location>: the same merge group, file order (426 observed)',
      code: MODS + '<LocationMatch "^/app/(socket|ws)">\n  ProxyPassMatch ws://b/app/socket\n</LocationMatch>\n<Location /app>\n  ProxyPass http://b/app\n</Location>\n',
      errors: [{ line: 3, column: 1, message: '<LocationMatch ^/app/(socket|ws)> is dead: the later <Location /app> (line 7) also matches and wins.', fix: 'unsafe' }],
      output: MODS + '<Location /app>\n  ProxyPass http://b/app\n</Location>\n<LocationMatch "^/app/(socket|ws)">\n  ProxyPassMatch ws://b/app/socket\n</LocationMatch>\n',
    },
    {
      name: 'ProxyPass (not ProxyPassMatch) in <LocationMatch>: 404 wherever it stands (observed)',
      code: MODS + '<LocationMatch "^/app/socket">\n  ProxyPass ws://b/app/socket\n</LocationMatch>\n',
      errors: [{ signal: { kind: 'scheme', detail: 'the target is ws://' }, line: 4, column: 3, endLine: 4, endColumn: 12, message: 'ProxyPass inside <LocationMatch ^/app/socket> serves nothing (404): use ProxyPassMatch there.' }],
      output: null,
    },
    {
      name: 'a <Location> ProxyPass is tried before every server-level entry: it takes the socket path',
      code: MODS + '<Location /app>\n  ProxyPass http://b/app\n</Location>\nProxyPass /app/socket ws://b/app/socket\n',
      errors: [{ line: 6, column: 1, endLine: 6, endColumn: 10, message: 'ProxyPass /app/socket is never used: <Location /app> (line 4) takes /app/socket first (426).' }],
      output: null,
    },
    {
      name: 'the same backend URL once double slashes are read as one: safe',
      code: MODS + 'ProxyPass / http://b//\nProxyPass /ws/ ws://b//ws/\n',
      errors: [{ line: 4, column: 1, message: 'ProxyPass /ws/ is never used: ProxyPass / (line 3) takes /ws/ first (426).', fix: 'safe' }],
      output: MODS + 'ProxyPass /ws/ ws://b//ws/\nProxyPass / http://b//\n',
    },
    {
      name: 'another backend for plain requests after the move: unsafe',
      code: MODS + 'ProxyPass / http://b/\nProxyPass /ws ws://c/ws\n',
      errors: [{ line: 4, column: 1, message: 'ProxyPass /ws is never used: ProxyPass / (line 3) takes /ws first (426).', fix: 'unsafe' }],
      output: MODS + 'ProxyPass /ws ws://c/ws\nProxyPass / http://b/\n',
    },
    {
      name: 'the last line without a line break: no move is offered',
      code: MODS + 'ProxyPass / http://b/\nProxyPass /ws ws://b/ws',
      errors: [{ line: 4, column: 1, message: 'ProxyPass /ws is never used: ProxyPass / (line 3) takes /ws first (426).' }],
      output: null,
    },
    {
      name: 'comments, ProxyPassReverse and ProxyPassReverseCookiePath are proxy mappings: the section move is safe',
      code: MODS + '<Location /app/socket>\n  # the socket\n  ProxyPass ws://b/app/socket\n  ProxyPassReverse ws://b/app/socket\n</Location>\n<Location /app>\n  ProxyPass http://b/app\n  ProxyPassReverseCookiePath / /app\n</Location>\n',
      errors: [{ line: 3, column: 1, message: '<Location /app/socket> is dead: the later <Location /app> (line 9) also matches and wins.', fix: 'safe' }],
      output: MODS + '<Location /app>\n  ProxyPass http://b/app\n  ProxyPassReverseCookiePath / /app\n</Location>\n<Location /app/socket>\n  # the socket\n  ProxyPass ws://b/app/socket\n  ProxyPassReverse ws://b/app/socket\n</Location>\n',
    },
    {
      name: 'a section with other settings (Header) moves only as an unsafe fix',
      code: MODS + '<Location /app/socket>\n  ProxyPass ws://b/app/socket\n  Header set X-A 1\n</Location>\n<Location /app>\n  ProxyPass http://b/app\n</Location>\n',
      errors: [{ line: 3, column: 1, message: '<Location /app/socket> is dead: the later <Location /app> (line 8) also matches and wins.', fix: 'unsafe' }],
      output: MODS + '<Location /app>\n  ProxyPass http://b/app\n</Location>\n<Location /app/socket>\n  ProxyPass ws://b/app/socket\n  Header set X-A 1\n</Location>\n',
    },
    {
      name: 'sections sending the socket to another backend: unsafe',
      code: MODS + '<Location /app/socket>\n  ProxyPass ws://c/app/socket\n</Location>\n<Location /app>\n  ProxyPass http://b/app\n</Location>\n',
      errors: [{ line: 3, column: 1, message: '<Location /app/socket> is dead: the later <Location /app> (line 7) also matches and wins.', fix: 'unsafe' }],
      output: MODS + '<Location /app>\n  ProxyPass http://b/app\n</Location>\n<Location /app/socket>\n  ProxyPass ws://c/app/socket\n</Location>\n',
    },
    {
      name: 'a ProxyPassMatch behind another: the regex prefix /app/socket is the sample path; unsafe (regex targets)',
      code: MODS + 'ProxyPassMatch ^/(app)/ http://b/$1/\nProxyPassMatch ^/(app/socket)$ ws://b/$1\n',
      errors: [{ line: 4, column: 1, endLine: 4, endColumn: 15, message: 'ProxyPassMatch ^/(app/socket)$ is never used: ProxyPassMatch ^/(app)/ (line 3) takes /app/socket first (426).', fix: 'unsafe' }],
      output: MODS + 'ProxyPassMatch ^/(app/socket)$ ws://b/$1\nProxyPassMatch ^/(app)/ http://b/$1/\n',
    },
    {
      name: 'the sample path stops at the first regex character and unwraps a leading group',
      code: MODS + 'ProxyPass / http://b/\nProxyPassMatch ^(/ws).*$ ws://b$1\n',
      errors: [{ line: 4, column: 1, message: 'ProxyPassMatch ^(/ws).*$ is never used: ProxyPass / (line 3) takes /ws first (426).', fix: 'unsafe' }],
      output: MODS + 'ProxyPassMatch ^(/ws).*$ ws://b$1\nProxyPass / http://b/\n',
    },
    {
      name: 'a rewrite guarded by Connection only (not Upgrade): the move is unsafe',
      code: MODS + RW + 'RewriteEngine On\nRewriteRule ^(.*)$ http://b/$1 [P]\nRewriteCond %{HTTP:Connection} upgrade [NC]\nRewriteRule ^/ws(.*) ws://b/ws$1 [P,L]\n',
      errors: [{ line: 7, column: 1, message: 'RewriteRule ^/ws(.*) is never reached: RewriteRule ^(.*)$ [P] (line 5) proxies every request first (426).', fix: 'unsafe' }],
      output: MODS + RW + 'RewriteEngine On\nRewriteCond %{HTTP:Connection} upgrade [NC]\nRewriteRule ^/ws(.*) ws://b/ws$1 [P,L]\nRewriteRule ^(.*)$ http://b/$1 [P]\n',
    },
    {
      name: 'a rewrite on the last line without a line break: no move is offered',
      code: MODS + RW + 'RewriteEngine On\nRewriteRule ^(.*)$ http://b/$1 [P]\nRewriteRule ^/ws(.*) ws://b/ws$1 [P,L]',
      errors: [{ line: 6, column: 1, message: 'RewriteRule ^/ws(.*) is never reached: RewriteRule ^(.*)$ [P] (line 5) proxies every request first (426).' }],
      output: null,
    },
    {
      name: 'server-level ProxyPassMatch shadowed by an earlier catch-all',
      code: MODS + 'ProxyPass / http://b/\nProxyPassMatch ^/(app/ws)$ ws://b/$1\n',
      errors: [{ line: 4, column: 1, message: 'ProxyPassMatch ^/(app/ws)$ is never used: ProxyPass / (line 3) takes /app/ws first (426).', fix: 'unsafe' }],
      output: MODS + 'ProxyPassMatch ^/(app/ws)$ ws://b/$1\nProxyPass / http://b/\n',
    },
  ],
});

describe('apache/proxypass-order fix applicability', () => {
  const fixOf = (code: string) => lintCase('apache', [rule], { code }).messages.map((m) => m.raw.fix?.applicability ?? 'none');
  test('same backend URL after the move: safe (the ws:// entry serves plain requests itself)', () => {
    expect(fixOf(MODS + 'ProxyPass / http://b/\nProxyPass /ws ws://b/ws\n')).toEqual(['safe']);
  });
  test('another backend URL for plain requests after the move: unsafe', () => {
    expect(fixOf(MODS + 'ProxyPass / http://b/\nProxyPass /ws ws://c:3001/socket\n')).toEqual(['unsafe']);
  });
  test('sections holding more than proxy mappings: moving changes their merge too, unsafe', () => {
    expect(fixOf(MODS + '<Location /app/socket>\n  ProxyPass ws://b/app/socket\n</Location>\n<Location /app>\n  ProxyPass http://b/app\n  Require all granted\n</Location>\n')).toEqual(['unsafe']);
  });
});
