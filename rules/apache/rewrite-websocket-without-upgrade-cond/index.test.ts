import { ruleTester } from '../../../test/support/rule-tester';
import rule from './index';

const MODS = 'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\nLoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n';
const WST = 'LoadModule proxy_wstunnel_module /usr/lib/apache2/modules/mod_proxy_wstunnel.so\n';
const RW = 'LoadModule rewrite_module /usr/lib/apache2/modules/mod_rewrite.so\n';
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
  ],
  invalid: [
    {
      code: MODS + RW + 'RewriteEngine On\nRewriteRule ^/?(.*) "ws://127.0.0.1:3000/$1" [P,L]\nProxyPass / http://127.0.0.1:3000/\n',
      errors: [{
        line: 5, column: 1, endLine: 5, endColumn: 12,
        message: 'RewriteRule ^/?(.*) [P] proxies plain requests to ws:// too: no RewriteCond %{HTTP:Upgrade} guards it',
      }],
      output: MODS + RW + 'RewriteEngine On\n' + UP + CONN + 'RewriteRule ^/?(.*) "ws://127.0.0.1:3000/$1" [P,L]\nProxyPass / http://127.0.0.1:3000/\n',
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
