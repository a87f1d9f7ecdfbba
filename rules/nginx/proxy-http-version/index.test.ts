import { ruleTester } from '../../../test/support/rule-tester';
import { allWorkingVariants } from '../../../test/dialects/nginx/working-variants';
import rule from "./index";

const L = (...lines: string[]) => lines.join('\n') + '\n';
const CRLF = (...lines: string[]) => lines.join('\r\n') + '\r\n';



const WS = (...inner: string[]) => L('server {', '    location /ws {', '        proxy_pass http://b;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection upgrade;', ...inner, '    }', '}');

ruleTester(rule, {
  valid: [
    ...allWorkingVariants(),
    { name: 'unset on nginx 1.29.7 (HTTP/1.1 is the default)', code: WS(), targets: { nginx: '1.29.7' } },
    { name: 'unset on nginx 1.30.0', code: WS(), targets: { nginx: '1.30.0' } },
    { name: '1.1 inherited from http', filename: 'nginx.conf', code: L('http {', '    proxy_http_version 1.1;', '    server {', '        location /ws {', '            proxy_pass http://b;', '        }', '    }', '}') },
    { name: 'a plain location may talk HTTP/1.0', code: L('server {', '    location /api/ {', '        proxy_pass http://b;', '        proxy_http_version 1.0;', '    }', '}') },
  ],
  invalid: [
    {
      name: "code-server by its upstream name: the message gives the app's first name (its full name would pass 120 characters)",
      code: "upstream code-server { server 127.0.0.1:8080; }\nserver {\n    listen 80;\n    location / {\n        proxy_pass http://code-server;\n        proxy_set_header Upgrade $http_upgrade;\n        proxy_set_header Connection upgrade;\n    }\n}\n",
      errors: [{ line: 4, column: 5, severity: 'info', message: "location / proxies with HTTP/1.0 (nginx 1.22.1's default): VS Code server upgrades it, other backends may not" }],
      output: "upstream code-server { server 127.0.0.1:8080; }\nserver {\n    listen 80;\n    location / {\n        proxy_pass http://code-server;\n        proxy_http_version 1.1;\n        proxy_set_header Upgrade $http_upgrade;\n        proxy_set_header Connection upgrade;\n    }\n}\n",
    },
    {
      name: 'unset in front of Mattermost (its docs\' regex location): error, Mattermost >= 5.33 refuses HTTP/1.0 (mattermost/docs#4323)',
      code: L('server {', '    location ~ /api/v[0-9]+/(users/)?websocket$ {', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";', '        proxy_pass http://backend;', '    }', '}'),
      errors: [{ line: 2, column: 5, endLine: 2, endColumn: 48, severity: 'error', message: "location ~ /api/v[0-9]+/(users/)?websocket$ proxies with HTTP/1.0 (nginx 1.22.1's default), which Mattermost refuses" }],
      output: L('server {', '    location ~ /api/v[0-9]+/(users/)?websocket$ {', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";', '        proxy_pass http://backend;', '        proxy_http_version 1.1;', '    }', '}'),
    },
    {
      name: 'unset in front of Mattermost named by its port (:8065): error',
      code: L('server {', '    location / {', '        proxy_pass http://10.10.10.2:8065;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection upgrade;', '    }', '}'),
      errors: [{ signal: { kind: 'headers', detail: 'it sets the Upgrade header (line 4)', app: 'Mattermost' }, line: 2, column: 5, severity: 'error', message: "location / proxies with HTTP/1.0 (nginx 1.22.1's default), which Mattermost refuses" }],
      output: L('server {', '    location / {', '        proxy_pass http://10.10.10.2:8065;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection upgrade;', '    }', '}'),
    },
    {
      name: 'proxy_http_version 1.0 on a Phoenix socket: error, Cowboy 2 refuses HTTP/1.0',
      code: L('server {', '    location /live/websocket {', '        proxy_pass http://phx;', '        proxy_http_version 1.0;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection upgrade;', '    }', '}'),
      errors: [{ signal: { kind: 'headers', detail: 'it sets the Upgrade header (line 5)', app: 'Phoenix channels / LiveView' }, line: 4, column: 9, severity: 'error', message: 'location /live/websocket uses proxy_http_version 1.0 (line 4), which Phoenix channels / LiveView refuses' }],
      output: L('server {', '    location /live/websocket {', '        proxy_pass http://phx;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection upgrade;', '    }', '}'),
    },
    {
      name: 'unset in front of uvicorn (named by the upstream): info that says uvicorn upgrades it',
      code: L('server {', '    location / {', '        proxy_pass http://uvicorn;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection $http_connection;', '    }', '}'),
      errors: [{ line: 2, column: 5, severity: 'info', message: "location / proxies with HTTP/1.0 (nginx 1.22.1's default): Uvicorn (ASGI) upgrades it, other backends may not" }],
      output: L('server {', '    location / {', '        proxy_pass http://uvicorn;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection $http_connection;', '    }', '}'),
    },
    {
      name: 'unset on the assumed target (Debian 12: nginx 1.22.1)',
      code: WS(),
      errors: [{ line: 2, column: 5, endLine: 2, endColumn: 17, severity: 'info', message: 'location /ws proxies with HTTP/1.0 (nginx 1.22.1\'s default): some backends refuse it' }],
      output: L('server {', '    location /ws {', '        proxy_pass http://b;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection upgrade;', '    }', '}'),
    },
    {
      name: 'unset on nginx 1.29.6 (configured)',
      targets: { nginx: '1.29.6' },
      code: WS(),
      errors: [{ line: 2, column: 5, severity: 'info', message: 'location /ws proxies with HTTP/1.0 (nginx 1.29.6\'s default): some backends refuse it' }],
      output: L('server {', '    location /ws {', '        proxy_pass http://b;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection upgrade;', '    }', '}'),
    },
    {
      name: 'proxy_http_version 1.0 in the location (flagged on every version)',
      targets: { nginx: '1.29.7' },
      code: WS('        proxy_http_version 1.0;'),
      errors: [{ line: 6, column: 9, endLine: 6, endColumn: 31, severity: 'info', message: 'location /ws uses proxy_http_version 1.0 (line 6): some backends refuse it' }],
      output: WS('        proxy_http_version 1.1;'),
    },
    {
      name: '1.0 inherited from the server: 1.1 is added to the location only',
      code: L('server {', '    proxy_http_version 1.0;', '    location / {', '        proxy_pass http://b;', '    }', '    location /socket.io/ {', '        proxy_pass http://b;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection upgrade;', '    }', '}'),
      errors: [{ line: 6, column: 5, severity: 'info', message: 'location /socket.io/ uses proxy_http_version 1.0 (server block, line 2): some backends refuse it' }],
      output: L('server {', '    proxy_http_version 1.0;', '    location / {', '        proxy_pass http://b;', '    }', '    location /socket.io/ {', '        proxy_pass http://b;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection upgrade;', '    }', '}'),
    },
    {
      name: 'proxy_http_version 2 (nginx >= 1.29.4): no WebSocket over it',
      targets: { nginx: '1.29.4' },
      code: WS('        proxy_http_version 2;'),
      errors: [{ line: 6, column: 9, message: 'location /ws uses proxy_http_version 2 (line 6), which has no WebSocket upgrade' }],
      output: WS('        proxy_http_version 1.1;'),
    },
    {
      name: '2 inherited from an included file at http level',
      filename: 'nginx.conf',
      targets: { nginx: '1.29.7' },
      files: { 'conf.d/upstream-h2.conf': L('proxy_http_version 2;') },
      code: L('events {}', 'http {', '    include conf.d/*.conf;', '    server {', '        location /hub {', '            proxy_pass http://b;', '        }', '    }', '}'),
      errors: [{ signal: { kind: 'path', detail: 'its path /hub looks like a WebSocket endpoint', app: 'ASP.NET Core SignalR' }, line: 5, column: 9, message: 'location /hub uses proxy_http_version 2 (http block, upstream-h2.conf:1), which has no WebSocket upgrade' }],
      output: L('events {}', 'http {', '    include conf.d/*.conf;', '    server {', '        location /hub {', '            proxy_pass http://b;', '            proxy_http_version 1.1;', '        }', '    }', '}'),
    },
    {
      name: 'CRLF',
      code: CRLF('server {', '    location /ws {', '        proxy_pass http://b;', '        proxy_http_version 1.0;', '    }', '}'),
      errors: [{ line: 4, column: 9, severity: 'info', message: 'location /ws uses proxy_http_version 1.0 (line 4): some backends refuse it' }],
      output: CRLF('server {', '    location /ws {', '        proxy_pass http://b;', '        proxy_http_version 1.1;', '    }', '}'),
    },
    {
      name: 'tabs',
      code: L('server {', '\tlocation /cable {', '\t\tproxy_pass http://b;', '\t\tproxy_buffering off;', '\t}', '}'),
      errors: [{ line: 2, column: 2, severity: 'info', message: 'location /cable proxies with HTTP/1.0 (nginx 1.22.1\'s default): some backends refuse it' }],
      output: L('server {', '\tlocation /cable {', '\t\tproxy_pass http://b;', '\t\tproxy_http_version 1.1;', '\t\tproxy_buffering off;', '\t}', '}'),
    },
    {
      name: 'a one-line location',
      code: L('server {', '    location /ws { proxy_pass http://b; }', '}'),
      errors: [{ line: 2, column: 5, severity: 'info', message: 'location /ws proxies with HTTP/1.0 (nginx 1.22.1\'s default): some backends refuse it' }],
      output: L('server {', '    location /ws { proxy_pass http://b; proxy_http_version 1.1; }', '}'),
    },
  ],
});
