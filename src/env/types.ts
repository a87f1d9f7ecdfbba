/**
 * Types of the per-client proxy decision engine. One row per client (src/env/clients/*.ts), each
 * read from that client's code; decide.ts runs a row against a URL and an environment.
 */

export const CLIENT_IDS = [
  'curl',
  'wget',
  'go',
  'node',
  'undici',
  'proxy-from-env',
  'python-requests',
  'httpx',
  'java',
] as const;
export type ClientId = (typeof CLIENT_IDS)[number];

export type Env = Record<string, string | undefined>;

/** What a client does with one request URL, given its environment. */
export interface ProxyDecision {
  client: ClientId;
  /** The client version whose behaviour this is (the row's verified default unless one was asked for). */
  version: string;
  via: 'direct' | 'proxy';
  /** The proxy URL the client uses, credentials replaced by `***` (never the raw value). */
  proxy?: string;
  /** The variable the proxy came from (`https_proxy`, `HTTPS_PROXY`, `ALL_PROXY`, `-Dhttps.proxyHost`, …). */
  variable?: string;
  /** The NO_PROXY variable that was read, when one was. */
  noProxyVariable?: string;
  /** The NO_PROXY entry (as written) that sent the request direct. */
  noProxyEntry?: string;
  /** One sentence: why. */
  reason: string;
  /** Set when the client picks a proxy it then refuses or cannot use (bad scheme, CGI guard, missing extra). */
  error?: string;
}

/** The request target as every row sees it: lower-case host without IPv6 brackets, effective port. */
export interface Target {
  url: string;
  scheme: string; // without ':'
  host: string; // lower case, no brackets
  /** Host as written in the URL authority (brackets kept for IPv6), lower case. */
  hostForMatch: string;
  ip: 0 | 4 | 6;
  port: number; // effective (explicit or the scheme's default; 0 when unknown)
  explicitPort: boolean;
}

export interface Picked {
  variable: string;
  value: string;
}

export type Match = { entry: string } | null;

/** What the README table and the env rules read about a client: facts, each from the row's sources. */
export interface ClientFacts {
  /** Which proxy variables are read, in order, e.g. "http_proxy only (never HTTP_PROXY); https_proxy, HTTPS_PROXY; all_proxy, ALL_PROXY". */
  variables: string;
  /** Does an empty lower-case value hide the upper-case one? */
  emptyShadows: boolean;
  /** NO_PROXY variables read, in order. */
  noProxyVariables: string;
  /** Entry separators honoured in NO_PROXY. */
  separators: 'comma' | 'comma-or-whitespace' | 'comma (spaces removed)' | 'pipe';
  /** `*` alone disables the proxy. */
  star: 'whole value' | 'any entry' | 'no';
  /** `*.example.com` entries. */
  starDot: 'subdomains only' | 'subdomains and apex' | 'never matches' | 'glob';
  /** `.example.com` entries. */
  leadingDot: 'subdomains and apex' | 'subdomains only' | 'suffix (string)';
  /** `example.com` entries: label-aware (www.example.com yes, notexample.com no) or a plain string suffix. */
  suffix: 'label' | 'string' | 'exact';
  cidr: boolean;
  /** `host:port` entries restrict the match to that port. */
  ports: boolean;
  /** localhost/127.0.0.0/8/::1 always go direct, whatever NO_PROXY says. */
  loopbackAlwaysDirect: boolean;
  /** A proxy value without `scheme://`. */
  schemeless: string;
  /** Proxy URL schemes the client accepts. */
  proxySchemes: string;
  /** Proxy variables the client reads for ws:// and wss:// (or how it maps them). */
  websocket: string;
}

export interface ClientRow {
  id: ClientId;
  name: string;
  /** The version this row was read from and checked against by the real-client test. */
  defaultVersion: string;
  /** Where each fact comes from (file and function, or documentation page). */
  sources: string[];
  facts: ClientFacts;
  /** A reason the client ignores the environment entirely (Node without NODE_USE_ENV_PROXY), or null. */
  disabled?(env: Env, version: string): string | null;
  /** The proxy variable the client reads for this target, or null when none applies. */
  proxyFor(env: Env, target: Target, version: string): Picked | null;
  /** The NO_PROXY variable the client reads, or null. */
  noProxyFor(env: Env, version: string): Picked | null;
  /** The entry of `list` that exempts `target`, or null. */
  bypass(list: string, target: Target, version: string): Match;
  /** Replaces noProxyFor()+bypass() when a client runs more than one check (requests). */
  exempt?(env: Env, target: Target, version: string): { variable: string; entry: string } | null;
  /** localhost and loopback addresses always direct (Go). */
  loopbackDirect?(target: Target): boolean;
  /** The proxy URL the client ends up with, or an error it raises. */
  normalizeProxy(value: string, target: Target, env: Env, picked: Picked, version: string): { url: string; error?: string };
}
