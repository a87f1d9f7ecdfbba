/**
 * Media servers, office and collaboration suites, AI front ends and fediverse servers people put
 * behind a proxy, identified by their names, ports and endpoints. Apps whose WebSocket serves only
 * live updates (the pages work without it) carry `endpoints`, so only the route that serves those
 * paths is judged as a WebSocket route; `ui` only where the UI is documented to fail without it.
 */
import { seg, type WebSocketApp } from './types';

const NODE_BACKEND = {
  http10: 'upgrades',
  connectionAlone: 'harmless',
  stack: "Node's http server",
  source: 'test/e2e/observed/nginx.test.ts (Node + ws answer 101 to an HTTP/1.0 handshake); test/e2e/realworld/settled.test.ts (a plain GET with Connection "upgrade" reaches Node as plain)',
} as const;

export const MEDIA_AND_COLLABORATION_APPS: readonly WebSocketApp[] = [
  {
    // Audiobookshelf: the web client and the apps keep a Socket.IO connection for every live
    // update; without it both show "Socket failed to connect" / "Socket unable to connect".
    id: 'audiobookshelf',
    name: 'Audiobookshelf',
    paths: [],
    names: /audiobookshelf/i,
    // The docs' port mapping (-p 13378:80): every sampled proxy target on :13378 was Audiobookshelf.
    ports: [13378],
    ui: {
      endpoint: '/socket.io/',
      source:
        'https://github.com/advplyr/audiobookshelf/issues/241 (maintainer: "audiobookshelf requires a web socket connection"; "Socket Failed to Connect" behind a proxy); https://github.com/advplyr/audiobookshelf/issues/4267 (nginx without the WebSocket headers: the web client and the Android app report "Socket unable to connect"; "You have not configured nginx for websockets"); https://github.com/audiobookshelf/audiobookshelf-web/pull/112 ("Without proxying websockets the application shows Socket failed to connect")',
    },
    heartbeatMs: null,
    heartbeat: 'not verified',
    source: 'https://github.com/advplyr/audiobookshelf',
    backend: { ...NODE_BACKEND, family: 'node', source: `${NODE_BACKEND.source}; https://github.com/advplyr/audiobookshelf/blob/master/server/SocketAuthority.js (a Socket.IO Server on the http server)` },
  },
  {
    // Open WebUI streams chat tokens over Socket.IO at /ws/socket.io with the WebSocket transport
    // only (ENABLE_WEBSOCKET_SUPPORT, default true): behind a plain proxy chats fail.
    id: 'open-webui',
    name: 'Open WebUI',
    // Its path /ws/socket.io is Socket.IO's (frameworks.ts), which comes first.
    paths: [],
    names: /open[._-]?webui/i,
    ui: {
      endpoint: '/ws/socket.io/',
      source:
        'https://github.com/open-webui/open-webui/issues/4158 (behind nginx without Upgrade the chat fails, "OWU has been rendered unusable"; Upgrade/Connection on location / fixes it); https://github.com/open-webui/open-webui/issues/8074 ("Network Problem" in 0.5.0 until the WebSocket headers are added); https://github.com/open-webui/docs/pull/1423 (the web UI streams chat tokens over /ws/socket.io and uses the WebSocket transport only by default)',
    },
    heartbeatMs: 25_000,
    heartbeat: 'python-socketio server ping every ping_interval (25 s)',
    source: 'https://python-socketio.readthedocs.io/en/latest/api.html (AsyncServer ping_interval, default 25); https://github.com/open-webui/docs/pull/1423 ("the 25-second ping that makes 24-hour WebSocket timeouts unnecessary")',
    backend: {
      family: 'uvicorn',
      http10: 'upgrades',
      connectionAlone: 'harmless',
      stack: 'uvicorn',
      source: 'https://github.com/encode/uvicorn/blob/master/uvicorn/protocols/http/httptools_impl.py (handle_websocket_upgrade rebuilds the request line as HTTP/1.1); https://github.com/open-webui/open-webui/blob/main/backend/start.sh (uvicorn open_webui.main:app, a FastAPI app)',
    },
  },
  {
    // Collabora Online (coolwsd; loolwsd before 21.11): a document is edited only over the
    // WebSocket /cool/<WOPISrc>/ws; the pages under /browser/ and /hosting/ are plain.
    id: 'collabora',
    name: 'Collabora Online',
    paths: [/(?:^|\/)[cl]ool\/(?:\(\.[*+]\)|[^?]*)\/ws(?=$|[/?$)])/i, /(?:^|\/)[cl]ool\/adminws(?=$|[/?$)])/i],
    names: /collabora|(?:^|[-_.])[cl]oolwsd(?:$|[-_.\d])/i,
    ui: {
      endpoint: '/cool/<WOPISrc>/ws',
      source:
        'https://sdk.collaboraonline.com/docs/installation/Proxy_settings.html (the main websocket location ~ ^/cool/(.*)/ws$ with Upgrade); https://github.com/truenas/apps/issues/5100 (a proxy that misses the WebSocket: "Document loading failed: Failed to establish socket connection ... The reverse proxy might be misconfigured"); https://github.com/nextcloud/richdocuments/issues/2058',
    },
    heartbeatMs: null,
    heartbeat: 'not verified',
    source: 'https://github.com/CollaboraOnline/online',
  },
  {
    // Immich: Socket.IO at /api/socket.io for live updates and the server status; the web
    // pages and the API work without it ("Server offline" in the sidebar).
    id: 'immich',
    name: 'Immich',
    paths: [],
    names: /immich/i,
    // The docs' port since v1.106 (3001 before, which Uptime Kuma and others also use). Sample
    // (find_string ":2283;"): all 8 proxy_pass/upstream uses on :2283 were Immich.
    ports: [2283],
    endpoints: ['/api/socket.io/'],
    heartbeatMs: 25_000,
    heartbeat: 'Socket.IO ping packet every pingInterval (25 s)',
    source: 'https://github.com/immich-app/immich/issues/7282 (the web client opens wss://…/api/socket.io/?EIO=4&transport=websocket); https://socket.io/docs/v4/server-options/#pinginterval',
    backend: { ...NODE_BACKEND, family: 'node', source: `${NODE_BACKEND.source}; https://github.com/immich-app/immich/tree/main/server (NestJS; a Socket.IO WebSocketGateway at /api/socket.io)` },
  },
  {
    // Vaultwarden (formerly bitwarden_rs): live sync notifications over the SignalR hub
    // /notifications/hub (port 3012 before 1.29, the main port since); the vault works without it.
    id: 'vaultwarden',
    name: 'Vaultwarden',
    paths: [],
    names: /vaultwarden|bitwarden[._-]?rs/i,
    endpoints: ['/notifications/hub', '/notifications/anonymous-hub'],
    heartbeatMs: null,
    heartbeat: 'not verified',
    source: 'https://github.com/dani-garcia/vaultwarden/issues/590 (wss://…/notifications/hub fails behind nginx: sync triggers missing); https://github.com/NuschtOS/nixos-modules/issues/326 (/notifications/anonymous-hub for "Login with device")',
  },
  {
    // Sonarr, Radarr, Lidarr, Prowlarr, Readarr, Whisparr (one codebase): live UI updates over the
    // ASP.NET Core SignalR hub {urlBase}/signalr/messages. Named by host or mount (urlBase /sonarr).
    // AddSignalR() without options: the server's keep-alive ping every 15 s (KeepAliveInterval).
    id: 'servarr',
    name: 'Sonarr / Radarr / Lidarr / Prowlarr / Readarr',
    paths: [],
    names: /(?:^|[-_.])(?:sonarr|radarr|lidarr|prowlarr|readarr|whisparr)(?:$|[-_.\d])/i,
    mounts: /^\/(?:sonarr|radarr|lidarr|prowlarr|readarr|whisparr)(?=$|\/)/i,
    endpoints: ['/signalr/messages'],
    heartbeatMs: 15_000,
    heartbeat: 'SignalR keep-alive ping every KeepAliveInterval (15 s)',
    source: 'https://github.com/Sonarr/Sonarr/blob/49df353fa14c453929b79f32144b2c8c86d94b09/frontend/src/Components/SignalRListener.tsx (withUrl(`${urlBase}/signalr/messages`)); https://github.com/Sonarr/Sonarr/blob/49df353fa14c453929b79f32144b2c8c86d94b09/src/NzbDrone.Host/Startup.cs (AddSignalR(); MapHub<MessageHub>("/signalr/messages")); https://github.com/Radarr/Radarr/blob/1b9662d58823ff02b7162282e84e4aed95db0126/src/NzbDrone.Host/Startup.cs (the same hub); https://github.com/Prowlarr/Prowlarr/blob/5a7443fa48eb64dcd48518da784a2ff2d3a3d336/frontend/src/Components/SignalRConnector.js; https://learn.microsoft.com/en-us/dotnet/api/microsoft.aspnetcore.signalr.huboptions.keepaliveinterval (default 15 s)',
  },
  {
    // Kavita: live updates over the ASP.NET Core SignalR hubs hubs/messages and hubs/logs (the web
    // client opens BASE_URL + "hubs/messages"); AddSignalR() keeps the default 15 s keep-alive.
    // Its port 5000 is ASP.NET's default: no port claim.
    id: 'kavita',
    name: 'Kavita',
    paths: [],
    names: /(?:^|[-_.])kavita(?:$|[-_.\d])/i,
    endpoints: ['/hubs/messages', '/hubs/logs'],
    heartbeatMs: 15_000,
    heartbeat: 'SignalR keep-alive ping every KeepAliveInterval (15 s)',
    source: 'https://github.com/Kareadita/Kavita/blob/ed7e9d4a6e85c2ec04803ca86fb3d2b5ca15581a/API/Startup.cs (MapHub<MessageHub>("hubs/messages"), MapHub<LogHub>("hubs/logs")); https://github.com/Kareadita/Kavita/blob/ed7e9d4a6e85c2ec04803ca86fb3d2b5ca15581a/API/Extensions/ApplicationServiceExtensions.cs (AddSignalR with EnableDetailedErrors only); https://github.com/Kareadita/Kavita/blob/ed7e9d4a6e85c2ec04803ca86fb3d2b5ca15581a/UI/Web/src/app/_services/message-hub.service.ts (withUrl(hubUrl + "messages")); https://learn.microsoft.com/en-us/dotnet/api/microsoft.aspnetcore.signalr.huboptions.keepaliveinterval (default 15 s)',
  },
  {
    // Plex Media Server (closed source): clients read its notifications over the WebSocket
    // /:/websockets/notifications. No port claim: of 6 sampled proxy uses of :32400
    // (find_string ":32400;"), one was an "upstream sonarr { server sonarr:32400; }" example.
    id: 'plex',
    name: 'Plex Media Server',
    paths: [/(?:^|\/):\/websockets?\/notifications(?=$|[/?$)])/i],
    names: /(?:^|[-_.])plex(?:$|[-_.\d])/i,
    endpoints: ['/:/websockets/notifications'],
    heartbeatMs: null,
    heartbeat: 'not verified',
    source: 'https://github.com/pkkid/python-plexapi/blob/c3f535d64a6c4151fb53822b0b7d0e8b35d4e653/plexapi/alert.py (AlertListener key = "/:/websockets/notifications", the server URL with ws)',
  },
  {
    // Emby (Jellyfin's ancestor): the API client's session WebSocket /embywebsocket (its socket URL
    // with emby/socket rewritten). Its port 8096 is Jellyfin's too: no port claim.
    id: 'emby',
    name: 'Emby Server',
    paths: [seg('embywebsocket')],
    names: /(?:^|[-_.])emby(?:$|[-_.\d])/i,
    endpoints: ['/embywebsocket'],
    heartbeatMs: null,
    heartbeat: 'not verified',
    source: 'https://github.com/MediaBrowser/Emby.ApiClient.Javascript/blob/fdd0939ac596406ab92274f30fd83d226a677424/apiclient.js (openWebSocket: replaceAll(url, "emby/socket", "embywebsocket"))',
  },
  {
    // ComfyUI's queue progress and results come over the WebSocket /ws (aiohttp). Port 8188 is no
    // claim: Janus Gateway's WebSocket transport listens on 8188 too (sampled proxy targets).
    id: 'comfyui',
    name: 'ComfyUI',
    paths: [],
    names: /comfy[._-]?ui/i,
    endpoints: ['/ws'],
    heartbeatMs: null,
    heartbeat: 'not verified',
    source: 'https://github.com/Comfy-Org/ComfyUI/blob/master/server.py (routes.get("/ws") with aiohttp web.WebSocketResponse)',
    backend: {
      family: 'aiohttp',
      http10: 'upgrades',
      connectionAlone: 'harmless',
      stack: 'aiohttp',
      source: 'test/e2e/rules/nginx/hardcoded-upgrade-backends.test.ts (aiohttp 3.8.4 answers 101 to an HTTP/1.0 handshake and serves Connection: upgrade without Upgrade as plain); https://github.com/Comfy-Org/ComfyUI/blob/master/server.py (an aiohttp web.Application, its WebSocket on the /ws route)',
    },
  },
  {
    // HedgeDoc 1 (formerly CodiMD): the editor syncs over Socket.IO at /socket.io/ (Node).
    id: 'hedgedoc',
    name: 'HedgeDoc / CodiMD',
    paths: [],
    names: /hedgedoc|codimd/i,
    endpoints: ['/socket.io/'],
    heartbeatMs: 25_000,
    heartbeat: 'Socket.IO ping packet every pingInterval (25 s)',
    source: 'https://github.com/hedgedoc/hedgedoc/blob/f52475dc4f3e3e27927a073754ff86fe6ff1e01a/docs/content/guides/reverse-proxy.md (the upgrade headers on /socket.io/); https://socket.io/docs/v4/server-options/#pinginterval',
    backend: { ...NODE_BACKEND, family: 'node', source: `${NODE_BACKEND.source}; https://github.com/hedgedoc/hedgedoc/blob/master/app.js (Socket.IO attached to the Express http server)` },
  },
  {
    // Etherpad: the pad syncs over Socket.IO at /socket.io/ (Node, port 9001 which Supervisor and
    // MinIO's console also use: no port claim).
    id: 'etherpad',
    name: 'Etherpad',
    paths: [],
    names: /etherpad/i,
    endpoints: ['/socket.io/'],
    heartbeatMs: null,
    heartbeat: 'not verified',
    source: 'https://github.com/ether/etherpad/issues/6448 (the pad\'s socket.io handshakes 400 behind nginx)',
    backend: { ...NODE_BACKEND, family: 'node', source: `${NODE_BACKEND.source}; https://github.com/ether/etherpad-lite/tree/develop/src/node/hooks/express (socketio: Socket.IO on the Express http server)` },
  },
  {
    // Mastodon's streaming server (Node, port 4000, which Phoenix apps also use): the web UI's
    // timelines over the WebSocket /api/v1/streaming.
    id: 'mastodon',
    name: 'Mastodon streaming',
    paths: [/(?:^|\/)api\/v1\/streaming(?=$|[/?$)])/i],
    names: /mastodon/i,
    endpoints: ['/api/v1/streaming'],
    heartbeatMs: null,
    heartbeat: 'not verified',
    source: 'https://github.com/mastodon/mastodon/blob/main/dist/nginx.conf (location ^~ /api/v1/streaming to the streaming upstream with Upgrade)',
    backend: NODE_BACKEND,
  },
  {
    // Pleroma and Akkoma (Elixir, Phoenix on Cowboy 2): the Mastodon streaming API, Cowboy's dispatch
    // "/api/v1/streaming" to MastodonAPI.WebsocketHandler, on their one port (4000 in the shipped
    // nginx configs, which put Upgrade on location /). Heartbeat differs by version (a 30 s
    // keep-alive frame in some, Streamer.Ping in others): not claimed.
    id: 'pleroma',
    name: 'Pleroma / Akkoma',
    paths: [],
    names: /pleroma|akkoma/i,
    endpoints: ['/api/v1/streaming'],
    heartbeatMs: null,
    heartbeat: 'not verified',
    source: 'https://github.com/external-mirrors/pleroma/blob/a7fcfe6f3570eef0a9dd7b3df8721f986674acba/lib/pleroma/web/mastodon_api/websocket_handler.ex (the :cowboy_websocket handler of /api/v1/streaming); https://github.com/pleroma-social/pleroma/blob/4de7bea00eb70fc679715f3b40ea52e8de693f95/installation/pleroma.nginx (location / with Upgrade to localhost:4000); https://github.com/external-mirrors/akkoma/blob/04f3b393634382d862bda2222d56ff1a5f2414e8/installation/nginx/akkoma.nginx (Upgrade server-wide, upstream 127.0.0.1:4000)',
    backend: {
      http10: 'refuses',
      stack: 'Cowboy 2 (Phoenix)',
      source: 'https://github.com/ninenines/cowboy/blob/master/src/cowboy_websocket.erl (is_upgrade_request matches version HTTP/1.1 only)',
    },
  },
  {
    // Misskey: misskey-js opens the streaming WebSocket at /streaming (Node, ws). The server pings
    // every 60 s (terminating sockets silent for 2 min); that ties with nginx's and Apache's 60 s
    // defaults, so it is no heartbeat claim (heartbeatMs null keeps those an info).
    id: 'misskey',
    name: 'Misskey',
    paths: [],
    names: /misskey/i,
    endpoints: ['/streaming'],
    heartbeatMs: null,
    heartbeat: 'server WebSocket ping every 60 s, not relied on (it ties with the 60 s proxy defaults)',
    source: 'https://github.com/misskey-dev/misskey/blob/30441b268c6582e3d0dcd32f63ff64ea7ac60a90/packages/misskey-js/src/streaming.ts (new ReconnectingWebsocket(`${wsOrigin}/streaming?${query}`)); https://github.com/misskey-dev/misskey/blob/311c2172d7bc861d915a28650684a1587ecb4695/packages/backend/src/server/api/StreamingApiServerService.ts (ws WebSocketServer on the http server\'s upgrade; connection.ping() every 60 s)',
    backend: NODE_BACKEND,
  },
  {
    // PeerTube: the shipped nginx config sends /socket.io, the WebTorrent tracker /tracker/socket
    // (peers message it every 15 minutes: proxy_read_timeout 15m) and plugin /ws/ routes with Upgrade.
    id: 'peertube',
    name: 'PeerTube',
    paths: [/(?:^|\/)tracker\/socket(?=$|[/?$)])/i],
    names: /peertube/i,
    endpoints: ['/socket.io/', '/tracker/socket'],
    heartbeatMs: null,
    heartbeat: 'not verified',
    source: 'https://github.com/Chocobozzz/PeerTube/blob/d7562e0b5d7d24e66859d7406cefae7d879ceecc/support/nginx/peertube (location /socket.io and /tracker/socket try @api_websocket, which sets Upgrade)',
    backend: NODE_BACKEND,
  },
  {
    // Nextcloud Talk's high-performance backend (strukturag/nextcloud-spreed-signaling): the
    // README mounts it at /standalone-signaling/, whose API is plain; only /spreed is the WebSocket.
    id: 'spreed-signaling',
    name: 'Nextcloud Talk signaling server',
    paths: [/(?:^|\/)standalone-signaling\/spreed(?=$|[/?$)])/i],
    names: /spreed[._-]?signaling|(?:^|[-_.])spreedbackend(?:$|[-_.\d])/i,
    mounts: /^\/standalone-signaling(?=$|\/)/i,
    endpoints: ['/spreed'],
    heartbeatMs: 54_000,
    heartbeat: 'server WebSocket ping every pingPeriod (54 s: pongWait 60 s x 9/10)',
    source: 'https://github.com/strukturag/nextcloud-spreed-signaling/blob/master/README.md (location /standalone-signaling/spreed with Upgrade); client.go (pingPeriod = (pongWait * 9) / 10, pongWait = 60 s)',
  },
];
