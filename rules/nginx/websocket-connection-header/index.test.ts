import { ruleTester } from '../../../test/support/rule-tester';
import { allWorkingVariants } from '../../../test/dialects/nginx/working-variants';
import rule from "./index";

const L = (...lines: string[]) => lines.join('\n') + '\n';
const CRLF = (...lines: string[]) => lines.join('\r\n') + '\r\n';


const HTTP_TOP = ['events {}', 'http {'];
const TEMP = ['    server {', '        listen 8080;'];

ruleTester(rule, {
  valid: [
    ...allWorkingVariants(),
    { name: 'a plain location is not a WebSocket route', code: L('server {', '    location / {', '        proxy_pass http://b;', '        proxy_set_header Connection "";', '    }', '}') },
    { name: '$http_connection passes the client\'s Connection', code: L('server {', '    location /ws {', '        proxy_pass http://b;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection $http_connection;', '    }', '}') },
    // nginx sends every non-empty setting of a name and skips the empty ones (nginx 1.22.1,
    // test/e2e/realworld/settled.test.ts nginx-chatwoot-deployment): a later "" cancels nothing.
    { name: 'Connection "upgrade" then Connection "" (Chatwoot\'s deployment file): "upgrade" is sent', code: L('server {', '    location / {', '        proxy_pass http://127.0.0.1:3000;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";', '        proxy_http_version 1.1;', '        proxy_set_header Connection "";', '    }', '}') },
    { name: 'Connection "" then Connection "upgrade": "upgrade" is sent', code: L('server {', '    location /ws {', '        proxy_pass http://b;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "";', '        proxy_set_header Connection "upgrade";', '    }', '}') },
    { name: 'Connection "upgrade" then Connection "close": both are sent, the list carries upgrade', code: L('server {', '    location /ws {', '        proxy_pass http://b;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";', '        proxy_set_header Connection "close";', '    }', '}') },
    { name: 'a token list carrying upgrade', code: L('server {', '    location /ws {', '        proxy_pass http://b;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "keep-alive, Upgrade";', '    }', '}') },
    { name: 'a map under another name', code: L('map $http_upgrade $conn {', '    default upgrade;', "    '' close;", '}', 'server {', '    location /ws {', '        proxy_pass http://b;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection $conn;', '    }', '}') },
  ],
  invalid: [
    {
      name: 'a catch-all that copied the recipe while the /ws endpoint location takes this backend\'s handshakes (flet-dev/website#116): info',
      code: L('server {', '    location / {', '        proxy_pass http://127.0.0.1:8502/;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection keep-alive;', '    }', '    location /ws {', '        proxy_pass http://127.0.0.1:8502/ws;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";', '    }', '}'),
      errors: [{ line: 6, column: 9, severity: 'info', message: 'location / sends "Connection: keep-alive" (line 6), which has no "upgrade" token (handshakes go to location /ws)' }],
      output: L('server {', '    location / {', '        proxy_pass http://127.0.0.1:8502/;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";', '    }', '    location /ws {', '        proxy_pass http://127.0.0.1:8502/ws;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";', '    }', '}'),
    },
    {
      name: 'an API regex location to http://apiserver$request_uri beside /websocket to the same backend (MainsailOS): info',
      code: L('server {', '    location /websocket {', '        proxy_pass http://apiserver/websocket;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";', '    }', '    location ~ ^/(api|server)/ {', '        proxy_pass http://apiserver$request_uri;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '    }', '}'),
      errors: [{ line: 8, column: 5, severity: 'info', message: 'location ~ ^/(api|server)/ does not set Connection, so nginx sends "Connection: close" (handshakes go to /websocket)' }],
      output: L('server {', '    location /websocket {', '        proxy_pass http://apiserver/websocket;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";', '    }', '    location ~ ^/(api|server)/ {', '        proxy_pass http://apiserver$request_uri;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";', '    }', '}'),
    },
    {
      name: 'the same API location to another variable target ($suffix may continue the host): the backend is unknown, an error',
      code: L('server {', '    location /websocket {', '        proxy_pass http://apiserver/websocket;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";', '    }', '    location ~ ^/(printer|api|server)/ {', '        proxy_pass http://apiserver$suffix;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '    }', '}'),
      errors: [{ line: 8, column: 5, severity: 'error', message: 'location ~ ^/(printer|api|server)/ does not set Connection, so nginx sends "Connection: close"' }],
      output: L('server {', '    location /websocket {', '        proxy_pass http://apiserver/websocket;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";', '    }', '    location ~ ^/(printer|api|server)/ {', '        proxy_pass http://apiserver$suffix;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";', '    }', '}'),
    },
    {
      name: 'an endpoint by its own path takes its handshakes itself, though /socket.io/ also upgrades for this backend: an error',
      code: L('server {', '    location /ws/ {', '        proxy_pass http://127.0.0.1:3000;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection connection_upgrade;', '    }', '    location /socket.io/ {', '        proxy_pass http://127.0.0.1:3000;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";', '    }', '}'),
      errors: [{ line: 6, column: 9, severity: 'error', message: 'location /ws/ sends "Connection: connection_upgrade" (line 6), which has no "upgrade" token' }],
      output: L('server {', '    location /ws/ {', '        proxy_pass http://127.0.0.1:3000;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";', '    }', '    location /socket.io/ {', '        proxy_pass http://127.0.0.1:3000;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";', '    }', '}'),
    },
    {
      name: 'the /ws location proxies to another backend: the catch-all carries its own backend\'s handshakes, an error',
      code: L('server {', '    location / {', '        proxy_pass http://127.0.0.1:8502/;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection keep-alive;', '    }', '    location /ws {', '        proxy_pass http://127.0.0.1:9000;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";', '    }', '}'),
      errors: [{ line: 6, column: 9, message: 'location / sends "Connection: keep-alive" (line 6), which has no "upgrade" token' }],
      output: L('server {', '    location / {', '        proxy_pass http://127.0.0.1:8502/;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";', '    }', '    location /ws {', '        proxy_pass http://127.0.0.1:9000;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";', '    }', '}'),
    },
    {
      name: 'missing: nginx sends Connection: close (fragment without http: the literal "upgrade")',
      code: L('server {', '    location /ws/ {', '        proxy_pass http://127.0.0.1:3000;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '    }', '}'),
      errors: [{ line: 2, column: 5, endLine: 2, endColumn: 18, message: 'location /ws/ does not set Connection, so nginx sends "Connection: close"' }],
      output: L('server {', '    location /ws/ {', '        proxy_pass http://127.0.0.1:3000;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";', '    }', '}'),
    },
    {
      name: 'missing in a main config: the map is added at the top of http',
      filename: 'nginx.conf',
      code: L(...HTTP_TOP, ...TEMP, '        location /ws {', '            proxy_pass http://b;', '            proxy_set_header Upgrade $http_upgrade;', '        }', '    }', '}'),
      errors: [{ line: 5, column: 9, message: 'location /ws does not set Connection, so nginx sends "Connection: close"' }],
      output: L(...HTTP_TOP, '    map $http_upgrade $connection_upgrade {', '        default upgrade;', "        ''      close;", '    }', ...TEMP, '        location /ws {', '            proxy_pass http://b;', '            proxy_set_header Upgrade $http_upgrade;', '            proxy_set_header Connection $connection_upgrade;', '        }', '    }', '}'),
    },
    {
      name: 'Connection close',
      code: L('server {', '    location /ws {', '        proxy_pass http://b;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection close;', '    }', '}'),
      errors: [{ line: 5, column: 9, endLine: 5, endColumn: 42, message: 'location /ws sends "Connection: close" (line 5), which has no "upgrade" token' }],
      output: L('server {', '    location /ws {', '        proxy_pass http://b;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";', '    }', '}'),
    },
    {
      name: 'Connection keep-alive',
      code: L('server {', '    location /ws {', '        proxy_pass http://b;', '        proxy_set_header Upgrade $http_upgrade;', "        proxy_set_header Connection 'keep-alive';", '    }', '}'),
      errors: [{ line: 5, column: 9, message: 'location /ws sends "Connection: keep-alive" (line 5), which has no "upgrade" token' }],
      output: L('server {', '    location /ws {', '        proxy_pass http://b;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";', '    }', '}'),
    },
    {
      name: 'the keepalive recipe Connection "" on a keepalive upstream: the map gets \'\' \'\'',
      filename: 'nginx.conf',
      code: L(...HTTP_TOP, '    upstream app {', '        server 127.0.0.1:3000;', '        keepalive 8;', '    }', ...TEMP, '        location / {', '            proxy_pass http://app;', '            proxy_http_version 1.1;', '            proxy_set_header Upgrade $http_upgrade;', '            proxy_set_header Connection "";', '        }', '    }', '}'),
      errors: [{ line: 13, column: 13, message: 'location / sets Connection to "" (line 13), so nginx sends no "upgrade" token' }],
      output: L(...HTTP_TOP, '    map $http_upgrade $connection_upgrade {', '        default upgrade;', "        ''      '';", '    }', '    upstream app {', '        server 127.0.0.1:3000;', '        keepalive 8;', '    }', ...TEMP, '        location / {', '            proxy_pass http://app;', '            proxy_http_version 1.1;', '            proxy_set_header Upgrade $http_upgrade;', '            proxy_set_header Connection $connection_upgrade;', '        }', '    }', '}'),
    },
    {
      name: 'a map whose handshake value is not upgrade, and the name is taken: the literal',
      code: L('map $http_upgrade $connection_upgrade {', '    default close;', "    '' close;", '}', 'server {', '    location /ws {', '        proxy_pass http://b;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection $connection_upgrade;', '    }', '}'),
      errors: [{ line: 9, column: 9, message: 'location /ws sends Connection $connection_upgrade (line 9), which the map at line 1 makes "close" for a handshake' }],
      output: L('map $http_upgrade $connection_upgrade {', '    default close;', "    '' close;", '}', 'server {', '    location /ws {', '        proxy_pass http://b;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";', '    }', '}'),
    },
    {
      name: 'an existing map is reused, whatever its name',
      code: L('map $http_upgrade $conn_up {', '    default upgrade;', "    '' close;", '}', 'server {', '    location /ws {', '        proxy_pass http://b;', '        proxy_set_header Upgrade $http_upgrade;', '    }', '}'),
      errors: [{ line: 6, column: 5, message: 'location /ws does not set Connection, so nginx sends "Connection: close"' }],
      output: L('map $http_upgrade $conn_up {', '    default upgrade;', "    '' close;", '}', 'server {', '    location /ws {', '        proxy_pass http://b;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection $conn_up;', '    }', '}'),
    },
    {
      name: 'the inheritance trap: the server\'s Connection is dropped by the location\'s Host',
      filename: 'nginx.conf',
      code: L('http {', '    server {', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";', '        location /ws {', '            proxy_pass http://b;', '            proxy_set_header Host $host;', '            proxy_set_header Upgrade $http_upgrade;', '        }', '    }', '}'),
      errors: [{ line: 5, column: 9, message: 'location /ws loses the server block\'s Connection header (line 4) by setting its own proxy_set_header' }],
      output: L('http {', '    map $http_upgrade $connection_upgrade {', '        default upgrade;', "        ''      close;", '    }', '    server {', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";', '        location /ws {', '            proxy_pass http://b;', '            proxy_set_header Host $host;', '            proxy_set_header Upgrade $http_upgrade;', '            proxy_set_header Connection $connection_upgrade;', '        }', '    }', '}'),
    },
    {
      name: 'inherited Connection "" from the server: reported at the location, the copy gets the fix',
      code: L('server {', '    proxy_set_header Upgrade $http_upgrade;', '    proxy_set_header Connection "";', '    location /chat/ {', '        proxy_pass http://b;', '    }', '}'),
      errors: [{ line: 4, column: 5, message: 'location /chat/ sets Connection to "" (inherited from the server block, line 3), so nginx sends no "upgrade" token' }],
      output: L('server {', '    proxy_set_header Upgrade $http_upgrade;', '    proxy_set_header Connection "";', '    location /chat/ {', '        proxy_pass http://b;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";', '    }', '}'),
    },
    {
      name: 'CRLF and the map insertion',
      filename: 'nginx.conf',
      code: CRLF('http {', '    server {', '        location /ws {', '            proxy_pass http://b;', '            proxy_set_header Upgrade $http_upgrade;', '        }', '    }', '}'),
      errors: [{ line: 3, column: 9, message: 'location /ws does not set Connection, so nginx sends "Connection: close"' }],
      output: CRLF('http {', '    map $http_upgrade $connection_upgrade {', '        default upgrade;', "        ''      close;", '    }', '    server {', '        location /ws {', '            proxy_pass http://b;', '            proxy_set_header Upgrade $http_upgrade;', '            proxy_set_header Connection $connection_upgrade;', '        }', '    }', '}'),
    },
    {
      name: 'tabs and the map insertion',
      filename: 'nginx.conf',
      code: L('http {', '\tserver {', '\t\tlocation /ws {', '\t\t\tproxy_pass http://b;', '\t\t\tproxy_set_header Upgrade $http_upgrade;', '\t\t\tproxy_set_header Connection close;', '\t\t}', '\t}', '}'),
      errors: [{ line: 6, column: 4, endLine: 6, endColumn: 37, message: 'location /ws sends "Connection: close" (line 6), which has no "upgrade" token' }],
      output: L('http {', '\tmap $http_upgrade $connection_upgrade {', '\t\tdefault upgrade;', "\t\t''      close;", '\t}', '\tserver {', '\t\tlocation /ws {', '\t\t\tproxy_pass http://b;', '\t\t\tproxy_set_header Upgrade $http_upgrade;', '\t\t\tproxy_set_header Connection $connection_upgrade;', '\t\t}', '\t}', '}'),
    },
    {
      name: 'a site file linted in the context of the nginx.conf that includes it: the map goes into nginx.conf',
      filename: 'sites-enabled/app.conf',
      roots: ['nginx.conf'],
      files: { 'nginx.conf': L('events {}', 'http {', '    include sites-enabled/*.conf;', '}') },
      code: L('server {', '    location /ws {', '        proxy_pass http://b;', '        proxy_set_header Upgrade $http_upgrade;', '    }', '}'),
      errors: [{ line: 2, column: 5, file: 'sites-enabled/app.conf', message: 'location /ws does not set Connection, so nginx sends "Connection: close"' }],
      output: L('server {', '    location /ws {', '        proxy_pass http://b;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection $connection_upgrade;', '    }', '}'),
      outputFiles: { 'nginx.conf': L('events {}', 'http {', '    map $http_upgrade $connection_upgrade {', '        default upgrade;', "        ''      close;", '    }', '    include sites-enabled/*.conf;', '}') },
    },
  ],
});
