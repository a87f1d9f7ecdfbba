/**
 * Does a proxy carry WebSockets? In `mode http` HAProxy forwards an Upgrade handshake and turns
 * the connection into a tunnel by itself (no option needed), so every HTTP proxy *can* carry
 * WebSockets; `carries` says that much. Whether WebSocket traffic is *meant* to reach it is
 * `intended`: a signal in the proxy (websocket-looking path acls such as `path_beg /ws`, tests of
 * the Upgrade header, a `# proxylint: websocket` comment, paths from `websocket.paths`, a backend
 * or server named after a WebSocket application, its own `timeout tunnel` in mode http), or for a
 * backend a frontend that routes there
 * on such a condition, or a frontend with such a signal that routes there without one. A
 * frontend that routes WebSockets by condition sends them only where the condition points: its
 * default_backend is not reached. A `# proxylint: websocket` comment also marks a `mode tcp` proxy.
 */
import type { Directive } from '../../core/ast';
import { lazyPer } from '../../core/lazy';
import { isWebSocketMarker, markedAbove, nameIntent, pathIntent, type IntentSignal, type WebSocketIntent } from '../../core/websocket/intent';
import type { WebSocketApp } from '../../core/websocket/apps';
import type { Proxy } from './proxies';
import type { Route } from './routing';

export interface WebSocketInfo {
  /** HAProxy would tunnel an upgrade through it (mode http, or marked). */
  carries: boolean;
  /** Something says WebSocket traffic is meant to reach it (not only `mode http`). */
  intended: boolean;
  /**
   * Human-readable reasons, strongest first; `mode http` alone is the weakest. Written out on
   * first read: most proxies are never reported, and 6,000 backends' reasons were megabytes of
   * text for the garbage collector to copy (issue #13).
   */
  readonly signals: string[];
  /** Lines that gave a signal. */
  directives: Directive[];
  /** Frontends/listens whose WebSocket traffic reaches this proxy (itself for a listen or frontend). */
  via: Proxy[];
  /** WebSocket paths its conditions name (for per-path heartbeats). */
  paths: string[];
  app?: WebSocketApp;
  /**
   * The strongest signal in the shared intent shape (core/websocket/intent: signal, reason, app),
   * as nginx and Apache routes have it: undefined when only `mode http` speaks.
   */
  readonly intent?: WebSocketIntent;
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
  // Indexed loops here: a for-of allocates an iterator result per element until its function is
  // optimised, and these run over every line of 6,000 proxies a few times each.
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (!hdr && HDR.test(w)) hdr = true;
    if (!pathWord && mayBePathFetch(w)) pathWord = true;
  }
  if (!hdr && !pathWord) return NONE;
  // Made on the first signal: a `balance …` or `bind …` line has a word to test and no signal.
  let out: WordSignals | undefined;
  const up = hdr ? UPGRADE_FETCH.exec(words.join(' ')) : null;
  if (up) out = { signals: [`tests the ${up[3]} header (${up[0]})`], paths: [], kind: 'headers' };
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (!mayBePathFetch(w) || !PATH_FETCH.test(w.replace(/^\{/, ''))) continue;
    for (let j = i + 1; j < words.length && !/^(if|unless|\}|or|\|\|)$/.test(words[j]); j++) {
      const v = words[j];
      if (v.startsWith('-')) continue;
      const p = pathIntent(v.startsWith('/') ? v : '/' + v);
      if (p || extraPaths.some((e) => v.startsWith(e))) {
        const text = `matches the WebSocket path ${v} (${words[i]})`;
        // Arrays made with their element: one pushed to from empty has room for 17 (kept per acl).
        if (out) {
          out.signals.push(text);
          out.paths.push(v);
        } else out = { signals: [text], paths: [v] };
        out.kind ??= p ? 'path' : 'config';
        out.app ??= p?.app;
        break;
      }
    }
  }
  return out ?? NONE;
}

/** The acls of a proxy that has none with a signal (most backends): shared, never changed. */
const NO_ACLS: ReadonlyMap<string, WordSignals> = new Map();

/** Acls in this proxy whose definition carries a WebSocket signal (read-only for callers). */
function computeWsAcls(p: Proxy, extraPaths: string[]): ReadonlyMap<string, WordSignals> {
  // Made on the first acl with a signal: an empty Map is ~0.5 KiB, and 6,000 backends kept one each.
  let m: Map<string, WordSignals> | undefined;
  const kids = p.section.children ?? [];
  for (let i = 0; i < kids.length; i++) {
    const d = kids[i];
    if (d.type !== 'directive' || d.key !== 'acl' || !d.args[0]) continue;
    const s = wordSignals(d.args.slice(1), extraPaths);
    if (!s.signals.length) continue;
    m ??= new Map();
    const prev = m.get(d.args[0]);
    m.set(d.args[0], prev ? { signals: [...prev.signals, ...s.signals], paths: [...prev.paths, ...s.paths], app: prev.app ?? s.app, kind: prev.kind ?? s.kind } : s);
  }
  return m ?? NO_ACLS;
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
function nameSignal(p: Proxy): WebSocketIntent | undefined {
  if (p.kind === 'frontend') return undefined;
  const own = nameIntent(p.name, `${p.kind} name`);
  if (own) return own;
  const kids = p.section.children ?? [];
  for (let n = 0; n < kids.length; n++) {
    const k = kids[n];
    if (k.type !== 'directive' || k.key !== 'server' || !k.args[0]) continue;
    const i = nameIntent(k.args[0], 'server name');
    if (i?.app) return i;
  }
  return undefined;
}

/**
 * A backend/listen in mode http that sets its own non-zero `timeout tunnel`: HAProxy applies it
 * to upgraded connections only (configuration manual, "timeout tunnel": "used when a connection
 * is upgraded (e.g. when switching to the WebSocket protocol"), so writing one for this proxy says
 * WebSockets reach it. An inherited defaults value says nothing of this proxy (boilerplate).
 */
function ownTunnelTimeout(p: Proxy, http: boolean): Directive | undefined {
  const t = p.timeouts.tunnel;
  if (!http || p.kind === 'frontend' || !t || t.inherited || !t.ms) return undefined;
  return t.directive;
}

/** A name signal's reason as a proxy's signal ("backend name x names …", not "its …"). */
function nameReason(i: WebSocketIntent): string {
  return i.reason.replace(/^its /, '');
}

/**
 * The WebSocket-specific condition of a route: the acls it names that carry a signal, or the
 * signals of its inline words. Its words are built by `routeWords` when a reason is read.
 */
interface RouteSignal {
  /** Names of the route's acls that carry a signal (null: the signal is in its inline words). */
  acls: string[] | null;
  inline: WordSignals | null;
  paths: string[];
  app?: WebSocketApp;
  kind?: IntentSignal;
}

/** The WebSocket-specific condition of a route (acl names or inline words), if any. */
function computeRouteSignal(acls: ReadonlyMap<string, WordSignals>, route: Route, extraPaths: string[]): RouteSignal | undefined {
  let hits: string[] | null = null;
  for (const w of route.condition) if (!w.startsWith('!') && acls.has(w)) hits ? hits.push(w) : (hits = [w]);
  if (hits) {
    if (hits.length === 1) {
      const only = acls.get(hits[0])!;
      return { acls: hits, inline: null, paths: only.paths, app: only.app, kind: only.kind };
    }
    const ws = hits.map((h) => acls.get(h)!);
    return { acls: hits, inline: null, paths: ws.flatMap((w) => w.paths), app: ws.find((w) => w.app)?.app, kind: ws.find((w) => w.kind)?.kind };
  }
  const inline = wordSignals(route.condition, extraPaths);
  return inline.signals.length ? { acls: null, inline, paths: inline.paths, app: inline.app, kind: inline.kind } : undefined;
}

/** What a route's condition tests, in words. */
function routeWords(acls: ReadonlyMap<string, WordSignals>, s: RouteSignal): string {
  return s.acls ? `acl ${s.acls.map((h) => `${h} ${acls.get(h)!.signals[0]}`).join(', ')}` : s.inline!.signals.join(', ');
}

interface OwnSignals {
  signals: string[];
  directives: Directive[];
  paths: string[];
  app?: WebSocketApp;
  kind?: IntentSignal;
}

/** Own signals of a proxy: marker, acls and conditions (callers copy, never mutate). */
function computeOwnSignals(p: Proxy, acls: ReadonlyMap<string, WordSignals>, extraPaths: string[]): OwnSignals {
  const signals: string[] = [];
  const directives: Directive[] = [];
  const paths: string[] = [];
  let app: WebSocketApp | undefined;
  let kind: IntentSignal | undefined;
  if (marked(p)) {
    signals.push('marked `# proxylint: websocket`');
    kind = 'comment';
  }
  const kids = p.section.children ?? [];
  for (let i = 0; i < kids.length; i++) {
    const k = kids[i];
    if (k.type !== 'directive') continue;
    const s = k.key === 'acl' ? acls.get(k.args[0]) : wordSignals(k.args, extraPaths);
    if (!s || !s.signals.length) continue;
    signals.push(...(k.key === 'acl' ? s.signals.map((x) => `acl ${k.args[0]} ${x}`) : s.signals));
    directives.push(k);
    paths.push(...s.paths);
    app ??= s.app;
    kind ??= s.kind;
  }
  return signals.length ? { signals, directives, paths, app, kind } : NO_OWN;
}

/** The own signals of a proxy that has none (most backends): shared, never changed. */
const NO_OWN: OwnSignals = Object.freeze({ signals: NONE.signals, directives: Object.freeze([]) as unknown as Directive[], paths: NONE.paths });

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
    routeWords: (from, s) => routeWords(wsAcls(from), s),
    routesByCondition: lazyPer((from: Proxy) => routesOf(from).some((r) => facts.routeSignal(from, r))),
  };
  return {
    /** Names of acls in this proxy whose definition carries a WebSocket signal. */
    websocketAcls: (p: Proxy): Map<string, string[]> => new Map([...wsAcls(p)].map(([k, v]) => [k, v.signals])),
    websocketOf: (p: Proxy, incoming: Array<{ from: Proxy; route: Route }>): WebSocketInfo => websocketOf(p, incoming, facts, null),
  };
}

interface ProxyFacts {
  own(p: Proxy): OwnSignals;
  routeSignal(from: Proxy, route: Route): RouteSignal | undefined;
  routeWords(from: Proxy, s: RouteSignal): string;
  /** Does the proxy route WebSockets by a condition (then its other routes get none)? */
  routesByCondition(from: Proxy): boolean;
}

/**
 * One pass over a proxy's own signals and incoming routes. `texts` null: the reasons are only
 * counted, and the returned `signals` (and `intent.reason`) write them out by a second pass with
 * `texts` on first read.
 */
function websocketOf(p: Proxy, incoming: Array<{ from: Proxy; route: Route }>, facts: ProxyFacts, texts: string[] | null): WebSocketInfo {
  const own = facts.own(p);
  let count = own.signals.length;
  if (texts) texts.push(...own.signals);
  const directives = own.directives.slice();
  const paths = own.paths.slice();
  let app = own.app;
  let kind = own.kind;
  const via: Proxy[] = p.kind === 'backend' ? [] : [p];
  // A set beside the list once it is long: 4,000 frontends routing to one backend made includes() n².
  let inVia: Set<Proxy> | undefined;
  const addVia = (f: Proxy) => {
    if (via.length > 8) inVia ??= new Set(via);
    if (inVia ? inVia.has(f) : via.includes(f)) return;
    inVia?.add(f);
    via.push(f);
  };
  for (let i = 0; i < incoming.length; i++) {
    const { from, route } = incoming[i];
    const cond = facts.routeSignal(from, route);
    if (cond) {
      count++;
      if (texts) texts.push(`selected by ${from.kind} ${from.name} for ${facts.routeWords(from, cond)}`);
      directives.push(route.directive);
      for (const x of cond.paths) paths.push(x);
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
      count++;
      if (texts) texts.push(`routed by ${from.kind} ${from.name} (${fromOwn.signals[0]})`);
      directives.push(route.directive);
      for (const x of fromOwn.paths) paths.push(x);
      app ??= fromOwn.app;
      kind ??= fromOwn.kind;
      addVia(from);
    }
  }
  const named = nameSignal(p);
  if (named) {
    count++;
    if (texts) texts.push(nameReason(named));
    app ??= named.app;
    kind ??= 'app';
  }
  const http = p.mode.value === 'http';
  // Not where every frontend that routes here sends its WebSockets elsewhere by condition (a
  // generator's per-backend tunnel field, as pfSense writes one for each backend).
  const tunnel = incoming.length && incoming.every(({ from, route }) => !facts.routeSignal(from, route) && facts.routesByCondition(from)) ? undefined : ownTunnelTimeout(p, http);
  if (tunnel) {
    count++;
    if (texts) texts.push(`sets timeout tunnel ${tunnel.args[1]} (in mode http, the limit of upgraded connections)`);
    directives.push(tunnel);
    kind ??= 'tunnel-timeout';
  }
  const intended = count > 0;
  if (http && texts) texts.push('mode http (HAProxy tunnels Upgrade requests by default)');
  // A backend whose own signals say WebSocket: every frontend that routes to it.
  if (intended && p.kind === 'backend' && via.length === 0) for (const { from } of incoming) addVia(from);
  // In TCP mode (TLS passthrough) a proxy named after a WebSocket application carries its
  // WebSockets as any other bytes: the idle limits apply to them all the same.
  const carries = http || marked(p) || named?.app !== undefined;
  // Kept for the whole run: copied at their length (a pushed-to array has room for 17).
  const info = new ProxyWebSocket(p, incoming, facts, texts, carries, intended && (carries || via.some((f) => marked(f))), directives.slice(), via.slice(), paths.slice(), intended ? kind ?? 'app' : undefined);
  if (app) info.app = app;
  return info;
}

/**
 * A proxy's WebSocket facts. Its reasons and its intent are made on first read (by a
 * second pass of websocketOf that writes them out): a class, so that 6,000 backends share the
 * getters instead of carrying a pair of closures each.
 */
class ProxyWebSocket implements WebSocketInfo {
  declare app?: WebSocketApp;
  private cachedIntent: WebSocketIntent | undefined = undefined;

  constructor(
    private readonly proxy: Proxy,
    private readonly incoming: Array<{ from: Proxy; route: Route }>,
    private readonly facts: ProxyFacts,
    private texts: string[] | null,
    readonly carries: boolean,
    readonly intended: boolean,
    readonly directives: Directive[],
    readonly via: Proxy[],
    readonly paths: string[],
    /** The kind of the strongest signal; undefined when only `mode http` speaks. */
    private readonly kind: IntentSignal | undefined,
  ) {}

  get signals(): string[] {
    return (this.texts ??= websocketOf(this.proxy, this.incoming, this.facts, []).signals);
  }

  get intent(): WebSocketIntent | undefined {
    if (this.kind === undefined) return undefined;
    return (this.cachedIntent ??= { signal: this.kind, reason: this.signals[0], ...(this.app ? { app: this.app } : {}) });
  }
}

/**
 * The WebSocket facts of a backend that forwards to a frontend of the same config (chain.ts):
 * the bytes of every WebSocket that frontend delivers to `to` cross it, in mode tcp too, so it
 * carries them with `to`'s paths and application (for the heartbeat); `via` is the frontends
 * that route to it (their timeout client is the first hop's client side).
 */
export function chainedWebSocket(
  own: WebSocketInfo,
  chain: { hop: { server: Directive; frontend: Proxy; address: string }; to: Proxy; info: WebSocketInfo },
  routedFrom: Proxy[],
): WebSocketInfo {
  const { hop, to, info } = chain;
  const reason = `forwards to ${hop.frontend.kind} ${hop.frontend.name} (${hop.address}), whose WebSockets reach ${to.kind} ${to.name}`;
  const via = own.via.length ? own.via : [...new Set(routedFrom)];
  return {
    carries: true,
    intended: true,
    signals: [reason, ...own.signals],
    directives: [hop.server, ...own.directives],
    via,
    paths: info.paths,
    ...(info.app ? { app: info.app } : {}),
    intent: { signal: 'chained', reason, ...(info.app ? { app: info.app } : {}) },
  };
}
