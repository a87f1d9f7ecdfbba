import { ruleTester } from '../../../test/support/rule-tester';
import rule from './index';
import { MODS, RW, WST } from '../../../test/support/apache-modules';

const M = MODS + WST;
const V = (...lines: string[]) => ['<VirtualHost *:80>', '  ServerName push.example.com', ...lines.map((l) => '  ' + l), '</VirtualHost>', ''].join('\n');
const G = (...lines: string[]) => ['<VirtualHost *:80>', '  ServerName gotify.example.com', ...lines.map((l) => '  ' + l), '</VirtualHost>', ''].join('\n');
const MSG = (route: string, host: string, stack: string) => `${route} sends "Host: ${host}": ${stack} refuses browser handshakes (403)`;

ruleTester(rule, {
  valid: [
    { name: 'ProxyPreserveHost On in the vhost', code: M + V('ProxyPreserveHost On', 'ProxyPass /stream ws://127.0.0.1:8080/stream', 'ProxyPass / http://127.0.0.1:8080/') },
    { name: 'a vhost inherits the main server\'s ProxyPreserveHost On', code: M + 'ProxyPreserveHost On\n' + V('ProxyPass /stream ws://gotify:80/stream') },
    { name: 'an unknown application: most backends do not check Origin', code: M + V('ProxyPass /ws ws://127.0.0.1:3000/ws') },
    { name: 'Gotify (its ServerName) addressed by the public name on a default port: the Host sent is what the Origin names', code: M + G('ProxyPass / ws://GOTIFY.example.com:80/') },
    { name: 'the same over wss:// to port 443', code: M + G('SSLProxyEngine on', 'ProxyPass / wss://gotify.example.com:443/') },
    { name: 'ProxyPreserveHost set in a <Location>: which routes it covers is left undecided', code: M + V('<Location /stream>', '  ProxyPreserveHost On', '</Location>', 'ProxyPass /stream ws://gotify/stream') },
    { name: 'a plain http:// route without upgrade= carries no WebSocket', code: M + V('ProxyPass /api/kernels/ http://127.0.0.1:8888/api/kernels/') },
    { name: 'VS Code server named only by its port: not code-server, no claim', code: M + '<VirtualHost *:80>\n  ServerName code.example.com\n  ProxyPass / ws://127.0.0.1:8080/\n</VirtualHost>\n' },
    { name: 'code-server reads X-Forwarded-Host, which mod_proxy_http sends with the client\'s Host by default', code: M + V('ProxyPass / ws://code-server:8080/') },
    { name: 'a RewriteRule to ws:// without [P] redirects the client, it proxies nothing', code: M + RW + G('RewriteEngine On', 'RewriteRule ^/stream ws://gotify:8080/stream [R,L]') },
    { name: 'the main server rewrites Origin for every vhost', code: M + 'RequestHeader edit Origin "push.example.com" 127.0.0.1:8080\n' + V('ProxyPass /stream ws://gotify:80/stream') },
    { name: 'code-server with another directive set Off (ProxyRequests Off): X-Forwarded-Host is still sent', code: M + V('ProxyRequests Off', 'ProxyPass / ws://code-server:8080/') },
    { name: 'ProxyAddHeaders Off in another vhost: this one still sends X-Forwarded-Host to code-server', code: M + V('ProxyAddHeaders Off', 'ProxyPass / http://127.0.0.1:9000/') + '<VirtualHost *:80>\n  ServerName ide.example.com\n  ProxyPass / ws://code-server:8080/\n</VirtualHost>\n' },
    { name: 'a balancer:// route: each member\'s own host is sent, not judged here', code: M + G('<Proxy balancer://gotify>', '  BalancerMember ws://127.0.0.1:8080', '</Proxy>', 'ProxyPass /stream balancer://gotify/stream upgrade=websocket') },
    { name: 'a target host from the environment (%{ENV:…}): the Host is decided per request', code: M + RW + G('RewriteEngine On', 'RewriteRule ^/(.*) ws://%{ENV:GOTIFY_HOST}/$1 [P,L]') },
    { name: 'a VS Code server named code.example.com on 8080 with ProxyAddHeaders Off: not code-server by name, no claim', code: M + '<VirtualHost *:80>\n  ServerName code.example.com\n  ProxyAddHeaders Off\n  ProxyPass / ws://127.0.0.1:8080/\n</VirtualHost>\n' },
    { name: 'https:// with upgrade=websocket to port 443, a default port', code: M + G('SSLProxyEngine on', 'ProxyPass / https://gotify.example.com:443/ upgrade=websocket') },
    { name: 'Gotify addressed by the name of the vhost\'s ServerAlias (the browser may use either name)', code: M + '<VirtualHost *:80>\n  ServerName push.example.com\n  ServerAlias gotify.example.com\n  ProxyPass / ws://gotify.example.com/\n</VirtualHost>\n' },
    {
      name: 'Origin rewritten to the backend\'s host (jupyterhub#367\'s workaround): the config\'s own answer',
      code: M + '<VirtualHost *:80>\n  ServerName jupyter.example.com\n  RequestHeader edit Origin "jupyter.example.com" 127.0.0.1:8888\n  <Location /api/kernels/>\n    ProxyPass ws://127.0.0.1:8888/api/kernels/\n  </Location>\n</VirtualHost>\n',
    },
  ],
  invalid: [
    {
      name: 'Gotify addressed by the public name but on port 8080: "Host: gotify.example.com:8080" is not what the Origin names',
      code: M + G('ProxyPass / ws://gotify.example.com:8080/'),
      errors: [{ line: 6, column: 3, severity: 'warning', message: MSG('ProxyPass /', 'gotify.example.com:8080', 'Gotify') }],
      output: M + G('ProxyPreserveHost On', 'ProxyPass / ws://gotify.example.com:8080/'),
    },
    {
      name: 'Gotify behind ProxyPass /stream ws:// without ProxyPreserveHost (gotify.net/docs/apache sets it)',
      code: M + V('ProxyPass /stream ws://gotify:80/stream', 'ProxyPass / http://gotify:80/'),
      errors: [{ line: 6, column: 3, endLine: 6, endColumn: 12, severity: 'warning', message: MSG('ProxyPass /stream', 'gotify:80', 'Gotify') }],
      output: M + V('ProxyPreserveHost On', 'ProxyPass /stream ws://gotify:80/stream', 'ProxyPass / http://gotify:80/'),
    },
    {
      name: 'Jupyter by its kernels path, ProxyPreserveHost Off said in the vhost: turned On in place',
      code: M + V('ProxyPreserveHost Off', 'ProxyPass /api/kernels/ ws://127.0.0.1:8888/api/kernels/', 'ProxyPass / http://127.0.0.1:8888/'),
      errors: [{ line: 7, column: 3, message: MSG('ProxyPass /api/kernels/', '127.0.0.1:8888', 'Jupyter Server') }],
      output: M + V('ProxyPreserveHost On', 'ProxyPass /api/kernels/ ws://127.0.0.1:8888/api/kernels/', 'ProxyPass / http://127.0.0.1:8888/'),
    },
    {
      name: 'Mattermost by its port, two WebSocket routes: one finding per server',
      code: M + V('ProxyPass /api/v4/websocket ws://10.0.0.5:8065/api/v4/websocket', 'ProxyPass /api/v4/users/websocket ws://10.0.0.5:8065/api/v4/users/websocket'),
      errors: [{ line: 6, column: 3, message: MSG('ProxyPass /api/v4/websocket', '10.0.0.5:8065', 'Mattermost') }],
      output: M + V('ProxyPreserveHost On', 'ProxyPass /api/v4/websocket ws://10.0.0.5:8065/api/v4/websocket', 'ProxyPass /api/v4/users/websocket ws://10.0.0.5:8065/api/v4/users/websocket'),
    },
    {
      name: 'code-server by its backend name with ProxyAddHeaders Off (no X-Forwarded-Host), a RewriteRule [P]: the line goes above its condition',
      code: M + RW + V('ProxyAddHeaders Off', 'RewriteEngine On', 'RewriteCond %{HTTP:Upgrade} websocket [NC]', 'RewriteRule ^/(.*) ws://code-server:8080/$1 [P,L]', 'ProxyPass / http://code-server:8080/'),
      errors: [{ line: 10, column: 3, message: MSG('RewriteRule ^/(.*) [P]', 'code-server:8080', 'code-server 4.10.1+') }],
      output: M + RW + V('ProxyAddHeaders Off', 'RewriteEngine On', 'ProxyPreserveHost On', 'RewriteCond %{HTTP:Upgrade} websocket [NC]', 'RewriteRule ^/(.*) ws://code-server:8080/$1 [P,L]', 'ProxyPass / http://code-server:8080/'),
    },
    {
      name: 'a route in a <Location>: the line goes above the section, at the vhost level',
      code: M + V('<Location /stream>', '  ProxyPass ws://gotify/stream', '</Location>'),
      errors: [{ line: 7, column: 5, message: MSG('ProxyPass /stream', 'gotify', 'Gotify') }],
      output: M + V('ProxyPreserveHost On', '<Location /stream>', '  ProxyPass ws://gotify/stream', '</Location>'),
    },
    {
      name: 'Jupyter named by its ServerName only (jupyterhub#1411: ProxyPreserveHost Off sends localhost:8000)',
      code: M + '<VirtualHost *:443>\n  ServerName jupyter.example.com\n  ProxyPass /user/ ws://localhost:8000/user/ upgrade=websocket\n</VirtualHost>\n',
      errors: [{ line: 6, column: 3, message: MSG('ProxyPass /user/', 'localhost:8000', 'Jupyter Server') }],
      output: M + '<VirtualHost *:443>\n  ServerName jupyter.example.com\n  ProxyPreserveHost On\n  ProxyPass /user/ ws://localhost:8000/user/ upgrade=websocket\n</VirtualHost>\n',
    },
    {
      name: 'Origin rewritten in another vhost only: this one still sends the backend\'s address',
      code: M + '<VirtualHost *:80>\n  ServerName jupyter.example.com\n  RequestHeader edit Origin "jupyter.example.com" 127.0.0.1:8888\n  ProxyPass /api/kernels/ ws://127.0.0.1:8888/api/kernels/\n</VirtualHost>\n' + V('ProxyPass /stream ws://gotify:80/stream'),
      errors: [{ line: 11, column: 3, message: MSG('ProxyPass /stream', 'gotify:80', 'Gotify') }],
      output: M + '<VirtualHost *:80>\n  ServerName jupyter.example.com\n  RequestHeader edit Origin "jupyter.example.com" 127.0.0.1:8888\n  ProxyPass /api/kernels/ ws://127.0.0.1:8888/api/kernels/\n</VirtualHost>\n' + V('ProxyPreserveHost On', 'ProxyPass /stream ws://gotify:80/stream'),
    },
    {
      name: 'RequestHeader setting other headers leaves Origin as the browser sent it',
      code: M + V('RequestHeader set X-Forwarded-Proto "https"', 'RequestHeader set X-Forwarded-Origin "https://push.example.com"', 'ProxyPass /stream ws://gotify:80/stream'),
      errors: [{ line: 8, column: 3, message: MSG('ProxyPass /stream', 'gotify:80', 'Gotify') }],
      output: M + V('RequestHeader set X-Forwarded-Proto "https"', 'RequestHeader set X-Forwarded-Origin "https://push.example.com"', 'ProxyPreserveHost On', 'ProxyPass /stream ws://gotify:80/stream'),
    },
    {
      name: 'ProxyAddHeaders Off in the main server: no vhost sends X-Forwarded-Host to code-server',
      code: M + 'ProxyAddHeaders Off\n' + V('ProxyPass / ws://code-server:8080/'),
      errors: [{ line: 7, column: 3, message: MSG('ProxyPass /', 'code-server:8080', 'code-server 4.10.1+') }],
      output: M + 'ProxyAddHeaders Off\n' + V('ProxyPreserveHost On', 'ProxyPass / ws://code-server:8080/'),
    },
    {
      name: 'ProxyPreserveHost Off in the main server: the fix turns it On in the vhost, not for every vhost',
      code: M + 'ProxyPreserveHost Off\n' + V('ProxyPass /stream ws://gotify:80/stream'),
      errors: [{ line: 7, column: 3, message: MSG('ProxyPass /stream', 'gotify:80', 'Gotify') }],
      output: M + 'ProxyPreserveHost Off\n' + V('ProxyPreserveHost On', 'ProxyPass /stream ws://gotify:80/stream'),
    },
    {
      name: 'code-server by its ServerName\'s first label, with ProxyAddHeaders Off',
      code: M + '<VirtualHost *:80>\n  ServerName code-server.example.com\n  ProxyAddHeaders Off\n  ProxyPass / ws://127.0.0.1:8080/\n</VirtualHost>\n',
      errors: [{ line: 7, column: 3, message: MSG('ProxyPass /', '127.0.0.1:8080', 'code-server 4.10.1+') }],
      output: M + '<VirtualHost *:80>\n  ServerName code-server.example.com\n  ProxyAddHeaders Off\n  ProxyPreserveHost On\n  ProxyPass / ws://127.0.0.1:8080/\n</VirtualHost>\n',
    },
    {
      name: 'Mattermost by its port alone (a generic /ws path)',
      code: M + V('ProxyPass /ws ws://10.0.0.5:8065/ws'),
      errors: [{ line: 6, column: 3, message: MSG('ProxyPass /ws', '10.0.0.5:8065', 'Mattermost') }],
      output: M + V('ProxyPreserveHost On', 'ProxyPass /ws ws://10.0.0.5:8065/ws'),
    },
    {
      name: 'Jupyter by the ServerAlias when the ServerName names no app',
      code: M + '<VirtualHost *:80>\n  ServerName www.example.com\n  ServerAlias jupyter.example.com\n  ProxyPass /user/ ws://localhost:8000/user/\n</VirtualHost>\n',
      errors: [{ line: 7, column: 3, message: MSG('ProxyPass /user/', 'localhost:8000', 'Jupyter Server') }],
      output: M + '<VirtualHost *:80>\n  ServerName www.example.com\n  ServerAlias jupyter.example.com\n  ProxyPreserveHost On\n  ProxyPass /user/ ws://localhost:8000/user/\n</VirtualHost>\n',
    },
    {
      name: 'a Define\'d target keeps its port in the Host sent: not the public name on a default port',
      code: M + 'Define GOTIFY http://gotify.example.com:8080\n' + G('ProxyPass /stream ${GOTIFY}/stream upgrade=websocket'),
      errors: [{ line: 7, column: 3, message: MSG('ProxyPass /stream', 'gotify.example.com:8080', 'Gotify') }],
      output: M + 'Define GOTIFY http://gotify.example.com:8080\n' + G('ProxyPreserveHost On', 'ProxyPass /stream ${GOTIFY}/stream upgrade=websocket'),
    },
    {
      name: 'wss:// to a port other than 443 keeps it in the Host sent',
      code: M + G('SSLProxyEngine on', 'ProxyPass / wss://gotify.example.com:8443/'),
      errors: [{ line: 7, column: 3, message: MSG('ProxyPass /', 'gotify.example.com:8443', 'Gotify') }],
      output: M + G('SSLProxyEngine on', 'ProxyPreserveHost On', 'ProxyPass / wss://gotify.example.com:8443/'),
    },
  ],
});
