import { ruleTester } from '../../../test/support/rule-tester';
import { workingVariants, workingVariantText } from '../../../test/dialects/nginx/working-variants';
import rule from './index';

const TLS = (body: string, serverExtra = '') =>
  `server {\n    listen 443 ssl;\n${serverExtra}    location /ws {\n        proxy_pass http://127.0.0.1:3000;\n${body}    }\n}\n`;
const UPGRADE = '        proxy_http_version 1.1;\n        proxy_set_header Upgrade $http_upgrade;\n        proxy_set_header Connection "upgrade";\n';

ruleTester(rule, {
  valid: [
    // Every observed working variant on a cleartext port; the TLS one (http2-tls) carries the
    // handshake but sends no X-Forwarded-Proto, so it is an invalid case below.
    ...workingVariants({}, ['upgrade-ok', 'map-connection-close', 'server-level-headers', 'keepalive-map', 'connection-capital-upgrade', 'hardcoded-upgrade']),
    {
      name: 'observed working (listen … ssl http2) with X-Forwarded-Proto added',
      filename: 'nginx.conf',
      code: workingVariantText('http2-tls').replace('"upgrade";\n', '"upgrade";\n            proxy_set_header X-Forwarded-Proto $scheme;\n'),
    },
    { name: 'X-Forwarded-Proto $scheme in the location', code: TLS(UPGRADE + '        proxy_set_header X-Forwarded-Proto $scheme;\n') },
    { name: 'inherited from the server (the location sets none)', code: TLS('', '    proxy_set_header X-Forwarded-Proto https;\n    proxy_set_header Upgrade $http_upgrade;\n') },
    { name: 'a cleartext server', code: 'server {\n    listen 80;\n    location /ws {\n        proxy_pass http://b;\n' + UPGRADE + '    }\n}\n' },
    // The first listen argument is the address (nginx 1.22.1 -t: host not found in "ssl" of the "listen" directive).
    { name: 'listen ssl; is a host named ssl on cleartext port 80', code: 'server {\n    listen ssl;\n    location /ws {\n        proxy_pass http://b;\n' + UPGRADE + '    }\n}\n' },
    { name: 'listen quic; is a host named quic', code: 'server {\n    listen quic;\n    location /ws {\n        proxy_pass http://b;\n' + UPGRADE + '    }\n}\n' },
    { name: 'not a WebSocket route', code: 'server {\n    listen 443 ssl;\n    location /api/ { proxy_pass http://b; }\n}\n' },
    { name: 'Forwarded with proto=', code: TLS(UPGRADE + '        proxy_set_header Forwarded "for=$remote_addr;proto=$scheme";\n') },
    { name: 'passed through from an outer proxy', code: TLS(UPGRADE + '        proxy_set_header x-forwarded-proto $http_x_forwarded_proto;\n') },
  ],
  invalid: [
    {
      name: 'a host named ssl with the ssl option is TLS',
      code: 'server {\n    listen ssl ssl;\n    location /cable {\n        proxy_pass http://b;\n    }\n}\n',
      errors: [{ line: 3, column: 5, endLine: 3, endColumn: 20, severity: 'info', message: 'location /cable on a TLS server sends no X-Forwarded-Proto to the backend' }],
      output: 'server {\n    listen ssl ssl;\n    location /cable {\n        proxy_pass http://b;\n        proxy_set_header X-Forwarded-Proto $scheme;\n    }\n}\n',
    },
    {
      name: 'observed working variant listen … ssl http2: the handshake works, the app sees http',
      filename: 'nginx.conf',
      code: workingVariantText('http2-tls'),
      errors: [
        {
          line: 19,
          column: 9,
          endLine: 19,
          endColumn: 21,
          message: 'location /ws on a TLS server sends no X-Forwarded-Proto to the backend',
        },
      ],
      output: workingVariantText('http2-tls').replace('"upgrade";\n', '"upgrade";\n            proxy_set_header X-Forwarded-Proto $scheme;\n'),
    },
    {
      name: 'the location inherits its list: the inherited lines are copied with the new one',
      code: TLS('', '    proxy_set_header Host $host;\n    proxy_set_header Upgrade $http_upgrade;\n    proxy_set_header Connection "upgrade";\n'),
      errors: [{ line: 6, column: 5, message: 'location /ws on a TLS server sends no X-Forwarded-Proto to the backend' }],
      output: TLS(
        '        proxy_set_header Host $host;\n        proxy_set_header Upgrade $http_upgrade;\n        proxy_set_header Connection "upgrade";\n        proxy_set_header X-Forwarded-Proto $scheme;\n',
        '    proxy_set_header Host $host;\n    proxy_set_header Upgrade $http_upgrade;\n    proxy_set_header Connection "upgrade";\n',
      ),
    },
    {
      name: 'no list anywhere: one line after proxy_pass; path signal',
      code: 'server {\n    listen 443 ssl;\n    location /cable {\n        proxy_pass http://b;\n    }\n}\n',
      errors: [{ signal: { kind: 'path', detail: 'its path /cable looks like a WebSocket endpoint', app: 'Action Cable / AnyCable' }, line: 3, column: 5, message: 'location /cable on a TLS server sends no X-Forwarded-Proto to the backend' }],
      output: 'server {\n    listen 443 ssl;\n    location /cable {\n        proxy_pass http://b;\n        proxy_set_header X-Forwarded-Proto $scheme;\n    }\n}\n',
    },
    {
      name: 'set to "" (not sent): replaced in place',
      code: TLS(UPGRADE + '        proxy_set_header X-Forwarded-Proto "";\n'),
      errors: [{ line: 3, column: 5, message: 'location /ws on a TLS server sets X-Forwarded-Proto to "" (line 8), which nginx does not send' }],
      output: TLS(UPGRADE + '        proxy_set_header X-Forwarded-Proto $scheme;\n'),
    },
    {
      name: 'the server sets it but the location has its own list (the inheritance trap); CRLF and tabs',
      code: 'server {\r\n\tlisten 443 ssl http2;\r\n\tproxy_set_header X-Forwarded-Proto $scheme;\r\n\tlocation /socket.io/ {\r\n\t\tproxy_pass http://b;\r\n\t\tproxy_set_header Upgrade $http_upgrade;\r\n\t}\r\n}\r\n',
      errors: [{ line: 4, column: 2, message: 'location /socket.io/ on a TLS server sends no X-Forwarded-Proto to the backend' }],
      output: 'server {\r\n\tlisten 443 ssl http2;\r\n\tproxy_set_header X-Forwarded-Proto $scheme;\r\n\tlocation /socket.io/ {\r\n\t\tproxy_pass http://b;\r\n\t\tproxy_set_header Upgrade $http_upgrade;\r\n\t\tproxy_set_header X-Forwarded-Proto $scheme;\r\n\t}\r\n}\r\n',
    },
    {
      name: 'ssl on; (before 1.25.1) and a # proxylint: websocket comment',
      targets: { nginx: '1.18.0' },
      code: 'server {\n    listen 443;\n    ssl on;\n    # proxylint: websocket\n    location /api/events { proxy_pass http://b; }\n}\n',
      errors: [{ signal: { kind: 'comment', detail: 'a "# proxylint: websocket" comment marks it' }, line: 5, column: 5, message: 'location /api/events on a TLS server sends no X-Forwarded-Proto to the backend' }],
      output: 'server {\n    listen 443;\n    ssl on;\n    # proxylint: websocket\n    location /api/events { proxy_pass http://b; proxy_set_header X-Forwarded-Proto $scheme; }\n}\n',
    },
  ],
});
