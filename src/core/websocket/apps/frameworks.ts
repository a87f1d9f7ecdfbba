/**
 * WebSocket frameworks and protocols, identified by their fixed endpoints and library names:
 * many applications share each one, so a row says what the framework does by default.
 */
import { seg, KESTREL_IGNORES_CONNECTION_UPGRADE, type WebSocketApp } from './types';

export const FRAMEWORKS: readonly WebSocketApp[] = [
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
    // A hub named `<word>Hub` (MapHub<ChatHub>("/chatHub")); not the sites and apps whose names
    // end in "hub" (Penpot's `location ~ ^/github/penpot-files/` was two false errors).
    paths: [seg('signalr'), seg('hubs?'), /\/(?!(?:git|docker|jupyter)hub(?=$|[/?$)]))[a-z0-9]+hub(?=$|[/?$)])/i],
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
    id: 'graphql',
    name: 'GraphQL subscriptions',
    paths: [seg('graphql-ws'), seg('subscriptions'), /(?:^|\/)graphql\/(?:ws|subscriptions?)(?=$|[/?$)])/i],
    heartbeatMs: null,
    heartbeat: 'depends on the server library: graphql-ws pings every 12 s, subscriptions-transport-ws sends nothing by default',
    source: 'https://github.com/enisdenjo/graphql-ws/blob/master/src/use/ws.ts (keepAlive = 12_000); https://github.com/apollographql/subscriptions-transport-ws#keepalive',
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
      family: 'node',
      http10: 'upgrades',
      connectionAlone: 'harmless',
      stack: "Node's http server",
      source: 'test/e2e/observed/nginx.test.ts (Node + ws answer 101 to an HTTP/1.0 handshake); https://github.com/meteor/meteor/blob/devel/packages/ddp-server/stream_server.js (SockJS installs its handlers on the webapp\'s Node http server)',
    },
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
      family: 'uvicorn',
      http10: 'upgrades',
      connectionAlone: 'harmless',
      stack: 'uvicorn',
      source: 'https://github.com/encode/uvicorn/blob/master/uvicorn/protocols/http/httptools_impl.py (handle_websocket_upgrade rebuilds the request line as HTTP/1.1); https://github.com/encode/uvicorn/blob/master/uvicorn/protocols/http/h11_impl.py (a request with Upgrade: websocket and Connection: upgrade goes to the WebSocket protocol before the app)',
    },
  },
  {
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
  },
];
