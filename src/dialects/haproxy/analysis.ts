/**
 * Shared HAProxy analyses for rules, each computed on first use and kept (core/lazy).
 */
import type { Directive, ParsedUnit } from '../../core/ast';
import { lazy, lazyPer } from '../../core/lazy';
import type { Settings } from '../../core/settings';
import { collectProxies, type Proxy, type ProxyProblem, type TimeoutSetting } from './proxies';
import { routesOf, type Route } from './routing';
import { websocketFacts, chainedWebSocket, type WebSocketInfo } from './websocket';
import { hopFinder, type Hop } from './chain';
import { jailOf, serversInJail, type Jail, type JailedServer } from './chroot';
import { aclFetches, conditionReads, contentFetch, ruleSections, waitsForRequest, type ContentRead } from './inspection';

export interface IncomingRoute {
  from: Proxy;
  route: Route;
}

export class HaproxyAnalysis {
  constructor(
    readonly unit: ParsedUnit,
    readonly settings: Settings,
  ) {}

  private readonly collected = lazy(() => collectProxies(this.unit.nodes));

  /** frontend, backend and listen sections in file order, with effective mode and timeouts. */
  get proxies(): Proxy[] {
    return this.collected().proxies;
  }

  /** defaults sections in file order (their own effective values, `from` applied). */
  get defaults(): Proxy[] {
    return this.collected().defaults;
  }

  /** What `haproxy -c` would reject about proxy structure (`from` naming no defaults section). */
  get problems(): ProxyProblem[] {
    return this.collected().problems;
  }

  /** The proxy (or defaults) a section directive declares. */
  proxyOf(section: Directive): Proxy | undefined {
    return this.bySection().get(section);
  }

  private readonly bySection = lazy(() => new Map([...this.proxies, ...this.defaults].map((p) => [p.section, p])));

  /** A proxy with backend capability (backend/listen) or frontend capability by name. */
  find(name: string, capability: 'backend' | 'frontend'): Proxy | undefined {
    // The first proxy of that name with the capability, as a scan in file order would find it;
    // indexed once (a frontend with 6,000 use_backend lines asks 6,000 times).
    return this.byName().get(name)?.[capability];
  }

  private readonly byName = lazy(() => {
    const m = new Map<string, { backend?: Proxy; frontend?: Proxy }>();
    for (const p of this.proxies) {
      let e = m.get(p.name);
      if (!e) m.set(p.name, (e = {}));
      if (p.kind === 'listen' || p.kind === 'backend') e.backend ??= p;
      if (p.kind === 'listen' || p.kind === 'frontend') e.frontend ??= p;
    }
    return m;
  });

  /** The use_backend / default_backend routes of a proxy. */
  readonly routes = lazyPer((p: Proxy): Route[] => routesOf(p));

  /** Backends a frontend/listen can send traffic to (dynamic names left out). */
  backendsOf(p: Proxy): Proxy[] {
    const out: Proxy[] = [];
    for (const r of this.routes(p)) {
      const b = r.dynamic ? undefined : this.find(r.backend, 'backend');
      if (b && !out.includes(b)) out.push(b);
    }
    return out;
  }

  /** Routes from frontends/listens that select backend `b`. */
  incoming(b: Proxy): IncomingRoute[] {
    // Indexed by backend name once, in the order a scan of proxies and their routes gives.
    return [...(this.incomingByName().get(b.name) ?? [])];
  }

  private readonly incomingByName = lazy(() => {
    const m = new Map<string, IncomingRoute[]>();
    for (const p of this.proxies) {
      // Stryker disable next-line ConditionalExpression,StringLiteral: a speed-up; a backend has no use_backend/default_backend (haproxy -c rejects them there), so its routes are empty anyway
      if (p.kind === 'backend') continue;
      for (const route of this.routes(p)) {
        // Stryker disable next-line ConditionalExpression: a `%[…]` name indexed as is matches no proxy name; skipping it only saves the entry
        if (route.dynamic) continue;
        let list = m.get(route.backend);
        if (!list) m.set(route.backend, (list = []));
        list.push({ from: p, route });
      }
    }
    return m;
  });

  /**
   * Does proxy `p` carry WebSockets, and why. A backend with no signal of its own whose server is
   * a frontend of this config (dialects/haproxy/chain) carries what that frontend delivers: the
   * WebSockets reach their backend through it, under its idle limits first.
   */
  readonly websocket = lazyPer((p: Proxy): WebSocketInfo => {
    const own = this.websocketFacts().websocketOf(p, p.kind === 'frontend' ? [] : this.incoming(p));
    if (own.intended || p.kind === 'frontend') return own;
    const hop = this.chainedTo(p, new Set([p]));
    return hop ? chainedWebSocket(own, hop, this.incoming(p).map((r) => r.from)) : own;
  });

  /** The first frontend `p` forwards to that delivers WebSockets, with a backend they reach. */
  private chainedTo(p: Proxy, seen: Set<Proxy>): { hop: Hop; to: Proxy; info: WebSocketInfo } | undefined {
    for (const hop of this.hops()(p)) {
      const f = hop.frontend;
      // A listen forwards with servers of its own: it is the WebSocket's next proxy itself.
      const next = f.kind === 'listen' ? [f] : this.reachable(f);
      for (const b of next) {
        if (seen.has(b)) continue;
        seen.add(b);
        const direct = this.websocketFacts().websocketOf(b, this.incoming(b));
        if (direct.intended && direct.carries) return { hop, to: b, info: direct };
        const further = this.chainedTo(b, seen);
        if (further) return { hop, to: further.to, info: further.info };
      }
    }
    return undefined;
  }

  private readonly backendCapable = lazy(() => this.proxies.filter((b) => b.kind !== 'frontend'));

  private readonly hops = lazy(() => hopFinder(this.proxies.filter((f) => f.kind !== 'backend')));

  /** Backends a frontend can send to; a `use_backend %[…]` can name any backend of the config. */
  private reachable(f: Proxy): Proxy[] {
    if (this.routes(f).some((r) => r.dynamic)) return this.backendCapable().filter((b) => b !== f);
    return this.backendsOf(f);
  }

  private readonly websocketFacts = lazy(() => websocketFacts(this.settings.websocket.paths, (f) => this.routes(f)));

  /**
   * The idle limit of an upgraded connection through backend/listen `p`: `timeout tunnel` when
   * set to a non-zero value (HAProxy treats 0 as unset), else null — the tunnel then dies at
   * `timeout client`/`timeout server`.
   */
  /** The global `chroot` (null: none, or `/`). */
  get jail(): Jail | null {
    return this.jailed().jail;
  }

  /** Servers whose absolute unix socket path HAProxy opens inside the chroot (dialects/haproxy/chroot). */
  get jailedServers(): JailedServer[] {
    return this.jailed().servers;
  }

  private readonly jailed = lazy(() => {
    const jail = jailOf(this.unit.nodes);
    return { jail, servers: jail ? serversInJail(this.unit.nodes, this.proxies, jail) : [] };
  });

  /**
   * Is the proxy in mode tcp for certain? Yes when a mode line says so (its own or its defaults'),
   * or HAProxy's default applies in a whole config: one with a `global` or `defaults` section, or
   * whose other proxies set `mode http` themselves. A file of bare proxies with no mode anywhere
   * is taken for an excerpt (docs pasting frontends under the reader's `defaults`, which
   * Debian's stock file gives `mode http`): its mode is not known.
   */
  knownTcp(p: Proxy): boolean {
    if (p.mode.value !== 'tcp') return false;
    if (p.mode.directive || p.defaults) return true;
    return this.wholeConfig();
  }

  private readonly wholeConfig = lazy(
    () =>
      this.unit.nodes.some((n) => n.type === 'directive' && (n.key === 'global' || n.key === 'defaults')) ||
      this.proxies.some((q) => q.mode.directive !== null && q.mode.value === 'http'),
  );

  /** Does a mode tcp proxy wait for request bytes before use_backend runs (dialects/haproxy/inspection)? */
  readonly waitsForRequest = lazyPer((p: Proxy): boolean => waitsForRequest(p));

  /**
   * What a use_backend route reads of the request: the first condition word reading request
   * bytes, else a `%[…]` backend name built from such a fetch (arg 0).
   */
  readonly routeReads = lazyPer((p: Proxy): Map<Route, ContentRead> => {
    const m = new Map<Route, ContentRead>();
    const acls = aclFetches(ruleSections(p));
    for (const r of this.routes(p)) {
      if (r.isDefault) continue;
      const args = r.directive.args;
      const c = args.findIndex((a) => a === 'if' || a === 'unless');
      const read = c === -1 ? undefined : conditionReads(args, c + 1, acls);
      if (read) m.set(r, read);
      else if (r.dynamic) {
        const f = /%\[([^\]]*)/.exec(r.backend);
        const fetch = f ? contentFetch(f[1]) : null;
        if (fetch) m.set(r, { arg: 0, fetch });
      }
    }
    return m;
  });

  /**
   * Where a connection goes when this request-reading use_backend misses because nothing has
   * arrived yet: the next route that can still match without request bytes. Null when that is a
   * conditional route (it may or may not match) or none (closed, or a listen's own servers).
   * When it names the route's own backend the miss changes nothing (nextcloud/all-in-one's
   * OPNsense export: `use_backend acme if path_beg …` beside `default_backend acme`).
   */
  missFallback(p: Proxy, route: Route): string | null {
    const reads = this.routeReads(p);
    const rs = this.routes(p);
    for (let i = rs.indexOf(route) + 1; i < rs.length; i++) {
      const r = rs[i];
      if (r.isDefault || reads.has(r)) continue; // default_backend comes last; a reading route misses as well
      if (r.dynamic || r.condition.length) return null;
      return r.backend;
    }
    // default_backend applies whatever its place among the use_backend lines.
    const d = rs.find((r) => r.isDefault && !r.dynamic);
    return d ? d.backend : null;
  }

  tunnelTimeout(p: Proxy): TimeoutSetting | null {
    const t = p.timeouts.tunnel;
    return t && (t.ms ?? 0) > 0 ? t : null;
  }
}

export function analyzeHaproxy(unit: ParsedUnit, settings: Settings): HaproxyAnalysis {
  return new HaproxyAnalysis(unit, settings);
}
