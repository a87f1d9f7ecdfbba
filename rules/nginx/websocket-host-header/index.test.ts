import { ruleTester } from '../../../test/support/rule-tester';
import rule from './index';

const L = (...lines: string[]) => lines.join('\n') + '\n';
const MSG = (route: string, host: string, stack: string) => `${route} sends "Host: ${host}": ${stack} refuses browser handshakes (403)`;
const UP = ['upstream gotify {', '    server 127.0.0.1:8080;', '}'];
const WS = ['        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";'];

ruleTester(rule, {
  valid: [
    { name: 'Host $http_host (gotify.net/docs/nginx)', code: L(...UP, 'server {', '    server_name push.example.com;', '    location / {', '        proxy_pass http://gotify;', ...WS, '        proxy_set_header Host $http_host;', '    }', '}') },
    { name: 'Host $host inherited from the server', code: L(...UP, 'server {', '    server_name push.example.com;', '    proxy_set_header Host $host;', '    location / {', '        proxy_pass http://gotify;', '        proxy_http_version 1.1;', '    }', '    location /stream {', '        proxy_pass http://gotify;', '        proxy_set_header Host $host;', ...WS.slice(1), '    }', '}') },
    { name: 'an unknown application: most backends do not check Origin', code: L('server {', '    location /ws {', '        proxy_pass http://127.0.0.1:3000;', ...WS, '    }', '}') },
    { name: 'Gotify (its server_name) addressed by the public name on a default port: the Host sent is what the Origin names', code: L('server {', '    server_name gotify.example.com;', '    location / {', '        proxy_pass http://GOTIFY.example.com;', ...WS, '    }', '}') },
    { name: 'the same over https to port 443, a default port $proxy_host leaves out', code: L('server {', '    server_name gotify.example.com;', '    location / {', '        proxy_pass https://gotify.example.com:443;', ...WS, '    }', '}') },
    { name: 'Gotify (its server_name) behind a variable target: the Host sent is chosen per request', code: L('server {', '    server_name gotify.example.com;', '    set $up gotify;', '    location / {', '        proxy_pass http://$up;', ...WS, '    }', '}') },
    { name: 'code-server only by a regex server_name: a regex names no app', code: L('server {', '    server_name ~^code-server\\.;', '    location / {', '        proxy_pass http://127.0.0.1:8080;', ...WS, '    }', '}') },
    { name: 'an exact Gotify location without any WebSocket signal', code: L('server {', '    location = /version {', '        proxy_pass http://gotify:80;', '    }', '}') },
    { name: 'a VS Code server named by code.example.com with port 8080: not code-server by name, no claim', code: L('server {', '    server_name code.example.com;', '    location / {', '        proxy_pass http://127.0.0.1:8080;', ...WS, '    }', '}') },
    { name: 'a literal Host is the config\'s own choice', code: L('server {', '    location /stream {', '        proxy_pass http://gotify;', ...WS, '        proxy_set_header Host push.example.com;', '    }', '}') },
    { name: 'code-server reads X-Forwarded-Host first (hassio-addons/app-nginx-proxy-manager#407\'s workaround)', code: L('server {', '    location / {', '        proxy_pass http://code-server:8080;', ...WS, '        proxy_set_header X-Forwarded-Host $http_host;', '    }', '}') },
    { name: 'code-server reads a Forwarded host= first', code: L('server {', '    location / {', '        proxy_pass http://code-server:8080;', ...WS, '        proxy_set_header Forwarded "host=$host;proto=$scheme";', '    }', '}') },
    { name: 'a Jupyter kernels location nginx serves itself (no proxy_pass): no Host is sent', code: L('server {', '    location /api/kernels/ {', '        root /srv/www;', '    }', '}') },
    { name: 'Gotify (its server_name) behind a target that is one variable: the Host sent is chosen per request', code: L('server {', '    server_name gotify.example.com;', '    location / {', '        proxy_pass $gotify_url;', ...WS, '    }', '}') },
    { name: 'a variable right after the host (http://gotify$suffix): the host sent is chosen per request', code: L('server {', '    server_name gotify.example.com;', '    location / {', '        proxy_pass http://gotify$suffix;', ...WS, '    }', '}') },
    { name: 'Origin set by the config (jupyter/notebook#1311: Origin ""): its own answer to the check', code: L('server {', '    location /api/kernels/ {', '        proxy_pass http://127.0.0.1:8888;', ...WS, '        proxy_set_header Origin "";', '    }', '}') },
    // Host $host:$server_port: judged only where every listener is on 80 or 443 (code-server#6161)
    { name: '$host:$server_port on a server listening on 8443: the Origin carries :8443 when clients reach it directly', code: L('server {', '    listen 8443 ssl;', '    location / {', '        proxy_pass http://code-server:8080;', ...WS, '        proxy_set_header Host $host:$server_port;', '    }', '}') },
    { name: '$host:$server_port on a server listening on 443 and 8443: which port a client uses the config does not say', code: L('server {', '    listen 443 ssl;', '    listen 8443 ssl;', '    location / {', '        proxy_pass http://code-server:8080;', ...WS, '        proxy_set_header Host $host:$server_port;', '    }', '}') },
    { name: '$host:$server_port on a server without listen: nginx\'s default port depends on its user', code: L('server {', '    location / {', '        proxy_pass http://code-server:8080;', ...WS, '        proxy_set_header Host $host:$server_port;', '    }', '}') },
    { name: '$host:$server_port on a unix-socket listener: no port', code: L('server {', '    listen unix:/run/nginx.sock;', '    location / {', '        proxy_pass http://code-server:8080;', ...WS, '        proxy_set_header Host $host:$server_port;', '    }', '}') },
    { name: '$host:$server_port on 443 to an application that does not check Origin', code: L('server {', '    listen 443 ssl;', '    location /ws {', '        proxy_pass http://127.0.0.1:3000;', ...WS, '        proxy_set_header Host $host:$server_port;', '    }', '}') },
    { name: '$host:$proxy_port is another choice: not judged', code: L('server {', '    listen 443 ssl;', '    location / {', '        proxy_pass http://code-server:8080;', ...WS, '        proxy_set_header Host $host:$proxy_port;', '    }', '}') },
  ],
  invalid: [
    {
      name: 'Gotify addressed by the public name but on port 8080: "Host: gotify.example.com:8080" is not what the Origin names',
      code: L('server {', '    server_name gotify.example.com;', '    location / {', '        proxy_pass http://gotify.example.com:8080;', ...WS, '    }', '}'),
      errors: [{ line: 3, column: 5, endLine: 3, endColumn: 15, severity: 'warning', message: MSG('location /', 'gotify.example.com:8080', 'Gotify') }],
      output: L('server {', '    server_name gotify.example.com;', '    location / {', '        proxy_pass http://gotify.example.com:8080;', ...WS, '        proxy_set_header Host $http_host;', '    }', '}'),
    },
    {
      name: 'https to a non-default port keeps it in the Host sent',
      code: L('server {', '    server_name gotify.example.com;', '    location / {', '        proxy_pass https://10.0.0.7:8443;', ...WS, '    }', '}'),
      errors: [{ line: 3, column: 5, endLine: 3, endColumn: 15, severity: 'warning', message: MSG('location /', '10.0.0.7:8443', 'Gotify') }],
      output: L('server {', '    server_name gotify.example.com;', '    location / {', '        proxy_pass https://10.0.0.7:8443;', ...WS, '        proxy_set_header Host $http_host;', '    }', '}'),
    },
    {
      name: 'Gotify by its upstream, no Host header: nginx sends "Host: gotify"',
      code: L(...UP, 'server {', '    server_name push.example.com;', '    location / {', '        proxy_pass http://gotify;', ...WS, '    }', '}'),
      errors: [{ line: 6, column: 5, endLine: 6, endColumn: 15, severity: 'warning', message: MSG('location /', 'gotify', 'Gotify') }],
      output: L(...UP, 'server {', '    server_name push.example.com;', '    location / {', '        proxy_pass http://gotify;', ...WS, '        proxy_set_header Host $http_host;', '    }', '}'),
    },
    {
      name: 'Jupyter by its kernels path; the location inherits a list from the server, copied in with Host',
      code: L('server {', '    proxy_set_header X-Real-IP $remote_addr;', '    location /api/kernels/ {', '        proxy_pass http://127.0.0.1:8888;', '        proxy_http_version 1.1;', '    }', '}'),
      errors: [{ line: 3, column: 5, message: MSG('location /api/kernels/', '127.0.0.1:8888', 'Jupyter Server') }],
      output: L('server {', '    proxy_set_header X-Real-IP $remote_addr;', '    location /api/kernels/ {', '        proxy_pass http://127.0.0.1:8888;', '        proxy_set_header X-Real-IP $remote_addr;', '        proxy_set_header Host $http_host;', '        proxy_http_version 1.1;', '    }', '}'),
    },
    {
      name: 'Mattermost by its regex WebSocket location and port, Host $proxy_host said: replaced in place',
      code: L('server {', '    server_name chat.example.com;', '    location ~ /api/v[0-9]+/(users/)?websocket$ {', '        proxy_pass http://10.0.0.5:8065;', ...WS, '        proxy_set_header Host $proxy_host;', '    }', '}'),
      errors: [{ line: 3, column: 5, message: MSG('location ~ /api/v[0-9]+/(users/)?websocket$', '10.0.0.5:8065', 'Mattermost') }],
      output: L('server {', '    server_name chat.example.com;', '    location ~ /api/v[0-9]+/(users/)?websocket$ {', '        proxy_pass http://10.0.0.5:8065;', ...WS, '        proxy_set_header Host $http_host;', '    }', '}'),
    },
    {
      name: 'code-server by its proxy_pass host (coder/code-server#6023)',
      code: L('server {', '    server_name ide.example.com;', '    location / {', '        proxy_pass http://code-server:8080/;', ...WS, '        proxy_set_header Accept-Encoding gzip;', '    }', '}'),
      errors: [{ line: 3, column: 5, message: MSG('location /', 'code-server:8080', 'code-server 4.10.1+') }],
      output: L('server {', '    server_name ide.example.com;', '    location / {', '        proxy_pass http://code-server:8080/;', ...WS, '        proxy_set_header Accept-Encoding gzip;', '        proxy_set_header Host $http_host;', '    }', '}'),
    },
    {
      name: 'https:// to port 443 leaves the port out, as $proxy_host does',
      code: L('server {', '    location /stream {', '        proxy_pass https://gotify.internal:443;', ...WS, '    }', '}'),
      errors: [{ line: 2, column: 5, message: MSG('location /stream', 'gotify.internal', 'Gotify') }],
      output: L('server {', '    location /stream {', '        proxy_pass https://gotify.internal:443;', ...WS, '        proxy_set_header Host $http_host;', '    }', '}'),
    },
    {
      name: 'Gotify compares with Host only: an X-Forwarded-Host does not help it',
      code: L('server {', '    location /stream {', '        proxy_pass http://gotify:80;', ...WS, '        proxy_set_header X-Forwarded-Host $host;', '    }', '}'),
      errors: [{ line: 2, column: 5, message: MSG('location /stream', 'gotify', 'Gotify') }],
      output: L('server {', '    location /stream {', '        proxy_pass http://gotify:80;', ...WS, '        proxy_set_header X-Forwarded-Host $host;', '        proxy_set_header Host $http_host;', '    }', '}'),
    },
    {
      name: 'code-server behind an upstream whose server is code-server:8080: nginx sends the upstream\'s name',
      code: L('upstream ide {', '    server code-server:8080;', '}', 'server {', '    server_name ide.example.com;', '    location / {', '        proxy_pass http://ide;', ...WS, '    }', '}'),
      errors: [{ line: 6, column: 5, message: MSG('location /', 'ide', 'code-server 4.10.1+') }],
      output: L('upstream ide {', '    server code-server:8080;', '}', 'server {', '    server_name ide.example.com;', '    location / {', '        proxy_pass http://ide;', ...WS, '        proxy_set_header Host $http_host;', '    }', '}'),
    },
    {
      name: 'code-server by its server_name\'s first label, to 127.0.0.1:8080',
      code: L('server {', '    server_name code-server.example.com;', '    location / {', '        proxy_pass http://127.0.0.1:8080;', ...WS, '    }', '}'),
      errors: [{ line: 3, column: 5, message: MSG('location /', '127.0.0.1:8080', 'code-server 4.10.1+') }],
      output: L('server {', '    server_name code-server.example.com;', '    location / {', '        proxy_pass http://127.0.0.1:8080;', ...WS, '        proxy_set_header Host $http_host;', '    }', '}'),
    },
    {
      name: 'code-server with a Forwarded header that names no host= still reads Host',
      code: L('server {', '    location / {', '        proxy_pass http://code-server:8080;', ...WS, '        proxy_set_header Forwarded "proto=$scheme";', '    }', '}'),
      errors: [{ line: 2, column: 5, message: MSG('location /', 'code-server:8080', 'code-server 4.10.1+') }],
      output: L('server {', '    location / {', '        proxy_pass http://code-server:8080;', ...WS, '        proxy_set_header Forwarded "proto=$scheme";', '        proxy_set_header Host $http_host;', '    }', '}'),
    },
    {
      name: 'a location in a fragment of its own (no server block): the backend\'s address is sent, unverified',
      filename: 'jupyter.conf',
      code: L('location /api/kernels/ {', '    proxy_pass http://127.0.0.1:8888;', '    proxy_http_version 1.1;', '}'),
      errors: [{ line: 1, column: 1, severity: 'info', message: MSG('location /api/kernels/', '127.0.0.1:8888', 'Jupyter Server') + ' (unverified: the server block that includes this file is not in the tree)' }],
      // The server block may set Host for every location: no fix while it is unread.
      output: null,
    },
    {
      name: 'code-server behind $host:$server_port on 443 (code-server#6161: host "ide.wsc.ink:443" does not match origin "ide.wsc.ink")',
      code: L('server {', '    listen 443 ssl;', '    listen [::]:443 ssl;', '    server_name ide.example.com;', '    location / {', '        proxy_pass http://127.0.0.1:8080;', ...WS, '        proxy_set_header Host $host:$server_port;', '    }', '}'),
      errors: [{ line: 5, column: 5, endLine: 5, endColumn: 15, severity: 'warning', message: MSG('location /', '$host:443', 'code-server 4.10.1+') }],
      output: L('server {', '    listen 443 ssl;', '    listen [::]:443 ssl;', '    server_name ide.example.com;', '    location / {', '        proxy_pass http://127.0.0.1:8080;', ...WS, '        proxy_set_header Host $http_host;', '    }', '}'),
    },
    {
      name: 'Gotify with ${host}:${server_port} inherited from a server on 80 and 443',
      code: L(...UP, 'server {', '    listen 80;', '    listen 443 ssl;', '    proxy_set_header Host ${host}:${server_port};', '    proxy_set_header Upgrade $http_upgrade;', '    proxy_set_header Connection "upgrade";', '    location /stream {', '        proxy_pass http://gotify;', '        proxy_http_version 1.1;', '    }', '}'),
      errors: [{ line: 10, column: 5, severity: 'warning', message: MSG('location /stream', '${host}:80 or :443', 'Gotify') }],
      output: L(...UP, 'server {', '    listen 80;', '    listen 443 ssl;', '    proxy_set_header Host ${host}:${server_port};', '    proxy_set_header Upgrade $http_upgrade;', '    proxy_set_header Connection "upgrade";', '    location /stream {', '        proxy_pass http://gotify;', '        proxy_set_header Host $http_host;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";', '        proxy_http_version 1.1;', '    }', '}'),
    },
  ],
});
