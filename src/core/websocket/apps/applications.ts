/**
 * Self-hosted applications people put behind a proxy, identified by their names, ports and endpoints.
 */
import { seg, KESTREL_IGNORES_CONNECTION_UPGRADE, type WebSocketApp } from './types';

export const APPLICATIONS: readonly WebSocketApp[] = [
  {
    id: 'guacamole',
    name: 'Apache Guacamole',
    paths: [seg('websocket-tunnel')],
    names: /guacamole/i,
    heartbeatMs: 500,
    heartbeat: 'client "ping" instruction every 500 ms, echoed by the server',
    source: 'https://github.com/apache/guacamole-client/blob/main/guacamole-common-js/src/main/webapp/modules/Tunnel.js (PING_FREQUENCY = 500)',
  },
  {
    id: 'jellyfin',
    name: 'Jellyfin',
    paths: [],
    names: /jellyfin/i,
    heartbeatMs: 30_000,
    heartbeat: 'client "KeepAlive" every half of the 60 s ForceKeepAlive period, answered by the server',
    source: 'https://github.com/jellyfin/jellyfin/blob/master/Emby.Server.Implementations/Session/SessionWebSocketListener.cs (WebSocketLostTimeout = 60)',
  },
  {
    id: 'vscode',
    name: 'VS Code server / code-server / openvscode-server',
    paths: [],
    names: /code[._-]?server|vs[._-]?code|openvscode/i,
    ui: {
      endpoint: '/',
      source: 'https://github.com/coder/code-server/issues/4443 and /issues/6014 ("The workbench failed to connect to the server (Error: WebSocket close with status code 1006)"); the workbench opens its WebSocket on the page\'s own path',
      relative: 'https://github.com/coder/code-server/blob/ff99a1d768bf42602dd19cb98447e80ecdcda15d/doc/quickstart.md ("location /some/path/ { # Or / if hosting at the root." to http://localhost:8080/)',
    },
    // code-server's default port: 8443 before 3.0 (issue 442's command line sets none), 8080 since.
    labelWithPort: { labels: /^(?:code|ide|vscode)$/i, ports: [8080, 8443] },
    // Only code-server: since 4.10.1 it compares Origin with Host on its WebSockets.
    originCheck: {
      stack: 'code-server 4.10.1+',
      names: /code[._-]?server/i,
      hostFrom: ['Forwarded', 'X-Forwarded-Host'],
      source: 'https://github.com/coder/code-server/blob/main/src/node/http.ts (authenticateOrigin: Origin against getHost, which honours Forwarded host= and X-Forwarded-Host before Host); https://github.com/coder/code-server/issues/6023 (maintainer: "4.10.1 added a security check that uses the host and origin headers"); https://github.com/coder/code-server/issues/6161 (log: host "ide.wsc.ink:443" does not match origin "ide.wsc.ink")',
    },
    heartbeatMs: 5_000,
    heartbeat: 'keep-alive message every KeepAliveSendTime (5 s) in both directions',
    source: 'https://github.com/microsoft/vscode/blob/main/src/vs/base/parts/ipc/common/ipc.net.ts (KeepAliveSendTime = 5000)',
    backend: {
      family: 'node',
      http10: 'upgrades',
      connectionAlone: 'harmless',
      stack: "Node's http server",
      source: 'test/e2e/realworld/settled.test.ts (nginx-code-server-guide: HTTP/1.0 handshake 101 on Node); https://github.com/coder/code-server/blob/main/src/node/wsRouter.ts (its WebSockets are an \'upgrade\' listener on Node\'s http server)',
    },
  },
  {
    id: 'jupyter',
    name: 'Jupyter Server / JupyterHub',
    paths: [/(?:^|\/)api\/kernels(?=$|[/?$)])/i, /(?:^|\/)terminals\/websocket(?=$|[/?$)])/i, /(?:^|\/)api\/events\/subscribe(?=$|[/?$)])/i],
    names: /jupyter/i,
    ui: {
      endpoint: '/api/kernels/',
      source: 'https://jupyter-server.readthedocs.io/en/latest/developers/websocket-protocols.html (a notebook talks to its kernel only over the WebSocket /api/kernels/<id>/channels)',
    },
    originCheck: {
      stack: 'Jupyter Server',
      source: 'https://github.com/jupyter-server/jupyter_server/blob/main/jupyter_server/base/websocket.py (check_origin: OK only if Origin matches Host, or allow_origin); https://github.com/jupyter-server/jupyter_server/issues/46 ("Blocking Cross Origin WebSocket Attempt" behind a proxy); https://github.com/ComputeCanada/puppet-magic_castle/issues/524 (Host: 127.0.0.1:8000 → 403)',
    },
    heartbeatMs: 30_000,
    heartbeat: 'server WebSocket ping every ws_ping_interval (30 s)',
    source: 'https://github.com/jupyter-server/jupyter_server/blob/main/jupyter_server/base/websocket.py (WS_PING_INTERVAL = 30000)',
    backend: {
      family: 'tornado',
      stack: 'Tornado',
      source: 'https://github.com/jupyter-server/jupyter_server/blob/main/jupyter_server/services/kernels/websocket.py (tornado\'s WebSocketHandler on the kernel channels route)',
    },
  },
  {
    id: 'grafana',
    name: 'Grafana Live',
    paths: [/(?:^|\/)api\/live(?=$|[/?$)])/i],
    // Grafana >= 8 opens its Live WebSocket on every page (grafana.com/tutorials/run-grafana-behind-a-proxy).
    names: /(?:^|[-_.])grafana(?:$|[-_.\d])/i,
    endpoints: ['/api/live/ws'],
    heartbeatMs: 25_000,
    heartbeat: 'Centrifuge server ping every 25 s',
    source: 'https://centrifugal.dev/docs/transports/overview#pings (server-to-client ping every 25 s)',
    backend: {
      family: 'go',
      stack: 'Go net/http',
      source: 'https://github.com/grafana/grafana/tree/main/pkg/services/live (Centrifuge\'s WebSocket handler on the /api/live/ws route of its Go http server)',
    },
  },
  {
    id: 'node-red',
    name: 'Node-RED editor',
    paths: [seg('comms')],
    names: /node[._-]?red/i,
    ports: [1880],
    ui: {
      endpoint: '/comms',
      source: 'https://github.com/node-red/node-red/issues/754 (maintainer: "/comms is the only websocket end-point node-red uses"); /issues/252 and /issues/4547 ("Lost connection to server", debug messages never arrive)',
      relative: 'https://github.com/node-red/node-red/blob/master/packages/node_modules/@node-red/editor-client/src/js/comms.js (path = location.hostname + port + document.location.pathname + "comms")',
    },
    heartbeatMs: 15_000,
    heartbeat: 'server "hb" message every webSocketKeepAliveTime (15 s)',
    source: 'https://github.com/node-red/node-red/blob/master/packages/node_modules/@node-red/editor-api/lib/editor/comms.js (webSocketKeepAliveTime = 15000)',
    backend: {
      family: 'node',
      http10: 'upgrades',
      connectionAlone: 'harmless',
      stack: "Node's http server",
      source: 'test/e2e/observed/nginx.test.ts (Node + ws answer 101 to an HTTP/1.0 handshake); https://github.com/node-red/node-red/blob/master/packages/node_modules/@node-red/editor-api/lib/editor/comms.js (ws in noServer mode behind the http server\'s \'upgrade\' listener)',
    },
  },
  {
    id: 'neko',
    name: 'neko (virtual browser)',
    paths: [],
    names: /(?:^|[-_.])neko(?:$|[-_.\d])/i,
    heartbeatMs: 60_000,
    heartbeat: 'WebSocket keep-alive every 60 s',
    source: 'https://github.com/m1k1o/neko/issues/73 (maintainer: the keepalive is 60 s; 50 s proxy timeouts cut it)',
  },
  {
    id: 'home-assistant',
    name: 'Home Assistant',
    paths: [/(?:^|\/)api\/websocket(?=$|[/?$)])/i],
    names: /home[._-]?assistant|\bhass\b/i,
    heartbeatMs: 55_000,
    heartbeat: 'server WebSocket ping every 55 s (aiohttp WebSocketResponse(heartbeat=55))',
    source: 'https://github.com/home-assistant/core/blob/dev/homeassistant/components/websocket_api/http.py (heartbeat=55); https://github.com/home-assistant/home-assistant.io/pull/11708 (reset every 50 s behind 50 s timeouts)',
    ports: [8123],
    ui: {
      endpoint: '/api/websocket',
      source: 'https://github.com/home-assistant/home-assistant-js-websocket (the WebSocket API client: "also used by the Home Assistant frontend"); the frontend opens /api/websocket',
      also: [
        {
          endpoint: '/api/hassio_ingress/',
          what: 'add-on ingress WebSockets',
          source:
            'https://github.com/home-assistant/addons/issues/1728 (Terminal add-on blank behind a vhost routing only /api/websocket to ws://); https://github.com/hassio-addons/app-vscode/issues/25 (wss://…/api/hassio_ingress/<token>/… fails behind the proxy)',
        },
      ],
    },
    backend: {
      http10: 'upgrades',
      connectionAlone: 'breaks',
      stack: "aiohttp behind Home Assistant's ingress",
      source: 'test/e2e/rules/nginx/hardcoded-upgrade-headers.test.ts (aiohttp answers 101 to an HTTP/1.0 handshake); https://github.com/sabeechen/hassio-google-drive-backup/issues/224 (add-on pages behind the ingress hang with Connection "upgrade" hard-coded)',
    },
  },
  {
    id: 'mattermost',
    name: 'Mattermost',
    // Also the docs' regex location ~ /api/v[0-9]+/(users/)?websocket$.
    paths: [/(?:^|\/)api\/v(?:\d+|\[0-9\]\+)\/(?:\(users\/\)\?|users\/)?websocket(?=$|[/?$)])/i],
    names: /mattermost/i,
    ports: [8065],
    backend: {
      family: 'go',
      http10: 'refuses',
      stack: 'Mattermost >= 5.33',
      source: 'https://github.com/mattermost/docs/pull/4323 ("failing to set the HTTP version to 1.1 ... started failing after the recent websocket revamp"); https://github.com/mattermost/mattermost/blob/master/server/channels/api4/websocket.go (gorilla/websocket\'s Upgrader in connectWebSocket)',
    },
    // Verified in code: pongWaitTime = 100 s, pingInterval = pongWaitTime * 6 / 10, and
    // writePump sends a WebSocket ping on that ticker.
    originCheck: {
      stack: 'Mattermost',
      source: 'https://github.com/mattermost/docs/pull/3970 ("A check is applied for WebSocket code to see if the Origin header is the same as the host header. If it\'s not, a 403 error is returned"); https://github.com/mattermost/mattermost-docker/issues/107 ("websocket: origin not allowed")',
    },
    heartbeatMs: 60_000,
    heartbeat: 'server WebSocket ping every pingInterval (60 s)',
    source: 'https://github.com/mattermost/mattermost/blob/master/server/channels/app/platform/web_conn.go (pingInterval = (pongWaitTime * 6) / 10, pongWaitTime = 100 s)',
  },
  {
    // Its Pod WebShell (/pixiu/kubeproxy/pods/ws) is cut after 60 s without output behind nginx's
    // default proxy_read_timeout (issue 1056); the server only tolerates a client "ping"
    // operation (pkg/types/meta.go TerminalSession.Read) and never sends one itself.
    id: 'pixiu',
    name: 'Pixiu',
    paths: [],
    names: /(?:^|[-_.])pixiu(?:$|[-_.\d])/i,
    mounts: /^\/pixiu(?=$|\/)/i,
    heartbeatMs: null,
    sendsNone: true,
    heartbeat: 'none: the WebShell is quiet while the user reads',
    source: 'https://github.com/caoyingjunz/pixiu/issues/1056 (cut after about 60 s idle); https://github.com/caoyingjunz/pixiu/blob/117877ce47afa77fee1f0d642d3db4208b55b485/pkg/types/meta.go (TerminalSession: the server sends only stdout)',
  },
  {
    id: 'cockpit',
    name: 'Cockpit',
    paths: [/(?:^|\/)cockpit\/socket(?=$|[/?$)])/i],
    names: /cockpit/i,
    ui: {
      endpoint: '/cockpit/socket',
      source: 'https://github.com/cockpit-project/cockpit/blob/main/doc/protocol.md (the web UI reaches cockpit-ws over one WebSocket, /cockpit/socket); https://github.com/cockpit-project/cockpit/issues/2053 ("received invalid or missing Upgrade header" behind a plain ProxyPass)',
    },
    heartbeatMs: null,
    heartbeat: 'not verified',
    source: 'https://github.com/cockpit-project/cockpit/blob/main/doc/protocol.md',
  },
  {
    id: 'uptime-kuma',
    name: 'Uptime Kuma',
    paths: [],
    names: /uptime[._-]?kuma/i,
    ui: {
      endpoint: '/socket.io/',
      source: 'https://github.com/louislam/uptime-kuma/blob/master/src/mixins/socket.js (io(wsHost, { transports: [ "websocket" ] }): no polling fallback; login and every list come over it)',
    },
    heartbeatMs: 25_000,
    heartbeat: 'Socket.IO ping packet every pingInterval (25 s)',
    source: 'https://socket.io/docs/v4/server-options/#pinginterval (Uptime Kuma keeps the default)',
    backend: {
      family: 'node',
      stack: "Node's http server with Socket.IO",
      source: 'https://github.com/louislam/uptime-kuma/blob/master/server/uptime-kuma-server.js (a Socket.IO Server on its Node http server)',
    },
  },
  {
    id: 'notify-push',
    name: 'Nextcloud notify_push (Client Push)',
    paths: [],
    names: /notify[._-]?push/i,
    ports: [7867],
    ui: {
      endpoint: '/ws',
      source: 'https://github.com/nextcloud/notify_push/blob/044ec9f9d8b9f0d1be25fb895b9d3c636d5f9987/README.md (listens on 7867; clients open /push/ws, commit 7d99b23 "fix apache proxy config in readme" adds ProxyPass /push/ws ws://)',
      relative: 'https://github.com/nextcloud/notify_push/blob/044ec9f9d8b9f0d1be25fb895b9d3c636d5f9987/README.md ("occ notify_push:setup https://push.example.com" sets the base URL the clients open /ws under; the README mounts it at /push/)',
    },
    // A ping once 30 s pass without a send, checked on a 500 ms tick: up to 30.5 s of silence.
    heartbeatMs: 30_500,
    heartbeat: 'a ping after 30 s without a message (checked every 500 ms)',
    source: 'https://github.com/nextcloud/notify_push/blob/008e0d0af2d5a63f9f2aa456bee20a8c3628f62b/src/connection.rs (ping_interval = 30 s; `now.duration_since(last_send) > ping_interval` on a 500 ms recv timeout)',
  },
  {
    // A remote console draws nothing while the screen is still: websockify pings only when
    // started with --heartbeat, noVNC and spice-html5 send nothing by themselves.
    id: 'web-console',
    name: 'noVNC/SPICE console',
    paths: [],
    names: /novnc|websockify|spice[._-]?(?:html5|console)/i,
    // noVNC's default `path` setting (app/ui.js): the pages under / carry no WebSocket.
    endpoints: ['/websockify'],
    heartbeatMs: null,
    sendsNone: true,
    heartbeat: 'none: nothing is sent while the screen does not change',
    source: 'https://github.com/novnc/noVNC/issues/658 (cut after minutes without pixel changes behind nginx\'s 60 s); https://github.com/accetto/ubuntu-vnc-xfce-g3/issues/23 (websockify pings only with its heartbeat option); https://github.com/rcbops/ansible-lxc-rpc/pull/15 (Spice console cut after about 1 minute by 50 s client/server timeouts in HAProxy)',
  },
  {
    id: 'kestrel-apps',
    name: 'Ombi / Jackett',
    paths: [],
    names: /(?:^|[-_.])(?:ombi|jackett)(?:$|[-_.\d])/i,
    mounts: /^\/(?:ombi|jackett)(?=$|\/)/i,
    ports: [3579, 9117],
    heartbeatMs: null,
    heartbeat: 'not documented',
    source: 'https://github.com/Ombi-app/Ombi, https://github.com/Jackett/Jackett (ASP.NET Core applications)',
    backend: {
      connectionAlone: 'breaks',
      breaksBefore: KESTREL_IGNORES_CONNECTION_UPGRADE,
      stack: 'Kestrel (ASP.NET Core)',
      source: 'https://github.com/Ombi-app/Ombi/issues/3845 and /issues/1921 (api/v1/token 400 with Connection "upgrade"); https://github.com/dperson/nginx/issues/25 (Jackett POSTs 400)',
    },
  },
  {
    // Phoenix LiveView pages (sites, API keys, goals) are served over /live/websocket; the
    // dashboard's plain requests work without it, the LiveView pages do not.
    id: 'plausible',
    name: 'Plausible Analytics',
    paths: [],
    names: /(?:^|[-_.])plausible(?:$|[-_.\d])/i,
    ui: {
      endpoint: '/live/websocket',
      source: 'https://github.com/plausible/community-edition/pull/140 ("Websocket connections on apache2 were failing until it was routed correctly - caused token creation to fail"); https://github.com/plausible/analytics/blob/master/lib/plausible_web/endpoint.ex (socket "/live", Phoenix.LiveView.Socket)',
    },
    heartbeatMs: 30_000,
    heartbeat: 'LiveView client "heartbeat" every 30 s (Phoenix heartbeatIntervalMs), answered by the server',
    source: 'https://hexdocs.pm/phoenix/js/ (Socket option heartbeatIntervalMs, default 30000)',
    backend: {
      http10: 'refuses',
      stack: 'Cowboy 2 (Phoenix)',
      source: 'https://github.com/ninenines/cowboy/blob/master/src/cowboy_websocket.erl (is_upgrade_request matches version HTTP/1.1 only)',
    },
  },
  {
    // A push service: its clients (the Android app, the web UI's live list) receive messages
    // only over the /stream WebSocket; the server is Go (gorilla/websocket).
    id: 'gotify',
    name: 'Gotify',
    paths: [],
    names: /(?:^|[-_.])gotify(?:$|[-_.\d])/i,
    ui: {
      endpoint: '/stream',
      source: 'https://gotify.net/docs/nginx ("Ensuring it can use WebSockets" on location /); https://github.com/gotify/server/issues/462 (location / without Upgrade: the web pages work, the Android app gets 400 Bad Request on /stream)',
      relative: 'https://gotify.net/docs/nginx ("Proxy requests with sub path": location /gotify/ to http://gotify/)',
    },
    originCheck: {
      stack: 'Gotify',
      source: 'https://gotify.net/docs/nginx ("The proxy must preserve the host because gotify verifies the host with the origin for WebSocket connections"; the Apache example sets ProxyPreserveHost On); https://github.com/gotify/server/issues/434 (GET /stream 403 Forbidden behind nginx)',
    },
    heartbeatMs: 45_000,
    heartbeat: 'server WebSocket ping every stream.pingperiodseconds (45 s)',
    source: 'https://github.com/gotify/website/commit/c7f0056230be4292d281b4116e650a751c18abc2 ("The WebSocket sends pings every 45s", fixes gotify/server#415); gotify/server config/config.go (PingPeriodSeconds default 45)',
    backend: {
      family: 'go',
      http10: 'upgrades',
      stack: 'Go net/http with gorilla/websocket',
      source: 'rules/nginx/proxy-http-version/README.md (gorilla/websocket v1.5.0 answers 101 and echoes behind the Debian 12 nginx package without proxy_http_version); https://github.com/gotify/server/blob/master/api/stream/stream.go (gorilla/websocket\'s Upgrader in the /stream handler of its gin router)',
    },
  },
  {
    // rttys: the web terminal of rtty devices; its UI lists devices and opens each terminal
    // over the /connect/<device> WebSocket (api.go: authorized.GET("/connect/:devid", ...)).
    id: 'rttys',
    name: 'rttys',
    paths: [],
    names: /(?:^|[-_.])rttys(?:$|[-_.\d])/i,
    ui: {
      endpoint: '/connect/',
      source: 'https://github.com/zhaojh329/rttys/blob/c0be2b6caac5675c00d871de0648b2bb018ec317/api.go (the terminal is the WebSocket /connect/:devid); https://github.com/zhaojh329/rttys/issues/69 (location / without Upgrade: the pages open, the terminal does not)',
    },
    heartbeatMs: null,
    heartbeat: 'not verified',
    source: 'https://github.com/zhaojh329/rttys',
    backend: {
      family: 'go',
      http10: 'upgrades',
      stack: 'Go net/http with gorilla/websocket',
      source: 'rules/nginx/proxy-http-version/README.md (gorilla/websocket answers 101 without proxy_http_version); https://github.com/zhaojh329/rttys/issues/69 (the two headers alone fixed the terminal); https://github.com/zhaojh329/rttys (Go; gorilla/websocket\'s Upgrader in the handlers of its WebSocket routes)',
    },
  },
  {
    // ttyd: a terminal in the browser; the page is the terminal, carried by the /ws WebSocket.
    id: 'ttyd',
    name: 'ttyd',
    paths: [],
    names: /(?:^|[-_.])ttyd(?:$|[-_.\d])/i,
    ports: [7681],
    ui: {
      endpoint: '/ws',
      source: 'https://github.com/tsl0922/ttyd/blob/647d55ad865f5ad85ad89ba5e1b28d9b6ac8fd55/src/server.c (endpoints = {"/ws", "/", "/token", ""}); https://github.com/tsl0922/ttyd/issues/130 (without Upgrade/Connection the console fails)',
      relative: 'https://github.com/tsl0922/ttyd/blob/main/html/src/components/app.tsx (wsUrl = host + window.location.pathname + "/ws")',
    },
    heartbeatMs: 5_000,
    heartbeat: 'server WebSocket ping every --ping-interval (5 s)',
    source: 'https://github.com/tsl0922/ttyd/blob/647d55ad865f5ad85ad89ba5e1b28d9b6ac8fd55/README.md (-P, --ping-interval, default 5); src/server.c (ws_ping_pong_interval = 5)',
  },
  {
    // n8n >= 1.0 pushes editor updates (execution progress, "Test workflow") over the WebSocket
    // /rest/push (N8N_PUSH_BACKEND=websocket by default; before 1.0 it was Server-Sent Events).
    id: 'n8n',
    name: 'n8n',
    paths: [],
    names: /(?:^|[-_.])n8n(?:$|[-_.\d])/i,
    // N8N_PORT's default (https://docs.n8n.io/hosting/configuration/environment-variables/deployment/).
    ports: [5678],
    ui: {
      endpoint: '/rest/push',
      source: 'https://docs.n8n.io/hosting/configuration/environment-variables/endpoints/ (N8N_PUSH_BACKEND, default websocket); https://github.com/n8n-io/n8n/issues/12688 (maintainer: the failing wss://…/rest/push is the reverse proxy\'s WebSocket configuration); https://github.com/gogosoon/n8n-simple-installtion-with-ssl/issues/4 ("Test workflow" never stops, "Connection Lost")',
    },
    heartbeatMs: null,
    heartbeat: 'not verified',
    source: 'https://github.com/n8n-io/n8n',
    backend: {
      family: 'node',
      stack: "Node's http server with ws",
      source: 'https://github.com/n8n-io/n8n/tree/master/packages/cli/src/push (ws in noServer mode behind the http server\'s \'upgrade\' listener)',
    },
  },
  {
    // Drone CI 0.5's build-log and event WebSockets carry no ping: idle ones are cut at nginx's
    // 60 s default (drone/docs PR 203). Not a `ui` row: the docs give later releases the same
    // location /, and nothing in a config says the version; only routes that are already
    // WebSocket routes (by their headers or path) are judged with it.
    id: 'drone',
    name: 'Drone CI',
    paths: [],
    names: /(?:^|[-_.])drone(?:$|[-_.\d])/i,
    heartbeatMs: null,
    sendsNone: true,
    heartbeat: 'none: "the WS connection does not perform any ping or heartbeat within that 60s"',
    source: 'https://github.com/drone/docs/pull/203 (Drone 0.5 behind nginx: WebSockets closed every minute until proxy_read_timeout 3600s)',
  },
  {
    // The UI's container console and log views and `docker exec`/`docker logs` through a client
    // bundle are upgraded streams that carry only what the container prints.
    id: 'docker-ucp',
    name: 'Docker UCP',
    paths: [],
    names: /(?:^|[-_.])(?:ucp|mke)(?:$|[-_.\d])/i,
    heartbeatMs: null,
    sendsNone: true,
    heartbeat: 'none: a console or log stream is quiet while the container prints nothing',
    source: 'https://github.com/docker/docs/issues/6484 (load-balancer timeouts "can cause issues for the console or logs view within the UCP UI, or the docker exec or docker logs"); https://github.com/docker/docs/pull/6573 (timeout tunnel 1h added to the HAProxy example)',
  },
  {
    // The container console (/api/websocket/exec, /attach, the Kubernetes shell) carries only
    // what the shell prints: no ping (#3506 asks for one). Its endpoints share Home Assistant's
    // /api/websocket prefix, so only the backend's name identifies it.
    id: 'portainer',
    name: 'Portainer',
    paths: [],
    names: /(?:^|[-_.])portainer(?:$|[-_.\d])/i,
    heartbeatMs: null,
    sendsNone: true,
    heartbeat: 'none: the container console is quiet while the shell prints nothing',
    source: 'https://github.com/portainer/portainer/issues/3506 ("the websocket that powers the built in console can easily time out when it\'s sitting idle because there are no keepalive pings"; behind nginx\'s location /api/websocket "nginx closes connection after 60 seconds")',
  },
  {
    // HaRP, Nextcloud AppAPI's HAProxy, routes /exapps/ to the ExApps (frontend ex_apps, backend
    // ex_apps_backend), whose WebSockets it tunnels. The heartbeat is each ExApp's: those on
    // nc_py_api run uvicorn (20 s pings), others may send nothing (HaRP#115's probe ExApp).
    id: 'nextcloud-exapps',
    name: 'Nextcloud ExApps (AppAPI/HaRP)',
    paths: [],
    names: /(?:^|[-_.])ex[_-]?apps(?:$|[-_.\d])/i,
    heartbeatMs: null,
    heartbeat: 'none by default / varies: each ExApp\'s own server decides',
    source: 'https://github.com/nextcloud/HaRP/blob/5c993451d4e220ad941a9e7ca7ccc47cec2aad7b/README.md (HP_TIMEOUT_TUNNEL: "Inactivity timeout for upgraded connections (WebSockets)"); https://github.com/nextcloud/HaRP/pull/115',
  },
  {
    // Its log, status and accessory views come over Socket.IO with the WebSocket transport; the
    // path was / and then /wsocket before 4.x (issues #43, #85), /socket.io/ since.
    id: 'homebridge',
    name: 'Homebridge UI',
    paths: [],
    names: /homebridge/i,
    ports: [8581],
    ui: {
      endpoint: '/socket.io/',
      source: 'https://github.com/homebridge/homebridge-config-ui-x/issues/43 (behind a plain ProxyPass "the logs, status and other things stop working"; maintainer: "You\'ll need to add support for WebSockets"); https://github.com/homebridge/homebridge-config-ui-x/issues/259 (4.x: socket.io/?token=…&transport=websocket)',
    },
    heartbeatMs: 25_000,
    heartbeat: 'Socket.IO ping packet every pingInterval (25 s)',
    source: 'https://socket.io/docs/v4/server-options/#pinginterval (the UI keeps the default)',
  },
  {
    // Dispatcharr (IPTV manager, Django): its UI's live updates come over the Channels
    // WebSocket /ws/, which its own nginx hands to Daphne. Its container listens on 9191, but
    // that port is no claim: shipped configs proxy 9191 to other servers (uWSGI's stats
    // server, rerun's web viewer; none of ten sampled proxy_pass lines was Dispatcharr).
    id: 'dispatcharr',
    name: 'Dispatcharr',
    paths: [],
    names: /(?:^|[-_.])dispatcharr(?:$|[-_.\d])/i,
    ui: {
      endpoint: '/ws/',
      source: 'https://github.com/Dispatcharr/Dispatcharr/blob/63fed9131a97269728bb9ffdb53dee682749e5a6/docker/nginx.conf (location /ws/ "WebSockets for real-time communication"); docker/entrypoint.sh (DISPATCHARR_PORT default 9191); https://github.com/Dispatcharr/Dispatcharr/issues/107 (maintainer: "Since we use websockets you need to \'upgrade\' the connection")',
    },
    heartbeatMs: null,
    heartbeat: 'not verified',
    source: 'https://github.com/Dispatcharr/Dispatcharr',
  },
  {
    // Butterfly (a Tornado web terminal): the page is the terminal, carried by the WebSockets
    // /ws/session/<id> and /ctl/session/<id>; Tornado answers a plain GET there with 400.
    id: 'butterfly',
    name: 'Butterfly',
    paths: [],
    names: /(?:^|[-_.])butterfly(?:$|[-_.\d])/i,
    ports: [57575],
    ui: {
      endpoint: '/ws/',
      source: 'https://github.com/paradoxxxzero/butterfly/blob/master/butterfly.server.py (tornado.options.define("port", default=57575)); https://github.com/paradoxxxzero/butterfly/issues/164 (bare proxy_pass: "Error during WebSocket handshake: Unexpected response code: 400" on /ws/session/ and /ctl/session/)',
    },
    heartbeatMs: null,
    heartbeat: 'not verified',
    source: 'https://github.com/paradoxxxzero/butterfly',
    backend: {
      family: 'tornado',
      stack: 'Tornado',
      source: 'https://github.com/paradoxxxzero/butterfly/blob/master/butterfly/routes.py (tornado WebSocketHandlers on their routes)',
    },
  },
  {
    // Streamlit: the page renders only what the server sends over the WebSocket /_stcore/stream
    // (/stream before 1.18); without it the app shows "Please wait..." and never loads. Port 8501
    // is also TensorFlow Serving's REST default, but that API is proxied under /v1/models/, not
    // as a catch-all: all twenty sampled `proxy_pass http://…:8501` catch-alls were Streamlit.
    id: 'streamlit',
    name: 'Streamlit',
    paths: [/(?:^|\/)_stcore\/stream(?=$|[/?$)])/i],
    names: /(?:^|[-_.])streamlit(?:$|[-_.\d])/i,
    ports: [8501],
    ui: {
      endpoint: '/_stcore/stream',
      source: 'https://docs.streamlit.io/develop/api-reference/configuration/config.toml (server.port, default 8501); https://github.com/streamlit/streamlit/issues/7856 (behind nginx: "WebSocket connection to \'ws://…/_stcore/stream\' failed"); https://github.com/streamlit/streamlit/issues/1383 (the page stuck loading behind a proxy)',
      relative: 'https://github.com/ideonate/streamlit-launchpad/issues/9 (the working mount /streamlit/v1/ to http://localhost:8501/ with its handshakes on /streamlit/v1/stream)',
    },
    heartbeatMs: null,
    heartbeat: 'not verified',
    source: 'https://github.com/streamlit/streamlit',
    backend: {
      family: 'tornado',
      stack: 'Tornado',
      source: 'https://github.com/streamlit/streamlit/blob/develop/lib/streamlit/web/server/server.py (a tornado.web.Application; its WebSocket handler on /_stcore/stream)',
    },
  },
  {
    // GoTTY shares a command as a web terminal: the page is the terminal, carried by the
    // WebSocket "ws" under the page's path. Its default port (8080) says nothing; its name does.
    id: 'gotty',
    name: 'GoTTY',
    paths: [],
    names: /(?:^|[-_.])gotty(?:$|[-_.\d])/i,
    ui: {
      endpoint: '/ws',
      source: 'https://github.com/yudai/gotty/blob/master/server/server.go (wsMux.HandleFunc(pathPrefix+"ws", server.generateHandleWS(...)), the terminal\'s only channel; the page serves assets only)',
      relative: 'https://github.com/yudai/gotty/blob/master/js/src/main.ts (url = window.location.host + window.location.pathname + "ws")',
    },
    originCheck: {
      stack: 'GoTTY',
      source: 'https://github.com/yudai/gotty/blob/master/server/server.go (websocket.Upgrader without CheckOrigin: gorilla/websocket\'s default, Origin must name Host); https://github.com/yudai/gotty/issues/21 (Apache without ProxyPreserveHost: 403, "You need ProxyPreserveHost on" - "this worked!")',
    },
    heartbeatMs: null,
    heartbeat: 'not verified',
    source: 'https://github.com/yudai/gotty',
    backend: {
      family: 'go',
      stack: 'Go net/http with gorilla/websocket',
      source: 'https://github.com/yudai/gotty/blob/master/server/server.go (the Upgrader in the handler of its ws path)',
    },
  },
];
