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
  /** Milliseconds between heartbeats by default, or null when it sends none by default. */
  heartbeatMs: number | null;
  /** What the heartbeat is, for messages and the README. */
  heartbeat: string;
  /** Where the interval comes from. */
  source: string;
}

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
    heartbeatMs: 5_000,
    heartbeat: 'keep-alive message every KeepAliveSendTime (5 s) in both directions',
    source: 'https://github.com/microsoft/vscode/blob/main/src/vs/base/parts/ipc/common/ipc.net.ts (KeepAliveSendTime = 5000)',
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
    heartbeatMs: 30_000,
    heartbeat: 'server WebSocket ping every ws_ping_interval (30 s)',
    source: 'https://github.com/jupyter-server/jupyter_server/blob/main/jupyter_server/base/websocket.py (WS_PING_INTERVAL = 30000)',
  },
  {
    id: 'grafana',
    name: 'Grafana Live',
    paths: [/(?:^|\/)api\/live(?=$|[/?$)])/i],
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
  },
  {
    id: 'node-red',
    name: 'Node-RED editor',
    paths: [seg('comms')],
    names: /node[._-]?red/i,
    heartbeatMs: 15_000,
    heartbeat: 'server "hb" message every webSocketKeepAliveTime (15 s)',
    source: 'https://github.com/node-red/node-red/blob/master/packages/node_modules/@node-red/editor-api/lib/editor/comms.js (webSocketKeepAliveTime = 15000)',
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
  },
  {
    id: 'mattermost',
    name: 'Mattermost',
    paths: [/(?:^|\/)api\/v4\/websocket(?=$|[/?$)])/i],
    names: /mattermost/i,
    heartbeatMs: null,
    heartbeat: 'not documented as a fixed interval',
    source: 'https://developers.mattermost.com/integrate/reference/websocket/',
  },
];

/** URL path with regex syntax stripped: `~* ^/socket\.io/` → `/socket.io/`. */
export function plainPath(p: string): string {
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

export function appForPath(path: string): WebSocketApp | undefined {
  const hit = byPath.get(path);
  if (hit !== undefined) return hit ?? undefined;
  const p = plainPath(path);
  return remember(byPath, path, WEBSOCKET_APPS.find((a) => a.paths.some((re) => re.test(p))) ?? null) ?? undefined;
}

/** The application an upstream/backend/service name identifies, if any. */
export function appForName(name: string): WebSocketApp | undefined {
  const hit = byName.get(name);
  if (hit !== undefined) return hit ?? undefined;
  return remember(byName, name, WEBSOCKET_APPS.find((a) => a.names?.test(name)) ?? null) ?? undefined;
}
