import { ruleTester } from '../../../test/support/rule-tester';
import rule from './index';
import { MODS, WST, RW } from '../../../test/support/apache-modules';

const UP = 'RewriteCond %{HTTP:Upgrade} websocket [NC]\n';
const CONN = 'RewriteCond %{HTTP:Connection} upgrade [NC]\n';

ruleTester(rule, {
  valid: [
    // every working variant observed on 2.4.71 (the docs' recipe, with or without wstunnel)
    { code: MODS + WST + RW + 'RewriteEngine On\n' + UP + CONN + 'RewriteRule ^/?(.*) "ws://127.0.0.1:3000/$1" [P,L]\nProxyPass / http://127.0.0.1:3000/\n' },
    { code: MODS + RW + 'RewriteEngine On\n' + UP + CONN + 'RewriteRule ^/?(.*) "ws://127.0.0.1:3000/$1" [P,L]\nProxyPass / http://127.0.0.1:3000/\n' },
    // ProxyPass routes are not this rule's business
    { code: MODS + WST + 'ProxyPass /ws ws://127.0.0.1:3000/ws\n' },
    { code: MODS + 'ProxyPass /ws http://127.0.0.1:3000/ws upgrade=websocket\n' },
    // other spellings of the guard
    { code: MODS + RW + 'RewriteEngine On\nRewriteCond %{HTTP:UPGRADE} ^WebSocket$ [NC]\nRewriteRule /ws/(.*) wss://b/ws/$1 [P]\n' },
    { code: MODS + RW + 'RewriteEngine On\nRewriteCond %{REQUEST_URI} ^/socket.io [NC]\nRewriteCond %{QUERY_STRING} transport=websocket\nRewriteCond %{HTTP:Upgrade} =websocket [NC]\nRewriteRule /(.*) ws://b/$1 [P,L]\n' },
    // not proxied, or not to ws://
    { code: MODS + RW + 'RewriteEngine On\nRewriteRule ^/old/(.*) ws://b/$1 [R=301]\n' },
    { code: MODS + RW + 'RewriteEngine On\nRewriteRule ^/(.*) http://b/$1 [P]\n' },
    // the guard applies to the rule right after it, in the same context
    { code: MODS + RW + '<VirtualHost *:80>\n  RewriteEngine On\n  ' + UP + '  ' + CONN + '  RewriteRule ^/?(.*) ws://b/$1 [P,L]\n</VirtualHost>\n', filename: 'sites-enabled/app.conf' },
    // an [OR] group that only handshakes pass guards the rule (Mattermost docs' chain)
    { code: MODS + RW + 'RewriteEngine On\nRewriteCond %{REQUEST_URI} ^/api/v3/users/websocket [NC,OR]\nRewriteCond %{HTTP:UPGRADE} ^WebSocket$ [NC,OR]\nRewriteCond %{HTTP:CONNECTION} ^Upgrade$ [NC]\nRewriteRule .* wss://127.0.0.1:8065%{REQUEST_URI} [P,QSA,L]\n' },
    { code: MODS + RW + 'RewriteEngine On\nRewriteCond %{HTTP:Upgrade} websocket [NC,OR]\nRewriteCond %{REQUEST_URI} ^/ws\nRewriteRule ^/(.*) ws://b/$1 [P]\n' },
    // Connection: upgrade alone: browsers' plain requests send keep-alive, never upgrade
    { code: MODS + RW + 'RewriteEngine On\n' + CONN + 'RewriteRule ^/ws$ ws://b/ws [P]\n' },
    // unguarded, but plain requests reach the same backend as through the path's http:// ProxyPass
    // (2.4.47+: mod_proxy_http sends them over ws:// as ordinary HTTP; observed 200 / 101)
    { code: MODS + RW + 'RewriteEngine On\nRewriteRule ^/?(.*) "ws://127.0.0.1:3000/$1" [P,L]\nProxyPass / http://127.0.0.1:3000/\n' },
    { name: 'quassel-webserver README (a vhost fragment: modules unknown)', filename: 'sites-enabled/quassel.conf', code: '<VirtualHost *:80>\nRewriteEngine on\nRewriteRule /quassel/p/socket(.*) ws://127.0.0.1:64080/quassel/p/socket$1 [P,L]\nProxyPass /quassel http://127.0.0.1:64080/quassel\n</VirtualHost>\n' },
    { code: MODS + WST + RW + 'RewriteEngine On\nRewriteRule ^/socket\\.io/(.*) wss://App:443/socket.io/$1 [P,L]\nProxyPass /socket.io https://app/socket.io\nProxyPass / https://app/\n' },
    // guards only handshakes pass: an exact or unanchored WebSocket path, =websocket, Upgrade OR Connection
    { name: 'REQUEST_URI =/socket.io/ (exact match)', code: MODS + RW + 'RewriteEngine On\nRewriteCond %{REQUEST_URI} =/socket.io/\nRewriteRule ^/(.*) ws://b/$1 [P]\n' },
    { name: 'THE_REQUEST naming a WebSocket path', code: MODS + RW + 'RewriteEngine On\nRewriteCond %{THE_REQUEST} /socket.io/\nRewriteRule ^/(.*) ws://b/$1 [P]\n' },
    { name: 'Upgrade =websocket', code: MODS + RW + 'RewriteEngine On\nRewriteCond %{HTTP:Upgrade} =websocket [NC]\nRewriteRule ^/ws(.*) ws://b/ws$1 [P]\n' },
    { name: 'Upgrade [OR] Connection: both alternatives hold only for handshakes', code: MODS + RW + 'RewriteEngine On\nRewriteCond %{HTTP:Upgrade} websocket [NC,OR]\nRewriteCond %{HTTP:Connection} upgrade [NC]\nRewriteRule ^/ws(.*) ws://b/ws$1 [P]\n' },
    // ProxyWebsocketFallbackToProxyHttp On is the default: mod_proxy_http serves the same origin's plain requests
    { name: 'ProxyWebsocketFallbackToProxyHttp On, same origin', code: MODS + WST + RW + 'ProxyWebsocketFallbackToProxyHttp On\nRewriteEngine On\nRewriteRule ^/?(.*) "ws://127.0.0.1:3000/$1" [P,L]\nProxyPass / http://127.0.0.1:3000/\n' },
  ],
  invalid: [
    ...([
      ['another backend', 'ProxyPass / http://127.0.0.1:3001/\n', '^/?(.*)', '2.4.71'],
      ['a page served locally under the rule\'s path', 'ProxyPass /static !\nProxyPass / http://127.0.0.1:3000/\n', '^/?(.*)', '2.4.71'],
      ['a <Location> under the rule\'s path goes to another backend', 'ProxyPass / http://127.0.0.1:3000/\n<Location /api>\nProxyPass http://127.0.0.1:3001/api\n</Location>\n', '^/?(.*)', '2.4.71'],
      ['a <Location> under the rule\'s path is served locally', 'ProxyPass / http://127.0.0.1:3000/\n<Location /static>\nProxyPass !\n</Location>\n', '^/?(.*)', '2.4.71'],
      ['the ProxyPass covers only part of the rule\'s path', 'ProxyPass /app http://127.0.0.1:3000/app\n', '^/?(.*)', '2.4.71'],
      ['http:// vs wss:// is another origin', 'ProxyPass / http://127.0.0.1:3000/\n', '^/?(.*)', '2.4.71', 'wss'],
      ['before 2.4.47 mod_proxy_http does not serve ws://', 'ProxyPass / http://127.0.0.1:3000/\n', '^/?(.*)', '2.4.46'],
    ] as const).map(([name, tail, pat, version, scheme = 'ws']) => ({
      name: `same-origin exemption does not apply: ${name}`,
      code: MODS + RW + `RewriteEngine On\nRewriteRule ${pat} "${scheme}://127.0.0.1:3000/$1" [P,L]\n` + tail,
      targets: { apache: version },
      errors: [{ line: 5, column: 1, endLine: 5, endColumn: 12, message: `RewriteRule ${pat} [P] proxies plain requests to ${scheme}:// too: no RewriteCond %{HTTP:Upgrade} guards it` }],
      output: MODS + RW + 'RewriteEngine On\n' + UP + CONN + `RewriteRule ${pat} "${scheme}://127.0.0.1:3000/$1" [P,L]\n` + tail,
    })),
    {
      name: 'an [OR] Connection test is an alternative, not a guard; the fix adds the Upgrade test only (Connection is then still asked)',
      code: MODS + RW + 'RewriteEngine On\nRewriteCond %{HTTP:X-Forwarded-Proto} https [OR]\nRewriteCond %{HTTP:Connection} upgrade [NC]\nRewriteRule ^/ws(.*) ws://b/ws$1 [P]\n',
      errors: [{ line: 7, column: 1, endLine: 7, endColumn: 12, message: 'RewriteRule ^/ws(.*) [P] proxies plain requests to ws:// too: no RewriteCond %{HTTP:Upgrade} guards it' }],
      output: MODS + RW + 'RewriteEngine On\n' + UP + 'RewriteCond %{HTTP:X-Forwarded-Proto} https [OR]\nRewriteCond %{HTTP:Connection} upgrade [NC]\nRewriteRule ^/ws(.*) ws://b/ws$1 [P]\n',
    },
    {
      name: '[ornext] is [OR]: Upgrade or a static path lets plain requests through',
      code: MODS + RW + 'RewriteEngine On\nRewriteCond %{HTTP:Upgrade} websocket [NC,ornext]\nRewriteCond %{REQUEST_URI} ^/static\nRewriteRule ^/ws(.*) ws://b/ws$1 [P]\n',
      errors: [{ line: 7, column: 1, message: 'RewriteRule ^/ws(.*) [P] proxies plain requests to ws:// too: no RewriteCond %{HTTP:Upgrade} guards it' }],
      output: MODS + RW + 'RewriteEngine On\n' + UP + CONN + 'RewriteCond %{HTTP:Upgrade} websocket [NC,ornext]\nRewriteCond %{REQUEST_URI} ^/static\nRewriteRule ^/ws(.*) ws://b/ws$1 [P]\n',
    },
    ...([
      ['an Upgrade pattern an absent header matches (^.*$)', 'RewriteCond %{HTTP:Upgrade} ^.*$\n'],
      ['Upgrade = (equal to the empty string: no header at all)', 'RewriteCond %{HTTP:Upgrade} =\n'],
    ] as const).map(([name, cond]) => ({
      name,
      code: MODS + RW + 'RewriteEngine On\n' + cond + 'RewriteRule ^/ws(.*) ws://b/ws$1 [P]\n',
      errors: [{ line: 6, column: 1, message: 'RewriteRule ^/ws(.*) [P] proxies plain requests to ws:// too: no RewriteCond %{HTTP:Upgrade} guards it' }],
      output: MODS + RW + 'RewriteEngine On\n' + UP + CONN + cond + 'RewriteRule ^/ws(.*) ws://b/ws$1 [P]\n',
    })),
    {
      name: 'a REQUEST_URI test on a path that is no WebSocket endpoint does not guard',
      code: MODS + RW + 'RewriteEngine On\nRewriteCond %{REQUEST_URI} ^/static/\nRewriteRule ^/(.*) ws://b/$1 [P]\n',
      errors: [{ line: 6, column: 1, message: 'RewriteRule ^/(.*) [P] proxies plain requests to ws:// too: no RewriteCond %{HTTP:Upgrade} guards it' }],
      output: MODS + RW + 'RewriteEngine On\n' + UP + CONN + 'RewriteCond %{REQUEST_URI} ^/static/\nRewriteRule ^/(.*) ws://b/$1 [P]\n',
    },
    {
      name: 'ProxyWebsocketFallbackToProxyHttp Off: mod_proxy_wstunnel takes ws://, plain requests to the same origin get 426 (observed)',
      code: MODS + WST + RW + 'ProxyWebsocketFallbackToProxyHttp Off\nRewriteEngine On\nRewriteRule ^/?(.*) "ws://127.0.0.1:3000/$1" [P,L]\nProxyPass / http://127.0.0.1:3000/\n',
      errors: [{ line: 7, column: 1, message: 'RewriteRule ^/?(.*) [P] proxies plain requests to ws:// too: no RewriteCond %{HTTP:Upgrade} guards it' }],
      output: MODS + WST + RW + 'ProxyWebsocketFallbackToProxyHttp Off\nRewriteEngine On\n' + UP + CONN + 'RewriteRule ^/?(.*) "ws://127.0.0.1:3000/$1" [P,L]\nProxyPass / http://127.0.0.1:3000/\n',
    },
    {
      name: 'only mod_proxy_wstunnel loaded: plain requests to the same origin get 426 (observed)',
      code: MODS.split('\n')[0] + '\n' + WST + RW + 'RewriteEngine On\nRewriteRule ^/?(.*) "ws://127.0.0.1:3000/$1" [P,L]\nProxyPass / http://127.0.0.1:3000/\n',
      errors: [{ line: 5, column: 1, message: 'RewriteRule ^/?(.*) [P] proxies plain requests to ws:// too: no RewriteCond %{HTTP:Upgrade} guards it' }],
      output: MODS.split('\n')[0] + '\n' + WST + RW + 'RewriteEngine On\n' + UP + CONN + 'RewriteRule ^/?(.*) "ws://127.0.0.1:3000/$1" [P,L]\nProxyPass / http://127.0.0.1:3000/\n',
    },
    {
      name: 'pages served from the document root',
      code: MODS + RW + 'RewriteEngine On\nRewriteRule ^/?(.*) "ws://127.0.0.1:3000/$1" [P,L]\n',
      errors: [{
        line: 5, column: 1, endLine: 5, endColumn: 12,
        message: 'RewriteRule ^/?(.*) [P] proxies plain requests to ws:// too: no RewriteCond %{HTTP:Upgrade} guards it',
      }],
      output: MODS + RW + 'RewriteEngine On\n' + UP + CONN + 'RewriteRule ^/?(.*) "ws://127.0.0.1:3000/$1" [P,L]\n',
    },
    {
      name: 'in a vhost with CRLF: indentation and line endings copied',
      code: '<VirtualHost *:443>\r\n\tRewriteEngine on\r\n\tRewriteRule ^/socket.io/(.*) wss://b:8443/socket.io/$1 [P,L]\r\n</VirtualHost>\r\n',
      filename: 'sites-enabled/app.conf',
      errors: [{ line: 3, column: 2, message: 'RewriteRule ^/socket.io/(.*) [P] proxies plain requests to wss:// too: no RewriteCond %{HTTP:Upgrade} guards it' }],
      output: '<VirtualHost *:443>\r\n\tRewriteEngine on\r\n\tRewriteCond %{HTTP:Upgrade} websocket [NC]\r\n\tRewriteCond %{HTTP:Connection} upgrade [NC]\r\n\tRewriteRule ^/socket.io/(.*) wss://b:8443/socket.io/$1 [P,L]\r\n</VirtualHost>\r\n',
    },
    {
      name: 'an Upgrade condition [OR]-ed with a page path does not guard; the guard goes above the chain so the OR keeps its meaning',
      code: MODS + RW + 'RewriteEngine On\nRewriteCond %{HTTP:Upgrade} websocket [NC,OR]\nRewriteCond %{REQUEST_URI} ^/app\nRewriteRule ^/(.*) ws://b/$1 [P]\n',
      errors: [{ line: 7, column: 1, message: 'RewriteRule ^/(.*) [P] proxies plain requests to ws:// too: no RewriteCond %{HTTP:Upgrade} guards it' }],
      output: MODS + RW + 'RewriteEngine On\n' + UP + CONN + 'RewriteCond %{HTTP:Upgrade} websocket [NC,OR]\nRewriteCond %{REQUEST_URI} ^/app\nRewriteRule ^/(.*) ws://b/$1 [P]\n',
    },
    {
      name: 'a Connection condition that does not test for upgrade does not guard',
      code: MODS + RW + 'RewriteEngine On\nRewriteCond %{HTTP:Connection} keep-alive [NC]\nRewriteRule ^/ws$ ws://b/ws [P]\n',
      errors: [{ line: 6, column: 1, message: 'RewriteRule ^/ws$ [P] proxies plain requests to ws:// too: no RewriteCond %{HTTP:Upgrade} guards it' }],
      output: MODS + RW + 'RewriteEngine On\n' + UP + CONN + 'RewriteCond %{HTTP:Connection} keep-alive [NC]\nRewriteRule ^/ws$ ws://b/ws [P]\n',
    },
    {
      name: 'an Upgrade test an absent header passes does not guard',
      code: MODS + RW + 'RewriteEngine On\nRewriteCond %{HTTP:Upgrade} .*\nRewriteRule ^/ws$ ws://b/ws [P]\n',
      errors: [{ line: 6, column: 1, message: 'RewriteRule ^/ws$ [P] proxies plain requests to ws:// too: no RewriteCond %{HTTP:Upgrade} guards it' }],
      output: MODS + RW + 'RewriteEngine On\n' + UP + CONN + 'RewriteCond %{HTTP:Upgrade} .*\nRewriteRule ^/ws$ ws://b/ws [P]\n',
    },
    {
      name: 'a negated Upgrade condition does not guard',
      code: MODS + RW + 'RewriteEngine On\nRewriteCond %{HTTP:Upgrade} !^$\nRewriteRule ^/ws$ ws://b/ws [P]\nRewriteRule ^/api$ ws://b/api [P]\n',
      errors: [{ line: 6, column: 1, message: 'RewriteRule ^/ws$ [P] proxies plain requests to ws:// too: no RewriteCond %{HTTP:Upgrade} guards it' }, { line: 7, column: 1, message: 'RewriteRule ^/api$ [P] proxies plain requests to ws:// too: no RewriteCond %{HTTP:Upgrade} guards it' }],
      output: MODS + RW + 'RewriteEngine On\n' + UP + CONN + 'RewriteCond %{HTTP:Upgrade} !^$\nRewriteRule ^/ws$ ws://b/ws [P]\n' + UP + CONN + 'RewriteRule ^/api$ ws://b/api [P]\n',
    },
    {
      name: 'conditions guard only the next rule',
      code: MODS + RW + 'RewriteEngine On\n' + UP + CONN + 'RewriteRule ^/ws$ ws://b/ws [P]\nRewriteRule ^/live/(.*) ws://b/live/$1 [P,L]\n',
      errors: [{ line: 8, column: 1, message: 'RewriteRule ^/live/(.*) [P] proxies plain requests to ws:// too: no RewriteCond %{HTTP:Upgrade} guards it' }],
      output: MODS + RW + 'RewriteEngine On\n' + UP + CONN + 'RewriteRule ^/ws$ ws://b/ws [P]\n' + UP + CONN + 'RewriteRule ^/live/(.*) ws://b/live/$1 [P,L]\n',
    },
  ],
});
