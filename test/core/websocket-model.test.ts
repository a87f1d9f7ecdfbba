import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError, loadConfigFile } from '../../src/core/config';
import { formatDuration, parseDuration } from '../../src/core/duration';
import { appForName, appForPath, plainPath, uiAppFor, uiEndpoints, WEBSOCKET_APPS } from '../../src/core/websocket/apps';
import { heartbeatOf, judgeIdleLimit } from '../../src/core/websocket/idle';
import type { Node } from '../../src/core/ast';
import { configuredPath, isEventStreamMarker, isWebSocketMarker, markedAbove, markedFirstInBody, nameIntent, pathIntent, pathLooksLikeEventStream, pathNamesServerSentEvents, rootRouteUiApp, uiEndpointIntent } from '../../src/core/websocket/intent';
import { defaultSettings } from '../../src/core/settings';

describe('parseDuration: each server syntax', () => {
  test.each([
    ['nginx', '90', 90_000],
    ['nginx', '1h30m', 5_400_000],
    ['nginx', '500ms', 500],
    ['nginx', '1M', 2_592_000_000],
    ['nginx', '5x', null],
    ['nginx', '', null],
    ['haproxy', '50000', 50_000],
    ['haproxy', '2s', 2000],
    ['haproxy', '10us', 0.01],
    ['haproxy', '1h30m', null],
    ['apache-timeout', '300', 300_000],
    ['apache-timeout', '5mi', 300_000],
    ['apache-timeout', '2H', 7_200_000],
    ['apache-timeout', '5m', null],
    ['apache-seconds', '60', 60_000],
    ['apache-seconds', '60s', null],
    ['config', '25s', 25_000],
  ] as const)('%s %j → %j', (syntax, value, ms) => {
    expect(parseDuration(value, syntax)).toBe(ms);
  });
  test('a number is seconds in the config syntax only', () => {
    expect(parseDuration(30, 'config')).toBe(30_000);
    expect(parseDuration(30, 'nginx')).toBeNull();
  });
  test.each([
    [500, '500 ms'],
    [25_000, '25 s'],
    [17_500, '17.5 s'],
    [120_000, '120 s'],
    [300_000, '5 min'],
    [3_600_000, '1 h'],
  ])('formatDuration(%d) = %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});

describe('the application table', () => {
  test.each([
    ['/socket.io/', 'socket.io'],
    ['~ ^/socket\\.io/', 'socket.io'],
    ['/engine.io/', 'socket.io'],
    ['/sockjs-node', 'sockjs'],
    ['/chatHub', 'signalr'],
    ['/hubs/notifications', 'signalr'],
    ['/cable', 'actioncable'],
    ['/-/cable', 'actioncable'],
    ['/live/websocket', 'phoenix'],
    ['/xmpp-websocket', 'xmpp'],
    ['/guacamole/websocket-tunnel', 'guacamole'],
    ['/api/kernels/', 'jupyter'],
    ['/api/live/ws', 'grafana'],
    ['/api/websocket', 'home-assistant'],
    ['/api/v4/websocket', 'mattermost'],
    ['/graphql/subscriptions', 'graphql'],
    ['/-/cable', 'actioncable'],
    ['/connection/websocket', 'centrifugo'],
    ['/realtime/v1/websocket', 'supabase-realtime'],
    ['/app/__sockjs__/n=1/websocket', 'shiny'],
    // core/websocket/apps/home-and-infra.ts
    ['~ /api2/json/nodes/.+/qemu/.+/vncwebsocket.*', 'proxmox'],
    ['/klippysocket', 'moonraker'],
  ])('path %s → %s', (p, id) => expect(appForPath(p)?.id).toBe(id));
  test.each(['/', '/api', '/graphql', '/hubspot', '/cables', '/livestream', '/github/penpot-files/', '~ ^/github/', '/dockerhub', '/jupyterhub/', '/-/cables', '/connection', '/realtime/v2/websocket'])('path %s → no application', (p) => expect(appForPath(p)).toBeUndefined());
  test.each([
    ['socketio_nodes', 'socket.io'],
    ['code-server', 'vscode'],
    ['jellyfin', 'jellyfin'],
    ['rocketchat', 'meteor'],
    ['gitlab-workhorse', 'gitlab'],
    ['authentik-server', 'authentik'],
    ['odoo', 'odoo'],
    ['hasura', 'hasura'],
    ['directus', 'directus'],
    ['reverb.example.com', 'reverb'],
    ['soketi', 'pusher-servers'],
    ['laravel-websockets', 'pusher-servers'],
    ['livekit-server', 'livekit'],
    ['shinyproxy', 'shiny'],
    ['shiny-server', 'shiny'],
    ['rstudio', 'rstudio'],
  ])('name %s → %s', (n, id) => expect(appForName(n)?.id).toBe(id));
  // near misses: a word that only contains the app's name (Odoo's chat upstream is its own row's port)
  test.each(['odoochat', 'goauthentik', 'authentik-proxy', 'authentik_ldap', 'shinystore', 'gitlabs', 'gitlab-registry', 'reverberate', 'livekitten', 'livekit-jwt', 'rstudio-pm', 'hasura-db'])('name %s → no application', (n) => expect(appForName(n)).toBeUndefined());
  test.each([
    // core/websocket/apps/home-and-infra.ts
    ['moonraker', 'moonraker'],
    ['mainsail', 'moonraker'],
    ['zigbee2mqtt', 'zigbee2mqtt'],
    ['z2m', 'zigbee2mqtt'],
    ['esphome-dashboard', 'esphome'],
    ['frigate', 'frigate'],
    ['traccar', 'traccar'],
    ['pve1', 'proxmox'],
    ['truenas.lan', 'truenas'],
    ['pikvm', 'pikvm'],
  ])('name %s → %s', (n, id) => expect(appForName(n)?.id).toBe(id));
  // look-alikes of home-and-infra.ts names
  test.each(['z2mqtt', 'esphomelib', 'frigates', 'pvec', 'kvmdash', 'traccars'])('name %s → no application', (n) => expect(appForName(n)).toBeUndefined());
  // appForPath/appForName reject with one combined regex first (issue 13): the answer must be
  // the first app in table order whose own pattern matches, as a plain scan gives.
  test('the combined prefilter answers as a scan of every pattern does', () => {
    const words = ['socket.io', 'engine.io', 'sockjs-node', 'chatHub', 'hubs', 'cable', 'anycable', 'live/websocket', 'socket/websocket', 'xmpp', 'ws-xmpp',
      'websocket-tunnel', 'graphql-ws', 'subscriptions', 'graphql/ws', 'api/kernels', 'terminals/websocket', 'api/events/subscribe', 'api/live', 'comms',
      'api/websocket', 'api/v4/websocket', 'jupyterhub', 'JELLYFIN', 'code_server', 'vs-code', 'prosody', 'guacamole', 'neko', 'x-neko-1', 'home_assistant',
      'hass', 'mattermost', 'uvicorn', 'ombi', 'jackett', 'node-red', 'wekan', 'phoenix', 'signalr', 'action_cable', 'api', 'ws', 'app0_ws', '', 'hubspot'];
    const inputs = words.flatMap((w) => [w, `/${w}`, `/${w}/`, `~* ^/${w}$`, `/prefix/${w}?x`, `${w}x`]);
    for (const x of inputs) {
      const p = plainPath(x);
      expect([x, appForPath(x)?.id]).toEqual([x, WEBSOCKET_APPS.find((a) => a.paths.some((re) => re.test(p)))?.id]);
      expect([x, appForName(x)?.id]).toEqual([x, WEBSOCKET_APPS.find((a) => a.names?.test(x))?.id]);
    }
    expect(inputs.filter((x) => appForPath(x) || appForName(x)).length).toBeGreaterThan(100);
  });
  const SN = (host: string) => [{ what: 'ServerName', host }];
  test.each([
    [SN('cockpit.example.org'), undefined, 9090, 'cockpit', 'ServerName cockpit.example.org'],
    [SN('*.hass.example.org'), undefined, undefined, undefined, undefined],
    [SN('hass.example.org'), undefined, 80, 'home-assistant', 'ServerName hass.example.org'],
    [SN('www.example.org'), 'nodered', 1880, 'node-red', 'backend host nodered'],
    [SN('www.example.org'), undefined, 8123, 'home-assistant', 'backend port 8123'],
    [SN('code.example.org'), undefined, 8443, 'vscode', 'ServerName code.example.org with backend port 8443'],
    [SN('www.example.org'), 'code.internal', 8080, 'vscode', 'backend host code.internal with backend port 8080'],
    [SN('code.example.org'), undefined, 3000, undefined, undefined],
    [SN('www.example.org'), undefined, 9090, undefined, undefined],
    // an application without a WebSocket UI, and the leftmost label only
    [SN('jellyfin.example.org'), undefined, 8096, undefined, undefined],
    [SN('www.nodered.org'), undefined, 8000, undefined, undefined],
    [[], 'uptime-kuma', 3001, 'uptime-kuma', 'backend host uptime-kuma'],
    [SN('cloud.example.com'), 'localhost', 7867, 'notify-push', 'backend port 7867'],
    [SN('gotify.example.com'), 'localhost', 8124, 'gotify', 'ServerName gotify.example.com'],
    [SN('rttys.test.com'), undefined, 5913, 'rttys', 'ServerName rttys.test.com'],
    [SN('example.com'), undefined, 7681, 'ttyd', 'backend port 7681'],
    [SN('push.example.com'), 'plausible', 8000, 'plausible', 'backend host plausible'],
    // default ports only these apps listen on, and their names
    [SN('dispatcharr.example.com'), 'localhost', 9191, 'dispatcharr', 'ServerName dispatcharr.example.com'],
    // 9191 is Dispatcharr's container port, and other servers' too (uWSGI stats): no claim
    [SN('tv.example.com'), 'localhost', 9191, undefined, undefined],
    [SN('term.example.com'), undefined, 57575, 'butterfly', 'backend port 57575'],
    [SN('butterfly.example.com'), undefined, 8756, 'butterfly', 'ServerName butterfly.example.com'],
    [SN('apps.example.com'), 'localhost', 8501, 'streamlit', 'backend port 8501'],
    [[], 'streamlit-app', 8000, 'streamlit', 'backend host streamlit-app'],
    [SN('flows.example.com'), 'localhost', 5678, 'n8n', 'backend port 5678'],
    [SN('butterflies.example.com'), undefined, 8000, undefined, undefined],
    [SN('gotty.example.com'), 'localhost', 8080, 'gotty', 'ServerName gotty.example.com'],
    [SN('www.example.com'), 'gotty', 8080, 'gotty', 'backend host gotty'],
    [SN('meet.example.com'), 'localhost', 7880, 'livekit', 'backend port 7880'],
    [SN('livekit.example.com'), 'localhost', 8000, 'livekit', 'ServerName livekit.example.com'],
    [SN('mq.example.com'), 'localhost', 15674, 'rabbitmq-web', 'backend port 15674'],
    [SN('mq.example.com'), 'localhost', 15675, 'rabbitmq-web', 'backend port 15675'],
    // RabbitMQ's management UI (15672) needs no WebSocket
    [SN('mq.example.com'), 'localhost', 15672, undefined, undefined],
    [SN('sso.example.com'), 'authentik-server', 9000, 'authentik', 'backend host authentik-server'],
    [SN('sso.example.com'), 'localhost', 9000, undefined, undefined],
    // apps identified by name without a UI that needs the WebSocket everywhere
    [SN('gitlab.example.com'), 'gitlab-workhorse', 8181, undefined, undefined],
    [SN('odoo.example.com'), 'odoo', 8069, undefined, undefined],
    // core/websocket/apps/home-and-infra.ts: 7125 and 6052 only these apps use; 8971, 8006 and 8082 others too
    [SN('printer.example.com'), 'localhost', 7125, 'moonraker', 'backend port 7125'],
    [SN('mainsail.example.com'), '192.168.1.20', 80, 'moonraker', 'ServerName mainsail.example.com'],
    [SN('home.example.com'), 'localhost', 6052, 'esphome', 'backend port 6052'],
    [SN('z2m.example.com'), undefined, 8080, 'zigbee2mqtt', 'ServerName z2m.example.com'],
    [SN('cams.example.com'), 'frigate', 8971, 'frigate', 'backend host frigate'],
    [SN('nvr.example.com'), 'localhost', 8971, undefined, undefined],
    [SN('nas.example.com'), 'truenas.lan', 443, 'truenas', 'backend host truenas.lan'],
    [SN('kvm.example.com'), 'pikvm', 443, 'pikvm', 'backend host pikvm'],
    // the consoles only (Proxmox), a keepalive but no UI claim (Traccar)
    [SN('proxmox.example.com'), undefined, 8006, undefined, undefined],
    [SN('traccar.example.com'), undefined, 8082, undefined, undefined],
  ])('uiAppFor(%j, %s, %s) → %s by %s', (served, host, port, id, by) => {
    const hit = uiAppFor(served, host, port);
    expect([hit?.app.id, hit?.by]).toEqual([id, by]);
  });
  // the name of the site file the route is in, after every other signal
  test.each([
    ['plausible.conf', SN('example.com'), 'plausible', 'config file plausible.conf'],
    ['010-Node-RED.conf', SN('example.com'), 'node-red', 'config file 010-Node-RED.conf'],
    ['plausible.conf', SN('cockpit.example.org'), 'cockpit', 'ServerName cockpit.example.org'],
    ['default-ssl.conf', SN('example.com'), undefined, undefined],
    ['plausibles.conf', SN('example.com'), undefined, undefined],
  ])('uiAppFor in the file %s, %j → %s by %s', (file, served, id, by) => {
    const hit = uiAppFor(served, 'localhost', 8000, file);
    expect([hit?.app.id, hit?.by]).toEqual([id, by]);
  });
  test('every application with a WebSocket UI names its source and an endpoint path', () => {
    const ui = WEBSOCKET_APPS.filter((a) => a.ui);
    expect(ui.map((a) => a.id).sort()).toEqual(['audiobookshelf', 'authentik', 'butterfly', 'cockpit', 'collabora', 'dispatcharr', 'esphome', 'frigate', 'gotify', 'gotty', 'home-assistant', 'homebridge', 'jupyter', 'livekit', 'moonraker', 'n8n', 'node-red', 'notify-push', 'open-webui', 'pikvm', 'plausible', 'rabbitmq-web', 'rttys', 'streamlit', 'truenas', 'ttyd', 'uptime-kuma', 'vscode', 'zigbee2mqtt']);
    for (const a of ui) expect([a.id, a.ui!.endpoint.startsWith('/'), a.ui!.source]).toEqual([a.id, true, expect.stringMatching(/^https:\/\//)]);
    // further endpoints too, each with a source; Home Assistant (the add-on ingress), Frigate (live streams), TrueNAS (the older endpoint)
    const also = ui.flatMap((a) => (a.ui!.also ?? []).map((e) => [a.id, e.endpoint, /^https:\/\//.test(e.source)]));
    expect(also).toEqual([['home-assistant', '/api/hassio_ingress/', true], ['frigate', '/live/', true], ['truenas', '/websocket', true]]);
    expect(uiEndpoints(appForName('homeassistant') as Parameters<typeof uiEndpoints>[0]).map((e) => e.endpoint)).toEqual(['/api/websocket', '/api/hassio_ingress/']);
  });
  test('the apps whose pages open their endpoint relative to themselves (a prefix mount carries it) name a source', () => {
    const rel = WEBSOCKET_APPS.filter((a) => a.ui?.relative);
    expect(rel.map((a) => a.id).sort()).toEqual(['gotify', 'gotty', 'node-red', 'notify-push', 'streamlit', 'ttyd', 'vscode', 'pikvm'].sort());
    for (const a of rel) expect([a.id, a.ui!.relative]).toEqual([a.id, expect.stringMatching(/^https:\/\//)]);
  });
  test('every row with a heartbeat names its source', () => {
    expect(appForName('jupyterhub')!.source).toMatch(/^https:\/\//);
  });
});

describe('intent', () => {
  test.each(['/ws', '/ws/', '/websocket', '/socket', '/live', '/realtime', '/terminal', '~ ^/(api|ws)/', '/_stcore/stream', '/engine.io/'])('%s is a WebSocket path', (p) =>
    expect(pathIntent(p)?.signal).toBe('path'),
  );
  test.each(['/', '/api', '/graphql', '/wsdl', '/news', '/lively'])('%s is not', (p) => expect(pathIntent(p)).toBeUndefined());
  // A static file under an endpoint's prefix (Socket.IO's client bundle): a file, never a handshake's endpoint.
  test.each(['/pad/socket.io/socket.io.js', '/socket.io/socket.io.min.js', '/ws/app.css', '/live/index.html'])('%s names a file: no path intent', (p) => expect(pathIntent(p)).toBeUndefined());
  test.each(['/socket.io/', '/socket.io', '/ws.', '~ ^/socket.io/.*\\.js$', '/engine.io/', '/ws/v1.2'])('%s still names an endpoint', (p) => expect(pathIntent(p)?.signal).toBe('path'));
  test('names: an application or ws/websocket, not look-alikes', () => {
    expect(nameIntent('ws_backend', 'upstream')?.reason).toBe('its upstream ws_backend names a WebSocket service');
    expect(nameIntent('news', 'upstream')).toBeUndefined();
    expect(nameIntent('app_ws2', 'backend name')?.signal).toBe('app');
  });
  test('websocket.paths: one meaning for every dialect', () => {
    expect(configuredPath('/live/', ['/live/'])).toBe('/live/');
    expect(configuredPath('/live/x', ['/live/'])).toBe('/live/');
    expect(configuredPath('/api', ['/api/ws'])).toBe('/api/ws');
    expect(configuredPath('/', ['/api/ws'])).toBeUndefined();
    expect(configuredPath('/apiws', ['/api'])).toBeUndefined();
    expect(configuredPath('/api/v1/ws', ['~^/api/.*/ws$'])).toBe('~^/api/.*/ws$');
  });
  test('the comment convention on raw text: the comment run directly above', () => {
    const t = '# proxylint: websocket\n# another note\nProxyPass /a ws://b/\n\n# proxylint: websocket\n\nProxyPass /c http://d/\n';
    expect(markedAbove(t, t.indexOf('ProxyPass /a'))).toBe(true);
    expect(markedAbove(t, t.indexOf('ProxyPass /c'))).toBe(false);
  });
  test('the comment convention on comment nodes: first in the body, before any directive', () => {
    const comment = (text: string) => ({ type: 'comment', text }) as unknown as Node;
    const directive = { type: 'directive' } as unknown as Node;
    expect(markedFirstInBody([comment(' note'), comment(' proxylint: websocket'), directive])).toBe(true);
    expect(markedFirstInBody([comment(' note'), directive, comment(' proxylint: websocket')])).toBe(false);
    expect(markedFirstInBody(undefined)).toBe(false);
    expect(markedFirstInBody([comment(' proxylint: event-stream')])).toBe(false);
    expect(markedFirstInBody([comment(' proxylint: event-stream')], isEventStreamMarker)).toBe(true);
    expect(isWebSocketMarker(' proxylint: event-stream')).toBe(false);
  });
  test.each(['/events', '/sse/', '/stream', '/api/event-stream', '/eventsource'])('%s is an event-stream path', (p) => expect(pathLooksLikeEventStream(p)).toBe(true));
  test.each(['/', '/eventsx', '/upstream', '/ws'])('%s is not an event-stream path', (p) => expect(pathLooksLikeEventStream(p)).toBe(false));
  describe('rootRouteUiApp: which app a route to its backend root serves (one identification for nginx and Apache)', () => {
    const served = (host: string) => [{ what: 'ServerName', host }];
    const base = { served: [] as { what: string; host: string }[], backendHost: undefined as string | undefined, backendPort: undefined as number | undefined, fileName: undefined as string | undefined, what: 'ProxyPass' };
    // [name, route, app id (null: none), by]
    const cases: [string, Partial<typeof base> & { path: string }, string | null, string | null][] = [
      ['/ by the ServerName', { path: '/', served: served('gotify.example.org') }, 'gotify', 'ServerName gotify.example.org'],
      ['/ by the site file', { path: '/', fileName: 'gotify.conf' }, 'gotify', 'config file gotify.conf'],
      ['/ by the backend port', { path: '/', backendHost: '127.0.0.1', backendPort: 8123 }, 'home-assistant', 'backend port 8123'],
      ['an IP literal backend names nothing', { path: '/', backendHost: '10.0.0.7' }, null, null],
      ['an IPv6 literal backend names nothing', { path: '/', backendHost: '[::1]' }, null, null],
      ['a backend host name, lower-cased', { path: '/', backendHost: 'Gotify' }, 'gotify', 'backend host gotify'],
      ['a mount by its own segment, shown as written', { path: '/gotify/', what: 'location' }, 'gotify', 'location /gotify/'],
      ['a mount by its segment without the slash', { path: '/gotify' }, 'gotify', 'ProxyPass /gotify'],
      ["a mount ignores the server's names", { path: '/admin/', served: served('gotify.example.org') }, null, null],
      ["a mount ignores the site file", { path: '/admin/', fileName: 'gotify.conf' }, null, null],
      ['a mount by its backend port', { path: '/console/', backendHost: '127.0.0.1', backendPort: 7681 }, 'ttyd', 'backend port 7681'],
      ['a two-segment mount names nothing by its path', { path: '/apps/gotify/' }, null, null],
      ['a mount of an app that opens an absolute endpoint carries nothing (HA at /ha/)', { path: '/ha/', backendHost: 'homeassistant', backendPort: 8123 }, null, null],
    ];
    test.each(cases)('%s', (_name, route, id, by) => {
      const ui = rootRouteUiApp({ ...base, ...route });
      expect(ui ? [ui.app.id, ui.by] : null).toEqual(id === null ? null : [id, by]);
    });
  });
  describe("uiEndpointIntent: which of an app's UI WebSockets a catch-all carries (one choice for nginx and Apache)", () => {
    const ha = uiAppFor([{ what: 'server_name', host: 'hass.example.org' }], undefined, undefined)!;
    const reason = (needs: string) => `server_name hass.example.org names Home Assistant, whose UI needs ${needs}`;
    // [served URIs, main endpoint upgraded on another route, the endpoint carried (null: none)]
    const cases: [string, string[], boolean, string | null][] = [
      ['the main endpoint when the route serves it', ['/ha/api/websocket', '/ha/api/hassio_ingress/'], false, '/ha/api/websocket'],
      ['the main endpoint first, even when the main one is also upgraded elsewhere', ['/ha/api/websocket', '/ha/api/hassio_ingress/'], true, '/ha/api/websocket'],
      ['the ingress when another route upgrades the main endpoint', ['/ha/api/hassio_ingress/'], true, '/ha/api/hassio_ingress/'],
      ['not the ingress when the main endpoint is left to a plain route', ['/ha/api/hassio_ingress/'], false, null],
      ['nothing when the route serves neither', [], true, null],
    ];
    test.each(cases)('%s', (_name, served, upgraded, carried) => {
      const asked: string[] = [];
      const i = uiEndpointIntent(ha, '/ha', (uri) => (asked.push(uri), served.includes(uri)), () => upgraded);
      expect(asked).toEqual(served.includes('/ha/api/websocket') ? ['/ha/api/websocket'] : ['/ha/api/websocket', '/ha/api/hassio_ingress/']);
      if (carried === null) return expect(i).toBeUndefined();
      const what = carried.endsWith('/api/websocket') ? undefined : 'add-on ingress WebSockets';
      expect(i).toStrictEqual({
        signal: 'app',
        reason: reason(what ? `its ${what} under ${carried}` : `the WebSocket ${carried}`),
        app: ha.app,
        uiEndpoint: { uri: carried, what },
      });
    });
    test('the main endpoint is judged upgraded elsewhere only for a further endpoint', () => {
      let askedUpgraded = 0;
      uiEndpointIntent(ha, '', () => true, () => (askedUpgraded++, true));
      expect(askedUpgraded).toBe(0);
    });
  });
  test('a bare /stream is a stream but not Server-Sent Events by name', () => {
    expect(pathNamesServerSentEvents('/stream')).toBe(false);
    expect(pathNamesServerSentEvents('/api/sse')).toBe(true);
  });
});

describe('idle policy', () => {
  const settings = defaultSettings();
  const sio = heartbeatOf('/socket.io/', appForPath('/socket.io/'), settings)!;
  test.each([
    [27_000, true, 'below-heartbeat'],
    [28_000, true, 'ok'],
    [30_000, true, 'ok'],
    [60_000, false, 'ok'],
  ])("Socket.IO's 25 s heartbeat, limit %d (explicit %s) → %s", (limit, explicit, kind) => expect(judgeIdleLimit(limit, explicit, sio, 30_000).kind).toBe(kind));
  test.each([
    [29_000, true, 'short', 'warning'],
    [30_000, true, 'ok', undefined],
    [60_000, false, 'default', 'info'],
  ])('no heartbeat known, limit %d (explicit %s) → %s', (limit, explicit, kind, severity) => {
    const v = judgeIdleLimit(limit, explicit, undefined, 30_000);
    expect([v.kind, 'severity' in v ? v.severity : undefined]).toEqual([kind, severity]);
  });
  test('an application known to send nothing: the default limit is a warning, an explicit one at the minimum is not', () => {
    const none = heartbeatOf('/pixiu/', appForName('pixiu'), settings)!;
    expect(none).toMatchObject({ ms: null, origin: 'app', label: 'Pixiu sends no heartbeat' });
    expect(judgeIdleLimit(60_000, false, none, 30_000).kind).toBe('default-no-heartbeat');
    expect(judgeIdleLimit(3_600_000, true, none, 30_000).kind).toBe('ok');
    // Given the server's default, an explicit limit within its margin cuts what the default cuts.
    expect(judgeIdleLimit(61_000, true, none, 30_000, 60_000)).toMatchObject({ kind: 'short', severity: 'warning', heartbeat: none });
    expect(judgeIdleLimit(64_999, true, none, 30_000, 60_000).kind).toBe('short');
    expect(judgeIdleLimit(65_000, true, none, 30_000, 60_000).kind).toBe('ok');
    expect(judgeIdleLimit(61_000, true, none, 30_000).kind).toBe('ok');
    // ...only for an application known to send nothing: unknown ones keep the minimum.
    expect(judgeIdleLimit(61_000, true, undefined, 30_000, 60_000).kind).toBe('ok');
    expect(appForName('pixiu-server')?.id).toBe('pixiu');
    expect(appForName('pixiudb')).toBeUndefined();
  });
  test('declared heartbeats: per path first, then the default, then the application', () => {
    const s = defaultSettings();
    s.websocket.heartbeat = { default: 40_000, paths: [{ path: '/socket.io/', ms: 10_000 }, { path: '/quiet', ms: null }] };
    expect(heartbeatOf('/socket.io/', appForPath('/socket.io/'), s)).toMatchObject({ ms: 10_000, origin: 'config' });
    expect(heartbeatOf('/cable', appForPath('/cable'), s)).toMatchObject({ ms: 40_000 });
    expect(heartbeatOf('/quiet', undefined, s)).toMatchObject({ ms: null });
    expect(judgeIdleLimit(60_000, false, heartbeatOf('/quiet', undefined, s), 30_000)).toMatchObject({ kind: 'default-no-heartbeat', severity: 'warning' });
  });
});

describe('websocket.heartbeat in .proxylint.yaml', () => {
  const load = (yaml: string) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proxylint-hb-'));
    fs.writeFileSync(path.join(dir, '.proxylint.yaml'), yaml);
    return loadConfigFile(path.join(dir, '.proxylint.yaml'));
  };
  test('a duration, a number of seconds, none, or per path', () => {
    expect(load('websocket:\n  heartbeat: 25s\n').websocket.heartbeat).toEqual({ default: 25_000, paths: [] });
    expect(load('websocket:\n  heartbeat: 10\n').websocket.heartbeat).toEqual({ default: 10_000, paths: [] });
    expect(load('websocket:\n  heartbeat: none\n').websocket.heartbeat).toEqual({ default: null, paths: [] });
    expect(load('websocket:\n  heartbeat:\n    paths:\n      /socket.io/: 25s\n      ~^/q$: none\n').websocket.heartbeat).toEqual({
      paths: [
        { path: '/socket.io/', ms: 25_000 },
        { path: '~^/q$', ms: null },
      ],
    });
  });
  test('a bad value names the key', () => {
    expect(() => load('websocket:\n  heartbeat: soon\n')).toThrow(ConfigError);
    expect(() => load('websocket:\n  heartbeat: soon\n')).toThrow(/Key "websocket\.heartbeat"/);
    expect(() => load('websocket:\n  heartbeat:\n    every: 5s\n')).toThrow(/unexpected property "every"/);
  });
});

describe('media and collaboration applications (apps/media-and-collaboration.ts)', () => {
  test.each([
    ['~ ^/cool/(.*)/ws$', 'collabora'],
    ['/cool/https%3A%2F%2Fcloud%2Fwopi/ws', 'collabora'],
    ['^~ /cool/adminws', 'collabora'],
    ['/lool/adminws', 'collabora'],
    ['/api/v1/streaming', 'mastodon'],
    ['^~ /api/v1/streaming', 'mastodon'],
    ['/tracker/socket', 'peertube'],
    ['/:/websockets/notifications', 'plex'],
    ['^~ /embywebsocket', 'emby'],
    ['/standalone-signaling/spreed', 'spreed-signaling'],
  ])('path %s → %s', (p, id) => expect(appForPath(p)?.id).toBe(id));
  // near misses: the API beside the signaling WebSocket, Collabora's plain paths, Mastodon's REST API
  test.each(['/standalone-signaling/', '/cool/', '~ ^/(c|l)ool', '/browser', '/api/v1/statuses', '/tracker/announce'])('path %s → no application of these', (p) =>
    expect(['collabora', 'mastodon', 'peertube', 'spreed-signaling']).not.toContain(appForPath(p)?.id));
  test.each([
    ['audiobookshelf', 'audiobookshelf'],
    ['immich_server', 'immich'],
    ['open-webui', 'open-webui'],
    ['openwebui', 'open-webui'],
    ['collabora-code', 'collabora'],
    ['coolwsd', 'collabora'],
    ['vaultwarden', 'vaultwarden'],
    ['bitwarden_rs', 'vaultwarden'],
    ['sonarr', 'servarr'],
    ['radarr4k', 'servarr'],
    ['kavita', 'kavita'],
    ['plex', 'plex'],
    ['emby', 'emby'],
    ['comfyui', 'comfyui'],
    ['hedgedoc', 'hedgedoc'],
    ['codimd', 'hedgedoc'],
    ['etherpad-lite', 'etherpad'],
    ['mastodon_streaming', 'mastodon'],
    ['akkoma', 'pleroma'],
    ['misskey', 'misskey'],
    ['peertube', 'peertube'],
    ['spreed-signaling', 'spreed-signaling'],
  ])('name %s → %s', (n, id) => expect(appForName(n)?.id).toBe(id));
  // words that contain a name without being it
  test.each(['complex', 'multiplexer', 'embyserverx', 'sonarrange', 'bitwarden', 'kavitas', 'signaling'])('name %s → none of these', (n) =>
    expect(['plex', 'emby', 'servarr', 'vaultwarden', 'kavita', 'spreed-signaling']).not.toContain(appForName(n)?.id));
  const SN = (host: string) => [{ what: 'server_name', host }];
  test.each([
    [SN('books.example.com'), 'localhost', 13378, 'audiobookshelf', 'backend port 13378'],
    [SN('audiobookshelf.example.com'), 'localhost', 80, 'audiobookshelf', 'server_name audiobookshelf.example.com'],
    [SN('collabora.example.com'), 'localhost', 9980, 'collabora', 'server_name collabora.example.com'],
    [SN('chat.example.com'), 'open-webui', 8080, 'open-webui', 'backend host open-webui'],
    // apps whose pages work without their WebSocket are no `ui` claim; nor is a shared port
    [SN('immich.example.com'), 'localhost', 2283, undefined, undefined],
    [SN('office.example.com'), 'localhost', 9980, undefined, undefined],
    [SN('comfy.example.com'), 'localhost', 8188, undefined, undefined],
  ])('uiAppFor(%j, %s, %s) → %s by %s', (served, host, port, id, by) => {
    const hit = uiAppFor(served, host, port);
    expect([hit?.app.id, hit?.by]).toEqual([id, by]);
  });
});
