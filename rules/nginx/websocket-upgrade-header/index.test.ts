import * as fs from 'node:fs';
import * as path from 'node:path';
import { ruleTester } from '../../../test/support/rule-tester';
import { allWorkingVariants } from '../../../test/dialects/nginx/working-variants';
import rule from './index';

const L = (...lines: string[]) => lines.join('\n') + '\n';
const CRLF = (...lines: string[]) => lines.join('\r\n') + '\r\n';


ruleTester(rule, {
  valid: [
    // Grafana's own recipe: location /api/live/ takes the Live handshakes, so / and /render/ carry none.
    { name: 'grafana upstream: /api/live/ has the headers, / does not need them', code: L('upstream grafana {', '    server 127.0.0.1:3000;', '}', 'server {', '    location / {', '        proxy_pass http://grafana;', '    }', '    location /render/ {', '        proxy_pass http://grafana;', '    }', '    location /api/live/ {', '        proxy_pass http://grafana;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";', '    }', '}') },
    { name: 'a regex location nginx picks for /api/live/ws takes the handshakes', code: L('server {', '    location / {', '        proxy_pass http://grafana_backend;', '    }', '    location ~ ^/api/live/ {', '        proxy_pass http://grafana_backend;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";', '    }', '}') },
    // nginx's regexes are PCRE: (?i) is read by the linear-time engine (core/regex) as nginx reads it.
    { name: 'a (?i) regex location nginx picks for /api/live/ws takes the handshakes', code: L('server {', '    location / {', '        proxy_pass http://grafana_backend;', '    }', '    location ~ (?i)^/API/live/ {', '        proxy_pass http://grafana_backend;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";', '    }', '}') },
    ...allWorkingVariants(),
    { name: 'a plain location is not a WebSocket route', code: L('server {', '    location /api/ {', '        proxy_pass http://127.0.0.1:3000;', '    }', '}') },
    { name: 'a WebSocket-looking path that does not proxy', code: L('server {', '    location /ws/ {', '        root /srv/www;', '    }', '}') },
    { name: '${http_upgrade} spelling', code: L('server {', '    location /ws/ {', '        proxy_pass http://b;', '        proxy_set_header Upgrade ${http_upgrade};', '        proxy_set_header Connection upgrade;', '    }', '}') },
    { name: 'a variable the linter cannot evaluate', code: L('server {', '    set $up $http_upgrade;', '    location /ws/ {', '        proxy_pass http://b;', '        proxy_set_header Upgrade $up;', '    }', '}') },
    { name: 'a hard-coded "WebSocket" still forwards an upgrade (hardcoded-upgrade-headers judges it)', code: L('server {', '    location /ws/ {', '        proxy_pass http://b;', '        proxy_set_header Upgrade "WebSocket";', '    }', '}') },
    // A catch-all to an application whose UI needs a WebSocket (core/websocket/apps `ui`), named by
    // a server_name label, the site file's name or a port only it uses: claimed only where nginx
    // picks that location for the app's endpoint and the request path reaches the app's root.
    // apps-media: an app whose WebSocket serves live updates on its own paths (`endpoints`) makes
    // only the location that serves them a WebSocket route.
    { name: 'Immich by name, with /api/socket.io/ on its own upgrading location: / carries no handshake', code: L('server {', '    location / {', '        proxy_pass http://immich-server:2283;', '    }', '    location /api/socket.io/ {', '        proxy_pass http://immich-server:2283;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";', '    }', '}') },
    { name: 'Collabora\'s /browser/ static files are plain', code: L('server {', '    server_name collabora.example.com;', '    location ^~ /browser {', '        proxy_pass http://127.0.0.1:9980;', '    }', '}') },
    { name: 'ComfyUI\'s port 8188 is Janus\'s too: no claim on a catch-all', code: L('server {', '    server_name janus.example.com;', '    location / {', '        proxy_pass http://127.0.0.1:8188;', '    }', '}') },
    { name: 'a site file named after Plausible whose /live/websocket has its own location: / carries no handshake', filename: 'plausible.conf', code: L('server {', '    location / {', '        proxy_pass http://127.0.0.1:8000;', '    }', '    location /live/websocket {', '        proxy_pass http://127.0.0.1:8000;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";', '    }', '}') },
    { name: 'server_name gotify.example.com, but location / proxies to a sub-path: the app\'s root is not served there', code: L('server {', '    server_name gotify.example.com;', '    location / {', '        proxy_pass http://127.0.0.1:8080/app/;', '    }', '}') },
    // Home Assistant's add-on ingress (apps/ `ui.also`), as for Apache: claimed for / only when
    // another location upgrades /api/websocket.
    { name: 'HA (port 8123): /api/hassio_ingress/ has a location of its own with the headers', code: L('server {', '    server_name ha.example.org;', '    location /api/websocket {', '        proxy_pass http://192.168.1.5:8123;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";', '    }', '    location / {', '        proxy_pass http://192.168.1.5:8123;', '        proxy_http_version 1.1;', '    }', '    location /api/hassio_ingress/ {', '        proxy_pass http://192.168.1.5:8123;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";', '    }', '}') },
    { name: 'a catch-all to port 9191 alone names nothing (uWSGI\'s stats server uses it too)', code: L('server {', '    location / {', '        proxy_pass http://127.0.0.1:9191;', '    }', '}') },
    { name: 'Dispatcharr with its /ws/ upgraded in a location of its own: / carries no handshake', code: L('server {', '    server_name dispatcharr.example.com;', '    location / {', '        proxy_pass http://localhost:9191;', '    }', '    location /ws/ {', '        proxy_pass http://localhost:9191;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";', '    }', '}') },
    // An app mounted under a prefix (its root at the location, proxy_pass URI "/"): identified by
    // its backend or the prefix's own name, never by the server's names, which name what / serves.
    { name: 'a prefix to Streamlit\'s port that keeps the request path: the app\'s root is not mounted there', code: L('server {', '    location /reports/ {', '        proxy_pass http://127.0.0.1:8501;', '    }', '}') },
    { name: 'server_name gotify.example.com names what / serves, not a mount at /api/', code: L('server {', '    server_name gotify.example.com;', '    location /api/ {', '        proxy_pass http://127.0.0.1:8080/;', '    }', '}') },
    { name: 'a regex or exact location is no mount of the app\'s root', code: L('server {', '    location ~ ^/term/ {', '        proxy_pass http://127.0.0.1:7681;', '    }', '    location = /shell/ {', '        proxy_pass http://127.0.0.1:7681/;', '    }', '}') },
    { name: 'a mount whose endpoint has its own upgraded location', code: L('server {', '    location /term/ {', '        proxy_pass http://127.0.0.1:7681/;', '    }', '    location /term/ws {', '        proxy_pass http://127.0.0.1:7681/ws;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";', '    }', '}') },
    { name: 'a mount of an app that opens an absolute path (Home Assistant\'s /api/websocket) carries nothing under the prefix', code: L('server {', '    location /ha/ {', '        proxy_pass http://192.168.1.5:8123/;', '    }', '}') },
    { name: 'a two-segment prefix is no app name (/apps/gotify/)', code: L('server {', '    location /apps/gotify/ {', '        proxy_pass http://10.0.0.2:8124/;', '    }', '}') },
    { name: 'Upgrade $http_upgrade then Upgrade "": the empty setting cancels nothing', code: L('server {', '    location /ws/ {', '        proxy_pass http://b;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";', '        proxy_set_header Upgrade "";', '    }', '}') },
    { name: 'a label that only contains an app name (notgotify) names nothing', code: L('server {', '    server_name notgotify.example.com;', '    location / {', '        proxy_pass http://127.0.0.1:8080;', '    }', '}') },
    // The one comment convention (core/websocket/intent, as Apache and HAProxy read it): the marker
    // stands in the run of comment lines directly above the location.
    { name: 'a "# proxylint: websocket" a blank line above the location does not mark it', code: L('server {', '    # proxylint: websocket', '', '    location /app/ {', '        proxy_pass http://b;', '    }', '}') },
    { name: 'a "# proxylint: websocket" after a directive on the line above does not mark the location', code: L('server {', '    listen 80; # proxylint: websocket', '    location /app/ {', '        proxy_pass http://b;', '    }', '}') },
    { name: 'map whose handshake value is $http_upgrade', code: L('map $http_upgrade $up {', "    default $http_upgrade;", "    '' '';", '}', 'server {', '    location /ws/ {', '        proxy_pass http://b;', '        proxy_set_header Upgrade $up;', '    }', '}') },
    {
      name: 'GitLab behind nginx with /-/cable upgraded on its own location: the catch-all carries no WebSocket of it',
      code: L('server {', '    location /-/cable {', '        proxy_pass http://gitlab-workhorse;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";', '    }', '    location / {', '        proxy_pass http://gitlab-workhorse;', '    }', '}'),
    },
    { name: 'RabbitMQ\'s management UI on 15672 needs no WebSocket', code: L('server {', '    location / {', '        proxy_pass http://127.0.0.1:15672/;', '    }', '}') },
    { name: 'authentik\'s proxy outpost serves other applications, not authentik\'s UI', code: L('server {', '    location / {', '        proxy_pass http://authentik-proxy:9000;', '    }', '}') },
    // core/websocket/apps/home-and-infra.ts: Frigate's 8971 is other servers' port too; Proxmox's UI needs no WebSocket (the consoles do)
    { name: 'a catch-all to port 8971 under a server_name that names nothing', code: L('server {', '    server_name nvr.example.com;', '    location / {', '        proxy_pass https://127.0.0.1:8971;', '    }', '}') },
    { name: 'PiKVM\'s /api/msd/write to the upstream kvmd: the app\'s WebSocket is /api/ws only (endpoints)', code: L('upstream kvmd {', '    server unix:/run/kvmd/kvmd.sock;', '}', 'server {', '    location /api/msd/write {', '        proxy_pass http://kvmd;', '    }', '}') },
    { name: 'a catch-all under server_name pve.*: the label names Proxmox, whose UI is plain HTTP', code: L('server {', '    server_name pve.example.com;', '    location / {', '        proxy_pass https://192.168.1.2:8006;', '    }', '}') },
  ],
  invalid: [
    {
      name: 'HA (port 8123): a plain /api/websocket location is the one flagged; / says nothing of the ingress then',
      code: L('server {', '    location /api/websocket {', '        proxy_pass http://192.168.1.5:8123;', '    }', '    location / {', '        proxy_pass http://192.168.1.5:8123;', '    }', '}'),
      errors: [{ line: 2, column: 5, message: 'location /api/websocket does not pass the Upgrade header to the backend' }],
      output: L('server {', '    location /api/websocket {', '        proxy_pass http://192.168.1.5:8123;', '        proxy_set_header Upgrade $http_upgrade;', '    }', '    location / {', '        proxy_pass http://192.168.1.5:8123;', '    }', '}'),
    },
    {
      name: 'HA (port 8123): /api/websocket upgraded, the add-on ingress left on location / (home-assistant/addons#1728)',
      code: L('server {', '    server_name ha.example.org;', '    location /api/websocket {', '        proxy_pass http://192.168.1.5:8123;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";', '    }', '    location / {', '        proxy_pass http://192.168.1.5:8123;', '        proxy_http_version 1.1;', '    }', '}'),
      errors: [{ line: 9, column: 5, message: 'location / does not pass the Upgrade header to the backend' }],
      output: L('server {', '    server_name ha.example.org;', '    location /api/websocket {', '        proxy_pass http://192.168.1.5:8123;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";', '    }', '    location / {', '        proxy_pass http://192.168.1.5:8123;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_http_version 1.1;', '    }', '}'),
    },
    {
      name: 'an upstream named after Grafana (>= 8 opens /api/live/ws from every page) behind location / only (freifunkMUC PR 46); /render/ serves none',
      code: L('server {', '    location /render/ {', '        proxy_pass https://grafana_backend;', '    }', '    location / {', '        proxy_pass https://grafana_backend;', '        proxy_http_version 1.1;', '    }', '}'),
      errors: [{ line: 5, column: 5, message: 'location / does not pass the Upgrade header to the backend' }],
      output: L('server {', '    location /render/ {', '        proxy_pass https://grafana_backend;', '    }', '    location / {', '        proxy_pass https://grafana_backend;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_http_version 1.1;', '    }', '}'),
    },
    {
      name: 'a catch-all that half-copied the recipe while /socket.io/ takes this backend\'s handshakes: info',
      code: L('server {', '    location / {', '        proxy_pass http://127.0.0.1:3000;', '        proxy_http_version 1.1;', '        proxy_set_header Connection "upgrade";', '    }', '    location /socket.io/ {', '        proxy_pass http://127.0.0.1:3000;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";', '    }', '}'),
      errors: [{ line: 2, column: 5, severity: 'info', message: 'location / does not pass the Upgrade header to the backend (handshakes go to location /socket.io/)' }],
      output: L('server {', '    location / {', '        proxy_pass http://127.0.0.1:3000;', '        proxy_http_version 1.1;', '        proxy_set_header Connection "upgrade";', '        proxy_set_header Upgrade $http_upgrade;', '    }', '    location /socket.io/ {', '        proxy_pass http://127.0.0.1:3000;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";', '    }', '}'),
    },
    {
      name: 'an endpoint by its own path takes its handshakes itself, though /ws/ also upgrades for this backend: an error',
      code: L('server {', '    location /socket.io/ {', '        proxy_pass http://127.0.0.1:3000;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade http_upgrade;', '        proxy_set_header Connection "upgrade";', '    }', '    location /ws/ {', '        proxy_pass http://127.0.0.1:3000;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";', '    }', '}'),
      errors: [{ line: 5, column: 9, severity: 'error', message: 'location /socket.io/ sends "Upgrade: http_upgrade" (line 5), which does not name websocket' }],
      output: L('server {', '    location /socket.io/ {', '        proxy_pass http://127.0.0.1:3000;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";', '    }', '    location /ws/ {', '        proxy_pass http://127.0.0.1:3000;', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";', '    }', '}'),
    },
    {
      name: 'a catch-all whose server_name names Gotify (its clients receive only over /stream; gotify/server#462)',
      code: L('server {', '    server_name gotify.example.com;', '    location / {', '        proxy_pass http://localhost:8124;', '    }', '}'),
      errors: [{ signal: { kind: 'app', detail: 'server_name gotify.example.com names Gotify, whose UI needs the WebSocket /stream', app: 'Gotify' }, line: 3, column: 5, message: 'location / does not pass the Upgrade header to the backend' }],
      output: L('server {', '    server_name gotify.example.com;', '    location / {', '        proxy_pass http://localhost:8124;', '        proxy_set_header Upgrade $http_upgrade;', '    }', '}'),
    },
    {
      name: 'a site file named after Plausible (reverse-proxy/nginx/plausible, CE v2.1.0): LiveView opens /live/websocket',
      filename: 'plausible',
      code: L('server {', '    server_name example.com;', '    location / {', '        proxy_pass http://127.0.0.1:8000;', '    }', '}'),
      errors: [{ signal: { kind: 'app', detail: 'config file plausible names Plausible Analytics, whose UI needs the WebSocket /live/websocket', app: 'Plausible Analytics' }, line: 3, column: 5, message: 'location / does not pass the Upgrade header to the backend' }],
      output: L('server {', '    server_name example.com;', '    location / {', '        proxy_pass http://127.0.0.1:8000;', '        proxy_set_header Upgrade $http_upgrade;', '    }', '}'),
    },
    {
      name: 'a catch-all to ttyd\'s own port 7681: the page is the /ws terminal',
      code: L('server {', '    location / {', '        proxy_pass http://10.0.0.5:7681/;', '    }', '}'),
      errors: [{ signal: { kind: 'app', detail: 'backend port 7681 names ttyd, whose UI needs the WebSocket /ws', app: 'ttyd' }, line: 2, column: 5, message: 'location / does not pass the Upgrade header to the backend' }],
      output: L('server {', '    location / {', '        proxy_pass http://10.0.0.5:7681/;', '        proxy_set_header Upgrade $http_upgrade;', '    }', '}'),
    },
    {
      name: 'a catch-all whose server_name names Dispatcharr (dispatcharr#107): its UI updates over /ws/',
      code: L('server {', '    server_name dispatcharr.example.com;', '    location / {', '        proxy_pass http://localhost:9191/;', '        proxy_buffering off;', '    }', '}'),
      errors: [{ signal: { kind: 'app', detail: 'server_name dispatcharr.example.com names Dispatcharr, whose UI needs the WebSocket /ws/', app: 'Dispatcharr' }, line: 3, column: 5, severity: 'error', message: 'location / does not pass the Upgrade header to the backend' }],
      output: L('server {', '    server_name dispatcharr.example.com;', '    location / {', '        proxy_pass http://localhost:9191/;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_buffering off;', '    }', '}'),
    },
    {
      name: 'a catch-all to Streamlit\'s default port 8501: the page renders over /_stcore/stream',
      code: L('server {', '    server_name apps.example.com;', '    location / {', '        proxy_pass http://127.0.0.1:8501;', '    }', '}'),
      errors: [{ signal: { kind: 'app', detail: 'backend port 8501 names Streamlit, whose UI needs the WebSocket /_stcore/stream', app: 'Streamlit' }, line: 3, column: 5, severity: 'error', message: 'location / does not pass the Upgrade header to the backend' }],
      output: L('server {', '    server_name apps.example.com;', '    location / {', '        proxy_pass http://127.0.0.1:8501;', '        proxy_set_header Upgrade $http_upgrade;', '    }', '}'),
    },
    {
      name: 'Streamlit\'s /_stcore/stream is a WebSocket endpoint by its path alone',
      code: L('server {', '    location /_stcore/stream {', '        proxy_pass http://app:9000;', '        proxy_http_version 1.1;', '    }', '}'),
      errors: [{ line: 2, column: 5, severity: 'error', message: 'location /_stcore/stream does not pass the Upgrade header to the backend' }],
      output: L('server {', '    location /_stcore/stream {', '        proxy_pass http://app:9000;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_http_version 1.1;', '    }', '}'),
    },
    {
      name: 'a catch-all whose server_name names Butterfly (butterfly#164): the terminal is /ws/session/<id>',
      code: L('server {', '    server_name butterfly.example.com;', '    location / {', '        proxy_pass http://10.0.0.7:8756/;', '    }', '}'),
      errors: [{ signal: { kind: 'app', detail: 'server_name butterfly.example.com names Butterfly, whose UI needs the WebSocket /ws/', app: 'Butterfly' }, line: 3, column: 5, severity: 'error', message: 'location / does not pass the Upgrade header to the backend' }],
      output: L('server {', '    server_name butterfly.example.com;', '    location / {', '        proxy_pass http://10.0.0.7:8756/;', '        proxy_set_header Upgrade $http_upgrade;', '    }', '}'),
    },
    {
      name: 'a catch-all to a backend host named gotty: the page is the terminal over ws',
      code: L('server {', '    location / {', '        proxy_pass http://gotty:8080;', '        proxy_http_version 1.1;', '    }', '}'),
      errors: [{ signal: { kind: 'app', detail: 'its proxy_pass host gotty names GoTTY', app: 'GoTTY' }, line: 2, column: 5, severity: 'error', message: 'location / does not pass the Upgrade header to the backend' }],
      output: L('server {', '    location / {', '        proxy_pass http://gotty:8080;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_http_version 1.1;', '    }', '}'),
    },
    {
      name: 'Streamlit mounted at /reports/ (its root there): the page opens /reports/_stcore/stream',
      code: L('server {', '    location /reports/ {', '        proxy_pass http://127.0.0.1:8501/;', '    }', '}'),
      errors: [{ signal: { kind: 'app', detail: 'backend port 8501 names Streamlit, whose UI needs the WebSocket /reports/_stcore/stream', app: 'Streamlit' }, line: 2, column: 5, severity: 'error', message: 'location /reports/ does not pass the Upgrade header to the backend' }],
      output: L('server {', '    location /reports/ {', '        proxy_pass http://127.0.0.1:8501/;', '        proxy_set_header Upgrade $http_upgrade;', '    }', '}'),
    },
    {
      name: 'ttyd mounted by its port under ^~ /term/: the terminal is /term/ws',
      code: L('server {', '    location ^~ /term/ {', '        proxy_pass http://127.0.0.1:7681/;', '    }', '}'),
      errors: [{ signal: { kind: 'app', detail: 'backend port 7681 names ttyd, whose UI needs the WebSocket /term/ws', app: 'ttyd' }, line: 2, column: 5, severity: 'error', message: 'location ^~ /term/ does not pass the Upgrade header to the backend' }],
      output: L('server {', '    location ^~ /term/ {', '        proxy_pass http://127.0.0.1:7681/;', '        proxy_set_header Upgrade $http_upgrade;', '    }', '}'),
    },
    {
      name: 'Gotify\'s sub-path recipe without the headers: the prefix names it, its clients open /gotify/stream',
      code: L('server {', '    location /gotify/ {', '        proxy_pass http://10.0.0.2:8124/;', '    }', '}'),
      errors: [{ signal: { kind: 'app', detail: 'location /gotify/ names Gotify, whose UI needs the WebSocket /gotify/stream', app: 'Gotify' }, line: 2, column: 5, severity: 'error', message: 'location /gotify/ does not pass the Upgrade header to the backend' }],
      output: L('server {', '    location /gotify/ {', '        proxy_pass http://10.0.0.2:8124/;', '        proxy_set_header Upgrade $http_upgrade;', '    }', '}'),
    },
    {
      name: 'code-server at /code/ on its port 8080: the prefix with the port names it',
      code: L('server {', '    location /code/ {', '        proxy_pass http://127.0.0.1:8080/;', '    }', '}'),
      errors: [{ signal: { kind: 'app', detail: 'location /code/ with backend port 8080 names VS Code server / code-server / openvscode-server, whose UI needs the WebSocket /code/', app: 'VS Code server / code-server / openvscode-server' }, line: 2, column: 5, severity: 'error', message: 'location /code/ does not pass the Upgrade header to the backend' }],
      output: L('server {', '    location /code/ {', '        proxy_pass http://127.0.0.1:8080/;', '        proxy_set_header Upgrade $http_upgrade;', '    }', '}'),
    },
    {
      name: 'missing in the location\'s own list',
      code: L('server {', '    location /ws/ {', '        proxy_pass http://127.0.0.1:3000;', '        proxy_http_version 1.1;', '        proxy_set_header Connection "upgrade";', '    }', '}'),
      errors: [{ line: 2, column: 5, endLine: 2, endColumn: 18, message: 'location /ws/ does not pass the Upgrade header to the backend' }],
      output: L('server {', '    location /ws/ {', '        proxy_pass http://127.0.0.1:3000;', '        proxy_http_version 1.1;', '        proxy_set_header Connection "upgrade";', '        proxy_set_header Upgrade $http_upgrade;', '    }', '}'),
    },
    {
      name: 'the inheritance trap: the location\'s own Host drops the server\'s Upgrade',
      filename: 'nginx.conf',
      code: L('http {', '    server {', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";', '        location /ws {', '            proxy_pass http://127.0.0.1:3000;', '            proxy_set_header Host $host;', '        }', '    }', '}'),
      errors: [{ line: 6, column: 9, message: 'location /ws loses the server block\'s Upgrade header (line 4) by setting its own proxy_set_header' }],
      output: L('http {', '    server {', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";', '        location /ws {', '            proxy_pass http://127.0.0.1:3000;', '            proxy_set_header Host $host;', '            proxy_set_header Upgrade $http_upgrade;', '        }', '    }', '}'),
    },
    {
      name: 'inherits a list without Upgrade: the fix copies the inherited lines too',
      code: L('server {', '    proxy_set_header Host $host;', '    proxy_set_header Connection "upgrade";', '    location /ws {', '        proxy_pass http://b;', '        proxy_http_version 1.1;', '    }', '}'),
      errors: [{ line: 4, column: 5, message: 'location /ws inherits proxy_set_header from the server block (line 2), which does not set Upgrade' }],
      output: L('server {', '    proxy_set_header Host $host;', '    proxy_set_header Connection "upgrade";', '    location /ws {', '        proxy_pass http://b;', '        proxy_set_header Host $host;', '        proxy_set_header Connection "upgrade";', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_http_version 1.1;', '    }', '}'),
    },
    {
      name: 'Upgrade "" (nginx sends no header with an empty value)',
      code: L('server {', '    location /socket.io/ {', '        proxy_pass http://b;', '        proxy_set_header Upgrade "";', '        proxy_set_header Connection upgrade;', '    }', '}'),
      errors: [{ line: 4, column: 9, endLine: 4, endColumn: 36, message: 'location /socket.io/ sets Upgrade to "" (line 4), so nginx sends no Upgrade header' }],
      output: L('server {', '    location /socket.io/ {', '        proxy_pass http://b;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection upgrade;', '    }', '}'),
    },
    {
      name: 'the Connection map variable put into Upgrade',
      code: L('map $http_upgrade $connection_upgrade {', '    default upgrade;', "    ''      close;", '}', 'server {', '    location /ws {', '        proxy_pass http://b;', '        proxy_set_header Upgrade $connection_upgrade;', '        proxy_set_header Connection $connection_upgrade;', '    }', '}'),
      errors: [{ line: 8, column: 9, message: 'location /ws sets Upgrade to $connection_upgrade (line 8), which the map at line 1 makes "upgrade": use $http_upgrade' }],
      output: L('map $http_upgrade $connection_upgrade {', '    default upgrade;', "    ''      close;", '}', 'server {', '    location /ws {', '        proxy_pass http://b;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection $connection_upgrade;', '    }', '}'),
    },
    {
      name: 'a literal that is not websocket',
      code: L('server {', '    location /ws {', '        proxy_pass http://b;', '        proxy_set_header Upgrade h2c;', '        proxy_set_header Connection upgrade;', '    }', '}'),
      errors: [{ line: 4, column: 9, message: 'location /ws sends "Upgrade: h2c" (line 4), which does not name websocket' }],
      output: L('server {', '    location /ws {', '        proxy_pass http://b;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection upgrade;', '    }', '}'),
    },
    {
      name: 'an inherited Upgrade "" is reported at the location and replaced in the copied list',
      code: L('server {', '    proxy_set_header Upgrade "";', '    proxy_set_header Connection upgrade;', '    location /ws {', '        proxy_pass http://b;', '    }', '}'),
      errors: [{ line: 4, column: 5, message: 'location /ws sets Upgrade to "" (inherited from the server block, line 2), so nginx sends no Upgrade header' }],
      output: L('server {', '    proxy_set_header Upgrade "";', '    proxy_set_header Connection upgrade;', '    location /ws {', '        proxy_pass http://b;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection upgrade;', '    }', '}'),
    },
    {
      name: 'CRLF line endings are kept',
      code: CRLF('server {', '    location /ws {', '        proxy_pass http://b;', '        proxy_set_header Connection upgrade;', '    }', '}'),
      errors: [{ line: 2, column: 5, message: 'location /ws does not pass the Upgrade header to the backend' }],
      output: CRLF('server {', '    location /ws {', '        proxy_pass http://b;', '        proxy_set_header Connection upgrade;', '        proxy_set_header Upgrade $http_upgrade;', '    }', '}'),
    },
    {
      name: 'tab indentation is kept',
      code: L('server {', '\tlocation /ws {', '\t\tproxy_pass http://b;', '\t}', '}'),
      errors: [{ line: 2, column: 2, endLine: 2, endColumn: 14, message: 'location /ws does not pass the Upgrade header to the backend' }],
      output: L('server {', '\tlocation /ws {', '\t\tproxy_pass http://b;', '\t\tproxy_set_header Upgrade $http_upgrade;', '\t}', '}'),
    },
    {
      name: 'a one-line location gets the line inline',
      code: L('server {', '    location /ws { proxy_pass http://b; proxy_set_header Connection upgrade; }', '}'),
      errors: [{ line: 2, column: 5, message: 'location /ws does not pass the Upgrade header to the backend' }],
      output: L('server {', '    location /ws { proxy_pass http://b; proxy_set_header Connection upgrade; proxy_set_header Upgrade $http_upgrade; }', '}'),
    },
    {
      name: 'the location\'s own list comes from an included snippet',
      filename: 'nginx.conf',
      files: { 'snippets/ws.conf': L('proxy_set_header Connection "upgrade";') },
      code: L('events {}', 'http {', '    server {', '        location /ws {', '            proxy_pass http://b;', '            include snippets/ws.conf;', '        }', '    }', '}'),
      errors: [{ line: 4, column: 9, message: 'location /ws does not pass the Upgrade header to the backend' }],
      output: L('events {}', 'http {', '    server {', '        location /ws {', '            proxy_pass http://b;', '            proxy_set_header Upgrade $http_upgrade;', '            include snippets/ws.conf;', '        }', '    }', '}'),
    },
    {
      name: 'the server\'s list comes from an included file (Debian\'s proxy_params) and is copied in',
      filename: 'nginx.conf',
      files: { proxy_params: L('proxy_set_header Host $http_host;', 'proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;') },
      code: L('http {', '    server {', '        include proxy_params;', '        location /cable {', '            proxy_pass http://b;', '        }', '    }', '}'),
      errors: [{ line: 4, column: 9, message: 'location /cable inherits proxy_set_header from the server block (proxy_params:1), which does not set Upgrade' }],
      output: L('http {', '    server {', '        include proxy_params;', '        location /cable {', '            proxy_pass http://b;', '            proxy_set_header Host $http_host;', '            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;', '            proxy_set_header Upgrade $http_upgrade;', '        }', '    }', '}'),
    },
    {
      name: 'intent from a "# proxylint: websocket" comment',
      code: L('server {', '    # proxylint: websocket', '    location /app/ {', '        proxy_pass http://b;', '    }', '}'),
      errors: [{ line: 3, column: 5, message: 'location /app/ does not pass the Upgrade header to the backend' }],
      output: L('server {', '    # proxylint: websocket', '    location /app/ {', '        proxy_pass http://b;', '        proxy_set_header Upgrade $http_upgrade;', '    }', '}'),
    },
    {
      name: 'intent from websocket.paths in config',
      websocket: { paths: ['/events'] },
      code: L('server {', '    location /events {', '        proxy_pass http://b;', '    }', '}'),
      errors: [{ signal: { kind: 'config', detail: 'websocket.paths lists /events' }, line: 2, column: 5, message: 'location /events does not pass the Upgrade header to the backend' }],
      output: L('server {', '    location /events {', '        proxy_pass http://b;', '        proxy_set_header Upgrade $http_upgrade;', '    }', '}'),
    },
    {
      name: 'intent from the Connection map: Upgrade missing on location /',
      code: L('map $http_upgrade $connection_upgrade {', '    default upgrade;', "    '' close;", '}', 'server {', '    location / {', '        proxy_pass http://b;', '        proxy_set_header Connection $connection_upgrade;', '    }', '}'),
      errors: [{ line: 6, column: 5, message: 'location / does not pass the Upgrade header to the backend' }],
      output: L('map $http_upgrade $connection_upgrade {', '    default upgrade;', "    '' close;", '}', 'server {', '    location / {', '        proxy_pass http://b;', '        proxy_set_header Connection $connection_upgrade;', '        proxy_set_header Upgrade $http_upgrade;', '    }', '}'),
    },
    // apps-media rows (core/websocket/apps/media-and-collaboration.ts)
    {
      name: 'a catch-all to Audiobookshelf\'s port 13378 (audiobookshelf#4267: "Socket unable to connect")',
      code: L('server {', '    server_name books.example.com;', '    location / {', '        proxy_pass http://127.0.0.1:13378;', '    }', '}'),
      errors: [{ signal: { kind: 'app', detail: 'backend port 13378 names Audiobookshelf, whose UI needs the WebSocket /socket.io/', app: 'Audiobookshelf' }, line: 3, column: 5, severity: 'error', message: 'location / does not pass the Upgrade header to the backend' }],
      output: L('server {', '    server_name books.example.com;', '    location / {', '        proxy_pass http://127.0.0.1:13378;', '        proxy_set_header Upgrade $http_upgrade;', '    }', '}'),
    },
    {
      name: 'a catch-all whose server_name names Collabora: documents open only over /cool/<WOPISrc>/ws',
      code: L('server {', '    server_name collabora.example.com;', '    location / {', '        proxy_pass http://127.0.0.1:9980;', '    }', '}'),
      errors: [{ signal: { kind: 'app', detail: 'server_name collabora.example.com names Collabora Online, whose UI needs the WebSocket /cool/<WOPISrc>/ws', app: 'Collabora Online' }, line: 3, column: 5, severity: 'error', message: 'location / does not pass the Upgrade header to the backend' }],
      output: L('server {', '    server_name collabora.example.com;', '    location / {', '        proxy_pass http://127.0.0.1:9980;', '        proxy_set_header Upgrade $http_upgrade;', '    }', '}'),
    },
    {
      name: 'a catch-all to a backend host named immich carries its /api/socket.io/ handshakes',
      code: L('server {', '    location / {', '        proxy_pass http://immich-server:2283;', '    }', '}'),
      errors: [{ signal: { kind: 'app', detail: 'its proxy_pass host immich-server names Immich', app: 'Immich' }, line: 2, column: 5, severity: 'error', message: 'location / does not pass the Upgrade header to the backend' }],
      output: L('server {', '    location / {', '        proxy_pass http://immich-server:2283;', '        proxy_set_header Upgrade $http_upgrade;', '    }', '}'),
    },
    // apps-dev rows (core/websocket/apps/developer-and-business.ts)
    {
      name: 'a catch-all to LiveKit\'s port 7880: clients join rooms only over the /rtc signal WebSocket',
      code: L('server {', '    location / {', '        proxy_pass http://127.0.0.1:7880;', '    }', '}'),
      errors: [{ signal: { kind: 'app', detail: 'backend port 7880 names LiveKit, whose UI needs the WebSocket /rtc', app: 'LiveKit' }, line: 2, column: 5, severity: 'error', message: 'location / does not pass the Upgrade header to the backend' }],
      output: L('server {', '    location / {', '        proxy_pass http://127.0.0.1:7880;', '        proxy_set_header Upgrade $http_upgrade;', '    }', '}'),
    },
    {
      name: 'a catch-all to RabbitMQ Web-STOMP (15674): the port serves only its /ws WebSocket',
      code: L('server {', '    location / {', '        proxy_pass http://127.0.0.1:15674/;', '    }', '}'),
      errors: [{ signal: { kind: 'app', detail: 'backend port 15674 names RabbitMQ Web-STOMP / Web-MQTT, whose UI needs the WebSocket /ws', app: 'RabbitMQ Web-STOMP / Web-MQTT' }, line: 2, column: 5, severity: 'error', message: 'location / does not pass the Upgrade header to the backend' }],
      output: L('server {', '    location / {', '        proxy_pass http://127.0.0.1:15674/;', '        proxy_set_header Upgrade $http_upgrade;', '    }', '}'),
    },
    {
      name: 'a catch-all to the authentik server: its UI and outposts use /ws/client/ and /ws/outpost/',
      code: L('server {', '    server_name sso.example.com;', '    location / {', '        proxy_pass http://authentik-server:9000;', '    }', '}'),
      errors: [{ signal: { kind: 'app', detail: 'its proxy_pass host authentik-server names authentik', app: 'authentik' }, line: 3, column: 5, severity: 'error', message: 'location / does not pass the Upgrade header to the backend' }],
      output: L('server {', '    server_name sso.example.com;', '    location / {', '        proxy_pass http://authentik-server:9000;', '        proxy_set_header Upgrade $http_upgrade;', '    }', '}'),
    },
    {
      name: 'GitLab without a location for /-/cable: the catch-all carries Action Cable',
      code: L('server {', '    location / {', '        proxy_pass http://gitlab-workhorse;', '    }', '}'),
      errors: [{ signal: { kind: 'app', detail: 'its proxy_pass host gitlab-workhorse names GitLab (Action Cable)', app: 'GitLab (Action Cable)' }, line: 2, column: 5, severity: 'error', message: 'location / does not pass the Upgrade header to the backend' }],
      output: L('server {', '    location / {', '        proxy_pass http://gitlab-workhorse;', '        proxy_set_header Upgrade $http_upgrade;', '    }', '}'),
    },
    // core/websocket/apps/home-and-infra.ts
    {
      name: 'a catch-all to Moonraker\'s port 7125: Mainsail and Fluidd talk to the printer over /websocket only',
      code: L('server {', '    server_name printer.example.com;', '    location / {', '        proxy_pass http://127.0.0.1:7125;', '    }', '}'),
      errors: [{ signal: { kind: 'app', detail: 'backend port 7125 names Moonraker (Mainsail / Fluidd), whose UI needs the WebSocket /websocket', app: 'Moonraker (Mainsail / Fluidd)' }, line: 3, column: 5, severity: 'error', message: 'location / does not pass the Upgrade header to the backend' }],
      output: L('server {', '    server_name printer.example.com;', '    location / {', '        proxy_pass http://127.0.0.1:7125;', '        proxy_set_header Upgrade $http_upgrade;', '    }', '}'),
    },
    {
      name: 'a catch-all whose server_name names Frigate (its reverse-proxy guide): camera controls and live views need /ws',
      code: L('server {', '    server_name frigate.example.com;', '    location / {', '        proxy_pass http://192.168.1.5:5000/;', '    }', '}'),
      errors: [{ signal: { kind: 'app', detail: 'server_name frigate.example.com names Frigate NVR, whose UI needs the WebSocket /ws', app: 'Frigate NVR' }, line: 3, column: 5, severity: 'error', message: 'location / does not pass the Upgrade header to the backend' }],
      output: L('server {', '    server_name frigate.example.com;', '    location / {', '        proxy_pass http://192.168.1.5:5000/;', '        proxy_set_header Upgrade $http_upgrade;', '    }', '}'),
    },
  ],
});

describe('all five WebSocket header rules together: overlapping fixes converge', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { lintCase } = require('../../../test/support/lint-case') as typeof import('../../../test/support/lint-case');
  const ids = ['websocket-upgrade-header', 'websocket-connection-header', 'proxy-http-version', 'proxy-set-header-inheritance', 'hardcoded-upgrade-headers'];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const rules = ids.map((id) => require(`../${id}/index`).default);

  function fixAll(code: string): { output: string; passes: string[][] } {
    const passes: string[][] = [];
    for (let pass = 0; pass < 10; pass++) {
      const r = lintCase('nginx', rules, { code, filename: 'nginx.conf' });
      expect(r.messages.filter((m) => m.fatal)).toEqual([]);
      passes.push(r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`));
      if (r.messages.length === 0) return { output: code, passes };
      expect(r.output).not.toBe(code); // every finding here has a fix
      code = r.output;
    }
    throw new Error('did not converge');
  }

  // The inheritance fix copies the server's headers into /ws; websocket-upgrade-header inserts
  // Upgrade $http_upgrade at the same point. Rules run in the order given (the registry's too), so the correct value
  // wins the overlap and the stale hard-coded "Upgrade websocket" is not copied down.
  it('a keepalive upstream, a server-level hard-coded Upgrade and the inheritance trap', () => {
    const { output, passes } = fixAll(
      L('events {}', 'http {', '    upstream app {', '        server 127.0.0.1:3000;', '        keepalive 8;', '    }', '    server {', '        listen 8080;',
        '        proxy_set_header Host $host;', '        proxy_set_header Upgrade websocket;', '        location / {', '            proxy_pass http://app;', '        }',
        '        location /ws {', '            proxy_pass http://app;', '            proxy_set_header X-Request-Id $request_id;', '            proxy_set_header Connection "";', '        }', '    }', '}'),
    );
    expect(passes[0]).toEqual([
      '10:9 nginx/hardcoded-upgrade-headers',
      '11:9 nginx/websocket-connection-header',
      '11:9 nginx/proxy-http-version',
      '14:9 nginx/websocket-upgrade-header',
      '14:9 nginx/proxy-http-version',
      '16:13 nginx/proxy-set-header-inheritance',
      '17:13 nginx/websocket-connection-header',
    ]);
    expect(passes.length).toBe(3);
    expect(output).toBe(
      L('events {}', 'http {', '    map $http_upgrade $connection_upgrade {', '        default upgrade;', "        ''      '';", '    }', '    upstream app {', '        server 127.0.0.1:3000;', '        keepalive 8;', '    }',
        '    server {', '        listen 8080;', '        proxy_set_header Host $host;', '        proxy_set_header Upgrade $http_upgrade;',
        '        location / {', '            proxy_pass http://app;', '            proxy_http_version 1.1;', '            proxy_set_header Host $host;', '            proxy_set_header Upgrade $http_upgrade;', '            proxy_set_header Connection $connection_upgrade;', '        }',
        '        location /ws {', '            proxy_pass http://app;', '            proxy_http_version 1.1;', '            proxy_set_header X-Request-Id $request_id;', '            proxy_set_header Connection $connection_upgrade;', '            proxy_set_header Upgrade $http_upgrade;', '            proxy_set_header Host $host;', '        }',
        '    }', '}'),
    );
  });

  it('the observed trap: rules 1, 2 and 4 insert at the same point, one at a time', () => {
    const { output, passes } = fixAll(
      L('events {}', 'http {', '    server {', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";', '        location /ws {', '            proxy_pass http://b;', '            proxy_set_header Host $host;', '        }', '    }', '}'),
    );
    expect(passes[0]).toEqual(['7:9 nginx/websocket-upgrade-header', '7:9 nginx/websocket-connection-header', '9:13 nginx/proxy-set-header-inheritance']);
    expect(output).toBe(
      L('events {}', 'http {', '    map $http_upgrade $connection_upgrade {', '        default upgrade;', "        ''      close;", '    }', '    server {', '        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";',
        '        location /ws {', '            proxy_pass http://b;', '            proxy_set_header Host $host;', '            proxy_set_header Connection $connection_upgrade;', '            proxy_set_header Upgrade $http_upgrade;', '        }', '    }', '}'),
    );
  });
});

describe('README examples of the five WebSocket header rules', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { lintCase } = require('../../../test/support/lint-case') as typeof import('../../../test/support/lint-case');
  const example = (readme: string, heading: string): string => {
    const at = readme.indexOf(`\n## ${heading}\n`);
    const m = /```nginx\n([\s\S]*?)```/.exec(readme.slice(at));
    if (at < 0 || !m) throw new Error(`no nginx block under ## ${heading}`);
    return m[1];
  };
  for (const slug of ['websocket-upgrade-header', 'websocket-connection-header', 'proxy-http-version', 'proxy-set-header-inheritance', 'hardcoded-upgrade-headers']) {
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', '..', '..', 'rules', 'nginx', slug, 'README.md'), 'utf8');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const r = require(`../${slug}/index`).default;
    it(`${slug}: sections; Bad trips it, Good is clean`, () => {
      expect(readme.startsWith(`# ${r.id}\n`)).toBe(true);
      for (const h of ['Why', 'Bad', 'Good', 'Fix', 'Versions']) expect(readme).toContain(`\n## ${h}\n`);
      const bad = lintCase('nginx', [r], { code: example(readme, 'Bad') });
      expect(bad.messages.filter((m) => m.ruleId === r.id).length).toBeGreaterThan(0);
      const good = lintCase('nginx', [r], { code: example(readme, 'Good') });
      expect(good.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`)).toEqual([]);
    });
  }
});
