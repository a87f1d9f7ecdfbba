/**
 * WebSocket intent, said once for every dialect: the path vocabulary, the comment convention,
 * the meaning of `websocket.paths`, and the result shape (a signal and a human reason, plus the
 * application when one is identified). Dialects decide where a route's path, comments and
 * names are; this module decides what they mean.
 */
import type { Node } from '../ast';
import { compilePattern } from '../regex';
import { appForName, appForPath, plainPath, uiAppFor, uiEndpoints, type UiApp, type WebSocketApp } from './apps';

export type IntentSignal =
  /** `# proxylint: websocket` */
  | 'comment'
  /** `websocket.paths` lists it */
  | 'config'
  /** it sets (or tests) the Upgrade/Connection headers */
  | 'headers'
  /** its path is a WebSocket endpoint */
  | 'path'
  /** an upstream/backend name identifies a WebSocket application */
  | 'app'
  /** Apache: a ws:// or wss:// target */
  | 'scheme'
  /** Apache: upgrade=websocket */
  | 'upgrade-param'
  /** Apache: a RewriteCond on %{HTTP:Upgrade} */
  | 'upgrade-cond'
  /** Squid: the listener that reads the handshakes (the proxy as a whole carries them) */
  | 'listener'
  /** HAProxy: an HTTP backend sets its own timeout tunnel, the limit HAProxy gives upgraded connections */
  | 'tunnel-timeout'
  /** HAProxy: a backend whose server is a frontend of the same config that carries WebSockets */
  | 'chained';

export interface WebSocketIntent {
  signal: IntentSignal;
  /** Human explanation: "its path /ws looks like a WebSocket endpoint". */
  reason: string;
  /** The application, when the path or a name identifies one. */
  app?: WebSocketApp;
  /** The app's WebSocket this route carries when it is judged by the app's UI (`ui` in apps/). */
  uiEndpoint?: { uri: string; what?: string };
}

/**
 * Why a location carries an event stream (Server-Sent Events): another claim than a WebSocket
 * route, read by the same conventions (a marker comment, a configured path, a path word).
 */
export interface EventStreamIntent {
  signal: Extract<IntentSignal, 'comment' | 'config' | 'path'>;
  reason: string;
}

/**
 * The structured signal a finding carries (JSON `signal`, SARIF `properties.signal`, stylish
 * `--verbose`): which WebSocket signal made the rule judge this route, in words and as a kind
 * tools can filter on, plus the application when one is identified.
 */
export interface FindingSignal {
  kind: IntentSignal;
  detail: string;
  app?: string;
}

/** The finding's signal from a route's WebSocket or event-stream intent (undefined stays undefined). */
export function findingSignal(intent: WebSocketIntent | EventStreamIntent | null | undefined): FindingSignal | undefined {
  if (!intent) return undefined;
  const app = 'app' in intent ? intent.app : undefined;
  return { kind: intent.signal, detail: intent.reason, ...(app ? { app: app.name } : {}) };
}

/**
 * Generic path segments of WebSocket endpoints (the applications' own endpoints are in apps/).
 * Bare `/graphql` is left out on purpose: it serves plain queries too.
 */
const GENERIC_SEGMENT =
  /(?:^|[/(|])(?:ws|wss|websockets?|sockets?|live|realtime|hmr|webpack-hmr|vite-hmr|_next\/webpack-hmr|wsapp|websockify|ttyd|terminals?|stomp|mqtt|xterm\.js|_stcore)(?=$|[/?#.$)|_-])/i;

/** Does a URL path (or a regex location/acl written over one) name a WebSocket endpoint? */
export function pathLooksLikeWebSocket(path: string): boolean {
  return pathIntent(path) !== undefined;
}

/** The path signal of a route, naming the application when it is one of the known endpoints. */
const pathIntents = new Map<string, WebSocketIntent | null>();

export function pathIntent(path: string): WebSocketIntent | undefined {
  // One answer per distinct path (shared: callers read intents, never change them).
  const hit = pathIntents.get(path);
  if (hit !== undefined) return hit ?? undefined;
  if (pathIntents.size >= 10_000) pathIntents.clear();
  const intent = computePathIntent(path);
  pathIntents.set(path, intent ?? null);
  return intent;
}

/**
 * A literal path naming a static file (`/pad/socket.io/socket.io.js`: the Socket.IO client
 * bundle, in bigbluebutton/docker's bbb/notes.nginx): the handshake goes to the endpoint
 * (`/socket.io/?EIO=4&transport=websocket`), never to a file of the app's.
 */
const STATIC_FILE = /^[^~^$*()|\\[]*\/[^/]*[^/.]\.(?:js|mjs|css|map|html?|png|jpe?g|gif|svg|ico|woff2?|ttf|wasm|json|txt)$/i;

function computePathIntent(path: string): WebSocketIntent | undefined {
  if (STATIC_FILE.test(path)) return undefined;
  const app = appForPath(path);
  if (app || GENERIC_SEGMENT.test(plainPath(path)) || alternativesMatch(path)) {
    const intent: WebSocketIntent = { signal: 'path', reason: `its path ${path} looks like a WebSocket endpoint` };
    // Set only when known (no `app: undefined` key): a conditional spread made a temporary object.
    if (app) intent.app = app;
    return intent;
  }
  return undefined;
}

/** `~ ^/(api|ws)/` style alternations: test each branch as a path. */
function alternativesMatch(path: string): boolean {
  const m = /\(([^()]*\|[^()]*)\)/.exec(path);
  if (!m) return false;
  return m[1].split('|').some((alt) => GENERIC_SEGMENT.test('/' + plainPath(alt).replace(/^\//, '')));
}

/** The name signal: an upstream/backend called after a WebSocket application or `ws`/`websocket`. */
export function nameIntent(name: string, what: string): WebSocketIntent | undefined {
  const app = appForName(name);
  if (app) return { signal: 'app', reason: `its ${what} ${name} names ${app.name}`, app };
  if (/(?:^|[-_.])(?:ws|wss|websockets?)(?:$|[-_.\d])/i.test(name)) return { signal: 'app', reason: `its ${what} ${name} names a WebSocket service` };
  return undefined;
}

/** A route that proxies a literal path to the root of its backend, as nginx and Apache both read it. */
export interface RootRoute {
  /** The route's literal path (`/`, `/gotify/`). */
  path: string;
  /** The host names the server answers to (server_name, ServerName/ServerAlias). */
  served: readonly { what: string; host: string }[];
  /** The backend's host as written (an IP literal names nothing) and port. */
  backendHost: string | undefined;
  backendPort: number | undefined;
  /** The base name of the file the route is written in (sites-available/plausible). */
  fileName: string | undefined;
  /** The dialect's word for the route in messages: `location`, `ProxyPass`. */
  what: string;
}

/**
 * The application whose UI a route to its backend's root serves (uiAppFor), one answer for nginx
 * and Apache. At `/` the server's host names, the backend and last the file name identify it. A
 * prefix mount (`/ttyd/`) is identified by its backend or by its own one-segment name only, never
 * by the server's names or file, which name what `/` serves; and it carries the UI's WebSocket
 * only of an app whose pages open it relative to themselves (apps/ `ui.relative`): Home
 * Assistant at /ha/ still opens /api/websocket.
 */
export function rootRouteUiApp(r: RootRoute): UiApp | undefined {
  const mounted = r.path.replace(/\/+$/, '') !== '';
  const segment = mounted ? /^\/([^/]+)\/?$/.exec(r.path)?.[1] : undefined;
  const served = mounted ? (segment ? [{ what: r.what, host: segment }] : []) : r.served;
  const host = r.backendHost === undefined || /^[\d.]+$|^\[/.test(r.backendHost) ? undefined : r.backendHost.toLowerCase();
  const ui = uiAppFor(served, host, r.backendPort, mounted ? undefined : r.fileName);
  if (!ui || (mounted && !ui.app.ui.relative)) return undefined;
  // the mount named by its segment is shown as written (`location /gotify/`)
  const bySegment = `${r.what} ${segment}`;
  return segment && ui.by.startsWith(bySegment) ? { ...ui, by: `${r.what} ${r.path}` + ui.by.slice(bySegment.length) } : ui;
}

/**
 * Which of an app's UI WebSockets a catch-all route to it carries (uiAppFor identified the app;
 * `ui` in apps/): the main endpoint first; a further one (HA's add-on ingress) only when the
 * config upgrades the main one on another route and leaves this one to the catch-all. `root` is
 * the route's path without its trailing slash; `servesHere(uri)`: the dialect's routing gives
 * that URI to this route (no deeper route, exclusion or rewrite takes it); `mainUpgradedElsewhere`
 * is asked only for a further endpoint.
 */
export function uiEndpointIntent(ui: UiApp, root: string, servesHere: (uri: string) => boolean, mainUpgradedElsewhere: () => boolean): WebSocketIntent | undefined {
  for (const e of uiEndpoints(ui.app)) {
    const uri = root + e.endpoint;
    if (!servesHere(uri) || (e.what && !mainUpgradedElsewhere())) continue;
    const needs = e.what ? `its ${e.what} under ${uri}` : `the WebSocket ${uri}`;
    return { signal: 'app', reason: `${ui.by} names ${ui.app.name}, whose UI needs ${needs}`, app: ui.app, uiEndpoint: { uri, what: e.what } };
  }
  return undefined;
}

/** The one marker comment: `# proxylint: websocket`. */
const MARKER = /proxylint:\s*websocket\b/i;

export function isWebSocketMarker(commentText: string): boolean {
  return MARKER.test(commentText);
}

export const COMMENT_REASON = 'a "# proxylint: websocket" comment marks it';

/**
 * The convention on comment nodes (nginx, Apache, HAProxy keep them): a marker among the comments
 * that open a block's body, before its first directive.
 */
export function markedFirstInBody(children: readonly Node[] | undefined, test: (commentText: string) => boolean = isWebSocketMarker): boolean {
  for (const k of children ?? []) {
    if (k.type !== 'comment') return false;
    if (test(k.text)) return true;
  }
  return false;
}

/**
 * The comment convention on raw text: a `# proxylint: websocket` line in the run of comment
 * lines directly above the line that holds `offset` (blank lines end the run, and so does a line
 * with a directive before its comment).
 */
export function markedAbove(text: string, offset: number, test: (commentText: string) => boolean = isWebSocketMarker): boolean {
  let lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  while (lineStart > 0) {
    const prevStart = text.lastIndexOf('\n', lineStart - 2) + 1;
    const prev = text.slice(prevStart, lineStart - 1).trim();
    if (!prev.startsWith('#')) return false;
    if (test(prev)) return true;
    lineStart = prevStart;
  }
  return false;
}

/**
 * `websocket.paths`: an entry is a URL path prefix (`/live/`) or a regex written `~^/api/.*\/ws$`.
 * A route matches when it serves that path: its path is the entry or lies under it, or the entry
 * lies under the route's prefix (a route `/api` serves `/api/ws`). A catch-all `/` matches only
 * the entry `/`, or it would claim every entry.
 */
export function configuredPath(routePath: string, configured: readonly string[]): string | undefined {
  for (const p of configured) {
    if (p.startsWith('~')) {
      // Run by the linear-time engine; a pattern it cannot run matches nothing (and the schema
      // reports invalid ones).
      if (compilePattern(p.slice(1))?.test(routePath)) return p;
    } else if (routePath === p || routePath.startsWith(p.endsWith('/') ? p : p + '/') || p.startsWith(routePath.replace(/\/$/, '') + '/')) {
      if (routePath !== '/' || p === '/') return p;
    }
  }
  return undefined;
}

export function configIntent(routePath: string, configured: readonly string[]): WebSocketIntent | undefined {
  const c = configuredPath(routePath, configured);
  if (c === undefined) return undefined;
  const app = appForPath(c);
  return { signal: 'config', reason: `websocket.paths lists ${c}`, ...(app ? { app } : {}) };
}

/*
 * Event streams (Server-Sent Events and other long streamed responses): the same conventions,
 * another vocabulary and marker (`# proxylint: event-stream`).
 */

/** Path segments that name Server-Sent Events / streaming endpoints. */
const EVENT_STREAM_SEGMENT = /(^|[/^\\(|])(events|sse|stream|event-stream|eventsource)(?=$|[/?$.)|\\-])/i;

export function pathLooksLikeEventStream(path: string): boolean {
  return EVENT_STREAM_SEGMENT.test(path);
}

/** The SSE words alone: a bare /stream also names MJPEG, video and log streams. */
const SSE_SEGMENT = /(^|[/^\\(|])(events|sse|event-stream|eventsource)(?=$|[/?$.)|\\-])/i;

/** Does the path name Server-Sent Events specifically (not only a `/stream`)? */
export function pathNamesServerSentEvents(path: string): boolean {
  return SSE_SEGMENT.test(path);
}

const EVENT_STREAM_MARKER = /proxylint:\s*event-stream\b/;

export function isEventStreamMarker(commentText: string): boolean {
  return EVENT_STREAM_MARKER.test(commentText);
}

export const EVENT_STREAM_COMMENT_REASON = 'a "# proxylint: event-stream" comment marks it';

/**
 * Does a route certainly serve plain HTTP requests? The site's catch-all (`/`: its pages) and
 * an HTTP API prefix (`/api`, `/api/v1/`) do; a WebSocket-looking path is judged before this
 * (`/api/websocket` is an endpoint). Any other path may be an application's endpoint alone,
 * which the config does not say.
 */
export function pathServesPlainRequests(path: string, exact: boolean): boolean {
  if (path === '/') return !exact;
  return /^\/api(?:\/|$)/i.test(path);
}
