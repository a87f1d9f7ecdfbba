/**
 * The nginx analyses rules share, computed lazily and once per unit (core/lazy). Rules ask; they do not
 * re-derive inheritance, maps or intent themselves.
 */
import type { Directive, Node, ParsedUnit } from '../../../core/ast';
import type { Settings } from '../../../core/settings';
import { unitTable, type UnitTable } from './table';
import { argAt, argCount, hasListenParam } from '../node';
import { effectiveHeaders, type EffectiveHeaders } from './headers';
import { flagValue, inherited, levelOf } from './levels';
import { collectMaps, evaluateUpgradeMap, type MapInfo } from './maps';
import { definedVariables, variableUses, type VariableUses } from './variables';
import { connectionVerdict, soleVariable, upgradeVerdict, type HeaderVerdict } from './handshake';
import { whereIs } from './describe';
import { markedAsEventStream, markedByComment, upgradeGuard, type WebSocketIntent } from './websocket';
import { COMMENT_REASON, configIntent, configuredPath, EVENT_STREAM_COMMENT_REASON, nameIntent, pathIntent, pathLooksLikeEventStream, rootRouteUiApp, uiEndpointIntent, type EventStreamIntent } from '../../../core/websocket/intent';
import { lazy, lazyPer } from '../../../core/lazy';
import { compilePattern } from '../../../core/regex';
import { appForMount, appForName, appForPort, uiAppFor, type WebSocketApp } from '../../../core/websocket/apps';
import { proxyTarget } from './target';

export { parseTime, flagValue } from './levels';
export { argAt, argCount, hasArg, hasListenParam, listenParamIndex } from '../node';
export type { EffectiveHeaders, HeaderSetting } from './headers';
export type { MapInfo } from './maps';
export type { WebSocketIntent } from './websocket';
export type { HeaderVerdict, HeaderVerdictKind } from './handshake';
export { headerTokens, soleVariable } from './handshake';
export { levelName, whereIs, headRange, routeLabel, quoted, whereAll } from './describe';
export { proxyTarget, type ProxyTarget } from './target';

export interface LocationInfo {
  directive: Directive;
  /** `=`, `~`, `~*`, `^~` or '' */
  modifier: string;
  path: string;
  server: Directive | null;
  /**
   * The proxy_pass that serves the location: its own, else one in an `if` or `limit_except`
   * block directly inside it (nginx allows proxy_pass there, and those blocks take every other
   * proxy_* setting from the location: proxy_set_header and proxy_http_version are not allowed
   * inside them, so the location's list is what such a proxy_pass sends).
   */
  proxyPass?: Directive;
  /** Every proxy_pass of the location: its own and those in its `if`/`limit_except` blocks. */
  proxyPasses: Directive[];
  /** The node list the location sits in (for comment markers). */
  siblings: Node[] | undefined;
}

export interface ListenInfo {
  directive: Directive;
  ssl: boolean;
}

export interface UpstreamInfo {
  directive: Directive;
  name: string;
  keepalive?: Directive;
}

export class NginxAnalysis {
  constructor(
    readonly unit: ParsedUnit,
    readonly settings: Settings,
  ) {}

  private readonly tableFact = lazy(() => unitTable(this.unit.nodes));

  /** The unit's directives by name and by block, built in one pass (analysis/table.ts). */
  get table(): UnitTable {
    return this.tableFact();
  }

  get fragment(): boolean {
    return this.unit.fragment;
  }

  /** Every location block, nested ones included, in document order. */
  get locations(): LocationInfo[] {
    return this.locationsFact();
  }

  private readonly locationsFact = lazy((): LocationInfo[] => {
    const out: LocationInfo[] = [];
    const t = this.table;
    const nested = nestedProxyPasses(t);
    for (const n of t.all('location')) {
      if (!n.children) continue;
      const argc = argCount(n);
      const modifier = argc > 1 ? argAt(n, 0)! : '';
      let server: Directive | null = n.parent;
      while (server && server.key !== 'server') server = server.parent;
      const own = t.in(n, 'proxy_pass');
      const inner = nested.get(n);
      // Stryker disable next-line MethodExpression: a copy of the table's own list, which no caller of proxyPasses changes
      const all = inner ? [...own, ...inner] : own.slice();
      out.push({
        directive: n,
        modifier,
        path: argAt(n, argc - 1) ?? '',
        server,
        proxyPass: all[0],
        proxyPasses: all,
        siblings: t.listOf.get(n),
      });
    }
    return out;
  });

  /** The locations of one server block, nested ones included (indexed once for all servers). */
  locationsOf(server: Directive | null): LocationInfo[] {
    return this.locationsByServer().get(server) ?? [];
  }

  private readonly locationsByServer = lazy(() => {
    const m = new Map<Directive | null, LocationInfo[]>();
    for (const l of this.locations) {
      let list = m.get(l.server);
      if (!list) m.set(l.server, (list = []));
      list.push(l);
    }
    return m;
  });

  location(d: Directive): LocationInfo | undefined {
    return this.locationByDirective().get(d);
  }

  private readonly locationByDirective = lazy(() => new Map(this.locations.map((l) => [l.directive, l])));

  /** proxy_set_header in force at a level (a location, server, http or `if` block). */
  readonly headersAt = lazyPer((level: Directive | null): EffectiveHeaders => effectiveHeaders(level, this.unit.nodes));

  /** The directive `key` in force at `level` after inheritance (proxy_read_timeout, proxy_http_version, …). */
  inherited(level: Directive | null, key: string): Directive | undefined {
    return inherited(level, key, this.unit.nodes);
  }

  /**
   * An on/off directive in force at `level`: true, false, or undefined when nothing sets it.
   * nginx reads flags ignoring case (ngx_conf_set_flag_slot: ngx_strcasecmp), so `OFF` is off.
   */
  flag(level: Directive | null, key: string): boolean | undefined {
    const d = this.inherited(level, key);
    return d ? flagValue(d) : undefined;
  }

  levelOf(d: Directive): Directive | null {
    return levelOf(d);
  }

  private readonly mapsFact = lazy(() => collectMaps(this.unit.nodes));

  get maps(): Map<string, MapInfo> {
    return this.mapsFact();
  }

  /**
   * For a variable defined by a map over $http_upgrade (its bare lower-case name, as soleVariable
   * and the maps' keys give it): its value for a handshake and for plain requests. Evaluated once
   * per variable: every WebSocket location asks about the same $connection_upgrade.
   */
  readonly upgradeMapValues = lazyPer((variable: string): { handshake: string; plain: string; map: MapInfo } | undefined => {
    const map = this.maps.get(variable);
    const v = map && evaluateUpgradeMap(map);
    return v ? { ...v, map: map! } : undefined;
  });

  private readonly definedVariablesFact = lazy(() => definedVariables(this.unit.nodes));

  get definedVariables(): Map<string, Directive> {
    return this.definedVariablesFact();
  }

  private readonly variableUsesFact = lazy(() => variableUses(this.unit.nodes));

  get variableUses(): VariableUses {
    return this.variableUsesFact();
  }

  private readonly upstreamsFact = lazy(() => {
    const out = new Map<string, UpstreamInfo>();
    const t = this.table;
    for (const n of t.all('upstream')) {
      if (n.children) out.set(argAt(n, 0)!, { directive: n, name: argAt(n, 0)!, keepalive: t.in(n, 'keepalive')[0] });
    }
    return out;
  });

  get upstreams(): Map<string, UpstreamInfo> {
    return this.upstreamsFact();
  }

  /**
   * Upstream blocks by lowercased name: nginx finds an upstream ignoring case (ngx_http_upstream_add),
   * and two blocks whose names differ only in case fail nginx -t ("duplicate upstream").
   */
  private readonly upstreamsByLowerName = lazy(() => {
    const out = new Map<string, UpstreamInfo>();
    for (const [name, up] of this.upstreams) out.set(name.toLowerCase(), up);
    return out;
  });

  /** The upstream block named `host`, as nginx finds it (ignoring case). */
  upstreamNamed(host: string): UpstreamInfo | undefined {
    return this.upstreamsByLowerName().get(host.toLowerCase());
  }

  /** The upstream block a proxy_pass points at (`http://name` or `http://name/path`). */
  upstreamOf(proxyPass: Directive): UpstreamInfo | undefined {
    return this.upstreamOfTarget(argAt(proxyPass, 0) ?? '');
  }

  private upstreamOfTarget(target: string): UpstreamInfo | undefined {
    const host = proxyTarget(target)?.host;
    return host ? this.upstreamNamed(host) : undefined;
  }

  /**
   * listen directives of a server block, with the pre-1.25.1 `ssl on;` folded into each listener.
   */
  listeners(server: Directive): ListenInfo[] {
    const sslOn = this.flag(server, 'ssl') === true;
    return this.table
      .in(server, 'listen')
      .map((d) => ({
        directive: d,
        ssl: sslOn || hasListenParam(d, 'ssl') || hasListenParam(d, 'quic'),
      }));
  }

  /**
   * Listeners of `server` that speak cleartext HTTP/2 only (nginx < 1.25.1 semantics): nginx
   * merges `listen` options per address:port across every server block, so a `listen … http2`
   * in one server makes the port HTTP/2 for all servers on it, and an `ssl` anywhere makes it TLS.
   * `cause` is the `listen … http2` that turned HTTP/2 on (the listener itself or another
   * server's). `http2 on;` is no cause: nginx before 1.25.1 refuses it (unknown directive, observed
   * on 1.22.1), and from 1.25.1 a cleartext HTTP/2 port serves HTTP/1.x too.
   */
  cleartextHttp2(server: Directive): { listen: Directive; cause: Directive; shared: boolean }[] {
    const byAddress = this.listenAddresses();
    const out: { listen: Directive; cause: Directive; shared: boolean }[] = [];
    for (const l of this.listeners(server)) {
      const e = byAddress.get(listenAddress(l.directive));
      if (!e || e.ssl || e.http2.length === 0) continue;
      const mine = e.http2.find((c) => c === l.directive);
      const cause = mine ?? e.http2[0];
      out.push({ listen: l.directive, cause, shared: !mine });
    }
    return out;
  }

  /** Per `listen` address:port, across every server block: TLS anywhere, and what turns HTTP/2 on there. */
  private readonly listenAddresses = lazy(() => {
    const m = new Map<string, { ssl: boolean; http2: Directive[] }>();
    for (const s of this.servers) {
      for (const l of this.listeners(s)) {
        const key = listenAddress(l.directive);
        let e = m.get(key);
        if (!e) m.set(key, (e = { ssl: false, http2: [] }));
        e.ssl ||= l.ssl;
        if (hasListenParam(l.directive, 'http2')) e.http2.push(l.directive);
      }
    }
    return m;
  });

  /**
   * Why a location carries a Server-Sent Events stream (or other long streamed responses), or
   * undefined: a `# proxylint: event-stream` comment, one of `paths` (a rule option, same syntax
   * as websocket.paths), or a path segment like /events, /sse, /stream. Only proxying locations count.
   */
  eventStreamIntent(loc: LocationInfo, paths: string[]): EventStreamIntent | undefined {
    if (!loc.proxyPass) return undefined;
    if (markedAsEventStream(loc.directive)) return { signal: 'comment', reason: EVENT_STREAM_COMMENT_REASON };
    const configured = configuredPath(loc.path, paths);
    if (configured) return { signal: 'config', reason: `the rule's paths option lists ${configured}` };
    if (!pathLooksLikeEventStream(loc.path)) return undefined;
    // A path word against the location's own handshake setup: the backend sees only handshakes
    // (an upgrade guard, a literal Upgrade value), which nginx relays unbuffered once upgraded.
    const up = this.headersAt(loc.directive).get('Upgrade');
    if (upgradeGuard(this.table, loc.directive) || (up && up.value !== '' && !up.value.includes('$'))) return undefined;
    return { signal: 'path', reason: `its path ${loc.path} looks like an event stream` };
  }

  /** Why a location carries WebSockets, or undefined when nothing says it does. Only proxying locations count. */
  readonly websocketIntent = lazyPer((loc: LocationInfo): WebSocketIntent | undefined => this.computeIntent(loc));

  private computeIntent(loc: LocationInfo): WebSocketIntent | undefined {
    if (!loc.proxyPass) return undefined;
    // An `internal;` location answers only nginx's own subrequests (auth_request, error_page,
    // X-Accel-Redirect): a client's handshake never reaches it.
    if (this.table.in(loc.directive, 'internal').length) return undefined;
    const only = this.websocketOnly(loc);
    if (only && only.signal !== 'path') return only;
    const h = this.headersAt(loc.directive);
    const up = h.get('Upgrade');
    if (up && up.value !== '') return new DirectiveIntent('it sets the Upgrade header (', up.directive, loc.directive, ')', only?.app ?? this.appByName(loc));
    const conn = h.get('Connection');
    if (conn && /upgrade/i.test(conn.value)) {
      return { signal: 'headers', reason: conn.value.includes('$') ? `it sets the Connection header to ${conn.value}` : 'it sets "Connection: upgrade"', app: only?.app ?? this.appByName(loc) };
    }
    const connVar = conn && soleVariable(conn.value);
    if (connVar && this.upgradeMapValues(connVar)) {
      return { signal: 'headers', reason: `its Connection header comes from a map over $http_upgrade (${conn.value})`, app: only?.app ?? this.appByName(loc) };
    }
    // The ASP.NET Core recipe: Connection passed through from the client, the cache bypassed for upgrades.
    if (conn && soleVariable(conn.value) === 'http_connection') {
      return { signal: 'headers', reason: `it passes the client's Connection header (${conn.value})`, app: only?.app ?? this.appByName(loc) };
    }
    const bypass = this.upgradeCacheBypass(loc.directive);
    if (bypass) {
      return new DirectiveIntent('it bypasses the cache for upgrades (proxy_cache_bypass $http_upgrade, ', bypass, loc.directive, ')', only?.app ?? this.appByName(loc));
    }
    // `if ($http_upgrade = "websocket") { proxy_pass …; }`: the location routes handshakes on purpose.
    const test = upgradeTest(this.table, loc.directive);
    if (test) return new DirectiveIntent('it tests the Upgrade header (', test, loc.directive, ')', only?.app ?? this.appByName(loc));
    if (only) return only;
    if (loc.path === '/' || loc.modifier === '') {
      const byName = this.nameIntent(loc);
      // An application with its own endpoint paths: only the location nginx picks for one of them.
      // In a fragment (no server block) among the locations it shows: the including server may
      // hold more, which could only take an endpoint away (bigbluebutton/docker's bbb/notes.nginx
      // proxies /pad/p/, /static, … to Etherpad beside its /pad/socket.io location).
      const endpoints = byName?.app?.endpoints;
      if (byName && (!endpoints || endpoints.some((e) => this.servingLocation(loc.server, e) === loc))) return byName;
    }
    return this.uiIntent(loc);
  }

  /**
   * A catch-all serving an application whose UI cannot work without a WebSocket (`ui` in
   * core/websocket/apps) carries that WebSocket although no path in the config says so. The app
   * is identified as for Apache (core/websocket/intent rootRouteUiApp: a server_name's leftmost label, the backend's host,
   * a port only it uses, last the name of the file the server block is written in:
   * `sites-available/plausible`, `conf.d/gotify.conf`). Claimed for `location /` whose
   * proxy_pass keeps the request path (no URI part, or `/`), and, as Apache claims any literal
   * route to the app's root, for a literal prefix mounting the app's root (`location /ttyd/` to
   * `http://127.0.0.1:7681/`) of an app whose pages open their endpoint relative to themselves
   * (apps/ `ui.relative`), so under the prefix. A mount is
   * identified by its backend or by its own one-segment name, never by the server's names or
   * file, which name what `/` serves. Only where nginx picks the location for the endpoint.
   */
  private uiIntent(loc: LocationInfo): WebSocketIntent | undefined {
    if ((loc.modifier !== '' && loc.modifier !== '^~') || !loc.server || !loc.proxyPass) return undefined;
    const mounted = loc.path !== '/';
    const target = proxyTarget(argAt(loc.proxyPass, 0) ?? '');
    if (!target?.backend || !target.host || (target.uri ?? (mounted ? undefined : '/')) !== '/') return undefined;
    const served = mounted ? [] : this.servedNames(loc.server).map((host) => ({ what: 'server_name', host }));
    const fileName = loc.directive.file.path.split(/[\\/]/).pop();
    const ui = rootRouteUiApp({ path: loc.path, served, backendHost: target.host, backendPort: target.port, fileName, what: 'location' });
    if (!ui) return undefined;
    // As for Apache: the main endpoint first, then a further one only when another location
    // upgrades the main one and the server leaves this one to this location.
    const server = loc.server;
    const root = loc.path.replace(/\/+$/, '');
    // Asked only when `loc` does not serve the main endpoint, which its own prefix covers: another location does.
    const upgradedElsewhere = () => this.upgradeHeader(this.servingLocation(server, root + ui.app.ui.endpoint)!.directive).kind === 'ok';
    return uiEndpointIntent(ui, root, (uri) => this.servingLocation(server, uri) === loc, upgradedElsewhere);
  }

  /**
   * The `proxy_cache_bypass $http_upgrade` in force at `level`: a line of the ASP.NET Core recipe
   * (to Kestrel's port 5000, AspNetCore.Docs#19708) and of the common Node.js one (localhost:3000).
   */
  upgradeCacheBypass(level: Directive): Directive | undefined {
    const bypass = this.inherited(level, 'proxy_cache_bypass');
    return bypass && bypass.args.some((a) => soleVariable(a) === 'http_upgrade') ? bypass : undefined;
  }

  /** The upstream (or proxy_pass host) name of a location, when it names a WebSocket application. */
  private nameIntent(loc: LocationInfo): WebSocketIntent | undefined {
    for (const p of loc.proxyPasses) {
      const intent = this.targetIntent(argAt(p, 0) ?? '');
      if (intent) return intent;
    }
    return undefined;
  }

  /** What a proxy_pass target's host names, once per distinct target (locations share upstreams). */
  private readonly targetIntent = lazyPer((target: string): WebSocketIntent | undefined => {
    const host = proxyTarget(target)?.host;
    return (host && nameIntent(host, this.upstreamNamed(host) ? 'upstream' : 'proxy_pass host')) || undefined;
  });

  /**
   * The application behind a location by what names its backend: the upstream or proxy_pass host
   * name, the mount prefix (`location /ombi`), the host names and ports of the upstream's servers
   * or the proxy_pass port (`:8123` is Home Assistant's own). Identification only, never intent.
   */
  // Once per location: its intent and appOf both ask.
  private readonly appByName = lazyPer((loc: LocationInfo): WebSocketApp | undefined => {
    const byName = this.nameIntent(loc)?.app ?? appForMount(loc.path);
    if (byName || !loc.proxyPass) return byName;
    return this.appOfTarget(argAt(loc.proxyPass, 0) ?? '') ?? this.appOfServer(loc);
  });

  /**
   * The application a server block is named after: a server_name's leftmost label
   * (`jellyfin.example.org`), else the name of the file it is written in (SWAG's
   * `jellyfin.subdomain.conf`). Identification for the backend-aware rules only, never intent.
   * Only where the server block proxies to one backend: with two (`mqtt.conf`'s /mqtt to the
   * broker, / to a web app), the name says what one of them is, not which.
   */
  private appOfServer(loc: LocationInfo): WebSocketApp | undefined {
    if (!loc.server || this.serverBackends(loc.server) > 1) return undefined;
    const named = this.serverNameApp(loc.server);
    if (named) return named;
    const base = loc.directive.file.path.split(/[\\/]/).pop() ?? '';
    return base ? appForName(base.split('.')[0]) : undefined;
  }

  /** How many different backends (scheme://host:port; a target with a variable as written, its URI part left out) a server block's locations proxy to. */
  private readonly serverBackends = lazyPer((server: Directive): number => {
    const targets = new Set<string>();
    for (const l of this.locationsOf(server)) {
      for (const p of l.proxyPasses) {
        const arg = argAt(p, 0) ?? '';
        targets.add(proxyTarget(arg)?.backend ?? arg.replace(/^([^/]*:\/\/[^/]*).*$/, '$1').toLowerCase());
      }
    }
    return targets.size;
  });

  /**
   * The host names a server block answers to, lowercased: server_name's literal names only. A
   * regex (`~^…`), a wildcard (`*.example.com`, `www.*`), the catch-all convention `_` and the
   * empty name and `$hostname` (the machine's name, not written) are no host a browser's Origin can
   * carry as written, and name no application.
   */
  readonly servedNames = lazyPer((server: Directive): string[] =>
    this.table
      .in(server, 'server_name')
      .flatMap((d) => d.args)
      .filter((h) => h !== '_' && h !== '' && !h.startsWith('~') && !h.includes('*') && !h.includes('$'))
      .map((h) => h.toLowerCase()),
  );

  /** The application a server_name's leftmost label names, once per server block (its locations share it). */
  private readonly serverNameApp = lazyPer((server: Directive): WebSocketApp | undefined => {
    for (const host of this.servedNames(server)) {
      const app = appForName(host.split('.')[0]);
      if (app) return app;
    }
    return undefined;
  });

  /** The application named by the addresses a proxy_pass target reaches (its upstream's servers, or its host), once per target. */
  private readonly appOfTarget = lazyPer((target: string): WebSocketApp | undefined => {
    const up = this.upstreamOfTarget(target);
    const addresses = up ? this.table.in(up.directive, 'server').map((c) => argAt(c, 0) ?? '') : [proxyTarget(target)?.address ?? target];
    for (const addr of addresses) {
      const m = /^(?:\[[^\]]*\]|[^/:$]+)(?::(\d+))?/.exec(addr);
      if (!m) continue;
      const app = appForName(m[0].replace(/:\d+$/, '')) ?? (m[1] ? appForPort(Number(m[1])) : undefined);
      if (app) return app;
    }
    return undefined;
  });

  /**
   * The application behind a WebSocket route, when the path, the intent or an upstream name
   * identifies one (for heartbeat-aware rules).
   */
  appOf(loc: LocationInfo): WebSocketApp | undefined {
    const app = this.websocketIntent(loc)?.app ?? pathIntent(loc.path)?.app;
    // A path two applications use (Home Assistant's /api/websocket, Portainer's /api/websocket/exec)
    // is answered by the one the backend is named after.
    const named = app && app === pathIntent(loc.path)?.app ? this.nameIntent(loc)?.app : undefined;
    return named ?? app ?? this.appByName(loc) ?? this.uiIntent(loc)?.app;
  }

  /**
   * The intent signals that speak for the location alone (comment, config, path), not its
   * headers: a location with one of these is a WebSocket endpoint, not a mixed route like `/`.
   */
  websocketOnly(loc: LocationInfo): WebSocketIntent | undefined {
    if (markedByComment(loc.directive)) return { signal: 'comment', reason: COMMENT_REASON, app: pathIntent(loc.path)?.app };
    const configured = configIntent(loc.path, this.settings.websocket.paths);
    if (configured) return configured;
    const guard = upgradeGuard(this.table, loc.directive);
    if (guard) return new DirectiveIntent('it proxies only requests that ask to upgrade (', guard, loc.directive, ')', pathIntent(loc.path)?.app ?? this.appByName(loc));
    return pathIntent(loc.path);
  }

  /**
   * The location that takes this backend's handshakes instead, when `loc` counts as a WebSocket
   * route only because it sets the upgrade headers and its server has a WebSocket endpoint
   * location (by its path, a comment or websocket.paths) proxying to the same backend: the
   * pages-and-API catch-all copied the recipe, the endpoint gets the handshakes (flet-dev/website
   * PR 116: /ws fixed alone, location / kept "Connection: keep-alive" and the app worked). What
   * else the application opens through `loc` the config does not say.
   */
  handshakesGoTo(loc: LocationInfo): LocationInfo | undefined {
    const intent = this.websocketIntent(loc);
    if (intent?.signal !== 'headers' || !loc.server || !loc.proxyPass) return undefined;
    // An endpoint by its own path (or comment, websocket.paths) takes its handshakes itself,
    // whatever other endpoint the backend has (/socket.io/ beside /ws/): only a catch-all defers.
    if (this.websocketOnly(loc)) return undefined;
    const backend = backendOf(loc.proxyPass);
    if (!backend) return undefined;
    // Not `loc` itself (it is no endpoint), and an intent means a proxy_pass.
    return this.locationsOf(loc.server).find((o) => this.websocketOnly(o) && this.websocketIntent(o) && backendOf(o.proxyPass!) === backend);
  }

  /**
   * The location of `server` (its own, not nested ones; null: a fragment's top-level ones) that nginx picks for a request path, as
   * ngx_http_core_find_location does: an exact `=` match; else the longest prefix, which wins
   * outright with `^~`; else the first regex location that matches; else that longest prefix.
   * A regex the linear-time engine cannot run (core/regex) counts as not matching.
   */
  servingLocation(server: Directive | null, path: string): LocationInfo | undefined {
    const own = this.locationsOf(server).filter((l) => l.directive.parent === server);
    const exact = own.find((l) => l.modifier === '=' && l.path === path);
    if (exact) return exact;
    let best: LocationInfo | undefined;
    for (const l of own) {
      if ((l.modifier === '' || l.modifier === '^~') && path.startsWith(l.path) && (!best || l.path.length > best.path.length)) best = l;
    }
    if (best?.modifier === '^~') return best;
    for (const l of own) {
      if (l.modifier !== '~' && l.modifier !== '~*') continue;
      // The linear-time engine of every config regex (core/regex); one it cannot run matches nothing.
      if (compilePattern(l.path, { caseless: l.modifier === '~*' })?.test(path)) return l;
    }
    return best;
  }

  /** The Upgrade header a WebSocket handshake reaches the backend with, through `level`. */
  // Judged once per level: several rules ask about the same location.
  readonly upgradeHeader = lazyPer((level: Directive): HeaderVerdict => upgradeVerdict(this.headersAt(level), this.upgradeMapValues));

  /** The Connection header a WebSocket handshake reaches the backend with, through `level`. */
  readonly connectionHeader = lazyPer((level: Directive): HeaderVerdict => connectionVerdict(this.headersAt(level), this.upgradeMapValues));

  /**
   * A map over $http_upgrade that yields `upgrade` for a handshake (the docs' `$connection_upgrade`),
   * preferring one named connection_upgrade. Undefined when the unit has none.
   */
  get connectionUpgradeMap(): MapInfo | undefined {
    return this.connectionUpgradeMapFact();
  }

  private readonly connectionUpgradeMapFact = lazy((): MapInfo | undefined => {
    let best: MapInfo | undefined;
    for (const [name, map] of this.maps) {
      const v = this.upgradeMapValues(name);
      if (!v || !/(^|[\s,])upgrade($|[\s,])/i.test(v.handshake)) continue;
      if (!best || name === 'connection_upgrade') best = map;
    }
    return best;
  });

  /** The keepalive directive of the upstream a location proxies to, when it has one. */
  keepaliveOf(loc: LocationInfo): Directive | undefined {
    return loc.proxyPass ? this.upstreamOf(loc.proxyPass)?.keepalive : undefined;
  }

  /** The server blocks (of http, or at the top of a fragment): an upstream's `server` lines have no block. */
  get servers(): Directive[] {
    return this.serversFact();
  }

  private readonly serversFact = lazy(() => this.table.all('server').filter((n) => n.children));

  /** The `http` block, when the unit has one. */
  get http(): Directive | undefined {
    return this.table.in(null, 'http')[0];
  }
}

/**
 * A header intent whose reason names a directive's line: written only when a finding reads it
 * (no rule message does today), so no line index is built for a file with nothing to report.
 */
class DirectiveIntent implements WebSocketIntent {
  readonly signal = 'headers' as const;
  constructor(
    private readonly before: string,
    private readonly at: Directive,
    private readonly location: Directive,
    private readonly after: string,
    readonly app: WebSocketApp | undefined,
  ) {}

  get reason(): string {
    return `${this.before}${whereIs(this.at, this.location.file)}${this.after}`;
  }
}

/** An `if` directly in the location whose condition reads the request's Upgrade header. */
function upgradeTest(t: UnitTable, location: Directive): Directive | undefined {
  return t.in(location, 'if').find((c) => c.args.some((a) => /\$(?:\{http_upgrade\}|http_upgrade\b)/i.test(a)));
}

/**
 * The proxy_pass directives of the `if` and `limit_except` blocks directly in each block, in
 * document order: a location's own proxy_pass comes first, then these.
 */
function nestedProxyPasses(t: UnitTable): Map<Directive, Directive[]> {
  const out = new Map<Directive, Directive[]>();
  for (const p of t.all('proxy_pass')) {
    const block = p.parent;
    if (!block || (block.key !== 'if' && block.key !== 'limit_except') || !block.parent) continue;
    let l = out.get(block.parent);
    if (!l) out.set(block.parent, (l = []));
    l.push(p);
  }
  return out;
}

/**
 * The address:port a listen directive binds, normalised (`80` → `*:80`, `0.0.0.0:80` → `*:80`);
 * as written when it is no host[:port] (`unix:/run/x.sock`, a port that is no number).
 */
export function listenAddress(listen: Directive): string {
  const a = argAt(listen, 0) ?? '';
  if (/^\d+$/.test(a)) return `*:${a}`;
  const m = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(a);
  if (!m) return a;
  const host = m[1] === '0.0.0.0' ? '*' : m[1].toLowerCase();
  return `${host}:${m[2] ?? '80'}`;
}

/** The backend a proxy_pass reaches, `scheme://host[:port]` without the URI part (undefined with variables). */
function backendOf(proxyPass: Directive): string | undefined {
  return proxyTarget(proxyPass.args[0] ?? '')?.backend;
}
