/**
 * Shared HAProxy analyses for rules, each computed on first use and kept.
 */
import type { Directive, ParsedUnit } from '../../core/ast';
import type { Settings } from '../../core/settings';
import { collectProxies, type Proxy, type ProxyProblem, type TimeoutSetting } from './proxies';
import { routesOf, type Route } from './routing';
import { websocketOf, type WebSocketInfo } from './websocket';

export interface IncomingRoute {
  from: Proxy;
  route: Route;
}

export class HaproxyAnalysis {
  private cache = new Map<string, unknown>();
  private wsCache = new Map<Proxy, WebSocketInfo>();

  constructor(
    readonly unit: ParsedUnit,
    readonly settings: Settings,
  ) {}

  private once<T>(key: string, compute: () => T): T {
    // Stryker disable next-line ConditionalExpression: a cache; computing again gives an equal result (only slower)
    if (!this.cache.has(key)) this.cache.set(key, compute());
    return this.cache.get(key) as T;
  }

  private get collected(): ReturnType<typeof collectProxies> {
    // Stryker disable next-line StringLiteral: a cache key; any key distinct from the others caches the same value
    return this.once('proxies', () => collectProxies(this.unit.nodes));
  }

  /** frontend, backend and listen sections in file order, with effective mode and timeouts. */
  get proxies(): Proxy[] {
    return this.collected.proxies;
  }

  /** defaults sections in file order (their own effective values, `from` applied). */
  get defaults(): Proxy[] {
    return this.collected.defaults;
  }

  /** What `haproxy -c` would reject about proxy structure (`from` naming no defaults section). */
  get problems(): ProxyProblem[] {
    return this.collected.problems;
  }

  /** The proxy (or defaults) a section directive declares. */
  proxyOf(section: Directive): Proxy | undefined {
    // Stryker disable next-line StringLiteral: a cache key; any key distinct from the others caches the same value
    return this.once('bySection', () => new Map([...this.proxies, ...this.defaults].map((p) => [p.section, p]))).get(section);
  }

  /** A proxy with backend capability (backend/listen) or frontend capability by name. */
  find(name: string, capability: 'backend' | 'frontend'): Proxy | undefined {
    // The first proxy of that name with the capability, as a scan in file order would find it;
    // indexed once (a frontend with 6,000 use_backend lines asks 6,000 times).
    // Stryker disable next-line StringLiteral: a cache key; any key distinct from the others caches the same value
    const index = this.once('byName', () => {
      const m = new Map<string, { backend?: Proxy; frontend?: Proxy }>();
      for (const p of this.proxies) {
        let e = m.get(p.name);
        if (!e) m.set(p.name, (e = {}));
        if (p.kind === 'listen' || p.kind === 'backend') e.backend ??= p;
        if (p.kind === 'listen' || p.kind === 'frontend') e.frontend ??= p;
      }
      return m;
    });
    return index.get(name)?.[capability];
  }

  private routeCache = new Map<Proxy, Route[]>();

  routes(p: Proxy): Route[] {
    let r = this.routeCache.get(p);
    // Stryker disable next-line ConditionalExpression: a cache; routesOf again gives equal routes
    if (!r) this.routeCache.set(p, (r = routesOf(p)));
    return r;
  }

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
    // Stryker disable next-line StringLiteral: a cache key; any key distinct from the others caches the same value
    const index = this.once('incoming', () => {
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
    return [...(index.get(b.name) ?? [])];
  }

  websocket(p: Proxy): WebSocketInfo {
    let w = this.wsCache.get(p);
    // Stryker disable next-line ConditionalExpression: a cache; websocketOf again gives an equal result
    if (!w) {
      w = websocketOf(p, this.settings.websocket.paths, p.kind === 'frontend' ? [] : this.incoming(p), (f) => this.routes(f));
      this.wsCache.set(p, w);
    }
    return w;
  }

  /**
   * The idle limit of an upgraded connection through backend/listen `p`: `timeout tunnel` when
   * set to a non-zero value (HAProxy treats 0 as unset), else null — the tunnel then dies at
   * `timeout client`/`timeout server`.
   */
  tunnelTimeout(p: Proxy): TimeoutSetting | null {
    const t = p.timeouts.tunnel;
    return t && (t.ms ?? 0) > 0 ? t : null;
  }
}

export function analyzeHaproxy(unit: ParsedUnit, settings: Settings): HaproxyAnalysis {
  return new HaproxyAnalysis(unit, settings);
}
