import { ruleTester } from '../../../test/support/rule-tester';
import rule from './index';

const MODS = 'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\nLoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\n';
const WST = 'LoadModule proxy_wstunnel_module /usr/lib/apache2/modules/mod_proxy_wstunnel.so\n';
const RW = 'LoadModule rewrite_module /usr/lib/apache2/modules/mod_rewrite.so\n';

ruleTester(rule, {
  valid: [
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
  ],
  invalid: [
    {
      code: MODS + 'ProxyPass / http://127.0.0.1:3000/\nProxyPass /ws ws://127.0.0.1:3000/ws\n',
      errors: [{ line: 4, column: 1, endLine: 4, endColumn: 10, message: 'ProxyPass /ws → ws://127.0.0.1:3000/ws is never used: ProxyPass / → http://127.0.0.1:3000/ (line 3) matches /ws first and mod_proxy takes the first match, so WebSocket handshakes get 426; list the WebSocket route before it' }],
      output: MODS + 'ProxyPass /ws ws://127.0.0.1:3000/ws\nProxyPass / http://127.0.0.1:3000/\n',
    },
    {
      name: 'in a vhost, upgrade=websocket route shadowed by a same-path http one',
      code: MODS + '<VirtualHost *:80>\n    ProxyPass /app/ http://b/app/\n    ProxyPass /app/ws http://b/app/ws upgrade=websocket\n</VirtualHost>\n',
      errors: [{ line: 5, column: 5 }],
      output: MODS + '<VirtualHost *:80>\n    ProxyPass /app/ws http://b/app/ws upgrade=websocket\n    ProxyPass /app/ http://b/app/\n</VirtualHost>\n',
    },
    {
      name: 'the main server\'s catch-all comes before every vhost entry: no move across scopes',
      code: MODS + 'ProxyPass / http://b/\n<VirtualHost *:80>\nProxyPass /ws ws://b/ws\n</VirtualHost>\n',
      errors: [{ line: 5, column: 1, message: /ProxyPass \/ → http:\/\/b\/ \(line 3\)/ }],
      output: null,
    },
    {
      name: 'before 2.4.47 the move is not offered (wstunnel would take plain requests too)',
      code: MODS + WST + 'ProxyPass / http://b/\nProxyPass /ws ws://b/ws\n',
      targets: { apache: '2.4.46' },
      errors: [{ line: 5, column: 1 }],
      output: null,
    },
  ],
});
