import { ruleTester } from '../../../test/support/rule-tester';
import { workingVariants } from '../../../test/dialects/nginx/working-variants';
import rule from './index';

const WS = (listen: string) =>
  `server {\n    ${listen}\n    location /ws {\n        proxy_pass http://127.0.0.1:3000;\n        proxy_http_version 1.1;\n        proxy_set_header Upgrade $http_upgrade;\n        proxy_set_header Connection "upgrade";\n    }\n}\n`;

ruleTester(rule, {
  valid: [
    ...workingVariants(),
    { name: 'listen … ssl http2 (observed: 101 with ALPN http/1.1)', code: WS('listen 443 ssl http2;') },
    { name: 'cleartext http2 without a WebSocket route', code: 'server {\n    listen 80 http2;\n    location / { proxy_pass http://app; }\n}\n' },
    { name: 'nginx 1.25.1+ serves HTTP/1.1 on a cleartext http2 port', targets: { nginx: '1.25.1' }, code: WS('listen 80 http2;') },
    { name: 'http2 on; on nginx 1.26 with a plain listen', targets: { nginx: '1.26.3' }, code: WS('listen 80;\n    http2 on;') },
    // before 1.25.1 nginx refuses the config (unknown directive "http2", observed on 1.22.1): no port is made HTTP/2 by it
    { name: 'http2 on; before 1.25.1 is no cause', targets: { nginx: '1.24.0' }, code: WS('listen 80;\n    http2 on;') },
    {
      name: 'another server has http2 on a different port',
      code: 'server {\n    listen 8443 http2;\n}\n' + WS('listen 80;'),
    },
    {
      name: 'ssl on another server block on the same address makes the port TLS',
      code: 'server {\n    listen 443 ssl http2;\n}\n' + WS('listen 443;'),
    },
    // nginx reads the first listen argument as the address (1.22.1 -t: host not found in "http2" of
    // the "listen" directive): a host named http2 or ssl is no option.
    { name: 'listen http2; is a host named http2 on port 80', code: WS('listen http2;') },
    { name: 'listen http2:8080; is a host and a port', code: WS('listen http2:8080;') },
    {
      name: 'a host named http2 in another server: port 80 of that host, not HTTP/2',
      code: 'server {\n    listen http2;\n}\n' + WS('listen 80;'),
    },
  ],
  invalid: [
    {
      name: 'listen 80 http2 (observed: raw HTTP/2 frames and a GOAWAY for HTTP/1.1 clients)',
      code: WS('listen 80 http2;'),
      errors: [
        { signal: { kind: 'headers', detail: 'it sets the Upgrade header (line 6)' },
          line: 2,
          column: 15,
          endLine: 2,
          endColumn: 20,
          message: 'location /ws is served on *:80, a cleartext HTTP/2-only port (http2 without ssl)',
        },
      ],
      output: WS('listen 80;'),
    },
    {
      name: 'http2 between other parameters; CRLF',
      code: WS('listen 127.0.0.1:8080 default_server http2 reuseport;').replace(/\n/g, '\r\n'),
      errors: [{ line: 2, column: 42, message: 'location /ws is served on 127.0.0.1:8080, a cleartext HTTP/2-only port (http2 without ssl)' }],
      output: WS('listen 127.0.0.1:8080 default_server reuseport;').replace(/\n/g, '\r\n'),
    },
    {
      name: "another server's listen … http2 on the same port makes it HTTP/2 for this one too",
      filename: 'nginx.conf',
      code: 'events {}\nhttp {\n    server {\n        listen 80 http2;\n        server_name api.example.com;\n    }\n    server {\n        listen 0.0.0.0:80;\n        location /socket.io/ { proxy_pass http://app; }\n    }\n}\n',
      errors: [{ signal: { kind: 'path', detail: 'its path /socket.io/ looks like a WebSocket endpoint', app: 'Socket.IO' }, line: 8, column: 16, message: 'location /socket.io/ is served on *:80, made cleartext HTTP/2-only by another server\'s listen (line 4)' }],
      output: 'events {}\nhttp {\n    server {\n        listen 80;\n        server_name api.example.com;\n    }\n    server {\n        listen 0.0.0.0:80;\n        location /socket.io/ { proxy_pass http://app; }\n    }\n}\n',
    },
    {
      name: 'one of two listeners is cleartext http2',
      targets: { nginx: '1.24.0' },
      code: WS('listen 443 ssl http2;\n    listen [::]:8080 http2;'),
      errors: [{ line: 3, column: 22, message: 'location /ws is served on [::]:8080, a cleartext HTTP/2-only port (http2 without ssl)' }],
      output: WS('listen 443 ssl http2;\n    listen [::]:8080;'),
    },
    {
      name: 'a host named http2 with the http2 option: the option is the one reported and dropped',
      code: WS('listen http2 http2;'),
      errors: [{ line: 2, column: 18, endLine: 2, endColumn: 23, message: 'location /ws is served on http2:80, a cleartext HTTP/2-only port (http2 without ssl)' }],
      output: WS('listen http2;'),
    },
    {
      name: 'a host named ssl is no TLS: the http2 option still makes the port cleartext HTTP/2',
      code: WS('listen ssl http2;'),
      errors: [{ line: 2, column: 16, endLine: 2, endColumn: 21, message: 'location /ws is served on ssl:80, a cleartext HTTP/2-only port (http2 without ssl)' }],
      output: WS('listen ssl;'),
    },
    {
      name: "another server's listen on the same host named http2: the shared port is reported at this listen",
      code: 'server {\n    listen http2 http2;\n}\n' + WS('listen http2:80;'),
      errors: [{ line: 5, column: 12, endLine: 5, endColumn: 20, message: "location /ws is served on http2:80, made cleartext HTTP/2-only by another server's listen (line 2)" }],
      output: 'server {\n    listen http2;\n}\n' + WS('listen http2:80;'),
    },
  ],
});
