import { ruleTester } from '../../../test/support/rule-tester';
import { workingVariants } from '../../../test/dialects/nginx/working-variants';
import rule from './index';

const WS = (timeout: string, path = '/ws') =>
  `server {\n    listen 80;\n    location ${path} {\n        proxy_pass http://127.0.0.1:3000;\n        proxy_http_version 1.1;\n        proxy_set_header Upgrade $http_upgrade;\n        proxy_set_header Connection "upgrade";\n${timeout}    }\n}\n`;
const LABEL = 'location /ws';

ruleTester(rule, {
  valid: [
    // Observed: these carry a WebSocket through an 8 s idle period; a declared heartbeat inside nginx's 60 s default.
    ...workingVariants({ websocket: { heartbeat: '10s' } }),
    { name: 'proxy_read_timeout 1h in the location, no heartbeat known', code: WS('        proxy_read_timeout 1h;\n') },
    { name: 'explicit and exactly the minimum (30 s)', code: WS('        proxy_read_timeout 30;\n') },
    { name: "Socket.IO's 25 s heartbeat fits in nginx's default 60 s", code: WS('', '/socket.io/') },
    { name: "Socket.IO's 25 s heartbeat fits in 30 s (25 s + 2.5 s margin)", code: WS('        proxy_read_timeout 30s;\n', '/socket.io/') },
    { name: "Action Cable's 3 s beat fits in an explicit 10 s (below the 30 s minimum)", code: WS('        proxy_read_timeout 10s;\n', '/cable') },
    { name: 'engine.io path: the same heartbeat', code: WS('        proxy_read_timeout 45s;\n', '/engine.io/') },
    { name: 'heartbeat declared per path', websocket: { heartbeat: { paths: { '/ws': '20s' } } }, code: WS('        proxy_read_timeout 25s;\n') },
    { name: 'global heartbeat declared as a number of seconds', websocket: { heartbeat: 5 }, code: WS('        proxy_read_timeout 10s;\n') },
    {
      name: 'upstream named after the application (Jupyter, 30 s ping) behind location /',
      code: 'upstream jupyter { server 127.0.0.1:8888; }\nserver {\n    location / {\n        proxy_pass http://jupyter;\n        proxy_set_header Upgrade $http_upgrade;\n        proxy_set_header Connection upgrade;\n    }\n}\n',
    },
    {
      name: 'inherited from the server and from http',
      filename: 'nginx.conf',
      code: 'events {}\nhttp {\n    proxy_read_timeout 1d;\n    server {\n        location /ws { proxy_pass http://b; proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection upgrade; }\n    }\n    server {\n        proxy_read_timeout 3600s;\n        location /cable { proxy_pass http://b; }\n    }\n}\n',
    },
    { name: 'not a WebSocket route: the 60 s default is fine', code: 'server {\n    location /api/ {\n        proxy_pass http://127.0.0.1:3000;\n    }\n}\n' },
    { name: 'MQTT over WebSocket with proxy_read_timeout 2m outlasts the 60 s keep-alive', code: WS('        proxy_read_timeout 2m;\n', '/mqtt') },
    { name: 'server_name jellyfin.example.org names Jellyfin: its 30 s keep-alive fits the default (identification only)', code: WS('', '/socket').replace('listen 80;', 'listen 80;\n    server_name jellyfin.example.org;') },
    { name: 'a SWAG site file jellyfin.subdomain.conf names Jellyfin the same way', filename: 'jellyfin.subdomain.conf', code: WS('', '/socket') },
    { name: "a site file mqtt.conf whose / goes to another backend than /mqtt: the name says what one backend is, not which (45 s is the operator's choice)", filename: 'mqtt.conf', code: 'server {\n    location /mqtt {\n        proxy_pass http://broker:9001;\n        proxy_set_header Upgrade $http_upgrade;\n        proxy_set_header Connection upgrade;\n        proxy_read_timeout 1h;\n    }\n    location / {\n        proxy_pass http://web:8080;\n        proxy_set_header Upgrade $http_upgrade;\n        proxy_set_header Connection upgrade;\n        proxy_read_timeout 45s;\n    }\n}\n' },
    { name: 'Pixiu sends no heartbeat, but an explicit limit at least the minimum is the operator\'s choice', code: WS('        proxy_read_timeout 3600s;\n', '/pixiu/') },
    { name: 'a lower minimum option', options: { minimum: '5s' }, code: WS('        proxy_read_timeout 5s;\n') },
    {
      name: 'an application that sends nothing under an explicit limit beyond the default plus margin (66 s > 60 s + 5 s): the operator\'s choice',
      code: 'upstream novnc { server 127.0.0.1:6080; }\n' + WS('        proxy_read_timeout 66s;\n', '/websockify').replace('127.0.0.1:3000', 'novnc'),
    },
    {
      name: 'a noVNC backend behind location / beside its /websockify endpoint: the pages carry no WebSocket',
      code: 'upstream novnc { server 127.0.0.1:6080; }\nserver {\n    listen 80;\n    location /websockify {\n        proxy_pass http://novnc/;\n        proxy_http_version 1.1;\n        proxy_set_header Upgrade $http_upgrade;\n        proxy_set_header Connection "upgrade";\n        proxy_read_timeout 1h;\n    }\n    location / {\n        proxy_pass http://novnc/;\n    }\n}\n',
    },
    {
      name: "/api/websocket to a backend named after Home Assistant: its 55 s ping fits the default",
      code: WS('', '/api/websocket').replace('127.0.0.1:3000', 'homeassistant:8123'),
    },
    { name: 'not proxying: no intent', code: 'server {\n    location /ws {\n        root /srv/ws;\n    }\n}\n' },
    { name: 'an internal; location (auth_request target) is not a WebSocket route', code: 'server {\n    location /ws-auth {\n        internal;\n        proxy_pass http://auth;\n        proxy_read_timeout 5s;\n    }\n}\n' },
  ],
  invalid: [
    {
      name: "a regex location too long for the sentence (MainsailOS's API location): \"this location\"",
      code: "server {\n    listen 80;\n    location ~ ^/(printer|api|access|machine|server)/ {\n        proxy_pass http://127.0.0.1:7125;\n        proxy_http_version 1.1;\n        proxy_set_header Upgrade $http_upgrade;\n        proxy_set_header Connection $http_connection;\n    }\n}\n",
      errors: [{ line: 3, column: 5, severity: 'info', message: 'this location: default proxy_read_timeout 60s closes idle WebSockets unless the app pings' }],
      output: "server {\n    listen 80;\n    location ~ ^/(printer|api|access|machine|server)/ {\n        proxy_pass http://127.0.0.1:7125;\n        proxy_read_timeout 1h;\n        proxy_http_version 1.1;\n        proxy_set_header Upgrade $http_upgrade;\n        proxy_set_header Connection $http_connection;\n    }\n}\n",
    },
    {
      name: 'mqtt.conf whose locations reach one backend through $scheme with different URIs: still one backend, so MQTT',
      filename: 'mqtt.conf',
      code: 'server {\n    location /mqtt {\n        proxy_pass $scheme://broker:9001/mqtt;\n        proxy_set_header Upgrade $http_upgrade;\n        proxy_set_header Connection upgrade;\n        proxy_read_timeout 1h;\n    }\n    location / {\n        proxy_pass $scheme://broker:9001/;\n        proxy_set_header Upgrade $http_upgrade;\n        proxy_set_header Connection upgrade;\n        proxy_read_timeout 45s;\n    }\n}\n',
      errors: [{ line: 12, column: 28, endLine: 12, endColumn: 31, severity: 'warning', message: "location /: proxy_read_timeout 45s is shorter than MQTT over WebSocket's 60 s heartbeat" }],
      output: 'server {\n    location /mqtt {\n        proxy_pass $scheme://broker:9001/mqtt;\n        proxy_set_header Upgrade $http_upgrade;\n        proxy_set_header Connection upgrade;\n        proxy_read_timeout 1h;\n    }\n    location / {\n        proxy_pass $scheme://broker:9001/;\n        proxy_set_header Upgrade $http_upgrade;\n        proxy_set_header Connection upgrade;\n        proxy_read_timeout 1h;\n    }\n}\n',
    },
    {
      name: 'a site file mqtt.conf proxying to one backend names MQTT (60 s keep-alive) for its /',
      filename: 'mqtt.conf',
      code: 'server {\n    location / {\n        proxy_pass http://broker:9001;\n        proxy_set_header Upgrade $http_upgrade;\n        proxy_set_header Connection upgrade;\n        proxy_read_timeout 45s;\n    }\n}\n',
      errors: [{ line: 6, column: 28, endLine: 6, endColumn: 31, severity: 'warning', message: "location /: proxy_read_timeout 45s is shorter than MQTT over WebSocket's 60 s heartbeat" }],
      output: 'server {\n    location / {\n        proxy_pass http://broker:9001;\n        proxy_set_header Upgrade $http_upgrade;\n        proxy_set_header Connection upgrade;\n        proxy_read_timeout 1h;\n    }\n}\n',
    },
    {
      name: "nginx's 60 s default, application unknown: info naming the default; the fix inserts after proxy_pass",
      code: WS(''),
      errors: [
        {
          line: 3,
          column: 5,
          endLine: 3,
          endColumn: 17,
          severity: 'info',
          message: `${LABEL}: default proxy_read_timeout 60s closes idle WebSockets unless the app pings`,
        },
      ],
      output: WS('').replace('3000;\n', '3000;\n        proxy_read_timeout 1h;\n'),
    },
    {
      name: 'explicit limit shorter than any common heartbeat: warning, replaced in place',
      code: WS('        proxy_read_timeout 20s;  # keep short\n'),
      errors: [{ line: 8, column: 28, endLine: 8, endColumn: 31, severity: 'warning', message: `${LABEL}: proxy_read_timeout 20s closes WebSockets idle that long` }],
      output: WS('        proxy_read_timeout 1h;  # keep short\n'),
    },
    {
      name: "below Socket.IO's heartbeat plus margin (27 s < 25 s + 2.5 s), inherited from the server",
      code: 'server {\n\tproxy_read_timeout 27s;\n\tlocation /socket.io/ {\n\t\tproxy_pass http://app;\n\t}\n}\n',
      errors: [
        { signal: { kind: 'path', detail: 'its path /socket.io/ looks like a WebSocket endpoint', app: 'Socket.IO' },
          line: 3,
          column: 2,
          severity: 'warning',
          message: 'location /socket.io/: proxy_read_timeout 27s (server level, line 2) leaves no margin for Socket.IO\'s 25 s heartbeat',
        },
      ],
      output: 'server {\n\tproxy_read_timeout 27s;\n\tlocation /socket.io/ {\n\t\tproxy_pass http://app;\n\t\tproxy_read_timeout 1h;\n\t}\n}\n',
    },
    {
      name: 'a declared heartbeat longer than the limit',
      websocket: { heartbeat: { default: '2m' } },
      code: WS('        proxy_read_timeout 90s;\n'),
      errors: [{ line: 8, column: 28, severity: 'warning', message: `${LABEL}: proxy_read_timeout 90s is shorter than the 120 s heartbeat of websocket.heartbeat` }],
      output: WS('        proxy_read_timeout 1h;\n'),
    },
    {
      name: 'Drone CI by its server_name (drone/docs PR 203: its WebSockets carry no ping): the default is a warning',
      code: WS('', '/').replace('listen 80;', 'listen 80;\n    server_name drone.example.com;'),
      errors: [{ line: 4, column: 5, severity: 'warning', message: 'location /: default proxy_read_timeout 60s closes idle WebSockets, and Drone CI sends no heartbeat' }],
      output: WS('', '/').replace('listen 80;', 'listen 80;\n    server_name drone.example.com;').replace('3000;\n', '3000;\n        proxy_read_timeout 1h;\n'),
    },
    {
      name: 'server_name novnc.example.org names a noVNC console, which sends nothing while the screen is still: the default is a warning',
      code: WS('', '/websockify').replace('listen 80;', 'listen 80;\n    server_name novnc.example.org;'),
      errors: [{ line: 4, column: 5, severity: 'warning', message: 'location /websockify: default proxy_read_timeout 60s closes idle WebSockets, and noVNC/SPICE console sends no heartbeat' }],
      output: WS('', '/websockify').replace('listen 80;', 'listen 80;\n    server_name novnc.example.org;').replace('3000;\n', '3000;\n        proxy_read_timeout 1h;\n'),
    },
    {
      name: 'MQTT over WebSocket at the default: the clients\' 60 s keep-alive answer comes after nginx\'s 60 s (wis2box#1133)',
      code: WS('', '/mqtt'),
      errors: [{ line: 3, column: 5, severity: 'warning', message: "location /mqtt: default proxy_read_timeout 60s leaves no margin for MQTT over WebSocket's 60 s heartbeat" }],
      output: WS('', '/mqtt').replace('3000;\n', '3000;\n        proxy_read_timeout 1h;\n'),
    },
    {
      name: 'an application known to send no heartbeat (Pixiu, by its /pixiu mount): the default limit is a warning',
      code: WS('', '/pixiu/'),
      errors: [{ line: 3, column: 5, severity: 'warning', message: 'location /pixiu/: default proxy_read_timeout 60s closes idle WebSockets, and Pixiu sends no heartbeat' }],
      output: WS('', '/pixiu/').replace('3000;\n', '3000;\n        proxy_read_timeout 1h;\n'),
    },
    {
      name: "/api/websocket to a backend named after Portainer (portainer/portainer#3506): the name, not Home Assistant's path, says which app answers, and its console sends nothing",
      code: WS('', '/api/websocket').replace('127.0.0.1:3000', 'portainer_portainer:9000/api/websocket'),
      errors: [{ line: 3, column: 5, endLine: 3, endColumn: 28, severity: 'warning', message: 'location /api/websocket: default proxy_read_timeout 60s closes idle WebSockets, and Portainer sends no heartbeat' }],
      output: WS('', '/api/websocket').replace('127.0.0.1:3000', 'portainer_portainer:9000/api/websocket').replace('/api/websocket;\n', '/api/websocket;\n        proxy_read_timeout 1h;\n'),
    },
    {
      name: "an application that sends nothing under an explicit limit within the default's margin (noVNC/noVNC#1388: 61 s < 60 s + 5 s) cuts what the default cuts",
      code: 'upstream novnc_proxy { server 127.0.0.1:6080; }\n' + WS('        proxy_read_timeout 61s;\n', '/websockify').replace('127.0.0.1:3000', 'novnc_proxy/'),
      errors: [{ line: 9, column: 28, endLine: 9, endColumn: 31, severity: 'warning', message: 'location /websockify: proxy_read_timeout 61s cuts idle noVNC/SPICE console WebSockets' }],
      output: 'upstream novnc_proxy { server 127.0.0.1:6080; }\n' + WS('        proxy_read_timeout 1h;\n', '/websockify').replace('127.0.0.1:3000', 'novnc_proxy/'),
    },
    {
      name: 'below the minimum, the label says the application sends nothing',
      code: WS('        proxy_read_timeout 20s;\n', '/pixiu/'),
      errors: [{ line: 8, column: 28, severity: 'warning', message: 'location /pixiu/: proxy_read_timeout 20s cuts idle Pixiu WebSockets' }],
      output: WS('        proxy_read_timeout 1h;\n', '/pixiu/'),
    },
    {
      name: 'heartbeat declared none: the default limit is a warning',
      websocket: { heartbeat: 'none' },
      code: WS(''),
      errors: [{ line: 3, column: 5, severity: 'warning', message: `${LABEL}: default proxy_read_timeout 60s closes idle WebSockets, and no heartbeat (websocket.heartbeat) is declared` }],
      output: WS('').replace('3000;\n', '3000;\n        proxy_read_timeout 1h;\n'),
    },
    {
      name: 'CRLF line endings are kept; options minimum and suggested; comment marker',
      options: { minimum: '10m', suggested: '2h' },
      code: 'server {\r\n  # proxylint: websocket\r\n  location /api/stream {\r\n    proxy_pass http://app;\r\n    proxy_read_timeout 300s;\r\n  }\r\n}\r\n',
      errors: [{ line: 5, column: 24, message: 'location /api/stream: proxy_read_timeout 300s closes WebSockets idle that long' }],
      output: 'server {\r\n  # proxylint: websocket\r\n  location /api/stream {\r\n    proxy_pass http://app;\r\n    proxy_read_timeout 2h;\r\n  }\r\n}\r\n',
    },
    {
      name: 'a one-line location: the directive goes on the same line',
      code: 'server {\n    location /ws { proxy_pass http://app; }\n}\n',
      errors: [{ line: 2, column: 5, severity: 'info', message: 'location /ws: default proxy_read_timeout 60s closes idle WebSockets unless the app pings' }],
      output: 'server {\n    location /ws { proxy_pass http://app; proxy_read_timeout 1h; }\n}\n',
    },
    {
      name: 'configured websocket.paths; several routes',
      websocket: { paths: ['/updates'] },
      filename: 'nginx.conf',
      code: 'events {}\nhttp {\n    server {\n        location /updates { proxy_pass http://a; }\n        location /hub { proxy_pass http://b; proxy_read_timeout 14; }\n    }\n}\n',
      errors: [
        { line: 4, column: 9, severity: 'info', message: 'location /updates: default proxy_read_timeout 60s closes idle WebSockets unless the app pings' },
        { line: 5, column: 65, severity: 'warning', message: 'location /hub: proxy_read_timeout 14 is shorter than ASP.NET Core SignalR\'s 15 s heartbeat' },
      ],
      output: 'events {}\nhttp {\n    server {\n        location /updates { proxy_pass http://a; proxy_read_timeout 1h; }\n        location /hub { proxy_pass http://b; proxy_read_timeout 1h; }\n    }\n}\n',
    },
    {
      name: 'the short value sits in a snippet the location includes: reported there, no fix (it would change every includer)',
      filename: 'snippets/ws.conf',
      roots: ['nginx.conf'],
      files: { 'nginx.conf': 'events {}\nhttp {\n    server {\n        location /ws {\n            proxy_pass http://a;\n            include snippets/ws.conf;\n        }\n    }\n}\n' },
      code: 'proxy_set_header Upgrade $http_upgrade;\nproxy_set_header Connection "upgrade";\nproxy_read_timeout 20s;\n',
      errors: [{ signal: { kind: 'headers', detail: 'it sets the Upgrade header (ws.conf:1)' }, line: 3, column: 20, message: 'location /ws: proxy_read_timeout 20s closes WebSockets idle that long' }],
      output: null,
    },
  ],
});
