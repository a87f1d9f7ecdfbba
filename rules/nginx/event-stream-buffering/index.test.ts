import { ruleTester } from '../../../test/support/rule-tester';
import { workingVariants } from '../../../test/dialects/nginx/working-variants';
import rule from './index';

ruleTester(rule, {
  valid: [
    ...workingVariants(),
    { name: 'proxy_buffering off on /events', code: 'server {\n    location /events {\n        proxy_pass http://app;\n        proxy_buffering off;\n    }\n}\n' },
    { name: 'off inherited from the server', code: 'server {\n    proxy_buffering off;\n    location /api/sse { proxy_pass http://app; }\n}\n' },
    { name: 'not an event stream', code: 'server {\n    location /api/ { proxy_pass http://app; }\n}\n' },
    { name: '/events with a literal Upgrade: the backend sees only handshakes, relayed unbuffered once upgraded', code: 'server {\n    location /events {\n        proxy_set_header Upgrade websocket;\n        proxy_set_header Connection Upgrade;\n        proxy_pass http://localhost:5555;\n    }\n}\n' },
    { name: '/stream guarded by an Upgrade test that returns: only handshakes are proxied', code: 'server {\n    location /stream {\n        if ($http_upgrade != "websocket") { return 400; }\n        proxy_pass http://app;\n        proxy_set_header Upgrade $http_upgrade;\n        proxy_set_header Connection upgrade;\n    }\n}\n' },
    { name: 'not proxying', code: 'server {\n    location /events { root /srv; }\n}\n' },
    { name: '/eventsource-like words inside a segment do not count', code: 'server {\n    location /upstreams/ { proxy_pass http://app; }\n}\n' },
  ],
  invalid: [
    {
      name: "a bare stream path too long for the sentence with nginx's default named: the flag alone",
      code: "server {\n    listen 80;\n    location /streamlit-launchpad/v1/stream {\n        proxy_pass http://127.0.0.1:8502;\n    }\n}\n",
      errors: [{ line: 3, column: 5, severity: 'info', message: 'location /streamlit-launchpad/v1/stream buffers (proxy_buffering on): SSE would be delayed, an MJPEG stream flows' }],
      output: "server {\n    listen 80;\n    location /streamlit-launchpad/v1/stream {\n        proxy_pass http://127.0.0.1:8502;\n        proxy_buffering off;\n    }\n}\n",
    },
    {
      name: 'a bare /stream (uStreamer MJPEG in TinyPilot): info, only SSE words, a comment or the option make a claim',
      code: 'server {\n    location /stream {\n        proxy_pass http://ustreamer;\n    }\n}\n',
      errors: [{ line: 2, column: 5, endLine: 2, endColumn: 21, severity: 'info', message: 'location /stream buffers (proxy_buffering on (nginx\'s default)): SSE would be delayed, an MJPEG stream flows' }],
      output: 'server {\n    location /stream {\n        proxy_pass http://ustreamer;\n        proxy_buffering off;\n    }\n}\n',
    },
    {
      name: "the default (on) for /events: proxy_buffering off added after proxy_pass",
      code: 'server {\n    location /events {\n        proxy_pass http://app;\n        proxy_http_version 1.1;\n    }\n}\n',
      errors: [
        { signal: { kind: 'path', detail: 'its path /events looks like an event stream' },
          line: 2,
          column: 5,
          endLine: 2,
          endColumn: 21,
          message: 'location /events buffers an event stream (proxy_buffering on (nginx\'s default)), which delays its events',
        },
      ],
      output: 'server {\n    location /events {\n        proxy_pass http://app;\n        proxy_buffering off;\n        proxy_http_version 1.1;\n    }\n}\n',
    },
    {
      name: "/events relaying handshakes (Upgrade $http_upgrade, Connection upgrade: Taiga's gateway to taiga-events): info",
      code: 'server {\n    location /events {\n        proxy_pass http://taiga-events:8888/events;\n        proxy_http_version 1.1;\n        proxy_set_header Upgrade $http_upgrade;\n        proxy_set_header Connection "upgrade";\n    }\n}\n',
      errors: [{ line: 2, column: 5, severity: 'info', message: "location /events buffers (proxy_buffering on (nginx's default)): SSE would be delayed, its WebSockets are not" }],
      output: 'server {\n    location /events {\n        proxy_pass http://taiga-events:8888/events;\n        proxy_buffering off;\n        proxy_http_version 1.1;\n        proxy_set_header Upgrade $http_upgrade;\n        proxy_set_header Connection "upgrade";\n    }\n}\n',
    },
    {
      name: '/sse relaying handshakes through the Connection map: info',
      code: 'map $http_upgrade $connection_upgrade {\n    default upgrade;\n    "" close;\n}\nserver {\n    location /sse {\n        proxy_pass http://app;\n        proxy_http_version 1.1;\n        proxy_set_header Upgrade $http_upgrade;\n        proxy_set_header Connection $connection_upgrade;\n    }\n}\n',
      errors: [{ line: 6, column: 5, severity: 'info', message: "location /sse buffers (proxy_buffering on (nginx's default)): SSE would be delayed, its WebSockets are not" }],
      output: 'map $http_upgrade $connection_upgrade {\n    default upgrade;\n    "" close;\n}\nserver {\n    location /sse {\n        proxy_pass http://app;\n        proxy_buffering off;\n        proxy_http_version 1.1;\n        proxy_set_header Upgrade $http_upgrade;\n        proxy_set_header Connection $connection_upgrade;\n    }\n}\n',
    },
    {
      name: '/events with Connection upgrade but no Upgrade header: no handshake passes, still a warning',
      code: 'server {\n    location /events {\n        proxy_pass http://app;\n        proxy_set_header Connection "upgrade";\n    }\n}\n',
      errors: [{ line: 2, column: 5, message: "location /events buffers an event stream (proxy_buffering on (nginx's default)), which delays its events" }],
      output: 'server {\n    location /events {\n        proxy_pass http://app;\n        proxy_buffering off;\n        proxy_set_header Connection "upgrade";\n    }\n}\n',
    },
    {
      name: '/events copying the WebSocket recipe ($http_upgrade): plain SSE requests still come, still a warning',
      code: 'server {\n    location /events {\n        proxy_pass http://app;\n        proxy_set_header Upgrade $http_upgrade;\n    }\n}\n',
      errors: [{ line: 2, column: 5, endLine: 2, endColumn: 21, message: 'location /events buffers an event stream (proxy_buffering on (nginx\'s default)), which delays its events' }],
      output: 'server {\n    location /events {\n        proxy_pass http://app;\n        proxy_buffering off;\n        proxy_set_header Upgrade $http_upgrade;\n    }\n}\n',
    },
    {
      name: 'own proxy_buffering on: replaced; CRLF',
      code: 'server {\r\n    location /sse/ {\r\n        proxy_pass http://app;\r\n        proxy_buffering on;\r\n    }\r\n}\r\n',
      errors: [{ line: 4, column: 25, message: 'location /sse/ buffers an event stream (proxy_buffering on), which delays its events' }],
      output: 'server {\r\n    location /sse/ {\r\n        proxy_pass http://app;\r\n        proxy_buffering off;\r\n    }\r\n}\r\n',
    },
    {
      name: 'marked by comment; inherited on from the server',
      code: 'server {\n    proxy_buffering on;\n    # proxylint: event-stream\n    location /notifications { proxy_pass http://app; }\n}\n',
      errors: [{ signal: { kind: 'comment', detail: 'a "# proxylint: event-stream" comment marks it' }, line: 4, column: 5, message: 'location /notifications buffers an event stream (proxy_buffering on (server level, line 2)), which delays its events' }],
      output: 'server {\n    proxy_buffering on;\n    # proxylint: event-stream\n    location /notifications { proxy_pass http://app; proxy_buffering off; }\n}\n',
    },
    {
      name: 'paths option',
      options: { paths: ['/feed'] },
      code: 'server {\n\tlocation /feed/live {\n\t\tproxy_pass http://app;\n\t}\n}\n',
      errors: [{ signal: { kind: 'config', detail: "the rule's paths option lists /feed" }, line: 2, column: 2, message: 'location /feed/live buffers an event stream (proxy_buffering on (nginx\'s default)), which delays its events' }],
      output: 'server {\n\tlocation /feed/live {\n\t\tproxy_pass http://app;\n\t\tproxy_buffering off;\n\t}\n}\n',
    },
  ],
});
