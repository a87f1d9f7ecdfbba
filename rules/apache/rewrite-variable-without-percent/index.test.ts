import { ruleTester } from '../../../test/support/rule-tester';
import rule from './index';
import { MODS as PROXY_HTTP, RW } from '../../../test/support/apache-modules';

// 4 lines: LoadModule proxy, proxy_http, rewrite, RewriteEngine On
const MODS = PROXY_HTTP + RW + 'RewriteEngine On\n';
const UP = 'RewriteCond %{HTTP:Upgrade} websocket [NC]\n';
const RULE = 'RewriteRule ^/?(.*) ws://127.0.0.1:3000/$1 [P,L]\n';
const PLAIN = 'ProxyPass / http://127.0.0.1:3000/\n';
const TARGET = "{REQUEST_URI} in the ws:// target has no %: every handshake reaches the backend at that literal path";
const lookup = (ref: string, scheme = 'ws') => `RewriteCond ${ref} is a lookup of no RewriteMap, not the variable (% needed): the ${scheme}:// rule never applies`;
const cond = (ref: string, scheme = 'ws') => `RewriteCond ${ref} tests that literal text, not the variable (no %): the ${scheme}:// rule never applies`;

ruleTester(rule, {
  valid: [
    // the httpd docs' recipe and the maintainer's fixed line (#259)
    { code: MODS + UP + RULE + PLAIN },
    { code: MODS + UP + 'RewriteRule .* ws://127.0.0.1:3000%{REQUEST_URI} [P]\n' + PLAIN },
    { name: 'a RewriteMap lookup keyed by a variable with its % is expanded, not literal', code: MODS + 'RewriteMap be txt:/etc/apache2/be.map\n' + UP + 'RewriteRule ^/(.*) ws://${be:%{HTTP_HOST}}/$1 [P]\n' + PLAIN },
    { name: 'a literal reference in a plain http:// rewrite: no WebSocket claim', code: MODS + 'RewriteRule .* http://127.0.0.1:3000/{REQUEST_URI} [P]\n' },
    { name: 'a literal reference in a redirect (no [P])', code: MODS + 'RewriteRule .* ws://127.0.0.1:3000/{REQUEST_URI} [R]\n' },
    { name: 'a lower-case {name} is no server variable', code: MODS + UP + 'RewriteRule ^/(.*) ws://127.0.0.1:3000/{id}/$1 [P]\n' + PLAIN },
    {
      name: 'a never-passing literal condition beside ProxyPass / upgrade=websocket: the handshake is upgraded anyway (101 observed)',
      code: MODS + 'RewriteCond {HTTP:Upgrade} websocket [NC]\n' + RULE + 'ProxyPass / http://127.0.0.1:3000/ upgrade=websocket\n',
    },
    { name: 'a literal condition OR-ed with a real one: the real one decides', code: MODS + 'RewriteCond {REQUEST_URI} ^/ws [OR]\n' + UP + RULE + PLAIN },
    { name: 'a negated literal condition always passes: it blocks nothing', code: MODS + 'RewriteCond {REQUEST_URI} !^/static\n' + UP + RULE + PLAIN },
    { name: 'a TestString mixing a real variable with literal text is not constant: not claimed', code: MODS + 'RewriteCond %{HTTP_HOST}{REQUEST_URI} ^ws\\.\n' + UP + RULE + PLAIN },
    { name: '${HTTP:…} with a RewriteMap named HTTP is a real lookup: not claimed', code: MODS + 'RewriteMap HTTP txt:/etc/apache2/h.map\nRewriteCond ${HTTP:Upgrade} websocket [NC]\n' + RULE + PLAIN },
    { name: 'a ${HTTP:…} condition OR-ed with a real one: the real one decides', code: MODS + 'RewriteCond ${HTTP:Connection} upgrade [NC,OR]\n' + UP + RULE + PLAIN },
    { name: 'a negated ${HTTP:…} condition (empty text) always passes', code: MODS + 'RewriteCond ${HTTP:Upgrade} !close\n' + UP + RULE + PLAIN },
    { name: 'a Define reference without a colon is httpd\'s own ${VAR}: not claimed', code: MODS + 'Define up websocket\nRewriteCond %{HTTP:Upgrade} ${up} [NC]\n' + RULE + PLAIN },
  ],
  invalid: [
    {
      name: "homebridge-config-ui-x#259's wiki template: the target's {REQUEST_URI} (and the slash before it) fixed to %{REQUEST_URI}",
      code: MODS + '<Location />\n    ProxyPass http://127.0.0.1:3000/\n    RewriteEngine on\n    RewriteCond %{HTTP:UPGRADE} ^WebSocket$ [NC]\n    RewriteCond %{HTTP:CONNECTION} Upgrade$ [NC]\n    RewriteRule .* ws://127.0.0.1:3000/{REQUEST_URI} [P]\n</Location>\n',
      errors: [{ line: 10, column: 20, severity: 'warning', message: TARGET }],
      output: MODS + '<Location />\n    ProxyPass http://127.0.0.1:3000/\n    RewriteEngine on\n    RewriteCond %{HTTP:UPGRADE} ^WebSocket$ [NC]\n    RewriteCond %{HTTP:CONNECTION} Upgrade$ [NC]\n    RewriteRule .* ws://127.0.0.1:3000%{REQUEST_URI} [P]\n</Location>\n',
    },
    {
      name: 'a quoted wss:// target: the % goes inside the quotes; another variable keeps the text before it',
      code: MODS + 'SSLProxyEngine on\n' + UP + 'RewriteRule ^/(.*) "wss://127.0.0.1:3000/{HTTP_HOST}/$1" [P]\n' + PLAIN,
      errors: [{ line: 7, column: 20, severity: 'warning', message: '{HTTP_HOST} in the wss:// target has no %: every handshake reaches the backend at that literal path' }],
      output: MODS + 'SSLProxyEngine on\n' + UP + 'RewriteRule ^/(.*) "wss://127.0.0.1:3000/%{HTTP_HOST}/$1" [P]\n' + PLAIN,
    },
    {
      name: 'header conditions without % never pass: the ws:// rule never applies, the handshake reaches ProxyPass / http:// plain (426 observed)',
      code: MODS + 'RewriteCond {HTTP:Upgrade} websocket [NC]\nRewriteCond {HTTP:Connection} upgrade [NC]\n' + RULE + PLAIN,
      errors: [
        { line: 5, column: 13, severity: 'warning', message: cond('{HTTP:Upgrade}') },
        { line: 6, column: 13, severity: 'warning', message: cond('{HTTP:Connection}') },
      ],
      output: MODS + 'RewriteCond %{HTTP:Upgrade} websocket [NC]\nRewriteCond %{HTTP:Connection} upgrade [NC]\n' + RULE + PLAIN,
    },
    {
      name: 'a URI condition without %: the literal text never matches ^/ws',
      code: MODS + 'RewriteCond {REQUEST_URI} ^/ws [NC]\n' + RULE + PLAIN,
      errors: [{ line: 5, column: 13, severity: 'warning', message: cond('{REQUEST_URI}') }],
      output: MODS + 'RewriteCond %{REQUEST_URI} ^/ws [NC]\n' + RULE + PLAIN,
    },
    {
      name: 'in a vhost with nothing else serving the path (the handshake gets 404)',
      code: MODS + '<VirtualHost *:80>\n  RewriteEngine On\n  RewriteCond {HTTP:Upgrade} =websocket [NC]\n  RewriteRule ^/ws$ wss://127.0.0.1:3000/ws [P]\n</VirtualHost>\n',
      errors: [{ line: 7, column: 15, severity: 'warning', message: cond('{HTTP:Upgrade}', 'wss') }],
      output: MODS + '<VirtualHost *:80>\n  RewriteEngine On\n  RewriteCond %{HTTP:Upgrade} =websocket [NC]\n  RewriteRule ^/ws$ wss://127.0.0.1:3000/ws [P]\n</VirtualHost>\n',
    },
    {
      name: 'ratchetphp/Ratchet#860: ${HTTP:…} for %{HTTP:…} (an undefined ${} stays, mod_rewrite reads a lookup of no map: empty); the ws:/ target with one slash still means WebSockets (426 observed)',
      code: MODS + 'RewriteCond ${HTTP:Upgrade} websocket [NC]\nRewriteCond ${HTTP:Connection} upgrade [NC]\nRewriteRule .* "ws:/127.0.0.1:3000/$1" [P,L]\n' + PLAIN,
      errors: [
        { line: 5, column: 13, severity: 'warning', message: lookup('${HTTP:Upgrade}') },
        { line: 6, column: 13, severity: 'warning', message: lookup('${HTTP:Connection}') },
      ],
      output: MODS + 'RewriteCond %{HTTP:Upgrade} websocket [NC]\nRewriteCond %{HTTP:Connection} upgrade [NC]\nRewriteRule .* "ws:/127.0.0.1:3000/$1" [P,L]\n' + PLAIN,
    },
    {
      name: 'a ${HTTP:…} lookup in the ws:// target expands to nothing: the $ becomes %',
      code: MODS + UP + 'RewriteRule ^/(.*) ws://${HTTP:X-Backend}/$1 [P]\n' + PLAIN,
      errors: [{ line: 6, column: 20, severity: 'warning', message: '${HTTP:X-Backend} in the ws:// target is a lookup of no RewriteMap (% needed): it expands to nothing' }],
      output: MODS + UP + 'RewriteRule ^/(.*) ws://%{HTTP:X-Backend}/$1 [P]\n' + PLAIN,
    },
  ],
});
