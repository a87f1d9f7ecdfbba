/**
 * Does a proxy carry WebSockets? In `mode http` HAProxy forwards an Upgrade handshake and turns
 * the connection into a tunnel by itself (no option needed), so every HTTP proxy *can* carry
 * WebSockets; `carries` says that much. Whether WebSocket traffic is *meant* to reach it is
 * `intended`: a signal in the proxy (websocket-looking path acls such as `path_beg /ws`, tests of
 * the Upgrade header, a `# proxylint: websocket` comment, paths from `websocket.paths`, a backend
 * or server named after a WebSocket application), or for a backend a frontend that routes there
 * on such a condition, or a frontend with such a signal that routes there without one. A
 * frontend that routes WebSockets by condition sends them only where the condition points: its
 * default_backend is not reached. A `# proxylint: websocket` comment also marks a `mode tcp` proxy.
 */
import type { Directive } from '../../core/ast';
import { lazyPer } from '../../core/lazy';
import { isWebSocketMarker, markedAbove, nameIntent, pathIntent, type FindingSignal, type IntentSignal } from '../../core/websocket/intent';
import type { WebSocketApp } from '../../core/websocket/apps';
import type { Proxy } from './proxies';
import type { Route } from './routing';

export interface WebSocketInfo {
  /** HAProxy would tunnel an upgrade through it (mode http, or marked). */
  carries: boolean;
  /** Something says WebSocket traffic is meant to reach it (not only `mode http`). */
  intended: boolean;
  /** Human-readable reasons, strongest first; `mode http` alone is the weakest. */
  signals: string[];
  /** Lines that gave a signal. */
  directives: Directive[];
  /** Frontends/listens whose WebSocket traffic reaches this proxy (itself for a listen or frontend). */
  via: Proxy[];
  /** WebSocket paths its conditions name (for per-path heartbeats). */
  paths: string[];
  app?: WebSocketApp;
  /** The strongest signal, structured (findings carry it): undefined when only `mode http` speaks. */
  signal?: FindingSignal;
}

const UPGRADE_FETCH = /\b(req\.)?hdr(_beg|_sub|_end|_reg|_cnt|_len|_val|_dom)?\(\s*(upgrade|sec-websocket-[a-z]+)\s*(,[^)]*)?\)/i;
const HDR = /hdr/i;
const PATH_FETCH = /^(path|path_beg|path_dir|path_sub|path_reg|path_end|url_beg|url_sub|url_reg|base_beg|base_sub)$/;

interface WordSignals {
  signals: string[];
  paths: string[];
  app?: WebSocketApp;
  /** The kind of the first signal. */
  kind?: IntentSignal;
}

/** Signals found in a list of condition/acl words. */
export function signalsInWords(words: string[], extraPaths: string[]): string[] {
  return wordSignals(words, extraPaths).signals;
}

/** The answer for words that can give no signal: shared (callers read results, never change them). */
const NONE: WordSignals = Object.freeze({ signals: Object.freeze([]) as unknown as string[], paths: Object.freeze([]) as unknown as string[] });

/** A path fetch starts with p, u or b, braced or not (`{path_beg`): the words PATH_FETCH is tried on. */
function mayBePathFetch(w: string): boolean {
  const c = w.charCodeAt(0) === 123 /* { */ ? w.charCodeAt(1) : w.charCodeAt(0);
  return c === 112 /* p */ || c === 117 /* u */ || c === 98 /* b */;
}

function wordSignals(words: string[], extraPaths: string[]): WordSignals {
  // Every directive of every proxy comes here: the joined text is only built when a word can
  // start a header fetch (the join adds no "hdr"), a word only tested when it can be a path fetch,
  // and a line with neither (most: `server s1 …`, `option …`) allocates nothing.
  let hdr = false;
  let pathWord = false;
  for (const w of words) {
    if (!hdr && HDR.test(w)) hdr = true;
    if (!pathWord && mayBePathFetch(w)) pathWord = true;
  }
  if (!hdr && !pathWord) return NONE;
  const out: WordSignals = { signals: [], paths: [] };
  const up = hdr ? UPGRADE_FETCH.exec(words.join(' ')) : null;
  if (up) {
    out.signals.push(`tests the ${up[3]} header (${up[0]})`);
    out.kind = 'headers';
  }
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (!mayBePathFetch(w) || !PATH_FETCH.test(w.replace(/^\{/, ''))) continue;
    for (let j = i + 1; j < words.length && !/^(if|unless|\}|or|\|\|)$/.test(words[j]); j++) {
      const v = words[j];
      if (v.startsWith('-')) continue;
      const p = pathIntent(v.startsWith('/') ? v : '/' + v);
      if (p || extraPaths.some((e) => v.startsWith(e))) {
        out.signals.push(`matches the WebSocket path ${v} (${words[i]})`);
        out.kind ??= p ? 'path' : 'config';
        out.paths.push(v);
        out.app ??= p?.app;
        break;
      }
    }
  }
  return out;
}

/** Acls in this proxy whose definition carries a WebSocket signal. */
function computeWsAcls(p: Proxy, extraPaths: string[]): Map<string, WordSignals> {
  const m = new Map<string, WordSignals>();
  for (const d of p.section.children ?? []) {
    if (d.type !== 'directive' || d.key !== 'acl' || !d.args[0]) continue;
    const s = wordSignals(d.args.slice(1), extraPaths);
    if (!s.signals.length) continue;
    const prev = m.get(d.args[0]);
    m.set(d.args[0], prev ? { signals: [...prev.signals, ...s.signals], paths: [...prev.paths, ...s.paths], app: prev.app ?? s.app, kind: prev.kind ?? s.kind } : s);
  }
  return m;
}

/** The one comment convention: a marker directly above the section header or anywhere in its body. */
function marked(p: Proxy): boolean {
  if (markedAbove(p.section.file.text, p.section.start)) return true;
  // A marker in the body counts only with a line of the section after it: comments that close a
  // section's body stand above the next section's header and mark that one (markedAbove).
  const kids = p.section.children ?? [];
  let last = -1;
  for (let i = kids.length - 1; i >= 0; i--) if (kids[i].type === 'directive') { last = i; break; }
  return kids.some((k, i) => i < last && k.type === 'comment' && isWebSocketMarker(k.text));
}

/** A backend/listen named (or with a server named) after a WebSocket application. */
function nameSignal(p: Proxy): { reason: string; app?: WebSocketApp } | undefined {
  if (p.kind === 'frontend') return undefined;
  const names = [p.name, ...(p.section.children ?? []).flatMap((k) => (k.type === 'directive' && k.key === 'server' && k.args[0] ? [k.args[0]] : []))];
  for (const n of names) {
    const i = nameIntent(n, n === p.name ? `${p.kind} name` : 'server name');
    if (i?.app || (i && n === p.name)) return { reason: i.reason.replace(/^its /, ''), app: i.app };
  }
  return undefined;
}

/** The WebSocket-specific condition of a route (acl names or inline words), if any. */
function computeRouteSignal(acls: Map<string, WordSignals>, route: Route, extraPaths: string[]): WordSignals | undefined {
  const hits = route.condition.filter((w) => !w.startsWith('!') && acls.has(w));
  if (hits.length) {
    const ws = hits.map((h) => acls.get(h)!);
    return { signals: [`acl ${hits.map((h) => `${h} ${acls.get(h)!.signals[0]}`).join(', ')}`], paths: ws.flatMap((w) => w.paths), app: ws.find((w) => w.app)?.app, kind: ws.find((w) => w.kind)?.kind };
  }
  const inline = wordSignals(route.condition, extraPaths);
  return inline.signals.length ? inline : undefined;
}

interface OwnSignals {
  signals: string[];
  directives: Directive[];
  paths: string[];
  app?: WebSocketApp;
  kind?: IntentSignal;
}

/** Own signals of a proxy: marker, acls and conditions (callers copy, never mutate). */
function computeOwnSignals(p: Proxy, acls: Map<string, WordSignals>, extraPaths: string[]): OwnSignals {
  const signals: string[] = [];
  const directives: Directive[] = [];
  const paths: string[] = [];
  let app: WebSocketApp | undefined;
  let kind: IntentSignal | undefined;
  if (marked(p)) {
    signals.push('marked `# proxylint: websocket`');
    kind = 'comment';
  }
  for (const k of p.section.children ?? []) {
    if (k.type !== 'directive') continue;
    const s = k.key === 'acl' ? acls.get(k.args[0]) : wordSignals(k.args, extraPaths);
    if (!s || !s.signals.length) continue;
    signals.push(...(k.key === 'acl' ? s.signals.map((x) => `acl ${k.args[0]} ${x}`) : s.signals));
    directives.push(k);
    paths.push(...s.paths);
    app ??= s.app;
    kind ??= s.kind;
  }
  return { signals, directives, paths, app, kind };
}

/**
 * The WebSocket facts of one unit's proxies (one analysis, one `websocket.paths` list), each
 * computed once per proxy (core/lazy): a frontend routing to 6,000 backends is asked about once
 * per backend, and recomputing its acls each time made a 66k-line config 30× slower than
 * `haproxy -c` (issue #13).
 */
export function websocketFacts(extraPaths: string[], routesOf: (p: Proxy) => Route[]) {
  const wsAcls = lazyPer((p: Proxy) => computeWsAcls(p, extraPaths));
  const routeSignals = lazyPer((from: Proxy) => lazyPer((route: Route) => computeRouteSignal(wsAcls(from), route, extraPaths)));
  const facts: ProxyFacts = {
    own: lazyPer((p: Proxy) => computeOwnSignals(p, wsAcls(p), extraPaths)),
    routeSignal: (from, route) => (route.isDefault || route.negated ? undefined : routeSignals(from)(route)),
    routesByCondition: lazyPer((from: Proxy) => routesOf(from).some((r) => facts.routeSignal(from, r))),
  };
  return {
    /** Names of acls in this proxy whose definition carries a WebSocket signal. */
    websocketAcls: (p: Proxy): Map<string, string[]> => new Map([...wsAcls(p)].map(([k, v]) => [k, v.signals])),
    websocketOf: (p: Proxy, incoming: Array<{ from: Proxy; route: Route }>): WebSocketInfo => websocketOf(p, incoming, facts),
  };
}

interface ProxyFacts {
  own(p: Proxy): OwnSignals;
  routeSignal(from: Proxy, route: Route): WordSignals | undefined;
  /** Does the proxy route WebSockets by a condition (then its other routes get none)? */
  routesByCondition(from: Proxy): boolean;
}

function websocketOf(p: Proxy, incoming: Array<{ from: Proxy; route: Route }>, facts: ProxyFacts): WebSocketInfo {
  const own = facts.own(p);
  const signals = [...own.signals];
  const directives = [...own.directives];
  const paths = [...own.paths];
  let app = own.app;
  let kind = own.kind;
  const via: Proxy[] = p.kind === 'backend' ? [] : [p];
  // A set beside the list: 4,000 frontends routing to one backend made includes() n².
  const inVia = new Set(via);
  const addVia = (f: Proxy) => {
    if (!inVia.has(f)) {
      inVia.add(f);
      via.push(f);
    }
  };
  for (const { from, route } of incoming) {
    const cond = facts.routeSignal(from, route);
    if (cond) {
      signals.push(`selected by ${from.kind} ${from.name} for ${cond.signals.join(', ')}`);
      directives.push(route.directive);
      paths.push(...cond.paths);
      app ??= cond.app;
      kind ??= cond.kind;
      addVia(from);
      continue;
    }
    // A frontend with WebSocket intent that does not route WebSockets by condition sends them
    // wherever it sends everything else.
    if (facts.routesByCondition(from)) continue;
    const fromOwn = facts.own(from);
    if (fromOwn.signals.length) {
      signals.push(`routed by ${from.kind} ${from.name} (${fromOwn.signals[0]})`);
      directives.push(route.directive);
      paths.push(...fromOwn.paths);
      app ??= fromOwn.app;
      kind ??= fromOwn.kind;
      addVia(from);
    }
  }
  const named = nameSignal(p);
  if (named) {
    signals.push(named.reason);
    app ??= named.app;
    kind ??= 'app';
  }
  const intended = signals.length > 0;
  const signal: FindingSignal | undefined = intended ? { kind: kind ?? 'app', detail: signals[0], ...(app ? { app: app.name } : {}) } : undefined;
  const http = p.mode.value === 'http';
  if (http) signals.push('mode http (HAProxy tunnels Upgrade requests by default)');
  // A backend whose own signals say WebSocket: every frontend that routes to it.
  if (intended && p.kind === 'backend' && via.length === 0) for (const { from } of incoming) addVia(from);
  // In TCP mode (TLS passthrough) a proxy named after a WebSocket application carries its
  // WebSockets as any other bytes: the idle limits apply to them all the same.
  const tunnels = http || marked(p) || named?.app !== undefined;
  return { carries: tunnels, intended: intended && (tunnels || via.some((f) => marked(f))), signals, directives, via, paths, ...(app ? { app } : {}), ...(signal ? { signal } : {}) };
}
