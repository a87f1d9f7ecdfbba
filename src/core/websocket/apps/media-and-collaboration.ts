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
    backend: NODE_BACKEND,
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
      http10: 'upgrades',
      connectionAlone: 'harmless',
      stack: 'uvicorn',
      source: 'https://github.com/encode/uvicorn/blob/master/uvicorn/protocols/http/httptools_impl.py (handle_websocket_upgrade rebuilds the request line as HTTP/1.1)',
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
    // The docs' port since v1.106 (3001 before, which Uptime Kuma and others also use).
    ports: [2283],
    endpoints: ['/api/socket.io/'],
    heartbeatMs: 25_000,
    heartbeat: 'Socket.IO ping packet every pingInterval (25 s)',
    source: 'https://github.com/immich-app/immich/issues/7282 (the web client opens wss://…/api/socket.io/?EIO=4&transport=websocket); https://socket.io/docs/v4/server-options/#pinginterval',
    backend: NODE_BACKEND,
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
    // Sonarr, Radarr, Lidarr, Prowlarr, Readarr: live UI updates over SignalR /signalr/messages
    // (the client can fall back to other transports). Named by host or mount (urlBase /sonarr).
    id: 'servarr',
    name: 'Sonarr / Radarr / Lidarr / Prowlarr / Readarr',
    paths: [],
    names: /(?:^|[-_.])(?:sonarr|radarr|lidarr|prowlarr|readarr|whisparr)(?:$|[-_.\d])/i,
    mounts: /^\/(?:sonarr|radarr|lidarr|prowlarr|readarr|whisparr)(?=$|\/)/i,
    endpoints: ['/signalr/messages'],
    heartbeatMs: null,
    heartbeat: 'not verified',
    source: 'https://github.com/Sonarr/Sonarr/blob/develop/frontend/src/Components/SignalRConnector.js (HubConnectionBuilder withUrl(urlBase + "/signalr/messages"))',
  },
  {
    id: 'kavita',
    name: 'Kavita',
    paths: [],
    names: /(?:^|[-_.])kavita(?:$|[-_.\d])/i,
    endpoints: ['/hubs/messages'],
    heartbeatMs: null,
    heartbeat: 'not verified',
    source: 'https://github.com/Kareadita/Kavita (SignalR hub at /hubs/messages)',
  },
  {
    // Plex Media Server: notifications over /:/websockets/notifications; 32400 is its own port.
    id: 'plex',
    name: 'Plex Media Server',
    paths: [/(?:^|\/):\/websockets?\/notifications(?=$|[/?$)])/i],
    names: /(?:^|[-_.])plex(?:$|[-_.\d])/i,
    ports: [32400],
    endpoints: ['/:/websockets/notifications'],
    heartbeatMs: null,
    heartbeat: 'not verified',
    source: 'https://support.plex.tv/articles/201543147-what-network-ports-do-i-need-to-allow-through-my-firewall/ (TCP 32400, the Plex Media Server)',
  },
  {
    // Emby (Jellyfin's ancestor): session WebSocket /embywebsocket. Its port 8096 is Jellyfin's too.
    id: 'emby',
    name: 'Emby Server',
    paths: [seg('embywebsocket')],
    names: /(?:^|[-_.])emby(?:$|[-_.\d])/i,
    endpoints: ['/embywebsocket'],
    heartbeatMs: null,
    heartbeat: 'not verified',
    source: 'https://github.com/MediaBrowser/Emby (the web client opens /embywebsocket)',
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
      http10: 'upgrades',
      connectionAlone: 'harmless',
      stack: 'aiohttp',
      source: 'test/e2e/rules/nginx/hardcoded-upgrade-backends.test.ts (aiohttp 3.8.4 answers 101 to an HTTP/1.0 handshake and serves Connection: upgrade without Upgrade as plain)',
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
    backend: NODE_BACKEND,
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
    backend: NODE_BACKEND,
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
    // Pleroma and Akkoma (Elixir, Phoenix on Cowboy 2): the Mastodon streaming API on their one port.
    id: 'pleroma',
    name: 'Pleroma / Akkoma',
    paths: [],
    names: /pleroma|akkoma/i,
    endpoints: ['/api/v1/streaming'],
    heartbeatMs: null,
    heartbeat: 'not verified',
    source: 'https://docs.pleroma.social/backend/installation/nginx/ (location / with Upgrade carries /api/v1/streaming)',
    backend: {
      http10: 'refuses',
      stack: 'Cowboy 2 (Phoenix)',
      source: 'https://github.com/ninenines/cowboy/blob/master/src/cowboy_websocket.erl (is_upgrade_request matches version HTTP/1.1 only)',
    },
  },
  {
    id: 'misskey',
    name: 'Misskey',
    paths: [],
    names: /misskey/i,
    endpoints: ['/streaming'],
    heartbeatMs: null,
    heartbeat: 'not verified',
    source: 'https://misskey-hub.net/en/docs/for-developers/api/streaming/ (the streaming API is the WebSocket /streaming)',
    backend: NODE_BACKEND,
  },
  {
    // PeerTube: Socket.IO notifications and live chat, and the WebTorrent tracker /tracker/socket.
    id: 'peertube',
    name: 'PeerTube',
    paths: [/(?:^|\/)tracker\/socket(?=$|[/?$)])/i],
    names: /peertube/i,
    endpoints: ['/socket.io/', '/tracker/socket'],
    heartbeatMs: null,
    heartbeat: 'not verified',
    source: 'https://github.com/Chocobozzz/PeerTube/blob/develop/support/nginx/peertube (location /tracker/socket and /socket.io with Upgrade)',
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
