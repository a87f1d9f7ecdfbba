import { ruleTester } from '../../../test/support/rule-tester';
import rule from './index';
import { MODS as PROXY_HTTP, RW } from '../../../test/support/apache-modules';

const MODS = PROXY_HTTP + RW + 'RewriteEngine On\n';
const RULE = 'RewriteRule ^/ws(.*) ws://127.0.0.1:3000/ws$1 [P,L]\n';

ruleTester(rule, {
  valid: [
    // the httpd docs' recipe (101 for Chrome and Firefox observed)
    { code: MODS + 'RewriteCond %{HTTP:Upgrade} websocket [NC]\nRewriteCond %{HTTP:Connection} upgrade [NC]\n' + RULE },
    { code: MODS + 'RewriteCond %{HTTP:Upgrade} =websocket [NC]\n' + RULE },
    { code: MODS + 'RewriteCond %{HTTP:Upgrade} ^websocket$ [NC]\n' + RULE },
    // browsers send lower case: a case-sensitive =websocket passes them all
    { code: MODS + 'RewriteCond %{HTTP:Upgrade} =websocket\n' + RULE },
    { code: MODS + 'RewriteCond %{HTTP:Connection} "(^|,)\\s*upgrade\\s*(,|$)" [NC]\n' + RULE },
    // the plain route of the docs' pair
    { code: MODS + 'RewriteCond %{HTTP:Upgrade} !=websocket [NC]\nRewriteRule ^/(.*) http://127.0.0.1:3000/$1 [P,L]\n' },
    // an [OR] alternative already takes Firefox
    { code: MODS + 'RewriteCond %{HTTP:Connection} ^Upgrade$ [NC,OR]\nRewriteCond %{HTTP:Upgrade} websocket [NC]\n' + RULE },
    // an alternative on another header: it may let Firefox in (same request otherwise), not claimed
    { code: MODS + 'RewriteCond %{HTTP:Connection} ^Upgrade$ [OR]\nRewriteCond %{HTTP:X-Force-WS} =1\n' + RULE },
    // the xpra recipe: a skipped rewrite falls to ProxyPass ws:// in the same <Location> (101 for both observed)
    { code: MODS + '<Location "/xpra1">\n  RewriteEngine on\n  RewriteCond %{HTTP:CONNECTION} ^Upgrade$ [NC]\n  RewriteRule .* ws://localhost:20001/%{REQUEST_URI} [P]\n  ProxyPass ws://localhost:20001\n</Location>\n' },
    { code: MODS + 'RewriteCond %{HTTP:Connection} ^Upgrade$ [NC]\n' + RULE + 'ProxyPass /ws ws://127.0.0.1:3000/ws\n' },
    { name: 'a skipped rewrite falls to a wss:// ProxyPass for the path', code: MODS + 'RewriteCond %{HTTP:Connection} ^Upgrade$ [NC]\n' + RULE + 'SSLProxyEngine on\nProxyPass /ws wss://127.0.0.1:3000/ws\n' },
    { name: 'a skipped rewrite falls to a ProxyPass with upgrade=ANY (tunnels WebSockets too)', code: MODS + 'RewriteCond %{HTTP:Connection} ^Upgrade$ [NC]\n' + RULE + 'ProxyPass /ws http://127.0.0.1:3000/ws upgrade=ANY\n' },
    ...['(.*)', '^(.*)$', '.*', '^/?(.*)'].map((pat) => ({
      name: `a skipped server-context ${pat} rewrite falls to ProxyPass / ws:// (sampled at /)`,
      code: MODS + `RewriteCond %{HTTP:Connection} ^Upgrade$ [NC]\nRewriteRule ${pat} ws://127.0.0.1:3000$1 [P,L]\nProxyPass / ws://127.0.0.1:3000/\n`,
    })),
    // no header test at all: another rule's business
    { code: MODS + RULE },
    { name: 'in a vhost a skipped rewrite falls to the vhost\'s ws:// ProxyPass for the path', code: MODS + '<VirtualHost *:80>\nRewriteEngine On\nRewriteCond %{HTTP:Connection} ^Upgrade$ [NC]\n' + RULE + 'ProxyPass /ws ws://127.0.0.1:3000/ws\n</VirtualHost>\n' },
  ],
  invalid: [
    {
      name: '^Upgrade$ on Connection: Firefox skips the rule (404 observed)',
      code: MODS + 'RewriteCond %{HTTP:Connection} ^Upgrade$ [NC]\n' + RULE,
      errors: [
        {
          line: 5,
          column: 13,
          endLine: 5,
          endColumn: 46,
          message: 'Firefox\'s handshake (Connection: keep-alive, Upgrade) skips this rule, Chrome\'s takes it: match the token, not the value',
        },
      ],
      output: MODS + 'RewriteCond %{HTTP:Connection} upgrade [NC]\n' + RULE,
    },
    {
      name: 'a skipped server-context (.*) rewrite falls to ProxyPass / http:// without upgrade: Firefox is not upgraded',
      code: MODS + 'RewriteCond %{HTTP:Connection} ^Upgrade$ [NC]\nRewriteRule (.*) ws://127.0.0.1:3000$1 [P,L]\nProxyPass / http://127.0.0.1:3000/\n',
      errors: [{ line: 5, column: 13, endLine: 5, endColumn: 46, severity: 'error', message: "Firefox's handshake (Connection: keep-alive, Upgrade) skips this rule, Chrome's takes it: match the token, not the value" }],
      output: MODS + 'RewriteCond %{HTTP:Connection} upgrade [NC]\nRewriteRule (.*) ws://127.0.0.1:3000$1 [P,L]\nProxyPass / http://127.0.0.1:3000/\n',
    },
    {
      name: '=Upgrade, no flags',
      code: MODS + 'RewriteCond %{HTTP:Upgrade} websocket [NC]\nRewriteCond %{HTTP:Connection} =Upgrade\n' + RULE,
      errors: [{ line: 6, column: 13, endLine: 6, endColumn: 40, message: 'Firefox\'s handshake (Connection: keep-alive, Upgrade) skips this rule, Chrome\'s takes it: match the token, not the value' }],
      output: MODS + 'RewriteCond %{HTTP:Upgrade} websocket [NC]\nRewriteCond %{HTTP:Connection} upgrade [NC]\n' + RULE,
    },
    {
      name: 'negated on the plain route: Firefox handshakes go to http:// instead',
      code: MODS + 'RewriteCond %{HTTP:Connection} !^Upgrade$ [NC]\nRewriteRule ^/(.*) http://127.0.0.1:3000/$1 [P,L]\n',
      errors: [{ line: 5, column: 13, message: 'Chrome\'s handshake (Connection: Upgrade) skips this rule, Firefox\'s takes it: match the token, not the value' }],
      output: MODS + 'RewriteCond %{HTTP:Connection} !upgrade [NC]\nRewriteRule ^/(.*) http://127.0.0.1:3000/$1 [P,L]\n',
    },
    {
      name: 'case-sensitive ^WebSocket$ on Upgrade: no browser (404 observed)',
      code: MODS + 'RewriteCond %{HTTP:Upgrade} ^WebSocket$\n' + RULE,
      errors: [{ line: 5, column: 13, endLine: 5, endColumn: 40, message: 'No browser passes %{HTTP:Upgrade} ^WebSocket$: browsers send "Upgrade: websocket", add [NC].' }],
      output: MODS + 'RewriteCond %{HTTP:Upgrade} ^WebSocket$ [NC]\n' + RULE,
    },
    {
      name: 'keeps [OR] and quoting of the rest, in a vhost with CRLF',
      code: (MODS + '<VirtualHost *:80>\n  RewriteCond %{HTTP:Connection} "^Upgrade$" [OR]\n  RewriteCond %{HTTP:Upgrade} =never\n  ' + RULE + '</VirtualHost>\n').replace(/\n/g, '\r\n'),
      errors: [{ line: 6, column: 15, message: 'Firefox\'s handshake (Connection: keep-alive, Upgrade) skips this rule, Chrome\'s takes it: match the token, not the value' }],
      output: (MODS + '<VirtualHost *:80>\n  RewriteCond %{HTTP:Connection} upgrade [NC,OR]\n  RewriteCond %{HTTP:Upgrade} =never\n  ' + RULE + '</VirtualHost>\n').replace(/\n/g, '\r\n'),
    },
    {
      name: 'no flags at all: the fix adds [NC] after the pattern',
      code: MODS + 'RewriteCond %{HTTP:Connection} ^Upgrade$\n' + RULE,
      errors: [{ line: 5, column: 13, endLine: 5, endColumn: 41, message: "Firefox's handshake (Connection: keep-alive, Upgrade) skips this rule, Chrome's takes it: match the token, not the value" }],
      output: MODS + 'RewriteCond %{HTTP:Connection} upgrade [NC]\n' + RULE,
    },
    {
      name: 'other flags are kept after NC',
      code: MODS + 'RewriteCond %{HTTP:Upgrade} ^WebSocket$ [NV]\n' + RULE,
      errors: [{ line: 5, column: 13, endLine: 5, endColumn: 45, message: 'No browser passes %{HTTP:Upgrade} ^WebSocket$: browsers send "Upgrade: websocket", add [NC].' }],
      output: MODS + 'RewriteCond %{HTTP:Upgrade} ^WebSocket$ [NC,NV]\n' + RULE,
    },
    {
      name: 'an http:// rule that Chrome\'s handshake takes and Firefox\'s skips: the browsers end up at different places',
      code: MODS + 'RewriteCond %{HTTP:Connection} ^Upgrade$ [NC]\nRewriteRule ^/ws(.*) http://127.0.0.1:3000/ws$1 [P,L]\n',
      errors: [{ line: 5, column: 13, endLine: 5, endColumn: 46, message: "Firefox's handshake (Connection: keep-alive, Upgrade) skips this rule, Chrome's takes it: match the token, not the value" }],
      output: MODS + 'RewriteCond %{HTTP:Connection} upgrade [NC]\nRewriteRule ^/ws(.*) http://127.0.0.1:3000/ws$1 [P,L]\n',
    },
    {
      name: 'negated: Chrome\'s handshake skips the plain route, Firefox\'s takes it; the fix keeps the !',
      code: MODS + 'RewriteCond %{HTTP:Connection} !^Upgrade$ [NC]\nRewriteRule ^/(.*) http://127.0.0.1:3000/$1 [P,L]\n',
      errors: [{ line: 5, column: 13, endLine: 5, endColumn: 47, message: "Chrome's handshake (Connection: Upgrade) skips this rule, Firefox's takes it: match the token, not the value" }],
      output: MODS + 'RewriteCond %{HTTP:Connection} !upgrade [NC]\nRewriteRule ^/(.*) http://127.0.0.1:3000/$1 [P,L]\n',
    },
    {
      name: 'the path\'s ProxyPass is http:// without upgrade: a skipped handshake is not upgraded there',
      code: MODS + 'RewriteCond %{HTTP:Connection} ^Upgrade$ [NC]\n' + RULE + 'ProxyPass /ws http://127.0.0.1:3000/ws\n',
      errors: [{ line: 5, column: 13, message: "Firefox's handshake (Connection: keep-alive, Upgrade) skips this rule, Chrome's takes it: match the token, not the value" }],
      output: MODS + 'RewriteCond %{HTTP:Connection} upgrade [NC]\n' + RULE + 'ProxyPass /ws http://127.0.0.1:3000/ws\n',
    },
    {
      name: 'in a <Location>, only that section\'s ProxyPass counts (a ws:// one elsewhere does not)',
      code: MODS + '<Location /app>\n  RewriteEngine on\n  RewriteCond %{HTTP:Connection} ^Upgrade$ [NC]\n  RewriteRule .* ws://b/%{REQUEST_URI} [P]\n  ProxyPass http://b/app\n</Location>\n<Location /other>\n  ProxyPass ws://b/other\n</Location>\n',
      errors: [{ line: 7, column: 15, endLine: 7, endColumn: 48, message: "Firefox's handshake (Connection: keep-alive, Upgrade) skips this rule, Chrome's takes it: match the token, not the value" }],
      output: MODS + '<Location /app>\n  RewriteEngine on\n  RewriteCond %{HTTP:Connection} upgrade [NC]\n  RewriteRule .* ws://b/%{REQUEST_URI} [P]\n  ProxyPass http://b/app\n</Location>\n<Location /other>\n  ProxyPass ws://b/other\n</Location>\n',
    },
  ],
});
