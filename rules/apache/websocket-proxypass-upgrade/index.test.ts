import { ruleTester } from '../../../test/support/rule-tester';
import rule from './index';

const MODS = 'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\nLoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n';
const WST = 'LoadModule proxy_wstunnel_module /usr/lib/apache2/modules/mod_proxy_wstunnel.so\n';
const RW = 'LoadModule rewrite_module /usr/lib/apache2/modules/mod_rewrite.so\n';

ruleTester(rule, {
  valid: [
    // every working variant observed on 2.4.71
    { code: MODS + WST + 'ProxyPass /ws ws://127.0.0.1:3000/ws\n' },
    { code: MODS + 'ProxyPass /ws ws://127.0.0.1:3000/ws\n' },
    { code: MODS + 'ProxyPass /ws http://127.0.0.1:3000/ws upgrade=websocket\n' },
    { code: MODS + RW + 'RewriteEngine On\nRewriteCond %{HTTP:Upgrade} websocket [NC]\nRewriteCond %{HTTP:Connection} upgrade [NC]\nRewriteRule ^/?(.*) "ws://127.0.0.1:3000/$1" [P,L]\nProxyPass /ws http://127.0.0.1:3000/ws\n' },
    { code: MODS + WST + 'ProxyPass / http://127.0.0.1:3000/\n' },
    { code: MODS + 'ProxyPass /api http://127.0.0.1:3000/api\n' },
    // a skipped <IfModule> is not processed
    { code: MODS + '<IfModule ssl_module>\nProxyPass /ws http://b/\n</IfModule>\n' },
    { code: MODS + '<Location /socket.io>\n  ProxyPass ws://b/socket.io\n</Location>\n' },
    { code: MODS + 'ProxyPass /ws/ https://b/ws/ upgrade=websocket timeout=3600\n' },
    { code: MODS + 'ProxyPass /ws http://b/ws upgrade=ANY\n' },
    // the ws:// rewrite takes this route's path first
    { code: MODS + RW + 'RewriteEngine On\nRewriteCond %{HTTP:Upgrade} websocket [NC]\nRewriteRule ^/ws(.*) ws://b/ws$1 [P,L]\nProxyPass /ws http://b/ws\n' },
    { name: 'a wss:// RewriteRule [P] for the path takes the handshakes, as ws:// does', code: MODS + RW + 'SSLProxyEngine on\nRewriteEngine On\nRewriteCond %{HTTP:Upgrade} websocket [NC]\nRewriteRule ^/ws(.*) wss://b/ws$1 [P,L]\nProxyPass /ws https://b/ws\n' },
    // balancer:// routes: ws:// members upgrade, http:// members with upgrade= on the member (both 101 observed)
    { code: MODS + '<Proxy balancer://c>\n  BalancerMember ws://127.0.0.1:3000\n</Proxy>\nProxyPass /ws balancer://c/ws\n' },
    { code: MODS + '<Proxy balancer://c>\n  BalancerMember http://127.0.0.1:3000 upgrade=websocket\n</Proxy>\nProxyPass /ws balancer://c/ws\n' },
    { code: MODS + '<Proxy balancer://c>\n  BalancerMember http://127.0.0.1:3000\n</Proxy>\nProxyPass /api balancer://c/api\n' },
  ],
  invalid: [
    {
      name: 'a ws:// rewrite for another path does not take this route (426 observed)',
      code: MODS + RW + 'RewriteEngine On\nRewriteCond %{HTTP:Upgrade} websocket [NC]\nRewriteRule ^/socket(.*) ws://b/socket$1 [P,L]\nProxyPass /ws http://b/ws\n',
      errors: [{ line: 7, column: 1, endLine: 7, endColumn: 10, message: 'ProxyPass /ws proxies a WebSocket route to http:// without upgrade=websocket, so the backend answers 426' }],
      output: MODS + RW + 'RewriteEngine On\nRewriteCond %{HTTP:Upgrade} websocket [NC]\nRewriteRule ^/socket(.*) ws://b/socket$1 [P,L]\nProxyPass /ws http://b/ws upgrade=websocket\n',
    },
    {
      name: 'balancer:// with http:// members (426 observed): reported at each member',
      code: MODS + '<Proxy "balancer://c">\n  BalancerMember http://127.0.0.1:3000 route=1\n  BalancerMember http://127.0.0.1:3001\n</Proxy>\nProxyPass /ws balancer://c/ws\n',
      errors: [
        { line: 4, column: 3, endLine: 4, endColumn: 17, message: 'BalancerMember http://127.0.0.1:3000 serves WebSocket route /ws without upgrade=websocket (426).' },
        { line: 5, column: 3, endLine: 5, endColumn: 17, message: 'BalancerMember http://127.0.0.1:3001 serves WebSocket route /ws without upgrade=websocket (426).' },
      ],
      output: MODS + '<Proxy "balancer://c">\n  BalancerMember http://127.0.0.1:3000 route=1 upgrade=websocket\n  BalancerMember http://127.0.0.1:3001 upgrade=websocket\n</Proxy>\nProxyPass /ws balancer://c/ws\n',
    },
    {
      name: 'BalancerMember naming its balancer outside <Proxy>',
      code: MODS + 'BalancerMember balancer://c http://127.0.0.1:3000\nProxyPass /socket.io/ balancer://c/socket.io/\n',
      errors: [{ signal: { kind: 'path', detail: 'the path /socket.io/ looks like a WebSocket route', app: 'Socket.IO' }, line: 3, column: 1, message: 'BalancerMember http://127.0.0.1:3000 serves WebSocket route /socket.io/ without upgrade=websocket (426).' }],
      output: MODS + 'BalancerMember balancer://c http://127.0.0.1:3000 upgrade=websocket\nProxyPass /socket.io/ balancer://c/socket.io/\n',
    },
    {
      name: 'upgrade= on a ProxyPass to balancer:// (httpd refuses the config)',
      code: MODS + '<Proxy balancer://c>\n  BalancerMember http://127.0.0.1:3000\n</Proxy>\nProxyPass /ws balancer://c/ws upgrade=websocket\n',
      errors: [{ signal: null, line: 6, column: 31, endLine: 6, endColumn: 48, message: 'httpd refuses upgrade= on a ProxyPass to balancer:// ("unknown Balancer parameter"): set it on each BalancerMember.' }],
      output: null,
    },
    {
      code: MODS + 'ProxyPass /ws http://127.0.0.1:3000/ws\n',
      errors: [{ line: 3, column: 1, endLine: 3, endColumn: 10, message: 'ProxyPass /ws proxies a WebSocket route to http:// without upgrade=websocket, so the backend answers 426' }],
      output: MODS + 'ProxyPass /ws http://127.0.0.1:3000/ws upgrade=websocket\n',
    },
    {
      name: 'inside a vhost, CRLF, keeps other params',
      code: MODS.replace(/\n/g, '\r\n') + '<VirtualHost *:80>\r\n  ProxyPass "/socket.io/" "http://b/socket.io/" timeout=600\r\n</VirtualHost>\r\n',
      errors: [{ line: 4, column: 3, message: 'ProxyPass /socket.io/ proxies a WebSocket route to http:// without upgrade=websocket, so the backend answers 426' }],
      output: MODS.replace(/\n/g, '\r\n') + '<VirtualHost *:80>\r\n  ProxyPass "/socket.io/" "http://b/socket.io/" timeout=600 upgrade=websocket\r\n</VirtualHost>\r\n',
    },
    {
      name: 'Location form marked by comment',
      code: MODS + '# proxylint: websocket\n<Location /events>\n  ProxyPass http://b/events\n</Location>\n',
      errors: [{ signal: { kind: 'comment', detail: 'a "# proxylint: websocket" comment marks it' }, line: 5, column: 3, message: 'ProxyPass /events proxies a WebSocket route to http:// without upgrade=websocket, so the backend answers 426' }],
      output: MODS + '# proxylint: websocket\n<Location /events>\n  ProxyPass http://b/events upgrade=websocket\n</Location>\n',
    },
    {
      name: 'websocket.paths from config',
      code: MODS + 'ProxyPass /feed http://b/feed\n',
      websocket: { paths: ['/feed'] },
      errors: [{ signal: { kind: 'config', detail: 'websocket.paths lists /feed' }, line: 3, column: 1, message: 'ProxyPass /feed proxies a WebSocket route to http:// without upgrade=websocket, so the backend answers 426' }],
      output: MODS + 'ProxyPass /feed http://b/feed upgrade=websocket\n',
    },
    {
      name: 'before 2.4.47: no fix, advise ws:// with wstunnel',
      code: MODS + 'ProxyPass /ws http://b/ws\n',
      targets: { apache: '2.4.46' },
      errors: [{ line: 3, column: 1, message: 'ProxyPass /ws proxies a WebSocket route to http://, which httpd 2.4.46 cannot upgrade: use ws://' }],
      output: null,
    },
    {
      name: 'a fragment (site file) without LoadModule is linted too',
      code: '<VirtualHost *:443>\n  ProxyPass /cable http://127.0.0.1:28080/cable\n</VirtualHost>\n',
      errors: [{ line: 2, column: 3, message: 'ProxyPass /cable proxies a WebSocket route to http:// without upgrade=websocket, so the backend answers 426' }],
      output: '<VirtualHost *:443>\n  ProxyPass /cable http://127.0.0.1:28080/cable upgrade=websocket\n</VirtualHost>\n',
    },
  ],
});
