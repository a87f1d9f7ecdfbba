import { ruleTester } from '../../../test/support/rule-tester';
import { workingVariants } from '../../../test/dialects/nginx/working-variants';
import rule from './index';

const WS = (timeout: string) =>
  `server {\n    listen 80;\n    location /ws {\n        proxy_pass http://127.0.0.1:3000;\n        proxy_http_version 1.1;\n        proxy_set_header Upgrade $http_upgrade;\n        proxy_set_header Connection "upgrade";\n${timeout}    }\n}\n`;

ruleTester(rule, {
  valid: [
    // Observed: these carry a WebSocket through an 8 s idle period (nginx's 60 s default).
    ...workingVariants({ options: { minimum: '8s' } }),
    { name: 'proxy_read_timeout 1h in the location', code: WS('        proxy_read_timeout 1h;\n') },
    { name: 'exactly the minimum', code: WS('        proxy_read_timeout 300;\n') },
    {
      name: 'inherited from the server and from http',
      filename: 'nginx.conf',
      code: 'events {}\nhttp {\n    proxy_read_timeout 1d;\n    server {\n        location /ws { proxy_pass http://b; proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection upgrade; }\n    }\n    server {\n        proxy_read_timeout 3600s;\n        location /cable { proxy_pass http://b; }\n    }\n}\n',
    },
    { name: 'not a WebSocket route: the 60 s default is fine', code: 'server {\n    location /api/ {\n        proxy_pass http://127.0.0.1:3000;\n    }\n}\n' },
    { name: 'a lower minimum option', options: { minimum: '60s' }, code: WS('') },
    { name: 'not proxying: no intent', code: 'server {\n    location /ws {\n        root /srv/ws;\n    }\n}\n' },
  ],
  invalid: [
    {
      name: "nginx's 60 s default on a WebSocket route: insert after proxy_pass",
      code: WS(''),
      errors: [
        {
          line: 3,
          column: 5,
          endLine: 3,
          endColumn: 17,
          message:
            /^location \/ws: proxy_read_timeout is 60s \(nginx's default\), below the minimum of 5m: nginx cuts a WebSocket after 60s without data from the backend, by a TCP close with no close frame, logged only at \[info\]; set proxy_read_timeout 1h here \(or have the backend send pings\)$/,
        },
      ],
      output: WS('').replace('3000;\n', '3000;\n        proxy_read_timeout 1h;\n'),
    },
    {
      name: 'own value too short: replaced in place',
      code: WS('        proxy_read_timeout 30s;  # keep short\n'),
      errors: [{ line: 8, column: 28, endLine: 8, endColumn: 31 }],
      output: WS('        proxy_read_timeout 1h;  # keep short\n'),
    },
    {
      name: 'inherited from the server: the location gets its own line',
      code: 'server {\n\tproxy_read_timeout 10s;\n\tlocation /socket.io/ {\n\t\tproxy_pass http://app;\n\t}\n}\n',
      errors: [{ line: 3, column: 2, message: /^location \/socket\.io\/: proxy_read_timeout is 10s \(inherited from the server level, line 2\), below/ }],
      output: 'server {\n\tproxy_read_timeout 10s;\n\tlocation /socket.io/ {\n\t\tproxy_pass http://app;\n\t\tproxy_read_timeout 1h;\n\t}\n}\n',
    },
    {
      name: 'CRLF line endings are kept; options minimum and suggested',
      options: { minimum: '10m', suggested: '2h' },
      code: 'server {\r\n  # proxylint: websocket\r\n  location /api/stream {\r\n    proxy_pass http://app;\r\n    proxy_read_timeout 300s;\r\n  }\r\n}\r\n',
      errors: [{ line: 5, column: 24, message: /^location \/api\/stream: .*below the minimum of 10m/ }],
      output: 'server {\r\n  # proxylint: websocket\r\n  location /api/stream {\r\n    proxy_pass http://app;\r\n    proxy_read_timeout 2h;\r\n  }\r\n}\r\n',
    },
    {
      name: 'a one-line location: the directive goes on the same line',
      code: 'server {\n    location /ws { proxy_pass http://app; }\n}\n',
      errors: [{ line: 2, column: 5 }],
      output: 'server {\n    location /ws { proxy_pass http://app; proxy_read_timeout 1h; }\n}\n',
    },
    {
      name: 'configured websocket.paths; several routes',
      websocket: { paths: ['/updates'] },
      filename: 'nginx.conf',
      code: 'events {}\nhttp {\n    server {\n        location /updates { proxy_pass http://a; }\n        location /hub { proxy_pass http://b; proxy_read_timeout 59; }\n    }\n}\n',
      errors: [
        { line: 4, column: 9, message: /^location \/updates: / },
        { line: 5, column: 65, message: /^location \/hub: proxy_read_timeout is 59, below/ },
      ],
      output: 'events {}\nhttp {\n    server {\n        location /updates { proxy_pass http://a; proxy_read_timeout 1h; }\n        location /hub { proxy_pass http://b; proxy_read_timeout 1h; }\n    }\n}\n',
    },
    {
      name: 'the short value sits in a snippet the location includes: reported there, no fix (it would change every includer)',
      filename: 'snippets/ws.conf',
      roots: ['nginx.conf'],
      files: { 'nginx.conf': 'events {}\nhttp {\n    server {\n        location /ws {\n            proxy_pass http://a;\n            include snippets/ws.conf;\n        }\n    }\n}\n' },
      code: 'proxy_set_header Upgrade $http_upgrade;\nproxy_set_header Connection "upgrade";\nproxy_read_timeout 20s;\n',
      errors: [{ line: 3, column: 20 }],
      output: null,
    },
  ],
});
