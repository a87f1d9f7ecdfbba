/**
 * Developer, data-science and business applications people put behind a proxy (GitLab, Odoo,
 * authentik, LiveKit, RabbitMQ's WebSocket plugins, realtime servers), identified by their
 * names, ports and endpoints. Ports are claimed only where no other common software uses them
 * by default: RStudio Server's 8787 is also Cloudflare wrangler's `dev` default (sampled
 * `proxy_pass http://localhost:8787` lines were mostly Workers relays), so it is none.
 */
import { seg, type WebSocketApp } from './types';

export const DEVELOPER_AND_BUSINESS_APPS: readonly WebSocketApp[] = [
  {
    // LiveKit's clients join a room only over the signal WebSocket /rtc; media goes over WebRTC.
    id: 'livekit',
    name: 'LiveKit',
    paths: [],
    // Not its companions (livekit-jwt, livekit-egress): the server or SFU only.
    names: /(?:^|[-_.])livekit(?:[-_.]?(?:server|sfu))?(?:$|[.\d])/i,
    // Its HTTP/WebSocket port by default ("starting LiveKit server {"portHttp": 7880}"). A find_string
    // sample of "127.0.0.1:7880" (2026-12-03): 8 of 10 uses were LiveKit URLs, the other two a
    // test fixture and a gRPC example, neither proxied.
    ports: [7880],
    ui: {
      endpoint: '/rtc',
      source: 'https://github.com/livekit/livekit/issues/1546 (the client\'s GET /rtc?access_token=… on :7880); https://github.com/livekit/livekit/issues/3215 ("Connecting to signal connection via WebSocket", portHttp 7880); https://github.com/livekit/livekit/issues/123 (maintainer: the signal connection goes through the reverse proxy as wss)',
    },
    heartbeatMs: null,
    heartbeat: 'not verified',
    source: 'https://github.com/livekit/livekit',
  },
  {
    // RabbitMQ's Web-STOMP (15674) and Web-MQTT (15675) plugins are WebSocket endpoints and
    // nothing else: since 3.7 without SockJS, the raw WebSocket is /ws.
    id: 'rabbitmq-web',
    name: 'RabbitMQ Web-STOMP / Web-MQTT',
    paths: [],
    ports: [15674, 15675],
    ui: {
      endpoint: '/ws',
      source: 'https://github.com/rabbitmq/rabbitmq-website/pull/148 (maintainer: "as of 3.6.0 there is a raw WebSocket endpoint at /ws"); https://github.com/bitnami/bitnami-docker-rabbitmq/issues/81 (15674/ws; SockJS removed in 3.7); https://www.rabbitmq.com/docs/web-mqtt (ws://…:15675/ws)',
    },
    heartbeatMs: null,
    heartbeat: 'none by default: STOMP heart-beats and MQTT keep-alive are what each client negotiates',
    source: 'https://www.rabbitmq.com/docs/web-stomp',
  },
  {
    // authentik's web UI keeps a WebSocket to /ws/client/ and outposts one to /ws/outpost/<uuid>/;
    // behind a proxy without Upgrade the UI shows "Connection error, reconnecting...".
    id: 'authentik',
    name: 'authentik',
    paths: [],
    // The server only: its proxy, LDAP and RADIUS outposts serve other applications.
    names: /(?:^|[-_.])authentik(?:[-_.]?server)?(?:$|[.\d])/i,
    ui: {
      endpoint: '/ws/client/',
      source: 'https://github.com/goauthentik/authentik/blob/main/website/docs/install-config/reverse-proxy.md ("authentik uses WebSockets for communication with Outposts"; "Broken Outpost or Proxy Provider communication often means the WebSocket upgrade headers are missing"); https://github.com/goauthentik/authentik/issues/4024 (the WebUI repeats "Connection error, reconnecting...": wss://…/ws/client/ failed, "you need to fix the reverse proxy config"); https://github.com/goauthentik/authentik/pull/3079 (maintainer: /ws/client/ and /ws/outpost/<uuid>/ are its WebSocket endpoints)',
    },
    heartbeatMs: null,
    heartbeat: 'not verified',
    source: 'https://github.com/goauthentik/authentik',
  },
  {
    // GitLab's real-time features (issue sidebars, pipelines) use Action Cable at /-/cable; its
    // pages work without it, so a name alone claims only the location serving /-/cable.
    id: 'gitlab',
    name: 'GitLab (Action Cable)',
    // The path /-/cable is the Action Cable row's already (frameworks.ts).
    paths: [],
    // Not its registry, Pages or KAS upstreams, which are other servers.
    names: /(?:^|[-_.])gitlab(?:[-_.](?:workhorse|ce|ee|web))?(?:$|[.\d])/i,
    endpoints: ['/-/cable'],
    heartbeatMs: 3_000,
    heartbeat: 'Action Cable server "ping" message every BEAT_INTERVAL (3 s)',
    source: 'https://github.com/rails/rails/blob/main/actioncable/lib/action_cable/server/connections.rb (BEAT_INTERVAL = 3); https://docs.gitlab.com/administration/reference_architectures/ (Action Cable on /-/cable)',
  },
  {
    id: 'centrifugo',
    name: 'Centrifugo',
    paths: [/(?:^|\/)connection\/websocket(?=$|[/?$)])/i],
    names: /(?:^|[-_.])centrifugo(?:$|[-_.\d])/i,
    heartbeatMs: 25_000,
    heartbeat: 'server ping every 25 s',
    source: 'https://centrifugal.dev/docs/transports/overview#pings (server-to-client ping every 25 s); https://centrifugal.dev/docs/transports/websocket (endpoint /connection/websocket)',
  },
  {
    // Supabase's Kong gateway routes /realtime/v1/ to the Realtime server (Phoenix channels).
    id: 'supabase-realtime',
    name: 'Supabase Realtime',
    paths: [/(?:^|\/)realtime\/v1(?:\/websocket)?(?=$|[/?$)])/i],
    heartbeatMs: null,
    heartbeat: 'not verified',
    source: 'https://github.com/supabase/supabase/blob/master/docker/volumes/api/kong.yml (realtime-v1-ws: /realtime/v1/ to realtime:4000/socket)',
  },
  {
    // GraphQL subscriptions run over a WebSocket on /v1/graphql, which also serves plain queries.
    id: 'hasura',
    name: 'Hasura GraphQL Engine',
    paths: [],
    names: /(?:^|[-_.])hasura(?:[-_.]?(?:graphql[-_.]?engine|graphql|engine))?(?:$|[.\d])/i,
    endpoints: ['/v1/graphql'],
    heartbeatMs: 5_000,
    heartbeat: 'GraphQL keep-alive ("ka") message every --websocket-keepalive (5 s)',
    source: 'https://hasura.io/docs/2.0/deployment/graphql-engine-flags/reference/ (HASURA_GRAPHQL_WEBSOCKET_KEEPALIVE, default 5 seconds)',
  },
  {
    id: 'directus',
    name: 'Directus',
    paths: [],
    names: /(?:^|[-_.])directus(?:$|[-_.\d])/i,
    endpoints: ['/websocket'],
    heartbeatMs: 30_000,
    heartbeat: 'server ping every WEBSOCKETS_HEARTBEAT_PERIOD (30 s)',
    source: 'https://docs.directus.io/self-hosted/config-options.html#websockets (WEBSOCKETS_REST_PATH /websocket, WEBSOCKETS_HEARTBEAT_PERIOD 30)',
  },
  {
    // Odoo >= 16 serves its bus on /websocket (the gevent port 8072 when running with workers).
    // Its handshake check reads the headers only, never the HTTP version.
    id: 'odoo',
    name: 'Odoo',
    paths: [],
    names: /(?:^|[-_.])odoo(?:$|[-_.\d])/i,
    endpoints: ['/websocket'],
    ports: [8072],
    heartbeatMs: null,
    heartbeat: 'not verified',
    source: 'https://github.com/odoo/odoo/issues/106339 (maintainer: websocket requests must go to the gevent server, 8072 by default, with Connection and Upgrade set)',
    backend: {
      http10: 'upgrades',
      stack: 'Odoo (werkzeug, gevent)',
      source: 'https://github.com/odoo/odoo/blob/17.0/addons/bus/websocket.py (_assert_handshake_validity checks the headers, not the version); test/realworld nginx-odoo-docs-deploy',
    },
  },
  {
    // Laravel Reverb speaks the Pusher protocol: clients ping after the server's activity_timeout.
    id: 'reverb',
    name: 'Laravel Reverb',
    paths: [],
    names: /(?:^|[-_.])reverb(?:$|[-_.\d])/i,
    heartbeatMs: 30_000,
    heartbeat: 'Pusher client ping after activity_timeout (30 s), answered by the server',
    source: 'https://github.com/laravel/reverb/blob/main/config/reverb.php (activity_timeout 30); https://pusher.com/docs/channels/library_auth_reference/pusher-websockets-protocol/ (pusher:ping after activity_timeout)',
  },
  {
    id: 'pusher-servers',
    name: 'Soketi / laravel-websockets',
    paths: [],
    names: /(?:^|[-_.])(?:soketi|laravel[-_.]?websockets)(?:$|[-_.\d])/i,
    heartbeatMs: null,
    heartbeat: 'not verified',
    source: 'https://github.com/soketi/soketi, https://github.com/beyondcode/laravel-websockets (Pusher protocol servers, 6001 by default, shared with laravel-echo-server)',
  },
  {
    // Shiny apps talk to R over one WebSocket (SockJS under Shiny Server): without it the page
    // greys out. 3838 is no claim: other tools listen there too.
    id: 'shiny',
    name: 'Shiny / Shiny Server / ShinyProxy',
    paths: [seg('__sockjs__')],
    names: /(?:^|[-_.])shiny(?:[-_.]?(?:server|proxy|apps?))?(?:$|[-_.\d])/i,
    heartbeatMs: null,
    heartbeat: 'not verified',
    source: 'https://github.com/rstudio/shiny-server/issues/118 (ws://…/__sockjs__/…/websocket 400 behind nginx); https://github.com/openanalytics/shinyproxy/issues/120 ("the shiny app was freezing, because of a failing websocket connection")',
  },
  {
    // RStudio Server's Terminal and Shiny previews use WebSockets; the Posit proxy guide sets
    // Upgrade and Connection on location /.
    id: 'rstudio',
    name: 'RStudio Server',
    paths: [],
    // Not Posit Package Manager (rstudio-pm), which serves packages only.
    names: /(?:^|[-_.])rstudio(?:[-_.]?server)?(?:$|[.\d])/i,
    heartbeatMs: null,
    heartbeat: 'not verified',
    source: 'https://support.posit.co/hc/en-us/articles/200552326-Running-RStudio-Server-with-a-Proxy (the nginx and Apache examples pass Upgrade and Connection)',
  },
];
