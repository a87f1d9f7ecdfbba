import { ruleTester } from '../../../test/support/rule-tester';
import { allWorkingVariants } from '../../../test/dialects/nginx/working-variants';
import rule from "./index";

const L = (...lines: string[]) => lines.join('\n') + '\n';
const CRLF = (...lines: string[]) => lines.join('\r\n') + '\r\n';



const MAP = ['map $http_upgrade $connection_upgrade {', '    default upgrade;', "    '' close;", '}'];

ruleTester(rule, {
  valid: [
    ...allWorkingVariants(['hardcoded-upgrade']),
    { name: 'hard-coded in a WebSocket-only path', code: L('server {', '    location /ws/ {', '        proxy_pass http://b;', '        proxy_set_header Upgrade websocket;', '        proxy_set_header Connection "upgrade";', '    }', '}') },
    { name: 'a location marked by comment', code: L('server {', '    # proxylint: websocket', '    location /app {', '        proxy_pass http://b;', '        proxy_set_header Upgrade websocket;', '        proxy_set_header Connection upgrade;', '    }', '}') },
    { name: 'a location listed in websocket.paths', websocket: { paths: ['/events'] }, code: L('server {', '    location /events {', '        proxy_pass http://b;', '        proxy_set_header Upgrade websocket;', '    }', '}') },
    { name: 'server-level literal headers only in force at a WebSocket path', code: L('server {', '    proxy_set_header Upgrade websocket;', '    location / {', '        proxy_pass http://b;', '        proxy_set_header Host $host;', '    }', '    location /ws {', '        proxy_pass http://b;', '    }', '}') },
    {
      name: 'a location that returns for requests without Upgrade: websocket proxies only handshakes',
      code: L('server {', '    location = /v1/channel {', '        if ($http_upgrade !~* ^websocket$) { return 400; }', '        proxy_pass http://b;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade websocket;', '        proxy_set_header Connection upgrade;', '    }', '}'),
    },
    {
      name: 'a location refusing an empty Upgrade ($http_upgrade = "") proxies only handshakes',
      code: L('server {', '    location /app/ {', '        if ($http_upgrade = "") { return 426; }', '        proxy_pass http://b;', '        proxy_set_header Upgrade websocket;', '        proxy_set_header Connection upgrade;', '    }', '}'),
    },
    {
      name: 'proxy_pass only inside if ($http_upgrade = "websocket"): plain requests take the files',
      code: L('server {', '    location / {', '        try_files $uri $uri/ /index.php;', '        if ($http_upgrade = "websocket") {', '            proxy_pass http://localhost:1443;', '        }', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade websocket;', '        proxy_set_header Connection upgrade;', '    }', '}'),
    },
    { name: 'Connection close literal is not an upgrade', code: L('server {', '    location / {', '        proxy_pass http://b;', '        proxy_set_header Connection close;', '    }', '}') },
  ],
  invalid: [
    {
      name: 'a location path too long for the sentence: "this location", the finding points at it',
      code: "server {\n    listen 80;\n    location /company-dashboard/updates-feed {\n        proxy_pass http://127.0.0.1:8080;\n        proxy_http_version 1.1;\n        proxy_set_header Upgrade $http_upgrade;\n        proxy_set_header Connection \"upgrade\";\n    }\n}\n",
      errors: [{ line: 7, column: 9, severity: 'info', message: '"Connection: upgrade" is hard-coded for this location: harmless for Node, Go and aiohttp backends, not for all.' }],
      output: null,
    },
    {
      name: 'the observed case, both hard-coded in location / to an unknown backend: a warning (Node and uvicorn refuse, Go serves)',
      code: L(...MAP, 'server {', '    location / {', '        proxy_pass http://b;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade "websocket";', '        proxy_set_header Connection "upgrade";', '    }', '}'),
      errors: [
        { line: 9, column: 9, endLine: 9, endColumn: 45, message: 'Hard-coded "Upgrade: websocket" and Connection: upgrade for location /: Node and uvicorn backends refuse plain requests', severity: 'warning' },
        { line: 10, column: 9, endLine: 10, endColumn: 46, severity: 'info', message: '"Connection: upgrade" is hard-coded for location /: harmless for Node, Go and aiohttp backends, not for all.' },
      ],
      output: L(...MAP, 'server {', '    location / {', '        proxy_pass http://b;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection $connection_upgrade;', '    }', '}'),
    },
    {
      name: 'Upgrade alone hard-coded in /api/: plain requests keep the client\'s Connection, every backend measured serves them, info',
      code: L('server {', '    location /api/ {', '        proxy_pass http://b;', '        proxy_set_header Upgrade websocket;', '        proxy_set_header Connection $http_connection;', '    }', '}'),
      errors: [{ line: 4, column: 9, message: '"Upgrade: websocket" is hard-coded for location /api/: harmless while plain requests there lack Connection: upgrade', severity: 'info' }],
      output: L('server {', '    location /api/ {', '        proxy_pass http://b;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection $http_connection;', '    }', '}'),
    },
    {
      name: 'Upgrade hard-coded on a path outside the vocabulary (/events): it may be the endpoint alone, info',
      code: L('server {', '    location /events {', '        proxy_pass http://localhost:5555;', '        proxy_set_header Upgrade websocket;', '    }', '}'),
      errors: [{ line: 4, column: 9, endLine: 4, endColumn: 43, severity: 'info', message: '"Upgrade: websocket" is hard-coded for location /events: a plain request there would ask to upgrade too' }],
      output: L('server {', '    location /events {', '        proxy_pass http://localhost:5555;', '        proxy_set_header Upgrade $http_upgrade;', '    }', '}'),
    },
    {
      name: 'an if that returns for some other header keeps the location mixed',
      code: L('server {', '    location / {', '        if ($http_user_agent ~* bot) { return 403; }', '        proxy_pass http://b;', '        proxy_set_header Upgrade websocket;', '    }', '}'),
      errors: [{ line: 5, column: 9, severity: 'info', message: '"Upgrade: websocket" is hard-coded for location /: harmless while plain requests there lack Connection: upgrade' }],
      output: L('server {', '    location / {', '        if ($http_user_agent ~* bot) { return 403; }', '        proxy_pass http://b;', '        proxy_set_header Upgrade $http_upgrade;', '    }', '}'),
    },
    {
      name: 'an Upgrade test that does not return (it only logs) keeps the location mixed',
      code: L('server {', '    location / {', '        if ($http_upgrade != "websocket") { set $plain 1; }', '        proxy_pass http://b;', '        proxy_set_header Upgrade websocket;', '    }', '}'),
      errors: [{ line: 5, column: 9, severity: 'info', message: '"Upgrade: websocket" is hard-coded for location /: harmless while plain requests there lack Connection: upgrade' }],
      output: L('server {', '    location / {', '        if ($http_upgrade != "websocket") { set $plain 1; }', '        proxy_pass http://b;', '        proxy_set_header Upgrade $http_upgrade;', '    }', '}'),
    },
    {
      name: 'proxy_pass in the location besides the if ($http_upgrade) one: plain requests are proxied too',
      code: L('server {', '    location / {', '        if ($http_upgrade) { proxy_pass http://ws; }', '        proxy_pass http://b;', '        proxy_set_header Upgrade websocket;', '    }', '}'),
      errors: [{ line: 5, column: 9, severity: 'info', message: '"Upgrade: websocket" is hard-coded for location /: harmless while plain requests there lack Connection: upgrade' }],
      output: L('server {', '    location / {', '        if ($http_upgrade) { proxy_pass http://ws; }', '        proxy_pass http://b;', '        proxy_set_header Upgrade $http_upgrade;', '    }', '}'),
    },
    {
      name: 'Connection "upgrade" without a map: no fix',
      code: L('server {', '    location / {', '        proxy_pass http://b;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";', '    }', '}'),
      errors: [{ line: 5, column: 9, severity: 'info', message: '"Connection: upgrade" is hard-coded for location /: harmless for Node, Go and aiohttp backends, not for all.' }],
      output: null,
    },
    {
      name: "the ASP.NET Core recipe (proxy_cache_bypass $http_upgrade): Kestrel fails plain requests, a warning",
      code: L(...MAP, 'server {', '    location / {', '        proxy_pass http://localhost:5000;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection keep-alive;', '        proxy_set_header Connection "Upgrade";', '        proxy_cache_bypass $http_upgrade;', '    }', '}'),
      errors: [{ line: 10, column: 9, endLine: 10, endColumn: 46, severity: 'warning', message: '"Connection: Upgrade" is hard-coded for location /: Kestrel before ASP.NET Core 6.0 fails plain requests.' }],
      output: L(...MAP, 'server {', '    location / {', '        proxy_pass http://localhost:5000;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection keep-alive;', '        proxy_set_header Connection $connection_upgrade;', '        proxy_cache_bypass $http_upgrade;', '    }', '}'),
    },
    {
      name: "the Node.js recipe (DigitalOcean's: the same proxy_cache_bypass, localhost:3000): no Kestrel mark, info",
      code: L('server {', '    location / {', '        proxy_pass http://localhost:3000;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', "        proxy_set_header Connection 'upgrade';", '        proxy_set_header Host $host;', '        proxy_cache_bypass $http_upgrade;', '    }', '}'),
      errors: [{ line: 6, column: 9, severity: 'info', message: '"Connection: upgrade" is hard-coded for location /: harmless for Node, Go and aiohttp backends, not for all.' }],
      output: null,
    },
    {
      name: 'Ombi under its /ombi mount (Kestrel): a warning without the recipe (Ombi#3845: api/v1/token 400)',
      code: L('server {', '    location /ombi {', '        proxy_pass http://127.0.0.1:5000;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";', '    }', '}'),
      errors: [{ line: 6, column: 9, endLine: 6, endColumn: 46, severity: 'warning', message: '"Connection: upgrade" is hard-coded for location /ombi: Ombi / Jackett before ASP.NET Core 6.0 fails plain requests.' }],
      output: null,
    },
    {
      name: "Home Assistant named by its port :8123: a warning (add-on pages behind the ingress hang, hassio-google-drive-backup#224)",
      code: L(...MAP, 'server {', '    location / {', '        proxy_pass http://192.168.0.100:8123;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";', '    }', '}'),
      errors: [{ line: 9, column: 9, severity: 'warning', message: /^"Connection: upgrade" is hard-coded for location \/: Home Assistant then fails plain requests\.$/ }],
      output: L(...MAP, 'server {', '    location / {', '        proxy_pass http://192.168.0.100:8123;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection $connection_upgrade;', '    }', '}'),
    },
    {
      name: 'a server-level literal in force at / and /ws is reported once, at the directive',
      code: L('server {', '    proxy_set_header Upgrade websocket;', '    location / {', '        proxy_pass http://b;', '    }', '    location /ws {', '        proxy_pass http://b;', '    }', '}'),
      errors: [{ line: 2, column: 5, endLine: 2, endColumn: 39, message: '"Upgrade: websocket" is hard-coded for location /: harmless while plain requests there lack Connection: upgrade', severity: 'info' }],
      output: L('server {', '    proxy_set_header Upgrade $http_upgrade;', '    location / {', '        proxy_pass http://b;', '    }', '    location /ws {', '        proxy_pass http://b;', '    }', '}'),
    },
    {
      name: 'two plain locations share one directive',
      code: L('server {', '    proxy_set_header Upgrade WebSocket;', '    location / {', '        proxy_pass http://b;', '    }', '    location /api/ {', '        proxy_pass http://b;', '    }', '}'),
      errors: [{ line: 2, column: 5, message: '"Upgrade: WebSocket" is hard-coded for 2 locations: harmless while plain requests there lack Connection: upgrade', severity: 'info' }],
      output: L('server {', '    proxy_set_header Upgrade $http_upgrade;', '    location / {', '        proxy_pass http://b;', '    }', '    location /api/ {', '        proxy_pass http://b;', '    }', '}'),
    },
    {
      name: 'in a snippet, linted in the context of the nginx.conf that includes it',
      filename: 'snippets/ws.conf',
      roots: ['nginx.conf'],
      files: { 'nginx.conf': L('http {', '    server {', '        location / {', '            proxy_pass http://b;', '            include snippets/ws.conf;', '        }', '    }', '}') },
      code: L('proxy_set_header Upgrade websocket;', 'proxy_set_header Connection $http_connection;'),
      errors: [{ line: 1, column: 1, file: 'snippets/ws.conf', message: '"Upgrade: websocket" is hard-coded for location /: harmless while plain requests there lack Connection: upgrade', severity: 'info' }],
      output: L('proxy_set_header Upgrade $http_upgrade;', 'proxy_set_header Connection $http_connection;'),
    },
    {
      name: 'both hard-coded in front of Node-RED (Node: its upgrade listener takes every plain request): an error',
      code: L(...MAP, 'upstream nodered {', '    server 127.0.0.1:1880;', '}', 'server {', '    location / {', '        proxy_pass http://nodered;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade "websocket";', '        proxy_set_header Connection "upgrade";', '    }', '}'),
      errors: [
        { line: 12, column: 9, endLine: 12, endColumn: 45, severity: 'error', message: 'Hard-coded "Upgrade: websocket" and Connection: upgrade for location /: Node-RED editor (Node) refuses plain requests' },
        { line: 13, column: 9, endLine: 13, endColumn: 46, severity: 'info', message: '"Connection: upgrade" is hard-coded for location /: harmless for Node, Go and aiohttp backends, not for all.' },
      ],
      output: L(...MAP, 'upstream nodered {', '    server 127.0.0.1:1880;', '}', 'server {', '    location / {', '        proxy_pass http://nodered;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection $connection_upgrade;', '    }', '}'),
    },
    {
      name: 'both hard-coded in front of Open WebUI (uvicorn upgrades before routing): an error',
      code: L(...MAP, 'server {', '    server_name open-webui.example.org;', '    location / {', '        proxy_pass http://open-webui:8080;', '        proxy_set_header Upgrade websocket;', '        proxy_set_header Connection Upgrade;', '    }', '}'),
      errors: [
        { line: 9, column: 9, severity: 'error', message: 'Hard-coded "Upgrade: websocket" and Connection: upgrade for location /: Open WebUI (uvicorn) refuses plain requests' },
        { line: 10, column: 9, severity: 'info', message: '"Connection: Upgrade" is hard-coded for location /: harmless for Node, Go and aiohttp backends, not for all.' },
      ],
      output: L(...MAP, 'server {', '    server_name open-webui.example.org;', '    location / {', '        proxy_pass http://open-webui:8080;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection $connection_upgrade;', '    }', '}'),
    },
    {
      name: 'both hard-coded in front of Gotify (Go net/http: only the /stream handler upgrades): info',
      code: L(...MAP, 'server {', '    location / {', '        proxy_pass http://gotify:80;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade "websocket";', '        proxy_set_header Connection "upgrade";', '    }', '}'),
      errors: [
        { line: 9, column: 9, endLine: 9, endColumn: 45, severity: 'info', message: 'Hard-coded "Upgrade: websocket" and Connection: upgrade for location /: Gotify (Go net/http) serves plain requests' },
        { line: 10, column: 9, endLine: 10, endColumn: 46, severity: 'info', message: '"Connection: upgrade" is hard-coded for location /: harmless for Node, Go and aiohttp backends, not for all.' },
      ],
      output: L(...MAP, 'server {', '    location / {', '        proxy_pass http://gotify:80;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection $connection_upgrade;', '    }', '}'),
    },
    {
      name: 'one directive at a Go app and at an unknown backend: the unknown one decides, a warning',
      code: L(...MAP, 'server {', '    proxy_set_header Upgrade websocket;', '    proxy_set_header Connection upgrade;', '    location / {', '        proxy_pass http://gotify;', '    }', '    location /api/ {', '        proxy_pass http://b;', '    }', '}'),
      errors: [
        { line: 6, column: 5, severity: 'warning', message: 'Hard-coded "Upgrade: websocket" and Connection: upgrade for 2 locations: Node and uvicorn backends refuse plain requests' },
        { line: 7, column: 5, severity: 'info', message: '"Connection: upgrade" is hard-coded for 2 locations: harmless for Node, Go and aiohttp backends, not for all.' },
      ],
      output: L(...MAP, 'server {', '    proxy_set_header Upgrade $http_upgrade;', '    proxy_set_header Connection $connection_upgrade;', '    location / {', '        proxy_pass http://gotify;', '    }', '    location /api/ {', '        proxy_pass http://b;', '    }', '}'),
    },
    {
      name: 'Upgrade hard-coded in front of Node-RED, Connection from the map: plain requests say close, Node serves them, info',
      code: L(...MAP, 'server {', '    location / {', '        proxy_pass http://127.0.0.1:1880;', '        proxy_set_header Upgrade websocket;', '        proxy_set_header Connection $connection_upgrade;', '    }', '}'),
      errors: [{ line: 8, column: 9, severity: 'info', message: '"Upgrade: websocket" is hard-coded for location /: harmless while plain requests there lack Connection: upgrade' }],
      output: L(...MAP, 'server {', '    location / {', '        proxy_pass http://127.0.0.1:1880;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection $connection_upgrade;', '    }', '}'),
    },
    {
      name: 'CRLF',
      code: CRLF(...MAP, 'server {', '    location / {', '        proxy_pass http://b;', '        proxy_set_header Connection upgrade;', '        proxy_set_header Upgrade $http_upgrade;', '    }', '}'),
      errors: [{ line: 8, column: 9, message: '"Connection: upgrade" is hard-coded for location /: harmless for Node, Go and aiohttp backends, not for all.', severity: 'info' }],
      output: CRLF(...MAP, 'server {', '    location / {', '        proxy_pass http://b;', '        proxy_set_header Connection $connection_upgrade;', '        proxy_set_header Upgrade $http_upgrade;', '    }', '}'),
    },
    {
      name: 'tabs',
      code: L('server {', '\tlocation / {', '\t\tproxy_pass http://b;', "\t\tproxy_set_header Upgrade 'websocket';", '\t}', '}'),
      errors: [{ line: 4, column: 3, endLine: 4, endColumn: 39, message: '"Upgrade: websocket" is hard-coded for location /: harmless while plain requests there lack Connection: upgrade', severity: 'info' }],
      output: L('server {', '\tlocation / {', '\t\tproxy_pass http://b;', '\t\tproxy_set_header Upgrade $http_upgrade;', '\t}', '}'),
    },
  ],
});
