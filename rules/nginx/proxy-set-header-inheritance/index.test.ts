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
      name: 'the observed trap: Host in the location drops the server\'s Upgrade and Connection',
      filename: 'nginx.conf',
      code: TRAP,
      errors: [{ line: 8, column: 13, endLine: 8, endColumn: 40, message: 'location /ws sets its own proxy_set_header (line 8), so it inherits none of the 2 set at the server block (lines 4-5): Upgrade, Connection are not sent from here. nginx inherits proxy_set_header only when a level has none of its own; without Upgrade and Connection the WebSocket handshake reaches the backend as a plain request (observed on nginx 1.22.1: 426)' }],
      output: L('http {', '    server {', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";', '        location /ws {', '            proxy_pass http://b;', '            proxy_set_header Host $host;', '            proxy_set_header Upgrade $http_upgrade;', '            proxy_set_header Connection "upgrade";', '        }', '    }', '}'),
    },
    {
      name: 'Debian: include proxy_params at server level, one proxy_set_header in the location',
      filename: 'nginx.conf',
      files: { proxy_params: PROXY_PARAMS },
      code: L('http {', '    server {', '        include proxy_params;', '        location /app/ {', '            proxy_pass http://b;', '            proxy_set_header X-Request-Id $request_id;', '        }', '    }', '}'),
      errors: [{ line: 6, column: 13, message: /^location \/app\/ sets its own proxy_set_header \(line 6\), so it inherits none of the 4 set at the server block \(proxy_params:1-4\): Host, X-Real-IP, X-Forwarded-For, X-Forwarded-Proto are not sent from here\. nginx inherits proxy_set_header only when a level has none of its own$/ }],
      output: L('http {', '    server {', '        include proxy_params;', '        location /app/ {', '            proxy_pass http://b;', '            proxy_set_header X-Request-Id $request_id;', '            proxy_set_header Host $http_host;', '            proxy_set_header X-Real-IP $remote_addr;', '            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;', '            proxy_set_header X-Forwarded-Proto $scheme;', '        }', '    }', '}'),
    },
    {
      name: 'the location\'s own list comes from an included snippet: the include line is underlined',
      filename: 'nginx.conf',
      files: { 'snippets/ws.conf': L('proxy_set_header Upgrade $http_upgrade;', 'proxy_set_header Connection "upgrade";') },
      code: L('http {', '    server {', '        proxy_set_header Host $host;', '        location /ws {', '            proxy_pass http://b;', '            include snippets/ws.conf;', '        }', '    }', '}'),
      errors: [{ line: 6, column: 13, endLine: 6, endColumn: 37, message: /^location \/ws sets its own proxy_set_header \(ws\.conf:1\), so it inherits none of the 1 set at the server block \(line 3\): Host is not sent from here/ }],
      output: L('http {', '    server {', '        proxy_set_header Host $host;', '        location /ws {', '            proxy_pass http://b;', '            proxy_set_header Host $host;', '            include snippets/ws.conf;', '        }', '    }', '}'),
    },
    {
      name: 'a server list drops the http list',
      filename: 'nginx.conf',
      code: L('http {', '    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;', '    server {', '        proxy_set_header Host $host;', '        location / {', '            proxy_pass http://b;', '        }', '    }', '}'),
      errors: [{ line: 4, column: 9, message: /^server block sets its own proxy_set_header \(line 4\), so it inherits none of the 1 set at the http block \(line 2\): X-Forwarded-For is not sent/ }],
      output: L('http {', '    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;', '    server {', '        proxy_set_header Host $host;', '        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;', '        location / {', '            proxy_pass http://b;', '        }', '    }', '}'),
    },
    {
      name: 'a nested location drops its parent location\'s list',
      code: L('server {', '    location /app/ {', '        proxy_set_header Host $host;', '        proxy_pass http://b;', '        location /app/live {', '            proxy_pass http://b;', '            proxy_set_header Upgrade $http_upgrade;', '            proxy_set_header Connection upgrade;', '        }', '    }', '}'),
      errors: [{ line: 7, column: 13, message: /^location \/app\/live sets its own proxy_set_header \(line 7\), so it inherits none of the 1 set at the location \/app\/ \(line 3\): Host/ }],
      output: L('server {', '    location /app/ {', '        proxy_set_header Host $host;', '        proxy_pass http://b;', '        location /app/live {', '            proxy_pass http://b;', '            proxy_set_header Upgrade $http_upgrade;', '            proxy_set_header Connection upgrade;', '            proxy_set_header Host $host;', '        }', '    }', '}'),
    },
    {
      name: 'CRLF',
      code: CRLF('server {', '    proxy_set_header Upgrade $http_upgrade;', '    location /ws {', '        proxy_pass http://b;', '        proxy_set_header Connection upgrade;', '    }', '}'),
      errors: [{ line: 5, column: 9, message: /without Upgrade the WebSocket handshake/ }],
      output: CRLF('server {', '    proxy_set_header Upgrade $http_upgrade;', '    location /ws {', '        proxy_pass http://b;', '        proxy_set_header Connection upgrade;', '        proxy_set_header Upgrade $http_upgrade;', '    }', '}'),
    },
    {
      name: 'tabs',
      code: L('server {', '\tproxy_set_header X-Real-IP $remote_addr;', '\tlocation / {', '\t\tproxy_pass http://b;', '\t\tproxy_set_header Host $host;', '\t}', '}'),
      errors: [{ line: 5, column: 3 }],
      output: L('server {', '\tproxy_set_header X-Real-IP $remote_addr;', '\tlocation / {', '\t\tproxy_pass http://b;', '\t\tproxy_set_header Host $host;', '\t\tproxy_set_header X-Real-IP $remote_addr;', '\t}', '}'),
    },
  ],
});

describe('nginx/proxy-set-header-inheritance: severity and fix kind', () => {
  it('is an error when Upgrade or Connection is dropped, a warning otherwise; the fix is unsafe', () => {
    const trap = lintCase('nginx', [rule], { code: TRAP, filename: 'nginx.conf' }).messages[0].raw;
    expect(trap.fix?.applicability).toBe('unsafe');
    const other = lintCase('nginx', [rule], { code: L('server {', '    proxy_set_header Host $host;', '    location / {', '        proxy_pass http://b;', '        proxy_set_header X-A 1;', '    }', '}') }).messages[0].raw;
    expect(other.severity).toBe('warning');
    expect(trap.severity).toBe('error');
  });
});
