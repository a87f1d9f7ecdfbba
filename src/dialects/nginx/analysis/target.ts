/**
 * What a proxy_pass target addresses, read as nginx reads it. The one parser for every analysis
 * that asks which upstream, host or backend a location proxies to.
 *
 * nginx matches the scheme ignoring case (ngx_http_proxy_pass: ngx_strncasecmp with "http://"
 * and "https://"), and an upstream block's name too (ngx_http_upstream_add: ngx_strncasecmp):
 * `proxy_pass HTTP://backend;` reaches `upstream Backend {}` (observed on nginx 1.22.1, test in
 * test/dialects/nginx/proxy-target.test.ts).
 */
export interface ProxyTarget {
  /** The host as written, up to a port, a path or a variable: an upstream name or a host name. */
  host?: string;
  /** Everything after `scheme://` (`[::1]:8080/path`, `app:3000`), for address lookups. */
  address: string;
  /** The port after the host, when it is a number. */
  port?: number;
  /** The URI part (`/`, `/api/`), when the target has one: nginx then replaces the location's prefix with it. */
  uri?: string;
  /**
   * `scheme://host[:port]` lowercased, without the URI part: the backend two locations share.
   * Undefined when a variable is part of it (the backend is chosen per request); a URI variable
   * right after it ($request_uri, $uri, $document_uri) is not.
   */
  backend?: string;
}

const SCHEME = /^https?:\/\//i;

/** An authority followed directly by a variable that holds a URI starting with `/`. */
const URI_VARIABLE_AFTER_AUTHORITY = /^([^/$]+)(?:\$(?:request_uri|uri|document_uri)(?!\w)|\$\{(?:request_uri|uri|document_uri)\})/;

/** Parsed targets by text: a large config's locations share a few thousand targets, asked about by several analyses each. */
const parsed = new Map<string, ProxyTarget | null>();
const PARSED_LIMIT = 10_000;

/**
 * The target of an `http://` or `https://` proxy_pass, or undefined (a variable, a unix socket).
 * Once per distinct target text: the result is shared, callers read it and never change it.
 */
export function proxyTarget(target: string): ProxyTarget | undefined {
  const hit = parsed.get(target);
  // Stryker disable next-line ConditionalExpression: a cache miss parses the same target again
  if (hit !== undefined) return hit ?? undefined;
  const t = parseTarget(target);
  // Stryker disable next-line ConditionalExpression,EqualityOperator: when the cache is emptied bounds its memory only
  if (parsed.size >= PARSED_LIMIT) parsed.clear();
  parsed.set(target, t ?? null);
  return t;
}

function parseTarget(target: string): ProxyTarget | undefined {
  const m = SCHEME.exec(target);
  if (!m) return undefined;
  const address = target.slice(m[0].length);
  // `http://app$request_uri` (Mainsail's moonraker routes): $request_uri, $uri and $document_uri
  // always begin with `/`, so the backend is fixed and only the URI part varies (none is read).
  const uriVariable = URI_VARIABLE_AFTER_AUTHORITY.exec(address);
  const fixed = uriVariable ? uriVariable[1] : address;
  const host = /^(?:\[[^\]]*\]|[^/:$]+)/.exec(fixed)?.[0];
  const authority = /^([^/$]+)(?:\/|$)/.exec(fixed)?.[1];
  const rest = host ? /^(?::([^/$]*))?(\/.*)?$/.exec(fixed.slice(host.length)) : null;
  const port = rest?.[1] && /^\d+$/.test(rest[1]) ? Number(rest[1]) : undefined;
  const uri = rest?.[2];
  // Fields set one by one in this order (absent ones left out): conditional spreads made a
  // temporary object per field.
  const t = {} as ProxyTarget;
  if (host) t.host = host;
  t.address = address;
  if (port !== undefined) t.port = port;
  if (uri !== undefined) t.uri = uri;
  if (authority) t.backend = (m[0] + authority).toLowerCase();
  return t;
}
