/**
 * The shared questions Apache rules ask, answered once per unit and only when asked: which
 * modules are loaded, which directives httpd actually processes, which ProxyPass serves a path,
 * what the rewrite rules do, which timeouts apply to a tunnel, and which routes carry WebSockets.
 */
import * as path from 'node:path';
import type { Directive, Node, ParsedUnit } from '../../core/ast';
import type { Settings } from '../../core/settings';
import { lazy, lazyPer } from '../../core/lazy';
import { rootRouteUiApp, uiEndpointIntent } from '../../core/websocket/intent';
import { intentOf, type WebSocketIntent } from './intent';
import { type ConfigContext, loadInfo } from './load';
import { CONDITIONAL_SECTIONS } from './parser';
import { PathIndex } from './path-index';
import { compileRegex, parseProxyPass, parseSeconds, parseTargetUrl, pathMatches, type ProxyTarget } from './proxy';
import { type LoadedModule, ReadState } from './state';
import { originOf, rewritePathPrefix } from './rewrite';

const PER_DIR_SECTIONS = new Set(['location', 'locationmatch', 'directory', 'directorymatch', 'files', 'filesmatch', 'proxy', 'proxymatch']);

/** A value and the directive that set it (null: httpd's default). */
export interface Setting<T> {
  value: T;
  directive: Directive | null;
}

export interface ProxyRoute extends ProxyTarget {
  directive: Directive;
  kind: 'proxypass' | 'proxypassmatch';
  /** The `<Location>`/`<LocationMatch>` a path-less ProxyPass takes its path from. */
  location: Directive | null;
  /** `upgrade=` parameter, if any. */
  upgrade: string | undefined;
  /** `timeout=` parameter in seconds, if any. */
  workerTimeout: number | undefined;
  server: ServerScope;
  websocket: WebSocketIntent | null;
}

export interface RewriteCondInfo {
  directive: Directive;
  testString: string;
  pattern: string;
  flags: string[];
}

export interface RewriteRuleInfo {
  directive: Directive;
  pattern: string;
  target: string;
  /** Flags as written inside `[...]`, split on commas. */
  flags: string[];
  /** Flags by lower-cased name (`p`, `l`, `nc`, `e`): value after `=` or true. */
  flagMap: Record<string, string | true>;
  /** [P]: proxied through mod_proxy. */
  proxy: boolean;
  scheme: string;
  /** The RewriteConds that guard this rule (those right before it in the same context). */
  conds: RewriteCondInfo[];
  server: ServerScope;
  websocket: WebSocketIntent | null;
}

/** A `BalancerMember` of a `balancer://` cluster (in `<Proxy balancer://name>` or naming it). */
export interface BalancerMember {
  directive: Directive;
  /** The cluster name as written after balancer:// (lower-cased; httpd compares it so). */
  balancer: string;
  target: string;
  scheme: string;
  params: Record<string, string>;
  /** Index of the member URL argument. */
  targetArg: number;
}

export interface ServerScope {
  /** The `<VirtualHost>`, or null for the main server. */
  vhost: Directive | null;
  /** `SSLProxyEngine` (default off; a vhost inherits the main server's, observed on 2.4.71). */
  sslProxyEngine: Setting<boolean>;
  /** ProxyPass/ProxyPassMatch written in this scope (outside `<Location>`), in order. */
  proxyPasses: ProxyRoute[];
  /** Path-less ProxyPass entries inside `<Location>`/`<LocationMatch>` of this scope. */
  locationProxyPasses: ProxyRoute[];
  rewriteRules: RewriteRuleInfo[];
  /** Core `Timeout` (default 60 s; a vhost inherits the main server's). */
  timeout: Setting<number>;
  /** `ProxyTimeout` (default: the core Timeout). */
  proxyTimeout: Setting<number>;
  /**
   * `ProxyPreserveHost` of the server (default off: httpd sends the backend URL's host as Host; a
   * vhost inherits the main server's, as mod_proxy merges it).
   */
  preserveHost: Setting<boolean>;
  /** `ProxyPreserveHost` lines inside sections (`<Location>`, `<Directory>`, `<Proxy>`) of this scope. */
  preserveHostInSections: Directive[];
  /** Host names it serves (`ServerName`, then each `ServerAlias`); a vhost without any, the main server's. */
  served: { what: 'ServerName' | 'ServerAlias'; host: string }[];
}

export interface LogLevelModule {
  directive: Directive;
  /** 0-based argument index holding `module:level`. */
  argIndex: number;
  module: string;
  level: string;
  /** The loaded module it names, undefined when none (or unknown in a fragment). */
  loaded: LoadedModule | undefined;
}

export interface TunnelTimeout {
  /** Seconds an idle tunnel survives: max(Timeout, ProxyTimeout or the worker's timeout=). */
  seconds: number;
  timeout: Setting<number>;
  proxyTimeout: Setting<number>;
  workerTimeout: number | undefined;
}

export interface ApacheAnalysis {
  readonly context: ConfigContext;
  /** True when the module set is complete (a main config), so "not loaded" means not loaded. */
  readonly modulesKnown: boolean;
  /** Loaded modules by identifier (`proxy_module`), built-ins included, with where each was loaded. */
  readonly modules: ReadonlyMap<string, LoadedModule>;
  /** By identifier or source file name; undefined when the module set is unknown and it is absent. */
  hasModule(name: string): boolean | undefined;
  /** The module a LogLevel `name:` refers to (short name, identifier or source file). */
  findModule(name: string): LoadedModule | undefined;
  readonly defines: ReadonlyMap<string, string | true>;
  /** `${VAR}` expanded as httpd would (Define, then envvars; unknown left as written). */
  expand(s: string): string;
  /** Conditional containers and their verdicts (true: body applies). */
  readonly sections: ReadonlyMap<Directive, boolean>;
  /** Every directive httpd processes, in read order, includes spliced in. */
  readonly activeDirectives: readonly Directive[];
  /** The main server first, then each active `<VirtualHost>` in order. */
  readonly servers: readonly ServerScope[];
  serverOf(d: Directive): ServerScope;
  /** Every active ProxyPass/ProxyPassMatch, in read order. */
  readonly proxyRoutes: readonly ProxyRoute[];
  /** The routes in the order mod_proxy tries them for a request to `server`. */
  proxyOrder(server: ServerScope): ProxyRoute[];
  /** The route that serves `uri` on `server` (main server by default), as mod_proxy picks it. */
  routeFor(uri: string, server?: ServerScope): ProxyRoute | undefined;
  readonly rewriteRules: readonly RewriteRuleInfo[];
  /** Members of each `balancer://` cluster, by lower-cased name, in read order. */
  readonly balancers: ReadonlyMap<string, readonly BalancerMember[]>;
  /** The members a balancer:// route sends to; undefined when it is no balancer route or none is defined here. */
  balancerMembers(route: ProxyRoute | RewriteRuleInfo): readonly BalancerMember[] | undefined;
  /**
   * Could this RewriteRule apply to a request for `uri`? Server-context rules are matched as
   * mod_rewrite matches them (the URL-path); per-directory rules answer 'unknown'.
   */
  rewriteMayMatch(rule: RewriteRuleInfo, uri: string): boolean | 'unknown';
  /**
   * The http(s):// ProxyPass that, were this server-context rule absent, would carry every
   * request the rule catches to the same origin (scheme read ws→http, host, port) as the rule's
   * target; undefined when another backend, a local page, an exclusion or a route to elsewhere
   * under the rule's path would get some of them, or the pattern or target cannot be read.
   */
  sameOriginRoute(rule: RewriteRuleInfo): ProxyRoute | undefined;
  /**
   * A ws:// or wss:// RewriteRule [P] of the route's server that may take the WebSocket requests
   * for `uri` (the route's path by default) before mod_proxy's ProxyPass does (mod_rewrite
   * translates first): the handshake then never reaches the route. A vhost does not inherit the
   * main server's rules (without RewriteOptions Inherit). Regex and path-less routes answer any
   * ws rewrite of the server (their paths cannot be sampled).
   */
  upgradeRewriteFor(route: ProxyRoute, uri?: string | null): RewriteRuleInfo | undefined;
  tunnelTimeout(route: ProxyRoute | RewriteRuleInfo): TunnelTimeout;
  readonly logLevels: readonly LogLevelModule[];
}

/** httpd's core Timeout (and so ProxyTimeout) when nothing sets it. */
export const DEFAULT_TIMEOUT = 60;

function parseFlags(arg: string | undefined): string[] {
  if (!arg || !arg.startsWith('[') || !arg.endsWith(']')) return [];
  return arg
    .slice(1, -1)
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '');
}

export function analyzeApache(unit: ParsedUnit, settings: Settings): ApacheAnalysis {
  const info = lazy(() => loadInfo(unit));
  const state = () => info().state;

  const activeDirectives = lazy(() => {
    const out: Directive[] = [];
    const activity = state().activity;
    const visit = (nodes: Node[]): void => {
      for (const n of nodes) {
        if (n.type !== 'directive') continue;
        out.push(n);
        // The container itself is read (and evaluated); a failed condition skips its body.
        if (CONDITIONAL_SECTIONS.has(n.key) && activity.get(n) === false) continue;
        if (n.includes) for (const inc of n.includes) visit(inc.nodes);
        if (n.children) visit(n.children);
      }
    };
    visit(unit.nodes);
    return out;
  });

  /** Nearest enclosing VirtualHost (parents cross include boundaries). */
  const vhostOf = (d: Directive): Directive | null => {
    for (let p = d.parent; p; p = p.parent) if (p.key === 'virtualhost') return p;
    return null;
  };

  /** Inside a per-directory section (<Location>, <Directory>, <Files>, <Proxy> and their Match forms). */
  const inPerDirSection = (d: Directive): boolean => {
    for (let p = d.parent; p && p.key !== 'virtualhost'; p = p.parent) if (PER_DIR_SECTIONS.has(p.key)) return true;
    return false;
  };

  const baseScopes = lazy(() => {
    const main: ServerScope = {
      vhost: null,
      sslProxyEngine: { value: false, directive: null },
      proxyPasses: [],
      locationProxyPasses: [],
      rewriteRules: [],
      timeout: { value: DEFAULT_TIMEOUT, directive: null },
      proxyTimeout: { value: DEFAULT_TIMEOUT, directive: null },
      preserveHost: { value: false, directive: null },
      preserveHostInSections: [],
      served: [],
    };
    const byVhost = new Map<Directive, ServerScope>();
    const list: ServerScope[] = [main];
    const scopeOfVhost = (v: Directive): ServerScope => {
      let s = byVhost.get(v);
      if (!s) {
        s = { vhost: v, sslProxyEngine: main.sslProxyEngine, proxyPasses: [], locationProxyPasses: [], rewriteRules: [], timeout: main.timeout, proxyTimeout: main.proxyTimeout, preserveHost: main.preserveHost, preserveHostInSections: [], served: [] };
        byVhost.set(v, s);
        list.push(s);
      }
      return s;
    };
    const scopeOf = (d: Directive): ServerScope => {
      const v = vhostOf(d);
      return v ? scopeOfVhost(v) : main;
    };
    const routes: ProxyRoute[] = [];
    const rewrites: RewriteRuleInfo[] = [];
    const pendingConds = new Map<Directive | null, RewriteCondInfo[]>();
    const ownTimeout = new Map<ServerScope, Setting<number>>();
    const ownProxyTimeout = new Map<ServerScope, Setting<number>>();
    const ownSslProxy = new Map<ServerScope, Setting<boolean>>();
    const ownPreserveHost = new Map<ServerScope, Setting<boolean>>();
    const balancers = new Map<string, BalancerMember[]>();
    for (const d of activeDirectives()) {
      if (d.key === 'virtualhost') scopeOfVhost(d);
      switch (d.key) {
        case 'proxypass':
        case 'proxypassmatch': {
          const s = scopeOf(d);
          const t = parseProxyPass(d);
          const loc = d.parent && (d.parent.key === 'location' || d.parent.key === 'locationmatch') ? d.parent : null;
          const wt = t.params.timeout !== undefined ? parseSeconds(t.params.timeout, false) : undefined;
          const route: ProxyRoute = {
            ...t,
            directive: d,
            kind: d.key,
            location: loc,
            upgrade: t.params.upgrade,
            workerTimeout: wt !== undefined && !Number.isNaN(wt) ? wt : undefined,
            server: s,
            websocket: null,
          };
          route.websocket = intentOf(d, t.path, t.scheme, t.params.upgrade, settings);
          (loc ? s.locationProxyPasses : s.proxyPasses).push(route);
          routes.push(route);
          break;
        }
        case 'rewritecond': {
          const list2 = pendingConds.get(d.parent) ?? [];
          list2.push({ directive: d, testString: d.args[0] ?? '', pattern: d.args[1] ?? '', flags: parseFlags(d.args[2]) });
          pendingConds.set(d.parent, list2);
          break;
        }
        case 'rewriterule': {
          const s = scopeOf(d);
          const flags = parseFlags(d.args[2]);
          const flagMap: Record<string, string | true> = {};
          for (const f of flags) {
            const eq = f.indexOf('=');
            flagMap[(eq === -1 ? f : f.slice(0, eq)).toLowerCase()] = eq === -1 ? true : f.slice(eq + 1);
          }
          const target = d.args[1] ?? '';
          const m = /^([a-z][a-z0-9+.-]*):\/\//i.exec(target);
          const scheme = m ? m[1].toLowerCase() : '';
          const conds = pendingConds.get(d.parent) ?? [];
          pendingConds.delete(d.parent);
          const proxy = 'p' in flagMap || 'proxy' in flagMap;
          const info2: RewriteRuleInfo = { directive: d, pattern: d.args[0] ?? '', target, flags, flagMap, proxy, scheme, conds, server: s, websocket: null };
          const guarded = conds.some((c) => /^%\{HTTP:Upgrade\}$/i.test(c.testString));
          info2.websocket = intentOf(d, null, scheme, undefined, settings) ??
            (guarded ? { signal: 'upgrade-cond', reason: 'a RewriteCond tests %{HTTP:Upgrade}' } : null);
          s.rewriteRules.push(info2);
          rewrites.push(info2);
          break;
        }
        case 'timeout': {
          const v = parseSeconds(d.args[0] ?? '');
          if (!Number.isNaN(v)) ownTimeout.set(scopeOf(d), { value: v, directive: d });
          break;
        }
        case 'servername':
        case 'serveralias': {
          const what = d.key === 'servername' ? 'ServerName' : 'ServerAlias';
          // ServerName may carry a scheme and port (`https://cockpit.example.org:443`); it takes
          // one argument (httpd -t: "ServerName takes one argument"), ServerAlias any number.
          for (const a of d.args) {
            const host = a.replace(/^[a-z]+:\/\//i, '').replace(/:\d+$/, '').toLowerCase();
            if (host) scopeOf(d).served.push({ what, host });
          }
          break;
        }
        case 'proxypreservehost': {
          const s = scopeOf(d);
          if (inPerDirSection(d)) s.preserveHostInSections.push(d);
          else ownPreserveHost.set(s, { value: (d.args[0] ?? '').toLowerCase() === 'on', directive: d });
          break;
        }
        case 'sslproxyengine': {
          ownSslProxy.set(scopeOf(d), { value: (d.args[0] ?? '').toLowerCase() === 'on', directive: d });
          break;
        }
        case 'balancermember': {
          // Inside <Proxy balancer://name> the URL comes first; elsewhere `BalancerMember balancer://name url`.
          // (Proxy sections do not nest, and none holds a <VirtualHost>: the nearest <Proxy> above decides.)
          let p: Directive | null = d.parent;
          while (p && p.key !== 'proxy') p = p.parent;
          const section = p ? /^balancer:\/\/([^/\s]+)/i.exec(p.args[0] ?? '') : null;
          const named = /^balancer:\/\/([^/\s]+)/i.exec(d.args[0] ?? '');
          const name = section ? section[1] : named ? named[1] : null;
          if (!name) break;
          const targetArg = !section && named ? 1 : 0;
          const target = d.args[targetArg] ?? '';
          const params: Record<string, string> = {};
          for (let i = targetArg + 1; i < d.args.length; i++) {
            const eq = d.args[i].indexOf('=');
            if (eq > 0) params[d.args[i].slice(0, eq).toLowerCase()] = d.args[i].slice(eq + 1);
          }
          const m = /^([a-z][a-z0-9+.-]*):/i.exec(target);
          const key = name.toLowerCase();
          const list3 = balancers.get(key) ?? [];
          list3.push({ directive: d, balancer: key, target, scheme: m ? m[1].toLowerCase() : '', params, targetArg });
          balancers.set(key, list3);
          break;
        }
        case 'proxytimeout': {
          const v = parseSeconds(d.args[0] ?? '', false);
          if (!Number.isNaN(v)) ownProxyTimeout.set(scopeOf(d), { value: v, directive: d });
          break;
        }
      }
    }
    // Timeout merges per server (a vhost inherits the main server's); ProxyTimeout defaults to
    // the server's Timeout when unset anywhere.
    main.timeout = ownTimeout.get(main) ?? main.timeout;
    for (const s of list) {
      s.timeout = ownTimeout.get(s) ?? main.timeout;
      s.proxyTimeout = ownProxyTimeout.get(s) ?? ownProxyTimeout.get(main) ?? { value: s.timeout.value, directive: null };
      s.sslProxyEngine = ownSslProxy.get(s) ?? ownSslProxy.get(main) ?? s.sslProxyEngine;
      s.preserveHost = ownPreserveHost.get(s) ?? ownPreserveHost.get(main) ?? s.preserveHost;
      if (s !== main && !s.served.length) s.served = main.served;
    }
    // A balancer:// route carries what its members carry (members may be defined after it).
    for (const r of routes) {
      const m = r.websocket ? null : /^balancer:\/\/([^/\s]+)/i.exec(r.target);
      const ws = m && (balancers.get(m[1].toLowerCase()) ?? []).find((b) => b.scheme === 'ws' || b.scheme === 'wss');
      if (ws) r.websocket = { signal: 'scheme', reason: `its balancer member is ${ws.scheme}://` };
    }
    return { main, list, byVhost, routes, rewrites, balancers };
  });

  const serverOf = (d: Directive): ServerScope => {
    const v = vhostOf(d) ?? (d.key === 'virtualhost' ? d : null);
    return (v && scopes().byVhost.get(v)) || scopes().main;
  };

  const proxyOrder = (server: ServerScope): ProxyRoute[] => {
    const main = baseScopes().main;
    // mod_proxy merges a vhost's list after the main server's (base first).
    return server === main ? [...main.proxyPasses] : [...main.proxyPasses, ...server.proxyPasses];
  };

  // Per server: its merged <Location> and ProxyPass lists, indexed by path (routeFor is asked per
  // route; scanning both lists each time was n², issue 14).
  const routeIndex = lazyPer((s: ServerScope) => {
    const main = baseScopes().main;
    const locs = s === main ? main.locationProxyPasses : [...main.locationProxyPasses, ...s.locationProxyPasses];
    return { locs: new PathIndex(locs), passes: new PathIndex(proxyOrder(s)) };
  });

  const routeFor = (uri: string, server?: ServerScope): ProxyRoute | undefined => {
    const ix = routeIndex(server ?? baseScopes().main);
    // ProxyPass inside <Location> is found first (the location walk runs before translation);
    // among matching locations the last merged wins, main server's before the vhost's.
    const test = (r: ProxyRoute) => pathMatches(r, uri);
    return ix.locs.last(uri, test) ?? ix.passes.first(uri, test);
  };

  const balancerMembers = (route: ProxyRoute | RewriteRuleInfo): readonly BalancerMember[] | undefined => {
    const m = /^balancer:\/\/([^/\s]+)/i.exec(route.target);
    if (!m) return undefined;
    const members = baseScopes().balancers.get(m[1].toLowerCase());
    return members && members.length ? members : undefined;
  };

  const rewriteMayMatch = (rule: RewriteRuleInfo, uri: string): boolean | 'unknown' => {
    // Per-directory rules (<Directory>, <Location>, .htaccess) see a path with the prefix removed.
    for (let p = rule.directive.parent; p; p = p.parent) if (p.key !== 'virtualhost' && !CONDITIONAL_SECTIONS.has(p.key)) return 'unknown';
    if (info().context === 'htaccess') return 'unknown';
    let pat = rule.pattern;
    const negated = pat.startsWith('!');
    if (negated) pat = pat.slice(1);
    const re = compileRegex(pat, 'nc' in rule.flagMap || 'nocase' in rule.flagMap);
    if (!re) return 'unknown';
    return re.test(uri) !== negated;
  };

  const sameOriginRoute = (rule: RewriteRuleInfo): ProxyRoute | undefined => {
    for (let p = rule.directive.parent; p; p = p.parent) if (p.key !== 'virtualhost' && !CONDITIONAL_SECTIONS.has(p.key)) return undefined;
    if (info().context === 'htaccess') return undefined;
    const prefix = rewritePathPrefix(rule.pattern);
    const origin = originOf(state().expand(rule.target));
    if (prefix === null || origin === null) return undefined;
    const same = (r: ProxyRoute): boolean => (r.scheme === 'http' || r.scheme === 'https') && originOf(state().expand(r.target)) === origin;
    const route = routeFor(prefix, rule.server);
    if (!route || route.kind !== 'proxypass' || route.path === null || !prefix.startsWith(route.path) || !same(route)) return undefined;
    // a route deeper under the rule's path (an exclusion, another backend) takes some of its
    // requests, whether a ProxyPass line or one inside a <Location> (found first, see routeFor)
    const main = baseScopes().main;
    const locs = rule.server === main ? main.locationProxyPasses : [...main.locationProxyPasses, ...rule.server.locationProxyPasses];
    for (const r of [...locs, ...proxyOrder(rule.server)]) {
      if (r.kind !== 'proxypass' || r.path === null) {
        if (r !== route && !same(r)) return undefined;
        continue;
      }
      if (r.path.startsWith(prefix) && !same(r)) return undefined;
    }
    return route;
  };

  const upgradeRewriteFor = (route: ProxyRoute, uri?: string | null): RewriteRuleInfo | undefined => {
    const path = uri ?? (route.regex ? null : route.path);
    return route.server.rewriteRules.find((w) => w.proxy && (w.scheme === 'ws' || w.scheme === 'wss') && (path === null || rewriteMayMatch(w, path) !== false));
  };

  /**
   * A catch-all (or any literal-path route) to an application whose UI cannot work without a
   * WebSocket carries that WebSocket although no path says so: the app's pages open `endpoint`
   * under the route. Claimed only when the route itself serves that URI (no deeper ProxyPass,
   * <Location> or exclusion takes it, no ws:// rewrite of the server catches it), the target's
   * path is the app's root, and the app is identified as for nginx (core/websocket/intent:
   * rootRouteUiApp): at `/` by a host name the server serves, the backend, or the name of the file
   * the route is written in; under a prefix by the backend or the prefix's own name, and only for
   * an app whose pages open their WebSocket relative to themselves.
   */
  const uiIntent = (r: ProxyRoute): WebSocketIntent | null => {
    if (r.kind !== 'proxypass' || r.regex || r.path === null || !/^https?$/.test(r.scheme)) return null;
    const t = parseTargetUrl(state().expand(r.target));
    if (!t || t.path !== '/') return null;
    const what = r.location ? `<${r.location.name}>` : r.directive.name;
    const ui = rootRouteUiApp({ path: r.path, served: r.server.served, backendHost: t.host, backendPort: t.port ?? undefined, fileName: path.basename(r.directive.file.path), what });
    if (!ui) return null;
    // The main endpoint first; a further one (HA's add-on ingress) only when the config upgrades
    // the main one elsewhere (a ws:// route or rewrite) and leaves this one to the plain route:
    // an exclusion or a plain route for the main one says nothing about the others.
    const root = r.path.replace(/\/+$/, '');
    const upgradedElsewhere = (uri: string): boolean => {
      const m = routeFor(uri, r.server);
      return upgradeRewriteFor(r, uri) !== undefined || (m !== undefined && m !== r && m.kind === 'proxypass' && (m.scheme === 'ws' || m.scheme === 'wss' || m.upgrade !== undefined));
    };
    const servesHere = (uri: string) => routeFor(uri, r.server) === r && !upgradeRewriteFor(r, uri);
    return uiEndpointIntent(ui, root, servesHere, () => upgradedElsewhere(root + ui.app.ui.endpoint)) ?? null;
  };

  const scopes = lazy(() => {
    const built = baseScopes();
    for (const r of built.routes) if (!r.websocket) r.websocket = uiIntent(r);
    return built;
  });

  const tunnelTimeout = (route: ProxyRoute | RewriteRuleInfo): TunnelTimeout => {
    const s = route.server;
    const wt = 'workerTimeout' in route ? route.workerTimeout : undefined;
    const backend = wt ?? s.proxyTimeout.value;
    return { seconds: Math.max(s.timeout.value, backend), timeout: s.timeout, proxyTimeout: s.proxyTimeout, workerTimeout: wt };
  };

  const findModule = (name: string): LoadedModule | undefined => {
    const st = state();
    return st.findModule(name) ?? st.findModule(`${name}_module`) ?? st.findModule(`mod_${name}.c`);
  };

  const logLevels = lazy(() => {
    const out: LogLevelModule[] = [];
    for (const d of activeDirectives()) {
      if (d.key !== 'loglevel') continue;
      d.args.forEach((a, i) => {
        const colon = a.lastIndexOf(':');
        if (colon <= 0) return;
        const module = a.slice(0, colon);
        out.push({ directive: d, argIndex: i, module, level: a.slice(colon + 1), loaded: findModule(module) });
      });
    }
    return out;
  });

  return {
    get context() {
      return info().context;
    },
    get modulesKnown() {
      return state().modulesKnown;
    },
    get modules() {
      return state().modules;
    },
    hasModule(name: string) {
      const found = findModule(name) !== undefined;
      return found || state().modulesKnown ? found : undefined;
    },
    findModule,
    get defines() {
      return state().defines;
    },
    expand: (s: string) => state().expand(s),
    get sections() {
      return state().activity;
    },
    get activeDirectives() {
      return activeDirectives();
    },
    get servers() {
      return scopes().list;
    },
    serverOf,
    get proxyRoutes() {
      return scopes().routes;
    },
    // Routes handed out only after the catch-all pass has set their intent (scopes()).
    proxyOrder: (server) => (scopes(), proxyOrder(server)),
    routeFor: (uri, server) => (scopes(), routeFor(uri, server)),
    get rewriteRules() {
      return scopes().rewrites;
    },
    get balancers() {
      return scopes().balancers;
    },
    balancerMembers,
    rewriteMayMatch,
    sameOriginRoute: (rule) => (scopes(), sameOriginRoute(rule)),
    upgradeRewriteFor,
    tunnelTimeout,
    get logLevels() {
      return logLevels();
    },
  };
}
