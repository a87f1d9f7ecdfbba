import { ruleTester } from '../../../test/support/rule-tester';
import rule from './index';
import { loadModule, MODS, RW, WST } from '../../../test/support/apache-modules';

const PROXY = loadModule('proxy');
const HTTP = loadModule('proxy_http');
const RECIPE = 'RewriteEngine On\nRewriteCond %{HTTP:Upgrade} websocket [NC]\nRewriteCond %{HTTP:Connection} upgrade [NC]\nRewriteRule ^/?(.*) "ws://127.0.0.1:3000/$1" [P,L]\n';

ruleTester(rule, {
  valid: [
    // every working variant observed on 2.4.71
    { code: MODS + WST + 'ProxyPass /ws ws://127.0.0.1:3000/ws\n' },
    { name: 'ws:// without mod_proxy_wstunnel: mod_proxy_http tunnels it (AH10239)', code: MODS + 'ProxyPass /ws ws://127.0.0.1:3000/ws\n' },
    { code: MODS + WST + 'ProxyPass /ws http://127.0.0.1:3000/ws upgrade=websocket\n' },
    { code: MODS + 'ProxyPass /ws http://127.0.0.1:3000/ws upgrade=websocket\n' },
    { code: MODS + WST + RW + RECIPE + 'ProxyPass / http://127.0.0.1:3000/\n' },
    { code: MODS + RW + RECIPE + 'ProxyPass / http://127.0.0.1:3000/\n' },
    { name: 'mod_proxy_wstunnel without mod_proxy_http: the legacy path works', code: PROXY + WST + 'ProxyPass /ws ws://127.0.0.1:3000/ws\n' },
    // a lone site file: the module set is unknown, nothing is claimed
    { code: '<VirtualHost *:80>\n  ProxyPass /ws ws://127.0.0.1:3000/ws\n</VirtualHost>\n', filename: 'sites-enabled/app.conf' },
    // a skipped <IfModule> is not processed
    { code: PROXY + '<IfModule proxy_wstunnel_module>\nProxyPass /ws ws://b/ws\n</IfModule>\n' },
    { code: PROXY + 'ProxyPass /api http://b/api\nProxyPass /ws !\n' },
    // before 2.4.47: wstunnel handles ws:// (and its own upgrade= parameter, 2.4.26+)
    { code: MODS + WST + 'ProxyPass /ws ws://b/ws upgrade=websocket\n', targets: { apache: '2.4.46' } },
    { code: MODS + 'ProxyPass /api http://b/api\n', targets: { apache: '2.4.46' } },
    // a RewriteRule to ws:// without [P] is a redirect, not a proxied target
    { code: PROXY + RW + 'RewriteEngine On\nRewriteRule ^/ws ws://b/ [L]\n' },
    // upgrade= names protocols as whole tokens: 'websockets' is not websocket
    { code: MODS + 'ProxyPass /a http://b/a upgrade=websockets\n', targets: { apache: '2.4.46' } },
  ],
  invalid: [
    {
      code: PROXY + 'ProxyPass /ws ws://127.0.0.1:3000/ws\n',
      errors: [
        {
          line: 2,
          column: 15,
          endLine: 2,
          endColumn: 37,
          message: 'ProxyPass /ws proxies to ws:// but no mod_proxy_http or mod_proxy_wstunnel is loaded: httpd answers 500',
          signal: { kind: 'scheme', detail: 'the target is ws://' },
        },
      ],
      output: null,
    },
    {
      name: 'RewriteRule [P] to ws:// (the docs recipe) without a handler',
      code: PROXY + RW + RECIPE,
      errors: [{ line: 6, column: 21, endLine: 6, endColumn: 45, message: 'RewriteRule ^/?(.*) proxies to ws:// but no mod_proxy_http or mod_proxy_wstunnel is loaded: httpd answers 500' }],
      output: null,
    },
    {
      name: 'wss:// in a vhost, ProxyPassMatch and <Location> forms, CRLF',
      code: (PROXY + '<VirtualHost *:443>\n  ProxyPassMatch ^/(app/ws)$ wss://b:9443/$1\n  <Location /cable>\n    ProxyPass ws://b/cable\n  </Location>\n</VirtualHost>\n').replace(/\n/g, '\r\n'),
      errors: [
        { line: 3, column: 30, message: 'ProxyPassMatch ^/(app/ws)$ proxies to wss:// but no mod_proxy_http or mod_proxy_wstunnel is loaded: httpd answers 500' },
        { line: 5, column: 15, message: 'ProxyPass /cable proxies to ws:// but no mod_proxy_http or mod_proxy_wstunnel is loaded: httpd answers 500' },
      ],
      output: null,
    },
    {
      name: 'mod_proxy itself missing',
      code: HTTP.replace('proxy_http', 'rewrite').replace('proxy_http', 'rewrite') + 'RewriteEngine On\nRewriteRule ^/ws$ ws://b/ws [P]\n',
      errors: [{ line: 3, column: 19, message: 'RewriteRule ^/ws$ proxies to ws:// but no mod_proxy_http or mod_proxy_wstunnel is loaded: httpd answers 500' }],
      output: null,
    },
    {
      name: 'before 2.4.47 mod_proxy_http does not handle ws://',
      code: MODS + 'ProxyPass /ws ws://b/ws\n',
      targets: { apache: '2.4.46' },
      errors: [{ line: 3, column: 15, message: 'ProxyPass /ws proxies to ws:// but mod_proxy_wstunnel is not loaded (httpd 2.4.46): httpd answers 500' }],
      output: null,
    },
    {
      name: 'upgrade=websocket on http:// before 2.4.47 (code-server#4723)',
      code: MODS + WST + 'ProxyPass /ws http://b/ws upgrade=websocket\n',
      targets: { apache: '2.4.46' },
      errors: [{ line: 4, column: 27, endLine: 4, endColumn: 44, message: 'ProxyPass /ws: upgrade=websocket needs httpd 2.4.47 (target 2.4.46): use ws:// with mod_proxy_wstunnel' }],
      output: null,
    },
    {
      name: 'upgrade= protocols compare case-insensitively; the signal is the parameter',
      code: MODS + 'ProxyPass /a http://b/a upgrade=WebSocket\n',
      targets: { apache: '2.4.46' },
      errors: [
        {
          line: 3,
          column: 25,
          endLine: 3,
          endColumn: 42,
          message: 'ProxyPass /a: upgrade=WebSocket needs httpd 2.4.47 (target 2.4.46): use ws:// with mod_proxy_wstunnel',
          signal: { kind: 'upgrade-param', detail: 'it sets upgrade=WebSocket' },
        },
      ],
      output: null,
    },
    {
      name: 'upgrade=websocket before 2.4.47 is judged in a site file too (no module knowledge needed)',
      code: '<VirtualHost *:443>\n  ProxyPass /ws https://b/ws upgrade=websocket\n</VirtualHost>\n',
      filename: 'sites-enabled/app.conf',
      targets: { apache: '2.4.41' },
      errors: [{ line: 2, column: 30, message: 'ProxyPass /ws: upgrade=websocket needs httpd 2.4.47 (target 2.4.41): use wss:// with mod_proxy_wstunnel' }],
      output: null,
    },
  ],
});
