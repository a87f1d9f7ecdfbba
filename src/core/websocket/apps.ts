/**
 * The WebSocket applications people put behind proxies, what identifies them, and how often
 * their side of the connection sends data when nothing else happens (a heartbeat, ping or
 * keep-alive). A proxy cuts an upgraded connection only after its idle limit passes with no
 * data, so an application whose heartbeat arrives inside the limit is never cut by it.
 *
 * Each row names its source (the framework's docs or code). `heartbeatMs: null` means the
 * framework sends nothing by default (or it depends on a server library we cannot see): the
 * idle rules then treat the route as an unknown application. `who` says which side starts the
 * exchange: a client ping that the server answers keeps both directions busy too.
 *
 * Identification is deliberately narrow: paths are the framework's fixed endpoints, names are
 * upstream/backend/service names that only such an application would carry.
 */
export interface WebSocketApp {
  id: string;
  name: string;
  /** Path patterns of its WebSocket endpoint, tested on a URL path (regex syntax stripped). */
  paths: RegExp[];
  /** Upstream, backend or server names that identify it. */
  names?: RegExp;
  /** Milliseconds between heartbeats by default, or null when none is known (see `sendsNone`). */
  heartbeatMs: number | null;
  /**
   * The application is known to send nothing on an idle connection (its source shows it, or a
   * thread observed the cut): a default idle limit then cuts it, as `websocket.heartbeat: none` says.
   */
  sendsNone?: boolean;
  /** What the heartbeat is, for messages and the README. */
  heartbeat: string;
  /** Where the interval comes from. */
  source: string;
  /**
   * Location prefixes the application is mounted under (`/ombi`): they identify it for the
   * backend-aware rules without making the location a WebSocket endpoint (it serves the app's
   * pages too).
   */
  mounts?: RegExp;
  /**
   * The URL paths of its WebSocket endpoints, when an application named by its upstream opens
   * them under paths of its own: a location that does not serve one of them (Grafana's
   * `/render/`, or `/` beside a `location /api/live/`) does not carry its WebSocket.
   */
  endpoints?: string[];
  /** Backend ports only this application listens on by default (`:8123` is Home Assistant). */
  ports?: number[];
  /**
   * Its clients cannot work without a WebSocket (the docs or the code say so): the UI's pages, or
   * for a push service its one API. `endpoint` is the path, relative to where the app is served,
   * that they open; a route that serves the app then carries that WebSocket although no path in
   * the config says so.
   */
  ui?: {
    endpoint: string;
    source: string;
    /**
     * Further WebSocket endpoints under the app (Home Assistant's add-on ingress), relative to
     * where it is served: a config that routes `endpoint` with upgrade but leaves these on a
     * plain catch-all breaks them. `what` names them in messages.
     */
    also?: { endpoint: string; what: string; source: string }[];
    /**
     * Where its pages open `endpoint` relative to their own path (`location.pathname` + `/ws`),
     * so an app mounted under a prefix (`location /ttyd/` to its root) carries it there: the
     * source that shows it. Apps that open an absolute path (Home Assistant, Jupyter without a
     * base_url) have none: a prefix mount says nothing about where their WebSocket goes.
     */
    relative?: string;
  };
  /**
   * Leftmost host-name labels that identify it only together with one of its default backend
   * ports (`code.example.com` proxied to `:8443`): either alone is too common to be a claim.
   */
  labelWithPort?: { labels: RegExp; ports: number[] };
  /**
   * What its HTTP server does with what a misconfigured proxy sends, when that is known:
   * `http10` for a handshake sent as HTTP/1.0 (nginx before 1.29.7 without proxy_http_version 1.1),
   * `connectionAlone` for a plain request carrying `Connection: upgrade` but no Upgrade header.
   */
  /**
   * Its server refuses a handshake whose Origin does not name the Host header it receives (403,
   * "origin not allowed"), by default: a proxy that sends the backend's own address as Host
   * (nginx's default $proxy_host, Apache without ProxyPreserveHost) then breaks every browser's
   * WebSocket. `names`, when set, narrows the claim to the backends those names identify (the
   * row's other members do not check). `source` shows the check and a proxy thread it broke.
   */
  originCheck?: {
    stack: string;
    names?: RegExp;
    /**
     * Headers the check reads before Host, when it does (code-server: Forwarded's host=, then
     * X-Forwarded-Host): a proxy that sends one of them with the client's host passes it.
     */
    hostFrom?: ('Forwarded' | 'X-Forwarded-Host')[];
    source: string;
  };
  backend?: {
    http10?: 'upgrades' | 'refuses';
    connectionAlone?: 'harmless' | 'breaks';
    /** The release that stopped breaking, where one did: the config never says which runs. */
    breaksBefore?: string;
    /** The server stack, for messages ("Node's http parser", "Kestrel"). */
    stack: string;
    source: string;
  };
}

/**
 * Kestrel ignores `Connection: upgrade` on requests with a body since ASP.NET Core 6.0 and the
 * January 2021 patches of 2.1, 3.1 and 5.0 (https://github.com/dotnet/aspnetcore/issues/27921,
 * https://github.com/dotnet/aspnetcore/pull/28896): the failures its rows cite are of earlier releases.
 */
export const KESTREL_IGNORES_CONNECTION_UPGRADE = 'ASP.NET Core 6.0';

const seg = (s: string): RegExp => new RegExp(`(?:^|[/(|])(?:${s})(?=$|[/?#.$)|-])`, 'i');

export const WEBSOCKET_APPS: readonly WebSocketApp[] = [
  {
    id: 'socket.io',
    name: 'Socket.IO',
    paths: [seg('socket\\.io'), seg('engine\\.io')],
    names: /socket[._-]?io|engine[._-]?io/i,
    heartbeatMs: 25_000,
    heartbeat: 'engine.io ping packet every pingInterval (25 s); v2 clients ping and the server answers',
    source: 'https://socket.io/docs/v4/server-options/#pinginterval',
  },
  {
    id: 'sockjs',
    name: 'SockJS',
    paths: [seg('sockjs(?:-node)?')],
    names: /sockjs/i,
    heartbeatMs: 25_000,
    heartbeat: 'server "h" heartbeat frame every heartbeat_delay (25 s)',
    source: 'https://github.com/sockjs/sockjs-node#server-class (heartbeat_delay, default 25000 ms)',
  },
  {
    id: 'signalr',
    name: 'ASP.NET Core SignalR',
    paths: [seg('signalr'), seg('hubs?'), /\/[a-z0-9]+hub(?=$|[/?$)])/i],
    names: /signalr/i,
    heartbeatMs: 15_000,
    heartbeat: 'server keep-alive ping every KeepAliveInterval (15 s)',
    source: 'https://learn.microsoft.com/en-us/dotnet/api/microsoft.aspnetcore.signalr.huboptions.keepaliveinterval',
    backend: {
      connectionAlone: 'breaks',
      breaksBefore: KESTREL_IGNORES_CONNECTION_UPGRADE,
      stack: 'Kestrel (ASP.NET Core)',
      source: 'https://github.com/dotnet/AspNetCore.Docs/issues/19708 (POSTs fail with Connection: Upgrade hard-coded)',
    },
  },
  {
    id: 'actioncable',
    name: 'Action Cable / AnyCable',
    paths: [seg('cable')],
    names: /action[._-]?cable|any[._-]?cable/i,
    heartbeatMs: 3_000,
    heartbeat: 'server "ping" message every BEAT_INTERVAL (3 s)',
    source: 'https://github.com/rails/rails/blob/main/actioncable/lib/action_cable/server/connections.rb (BEAT_INTERVAL = 3)',
  },
  {
    id: 'phoenix',
    name: 'Phoenix channels / LiveView',
    paths: [/(?:^|\/)(?:live|socket)\/websocket(?=$|[/?$)])/i],
    names: /phoenix/i,
    heartbeatMs: 30_000,
    heartbeat: 'client "heartbeat" every heartbeatIntervalMs (30 s), answered by the server',
    source: 'https://hexdocs.pm/phoenix/js/ (Socket option heartbeatIntervalMs, default 30000)',
    backend: {
      http10: 'refuses',
      stack: 'Cowboy 2',
      source: 'https://github.com/ninenines/cowboy/blob/master/src/cowboy_websocket.erl (is_upgrade_request matches version HTTP/1.1 only); https://github.com/phoenixframework/phoenix/issues/3165',
    },
  },
  {
    id: 'xmpp',
    name: 'XMPP over WebSocket (Jitsi Meet)',
    paths: [seg('xmpp-websocket'), seg('xmpp'), seg('ws-xmpp')],
    names: /prosody|jitsi/i,
    heartbeatMs: 10_000,
    heartbeat: 'client XMPP ping (XEP-0199) every 10 s, answered by the server',
    source: 'https://github.com/jitsi/lib-jitsi-meet/blob/master/modules/xmpp/PingConnectionPlugin.ts (PING_DEFAULT_INTERVAL = 10000)',
  },
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
      http10: 'upgrades',
      connectionAlone: 'harmless',
      stack: "Node's http server",
      source: 'test/e2e/realworld/settled.test.ts (nginx-code-server-guide: HTTP/1.0 handshake 101 on Node)',
    },
  },
  {
    id: 'graphql',
    name: 'GraphQL subscriptions',
    paths: [seg('graphql-ws'), seg('subscriptions'), /(?:^|\/)graphql\/(?:ws|subscriptions?)(?=$|[/?$)])/i],
    heartbeatMs: null,
    heartbeat: 'depends on the server library: graphql-ws pings every 12 s, subscriptions-transport-ws sends nothing by default',
    source: 'https://github.com/enisdenjo/graphql-ws/blob/master/src/use/ws.ts (keepAlive = 12_000); https://github.com/apollographql/subscriptions-transport-ws#keepalive',
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
  },
  {
    id: 'meteor',
    name: 'Meteor DDP (Rocket.Chat, Wekan)',
    paths: [],
    names: /meteor|rocket[._-]?chat|wekan/i,
    heartbeatMs: 17_500,
    heartbeat: 'DDP ping every heartbeatInterval (17.5 s), answered by the other side',
    source: 'https://github.com/meteor/meteor/blob/devel/packages/ddp-client/common/livedata_connection.js (heartbeatInterval: 17500)',
    backend: {
      http10: 'upgrades',
      connectionAlone: 'harmless',
      stack: "Node's http server",
      source: 'test/e2e/observed/nginx.test.ts (Node + ws answer 101 to an HTTP/1.0 handshake)',
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
      http10: 'upgrades',
      connectionAlone: 'harmless',
      stack: "Node's http server",
      source: 'test/e2e/observed/nginx.test.ts (Node + ws answer 101 to an HTTP/1.0 handshake)',
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
      http10: 'refuses',
      stack: 'Mattermost >= 5.33',
      source: 'https://github.com/mattermost/docs/pull/4323 ("failing to set the HTTP version to 1.1 ... started failing after the recent websocket revamp")',
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
    id: 'uvicorn',
    name: 'Uvicorn (ASGI)',
    paths: [],
    names: /uvicorn/i,
    heartbeatMs: 20_000,
    heartbeat: 'server WebSocket ping every ws_ping_interval (20 s)',
    source: 'https://www.uvicorn.org/settings/ (--ws-ping-interval, default 20.0)',
    backend: {
      http10: 'upgrades',
      connectionAlone: 'harmless',
      stack: 'uvicorn',
      source: 'https://github.com/encode/uvicorn/blob/master/uvicorn/protocols/http/httptools_impl.py (handle_websocket_upgrade rebuilds the request line as HTTP/1.1)',
    },
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
    heartbeatMs: null,
    heartbeat: 'not verified',
    source: 'https://github.com/nextcloud/notify_push',
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
      http10: 'upgrades',
      stack: 'Go net/http with gorilla/websocket',
      source: 'rules/nginx/proxy-http-version/README.md (gorilla/websocket v1.5.0 answers 101 and echoes behind the Debian 12 nginx package without proxy_http_version)',
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
      http10: 'upgrades',
      stack: 'Go net/http with gorilla/websocket',
      source: 'rules/nginx/proxy-http-version/README.md (gorilla/websocket answers 101 without proxy_http_version); https://github.com/zhaojh329/rttys/issues/69 (the two headers alone fixed the terminal)',
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
  },  {
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
  },  {
    // MQTT over WebSocket (Mosquitto's websockets listener, EMQX, HiveMQ): the broker sends
    // nothing by itself. The client's Keep Alive (in CONNECT) decides: after that long without
    // sending, the client sends PINGREQ and the broker's PINGRESP is the first data back. Common
    // clients default to 60 s (MQTT.js keepalive, Eclipse Paho, mosquitto_sub -k), which is
    // nginx's default proxy_read_timeout: the answer comes too late.
    id: 'mqtt',
    name: 'MQTT over WebSocket',
    paths: [seg('mqtt')],
    names: /mosquitto|emqx|hivemq|(?:^|[-_.])mqtt(?:$|[-_.\d])/i,
    heartbeatMs: 60_000,
    heartbeat: 'the client\'s MQTT keep-alive: a PINGREQ after Keep Alive seconds without sending (60 s by default in MQTT.js, Eclipse Paho and mosquitto_sub), answered by the broker',
    source: 'https://docs.oasis-open.org/mqtt/mqtt/v3.1.1/os/mqtt-v3.1.1-os.html#_Toc398718030 (Keep Alive is the client\'s); https://github.com/mqttjs/MQTT.js#client (keepalive, default 60); https://github.com/eclipse-paho/paho.mqtt.c/issues/724 ("Default keepAlive of 60 fails since most websockets disconnect after 60 sec"); https://github.com/eclipse-mosquitto/mosquitto/issues/1504 and https://github.com/World-Meteorological-Organization/wis2box/issues/1133 (k60 clients cut after 60 s behind nginx)',
  },  {
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
  },
];

/** URL path with regex syntax stripped: `~* ^/socket\.io/` → `/socket.io/`. */
export function plainPath(p: string): string {
  // Most paths have no regex syntax (no leading ~, = or ^, no backslash): nothing to strip.
  const c = p.charCodeAt(0);
  if (c !== 126 /* ~ */ && c !== 61 /* = */ && c !== 94 /* ^ */ && p.indexOf('\\') === -1) return p;
  return p.replace(/^[~=^]+\*?\s*/, '').replace(/\\(.)/g, '$1').replace(/^\^/, '');
}

/**
 * Results per distinct string: a config asks about the same few paths and names for thousands
 * of routes (every vhost's `/`, `/api/`, `/ws/`), and each answer is a scan of every app's regexes.
 */
const byPath = new Map<string, WebSocketApp | null>();
const byName = new Map<string, WebSocketApp | null>();
const MEMO_LIMIT = 10_000;

function remember<V>(m: Map<string, V>, k: string, v: V): V {
  if (m.size >= MEMO_LIMIT) m.clear();
  m.set(k, v);
  return v;
}

/**
 * One regex that matches where any of `res` does (all are case-insensitive, none global or
 * sticky): most strings asked about match no app, and one test rejects them instead of a scan of
 * every app's patterns (6,000 distinct backend names in a haproxy.cfg were 100,000 regex runs).
 */
function anyOf(res: RegExp[]): RegExp {
  for (const re of res) if (re.flags !== 'i') throw new Error(`app pattern ${re} must have exactly the i flag`);
  return new RegExp(res.map((re) => `(?:${re.source})`).join('|'), 'i');
}
let anyPath: RegExp | undefined;
let anyName: RegExp | undefined;

export function appForPath(path: string): WebSocketApp | undefined {
  const hit = byPath.get(path);
  if (hit !== undefined) return hit ?? undefined;
  const p = plainPath(path);
  anyPath ??= anyOf(WEBSOCKET_APPS.flatMap((a) => a.paths));
  const app = anyPath.test(p) ? WEBSOCKET_APPS.find((a) => a.paths.some((re) => re.test(p))) : undefined;
  return remember(byPath, path, app ?? null) ?? undefined;
}

/** The application a location prefix it is mounted under identifies (`/ombi`), if any. */
const byMount = new Map<string, WebSocketApp | null>();

export function appForMount(path: string): WebSocketApp | undefined {
  // Once per distinct path: every location of a large config asks, most paths repeat.
  const hit = byMount.get(path);
  if (hit !== undefined) return hit ?? undefined;
  const p = plainPath(path);
  return remember(byMount, path, WEBSOCKET_APPS.find((a) => a.mounts?.test(p)) ?? null) ?? undefined;
}

/** The application only it listens on this backend port by default, if any. */
export function appForPort(port: number): WebSocketApp | undefined {
  return WEBSOCKET_APPS.find((a) => a.ports?.includes(port));
}

/**
 * The application whose UI needs a WebSocket that serves a catch-all, and what identified it: a
 * host name the proxy serves (`ServerName cockpit.example.org`: its leftmost label, the app's
 * subdomain by convention), the backend's host name (`http://nodered:1880`), the backend's port
 * when only that app uses it, a leftmost label with one of the app's default ports, or the name
 * of the file the route is written in (`plausible.conf`).
 */
export interface UiApp {
  app: WebSocketApp & { ui: NonNullable<WebSocketApp['ui']> };
  /** What identified it, for the finding's signal: `ServerName cockpit.example.org`. */
  by: string;
}

/**
 * The WebSocket endpoints an app's UI opens, its main one first: `endpoint` is the URI under the
 * route, `what` names the further ones (undefined for the main one).
 */
export function uiEndpoints(app: UiApp['app']): { endpoint: string; what?: string }[] {
  return [{ endpoint: app.ui.endpoint }, ...(app.ui.also ?? []).map((a) => ({ endpoint: a.endpoint, what: a.what }))];
}

const hasUi = (a: WebSocketApp | undefined): a is UiApp['app'] => a?.ui !== undefined;
// A wildcard (`*.hass.example.org`) serves other names: no label of its own.
const leftLabel = (host: string): string => (host.includes('*') ? '' : host.split('.')[0]);

export function uiAppFor(served: readonly { what: string; host: string }[], backendHost: string | undefined, backendPort: number | undefined, fileName?: string): UiApp | undefined {
  for (const s of served) {
    const app = appForName(leftLabel(s.host));
    if (hasUi(app)) return { app, by: `${s.what} ${s.host}` };
  }
  if (backendHost) {
    const app = appForName(backendHost);
    if (hasUi(app)) return { app, by: `backend host ${backendHost}` };
  }
  if (backendPort !== undefined) {
    const app = appForPort(backendPort);
    if (hasUi(app)) return { app, by: `backend port ${backendPort}` };
    const labels = [...served.map((s) => ({ by: `${s.what} ${s.host}`, label: leftLabel(s.host) })), ...(backendHost ? [{ by: `backend host ${backendHost}`, label: leftLabel(backendHost) }] : [])];
    for (const a of WEBSOCKET_APPS) {
      if (!hasUi(a) || !a.labelWithPort?.ports.includes(backendPort)) continue;
      const hit = labels.find((l) => a.labelWithPort!.labels.test(l.label));
      if (hit) return { app: a, by: `${hit.by} with backend port ${backendPort}` };
    }
  }
  // Last, the site file the route is written in, named for what it serves by convention
  // (sites-available/plausible.conf): the config says it less directly than a host name.
  if (fileName) {
    const app = appForName(leftLabel(fileName.toLowerCase()));
    if (hasUi(app)) return { app, by: `config file ${fileName}` };
  }
  return undefined;
}

/** The application an upstream/backend/service name identifies, if any. */
export function appForName(name: string): WebSocketApp | undefined {
  const hit = byName.get(name);
  if (hit !== undefined) return hit ?? undefined;
  anyName ??= anyOf(WEBSOCKET_APPS.flatMap((a) => (a.names ? [a.names] : [])));
  const app = anyName.test(name) ? WEBSOCKET_APPS.find((a) => a.names?.test(name)) : undefined;
  return remember(byName, name, app ?? null) ?? undefined;
}
