import { ruleTester } from '../../../test/support/rule-tester';
import { allWorkingVariants } from '../../../test/dialects/nginx/working-variants';
import rule from "./index";

const L = (...lines: string[]) => lines.join('\n') + '\n';
const CRLF = (...lines: string[]) => lines.join('\r\n') + '\r\n';


import { lintCase } from '../../../test/support/lint-case';

const PROXY_PARAMS = L(
  'proxy_set_header Host $http_host;',
  'proxy_set_header X-Real-IP $remote_addr;',
  'proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
  'proxy_set_header X-Forwarded-Proto $scheme;',
);

const TRAP = L('http {', '    server {', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";', '        location /ws {', '            proxy_pass http://b;', '            proxy_set_header Host $host;', '        }', '    }', '}');

ruleTester(rule, {
  valid: [
    ...allWorkingVariants(),
    { name: 'the location redefines every outer header', code: L('server {', '    proxy_set_header Host $host;', '    location / {', '        proxy_pass http://b;', '        proxy_set_header host $proxy_host;', '    }', '}') },
    { name: 'only one level sets any', code: L('server {', '    location / {', '        proxy_pass http://b;', '        proxy_set_header Host $host;', '    }', '}') },
    { name: 'Debian proxy_params included in the location itself', filename: 'nginx.conf', files: { proxy_params: PROXY_PARAMS }, code: L('http {', '    server {', '        location / {', '            proxy_pass http://b;', '            include proxy_params;', '        }', '    }', '}') },
  ],
  invalid: [
    {
      name: "a location path too long for the sentence (Frigate's /api/auth/first_time_login): the message leaves out where the headers were",
      code: "server {\n    listen 80;\n    proxy_set_header Host $host;\n    proxy_set_header X-Forwarded-Host $host;\n    proxy_set_header X-Forwarded-Proto $scheme;\n    location /api/auth/first_time_login {\n        proxy_set_header X-Real-IP $remote_addr;\n        proxy_pass http://127.0.0.1:5000;\n    }\n}\n",
      errors: [{ line: 7, column: 9, severity: 'info', message: 'location /api/auth/first_time_login loses Host, X-Forwarded-Host, X-Forwarded-Proto by setting its own proxy_set_header' }],
      output: "server {\n    listen 80;\n    proxy_set_header Host $host;\n    proxy_set_header X-Forwarded-Host $host;\n    proxy_set_header X-Forwarded-Proto $scheme;\n    location /api/auth/first_time_login {\n        proxy_set_header X-Real-IP $remote_addr;\n        proxy_set_header Host $host;\n        proxy_set_header X-Forwarded-Host $host;\n        proxy_set_header X-Forwarded-Proto $scheme;\n        proxy_pass http://127.0.0.1:5000;\n    }\n}\n",
    },
    // Every client-address header alone is info, as X-Forwarded-For is (the backend logs it; the WebSocket works).
    ...['X-Real-IP', 'Remote_Addr', 'Client_IP', 'X-Client-IP', 'True-Client-IP', 'CF-Connecting-IP'].map((h) => ({
      name: `only ${h} dropped: info`,
      code: L('server {', '    proxy_set_header Host $host;', `    proxy_set_header ${h} $remote_addr;`, '    location /socket.io {', '        proxy_pass http://b;', '        proxy_set_header Host $http_host;', '    }', '}'),
      errors: [{ line: 6, column: 9, endLine: 6, endColumn: 41, severity: 'info' as const, message: `location /socket.io loses ${h} (server block, line 3) by setting its own proxy_set_header` }],
      output: L('server {', '    proxy_set_header Host $host;', `    proxy_set_header ${h} $remote_addr;`, '    location /socket.io {', '        proxy_pass http://b;', '        proxy_set_header Host $http_host;', `        proxy_set_header ${h} $remote_addr;`, '    }', '}'),
    })),
    {
      name: 'only X-Forwarded-For dropped (TinyPilot PR 113 after the fix): info, the client address the backend logs, not the WebSocket',
      code: L('server {', '    proxy_set_header Host $host;', '    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;', '    location /socket.io {', '        proxy_pass http://b;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "Upgrade";', '        proxy_set_header Host $http_host;', '    }', '}'),
      errors: [{ line: 6, column: 9, severity: 'info', message: 'location /socket.io loses X-Forwarded-For (server block, line 3) by setting its own proxy_set_header' }],
      output: L('server {', '    proxy_set_header Host $host;', '    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;', '    location /socket.io {', '        proxy_pass http://b;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "Upgrade";', '        proxy_set_header Host $http_host;', '        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;', '    }', '}'),
    },
    {
      name: 'only the keep-alive recipe Connection "" dropped (NGINX-Demos health checks): info, nginx sends Connection: close and the request still works',
      code: L('server {', '    proxy_http_version 1.1;', '    proxy_set_header Connection "";', '    location ~ \\.py$ {', '        proxy_set_header Host $http_host;', '        proxy_pass http://b;', '    }', '}'),
      errors: [{ line: 5, column: 9, severity: 'info', message: 'location ~ \\.py$ loses Connection (server block, line 3) by setting its own proxy_set_header' }],
      output: L('server {', '    proxy_http_version 1.1;', '    proxy_set_header Connection "";', '    location ~ \\.py$ {', '        proxy_set_header Host $http_host;', '        proxy_set_header Connection "";', '        proxy_pass http://b;', '    }', '}'),
    },
    {
      name: 'Connection "" and Host dropped on a plain route: info, whether the backend needs Host the config does not say (not an error for the keep-alive header)',
      code: L('server {', '    proxy_set_header Host $host;', '    proxy_set_header Connection "";', '    location / {', '        proxy_set_header X-Real-IP $remote_addr;', '        proxy_pass http://b;', '    }', '}'),
      errors: [{ line: 5, column: 9, severity: 'info', message: 'location / loses Host, Connection (server block, lines 2-3) by setting its own proxy_set_header' }],
      output: L('server {', '    proxy_set_header Host $host;', '    proxy_set_header Connection "";', '    location / {', '        proxy_set_header X-Real-IP $remote_addr;', '        proxy_set_header Host $host;', '        proxy_set_header Connection "";', '        proxy_pass http://b;', '    }', '}'),
    },
    {
      name: 'TinyPilot before PR 113: location /socket.io sets the upgrade headers and drops the server\'s Host, which Flask-SocketIO\'s Origin check reads: warning',
      code: L('server {', '    proxy_set_header Host $http_host;', '    location /socket.io {', '        proxy_pass http://b;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "Upgrade";', '    }', '}'),
      errors: [{ line: 6, column: 9, severity: 'warning', message: 'location /socket.io loses Host (server block, line 2) by setting its own proxy_set_header' }],
      output: L('server {', '    proxy_set_header Host $http_host;', '    location /socket.io {', '        proxy_pass http://b;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "Upgrade";', '        proxy_set_header Host $http_host;', '    }', '}'),
    },
    {
      name: 'a WebSocket route losing only X-Forwarded-Host (wis2box /mqtt): info, no Origin check reads it',
      code: L('server {', '    proxy_set_header X-Forwarded-Host $server_name;', '    location /mqtt {', '        proxy_pass http://mosquitto:8884;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";', '        proxy_set_header Host $host;', '        proxy_read_timeout 1h;', '    }', '}'),
      errors: [{ line: 6, column: 9, severity: 'info', message: 'location /mqtt loses X-Forwarded-Host (server block, line 2) by setting its own proxy_set_header' }],
      output: L('server {', '    proxy_set_header X-Forwarded-Host $server_name;', '    location /mqtt {', '        proxy_pass http://mosquitto:8884;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";', '        proxy_set_header Host $host;', '        proxy_set_header X-Forwarded-Host $server_name;', '        proxy_read_timeout 1h;', '    }', '}'),
    },
    {
      name: 'an internal auth_request location (plotlinelabs/loma PR 40): info, only nginx\'s subrequest reaches it, and it clears Upgrade/Connection on purpose',
      code: L('server {', '    proxy_set_header Host $host;', '    proxy_set_header X-Forwarded-Proto $scheme;', '    proxy_set_header Upgrade $http_upgrade;', '    proxy_set_header Connection "upgrade";', '    location = /_whoami {', '        internal;', '        proxy_pass http://auth/api/whoami;', '        proxy_set_header Content-Length "";', '        proxy_set_header Upgrade "";', '        proxy_set_header Connection "";', '    }', '}'),
      errors: [{ line: 9, column: 9, severity: 'info', message: 'location = /_whoami loses Host, X-Forwarded-Proto (server block, lines 2-3) by setting its own proxy_set_header' }],
      output: L('server {', '    proxy_set_header Host $host;', '    proxy_set_header X-Forwarded-Proto $scheme;', '    proxy_set_header Upgrade $http_upgrade;', '    proxy_set_header Connection "upgrade";', '    location = /_whoami {', '        internal;', '        proxy_pass http://auth/api/whoami;', '        proxy_set_header Content-Length "";', '        proxy_set_header Upgrade "";', '        proxy_set_header Connection "";', '        proxy_set_header Host $host;', '        proxy_set_header X-Forwarded-Proto $scheme;', '    }', '}'),
    },
    {
      name: 'the observed trap: Host in the location drops the server\'s Upgrade and Connection',
      filename: 'nginx.conf',
      code: TRAP,
      errors: [{ line: 8, column: 13, endLine: 8, endColumn: 40, message: 'location /ws loses Upgrade, Connection (server block, lines 4-5) by setting its own proxy_set_header', severity: 'error' }],
      output: L('http {', '    server {', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";', '        location /ws {', '            proxy_pass http://b;', '            proxy_set_header Host $host;', '            proxy_set_header Upgrade $http_upgrade;', '            proxy_set_header Connection "upgrade";', '        }', '    }', '}'),
    },
    {
      name: 'Debian: include proxy_params at server level, one proxy_set_header in the location',
      filename: 'nginx.conf',
      files: { proxy_params: PROXY_PARAMS },
      code: L('http {', '    server {', '        include proxy_params;', '        location /app/ {', '            proxy_pass http://b;', '            proxy_set_header X-Request-Id $request_id;', '        }', '    }', '}'),
      errors: [{ line: 6, column: 13, severity: 'info', message: 'location /app/ loses Host, X-Real-IP and 2 more (server block, proxy_params:1-4) by setting its own proxy_set_header' }],
      output: L('http {', '    server {', '        include proxy_params;', '        location /app/ {', '            proxy_pass http://b;', '            proxy_set_header X-Request-Id $request_id;', '            proxy_set_header Host $http_host;', '            proxy_set_header X-Real-IP $remote_addr;', '            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;', '            proxy_set_header X-Forwarded-Proto $scheme;', '        }', '    }', '}'),
    },
    {
      name: 'the location\'s own list comes from an included snippet: the include line is underlined',
      filename: 'nginx.conf',
      files: { 'snippets/ws.conf': L('proxy_set_header Upgrade $http_upgrade;', 'proxy_set_header Connection "upgrade";') },
      code: L('http {', '    server {', '        proxy_set_header Host $host;', '        location /ws {', '            proxy_pass http://b;', '            include snippets/ws.conf;', '        }', '    }', '}'),
      errors: [{ line: 6, column: 13, endLine: 6, endColumn: 37, message: 'location /ws loses Host (server block, line 3) by setting its own proxy_set_header' }],
      output: L('http {', '    server {', '        proxy_set_header Host $host;', '        location /ws {', '            proxy_pass http://b;', '            proxy_set_header Host $host;', '            include snippets/ws.conf;', '        }', '    }', '}'),
    },
    {
      name: 'a server list drops the http list',
      filename: 'nginx.conf',
      code: L('http {', '    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;', '    server {', '        proxy_set_header Host $host;', '        location / {', '            proxy_pass http://b;', '        }', '    }', '}'),
      errors: [{ line: 4, column: 9, severity: 'info', message: 'server block loses X-Forwarded-For (http block, line 2) by setting its own proxy_set_header' }],
      output: L('http {', '    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;', '    server {', '        proxy_set_header Host $host;', '        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;', '        location / {', '            proxy_pass http://b;', '        }', '    }', '}'),
    },
    {
      name: 'a nested location drops its parent location\'s list',
      code: L('server {', '    location /app/ {', '        proxy_set_header Host $host;', '        proxy_pass http://b;', '        location /app/live {', '            proxy_pass http://b;', '            proxy_set_header Upgrade $http_upgrade;', '            proxy_set_header Connection upgrade;', '        }', '    }', '}'),
      errors: [{ line: 7, column: 13, message: 'location /app/live loses Host (location /app/, line 3) by setting its own proxy_set_header' }],
      output: L('server {', '    location /app/ {', '        proxy_set_header Host $host;', '        proxy_pass http://b;', '        location /app/live {', '            proxy_pass http://b;', '            proxy_set_header Upgrade $http_upgrade;', '            proxy_set_header Connection upgrade;', '            proxy_set_header Host $host;', '        }', '    }', '}'),
    },
    {
      name: 'CRLF',
      code: CRLF('server {', '    proxy_set_header Upgrade $http_upgrade;', '    location /ws {', '        proxy_pass http://b;', '        proxy_set_header Connection upgrade;', '    }', '}'),
      errors: [{ line: 5, column: 9, message: 'location /ws loses Upgrade (server block, line 2) by setting its own proxy_set_header', severity: 'error' }],
      output: CRLF('server {', '    proxy_set_header Upgrade $http_upgrade;', '    location /ws {', '        proxy_pass http://b;', '        proxy_set_header Connection upgrade;', '        proxy_set_header Upgrade $http_upgrade;', '    }', '}'),
    },
    {
      name: 'tabs',
      code: L('server {', '\tproxy_set_header X-Real-IP $remote_addr;', '\tlocation / {', '\t\tproxy_pass http://b;', '\t\tproxy_set_header Host $host;', '\t}', '}'),
      errors: [{ line: 5, column: 3, severity: 'info', message: 'location / loses X-Real-IP (server block, line 2) by setting its own proxy_set_header' }],
      output: L('server {', '\tproxy_set_header X-Real-IP $remote_addr;', '\tlocation / {', '\t\tproxy_pass http://b;', '\t\tproxy_set_header Host $host;', '\t\tproxy_set_header X-Real-IP $remote_addr;', '\t}', '}'),
    },
  ],
});

describe('nginx/proxy-set-header-inheritance: severity and fix kind', () => {
  it('is an error when Upgrade or Connection is dropped, a warning when a WebSocket route loses Host, info on a plain route; the fix is unsafe', () => {
    const trap = lintCase('nginx', [rule], { code: TRAP, filename: 'nginx.conf' }).messages[0].raw;
    expect(trap.fix?.applicability).toBe('unsafe');
    const lose = (path: string) => lintCase('nginx', [rule], { code: L('server {', '    proxy_set_header Host $host;', `    location ${path} {`, '        proxy_pass http://b;', '        proxy_set_header X-A 1;', '    }', '}') }).messages[0].raw.severity;
    expect([lose('/ws'), lose('/'), trap.severity]).toEqual(['warning', 'info', 'error']);
  });
});
