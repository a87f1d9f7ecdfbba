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
import { APPLICATIONS } from './applications';
import { DEVELOPER_AND_BUSINESS_APPS } from './developer-and-business';
import { FRAMEWORKS } from './frameworks';
import { HOME_AND_INFRA_APPS } from './home-and-infra';
import { MEDIA_AND_COLLABORATION_APPS } from './media-and-collaboration';
import type { WebSocketApp } from './types';

export { KESTREL_IGNORES_CONNECTION_UPGRADE, type ServerFamily, type WebSocketApp } from './types';

/** Every row, frameworks first: a lookup takes the first row that matches. */
export const WEBSOCKET_APPS: readonly WebSocketApp[] = [...FRAMEWORKS, ...APPLICATIONS, ...MEDIA_AND_COLLABORATION_APPS, ...DEVELOPER_AND_BUSINESS_APPS, ...HOME_AND_INFRA_APPS];

/** The app's first name, for messages: `VS Code server / code-server / …` → `VS Code server`. */
export function shortAppName(app: WebSocketApp): string {
  return app.name.split(/ \/ | \(/)[0];
}

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
