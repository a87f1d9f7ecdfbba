/**
 * Home automation, 3D printing, NAS, hypervisor and remote-management applications people put
 * behind a proxy, identified by their names, ports and endpoints.
 *
 * Looked at and left out: OctoPrint (SockJS at /sockjs/, the frameworks row, falls back to HTTP
 * transports; its port 5000 is shared), openHAB, Domoticz, Webmin and ioBroker (the UI works
 * without the WebSocket, or no source showed it does not), UniFi Network and Scrypted (no source
 * found for what their UIs do without it), MeshCentral (its sources were not reachable here).
 *
 * Rows named by their backend list `endpoints`: these servers serve plain HTTP APIs on the same
 * backend (kvmd's /api/msd/write, Moonraker's /printer/), which a name alone would make
 * WebSocket routes.
 */
import { seg, type WebSocketApp } from './types';

export const HOME_AND_INFRA_APPS: readonly WebSocketApp[] = [
  {
    // Moonraker (Klipper's API server) behind Mainsail or Fluidd: the web UIs are static pages
    // that do everything over Moonraker's JSON-RPC WebSocket /websocket. Port 7125: all ten
    // sampled `:7125` URLs in public code were Moonraker. `mainsail`/`fluidd` name the UIs'
    // containers, whose own nginx passes /websocket on to Moonraker.
    id: 'moonraker',
    name: 'Moonraker (Mainsail / Fluidd)',
    paths: [seg('klippysocket')],
    names: /moonraker|mainsail|fluidd/i,
    endpoints: ['/websocket', '/klippysocket'],
    ports: [7125],
    ui: {
      endpoint: '/websocket',
      source:
        'https://github.com/Arksine/moonraker/blob/d5ee17128bb88434aacdab90c2e9e990e2b64e4a/moonraker/components/websockets.py (register_websocket_handler("/websocket", WebSocket)); https://github.com/dw-0/kiauh/blob/b90a8f13b198726bfb75d56a7e540e46c4011685/kiauh/components/webui_client/assets/nginx_cfg (the UI site proxies /websocket to Moonraker with upgrade); https://github.com/mainsail-crew/mainsail/issues/1632 (over the proxy "it will not be able to connect to the websocket": the UI cannot reach the printer)',
    },
    heartbeatMs: null,
    heartbeat: 'Tornado WebSocket ping every 10 s with Tornado >= 6.5, none with the older Tornado its requirements allow',
    source:
      'https://github.com/Arksine/moonraker/blob/d5ee17128bb88434aacdab90c2e9e990e2b64e4a/moonraker/components/application.py (websocket_ping_interval: None if tornado < 6.5 else 10.); scripts/moonraker-requirements.txt (tornado>=6.2.0,<=6.5.6); docs/configuration.md (port: default 7125)',
  },
  {
    // The Zigbee2MQTT frontend gets devices, state and logs only over the WebSocket `api` under
    // its base URL. Its default port 8080 says nothing; its name does.
    id: 'zigbee2mqtt',
    name: 'Zigbee2MQTT frontend',
    paths: [],
    names: /zigbee2mqtt|(?:^|[-_.])z2m(?:$|[-_.\d])/i,
    endpoints: ['/api'],
    ui: {
      endpoint: '/api',
      source:
        'https://github.com/Koenkk/zigbee2mqtt/issues/24682 ("WebSocket connection to \'wss://z2m.mydomain.com/api\' failed": the frontend not usable through the proxy; the server: new WebSocket.Server({path: path.join(frontendBaseUrl, \'api\')})); https://github.com/Koenkk/zigbee2mqtt/issues/13046 (Apache: RewriteRule ^/zigbee2mqtt/api$ ws://…/api)',
    },
    heartbeatMs: null,
    heartbeat: 'not verified',
    source: 'https://github.com/Koenkk/zigbee2mqtt',
  },
  {
    // The ESPHome dashboard runs install, logs, compile, validate and clean as WebSocket
    // commands (/logs, /compile, …): behind a plain proxy the device list shows but every action
    // stays empty. Port 6052: all six sampled proxy_pass/upstream lines to :6052 were ESPHome.
    id: 'esphome',
    name: 'ESPHome dashboard',
    paths: [],
    names: /(?:^|[-_.])esphome(?:$|[-_.\d])/i,
    // The commands seen upgrading (101) or refused (400) in esphome/issues#3996 and esphome-core#396 logs.
    endpoints: ['/logs', '/compile', '/validate', '/clean', '/ace'],
    ports: [6052],
    ui: {
      endpoint: '/logs',
      source:
        'https://github.com/esphome/issues/issues/3996 (dashboard "cant update, install or show logs": the log window stays empty; 101 GET /compile); https://github.com/DrozmotiX/ioBroker.esphome/issues/75 (through a reverse proxy "when you try to view the logs, or compile the firmware, nothing happens"); https://github.com/esphome/issues/issues/3805 (Apache: wss://…/esphome/logs 400)',
    },
    heartbeatMs: null,
    heartbeat: 'not verified',
    source: 'https://github.com/esphome/esphome (dashboard, default port 6052)',
  },
  {
    // Frigate's UI takes camera state and toggles over /ws and plays live streams over
    // /live/jsmpeg/, /live/mse/api/ws and /live/webrtc/api/ws. Its ports (8971 authenticated,
    // 5000) are no claim: sampled :8971 URLs were other servers too.
    id: 'frigate',
    name: 'Frigate NVR',
    paths: [],
    names: /(?:^|[-_.])frigate(?:$|[-_.\d])/i,
    endpoints: ['/ws', '/live/'],
    ui: {
      endpoint: '/ws',
      source:
        'https://github.com/blakeblackshear/frigate/blob/e3fa70189324e5eb3b1dba756c153f6696f457de/docs/docs/guides/reverse_proxy.md ("Frigate relies on WebSockets … camera controls …, live stream playback, and other live-updating parts of the UI will not function correctly if WebSocket connections are not proxied")',
      also: [
        {
          endpoint: '/live/',
          what: 'live stream WebSockets',
          source:
            'https://github.com/blakeblackshear/frigate/blob/e3fa70189324e5eb3b1dba756c153f6696f457de/docker/main/rootfs/usr/local/nginx/conf/nginx.conf (location /live/jsmpeg/, /live/mse/api/ws, /live/webrtc/api/ws with upgrade); https://github.com/blakeblackshear/frigate/issues/8876 ("WebSocket connection to wss://…/live/jsmpeg/… failed" behind NPM)',
        },
      ],
    },
    heartbeatMs: null,
    heartbeat: 'not verified',
    source: 'https://github.com/blakeblackshear/frigate/blob/e3fa70189324e5eb3b1dba756c153f6696f457de/docs/docs/configuration/authentication.md (ports 8971 and 5000)',
  },
  {
    // Traccar's web app receives positions, devices and events over /api/socket; the server
    // sends an empty update every 55 s (since 2021) so idle proxies keep it. Its port 8082 is
    // shared; its name identifies it.
    id: 'traccar',
    name: 'Traccar',
    paths: [],
    names: /(?:^|[-_.])traccar(?:$|[-_.\d])/i,
    endpoints: ['/api/socket'],
    heartbeatMs: 55_000,
    heartbeat: 'server keepalive message every 55 s',
    source:
      'https://github.com/traccar/traccar/blob/49724e51630410e9a2c99a27ec7963a315f6575e/src/main/java/org/traccar/schedule/TaskWebSocketKeepalive.java (PERIOD_SECONDS = 55); https://github.com/traccar/traccar/blob/00b91d01d89a32710baa9e580bdf581dae7aa711/src/main/java/org/traccar/api/AsyncSocket.java (onKeepalive sends {}); https://github.com/traccar/traccar-web/issues/468 (positions stop refreshing behind nginx without the WebSocket configuration)',
  },
  {
    // Proxmox VE: the noVNC and xterm.js consoles are WebSockets at
    // /api2/json/nodes/<node>/{qemu,lxc}/<id>/vncwebsocket (and nodes/<node>/vncwebsocket); the
    // rest of the UI is plain HTTP, so no `ui`. Port 8006 is no claim: sampled proxy_pass
    // lines to http://…:8006 were Django and microservice ports.
    id: 'proxmox',
    name: 'Proxmox VE',
    paths: [seg('vncwebsocket')],
    names: /proxmox|(?:^|[-_.])pve(?:$|[-_.\d])/i,
    heartbeatMs: null,
    heartbeat: 'not verified',
    source: 'https://pve.proxmox.com/wiki/Web_Interface_Via_Nginx_Proxy (location / to https://localhost:8006 with Upgrade, Connection "upgrade" and 3600 s timeouts for the consoles)',
  },
  {
    // The TrueNAS web UI makes every API call over one WebSocket at the host's root: /api/current
    // (25.04 and later) or /websocket before; login included. It pings with core.ping every 20 s.
    id: 'truenas',
    name: 'TrueNAS',
    paths: [],
    names: /truenas|freenas/i,
    endpoints: ['/api/current', '/websocket'],
    ui: {
      endpoint: '/api/current',
      source:
        'https://github.com/truenas/webui/blob/03226ad3909204fe56fdcc35a043e4ffe0217ddd/src/app/services/websocket/websocket-handler.service.ts (connectionUrl = ws(s):// + remote + "/api/current"; every scheduleCall is sent over it)',
      also: [
        {
          endpoint: '/websocket',
          what: 'middleware WebSocket (releases before 25.04)',
          source:
            'https://github.com/truenas/webui/blob/03226ad3909204fe56fdcc35a043e4ffe0217ddd/src/app/services/websocket/websocket-handler.service.ts (setupConnectionUrl: … + "/websocket"); https://github.com/linuxserver/reverse-proxy-confs/issues/771 ("Truenas also uses a websocket API … the endpoint is /websocket")',
        },
      ],
    },
    heartbeatMs: 20_000,
    heartbeat: 'client core.ping call every 20 s (the middleware answers)',
    source: 'https://github.com/truenas/webui/blob/7cf34cbfdfa13d7e68b9beb5112f895a246e72a4/src/app/services/websocket/ping.service.ts (pingTimeoutMillis = 20 * 1000)',
  },
  {
    // PiKVM's page is the KVM session: HID, stream state and ATX over kvmd's /api/ws, opened
    // relative to the page's path. kvmd is aiohttp with a 15 s heartbeat.
    id: 'pikvm',
    name: 'PiKVM (kvmd)',
    paths: [],
    names: /pikvm|(?:^|[-_.])kvmd(?:$|[-_.\d])/i,
    endpoints: ['/api/ws'],
    ui: {
      endpoint: '/api/ws',
      source:
        'https://github.com/pikvm/kvmd/blob/f14596e823fce502811bc2f7e2bdbefaf1c0430a/web/share/js/kvm/session.js (__ws = new WebSocket(tools.makeWsUrl("api/ws"))); configs/nginx/kvmd.ctx-server.conf (location /api/ws with loc-websocket.conf)',
      relative: 'https://github.com/pikvm/kvmd/blob/f14596e823fce502811bc2f7e2bdbefaf1c0430a/web/share/js/tools.js (makeWsUrl: window.location.host + window.location.pathname + ROOT_PREFIX + url)',
    },
    heartbeatMs: 15_000,
    heartbeat: 'aiohttp WebSocket ping every 15 s (kvmd server heartbeat)',
    source: 'https://github.com/pikvm/kvmd/blob/f14596e823fce502811bc2f7e2bdbefaf1c0430a/kvmd/apps/_scheme.py (kvmd.server.heartbeat Option(15.0)); kvmd/htserver.py (WebSocketResponse(heartbeat=…))',
  },
];
