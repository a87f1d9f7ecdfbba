/**
 * mod_proxy's view of ProxyPass / ProxyPassMatch: the local path, the target, the worker
 * parameters, and the matching rule that decides which entry serves a request.
 */
import { parseDuration } from '../../core/duration';
import { compilePattern, type Pattern } from '../../core/regex';
import type { Directive } from '../../core/ast';

export interface ProxyTarget {
  /** The local path (ProxyPass) or regex source (ProxyPassMatch); null if it cannot be known. */
  path: string | null;
  regex: boolean;
  /** `!` for an exclusion. */
  target: string;
  /** Lower-cased scheme of the target (`ws`, `http`, `balancer`), '' for `!` or none. */
  scheme: string;
  /** key=value worker parameters, keys lower-cased. */
  params: Record<string, string>;
  /** Index of each parameter's argument (for fixes that edit one). */
  paramArg: Record<string, number>;
  /** Index of the target argument, -1 when missing. */
  targetArg: number;
}

/** A proxy target URL as mod_proxy reads it: `scheme://host[:port][/path]`. */
export interface TargetUrl {
  /** Lower-cased (`ws`, `https`). */
  scheme: string;
  /** Lower-cased, brackets kept for an IPv6 literal (`[::1]`). */
  host: string;
  /** The port as written; undefined when the URL gives none, null when it is not a number (`${PORT}`, `@PORT@`). */
  port: number | null | undefined;
  /** The path before any query or fragment, `/` when empty. */
  path: string;
}

/**
 * The one reading of a ProxyPass, BalancerMember or RewriteRule [P] URL that the analyses share
 * (same origin, catch-all app, ...); null when it has no `scheme://host` or the host is not a
 * literal (a `%{...}`/`$1` back-reference or a userinfo part: the origin is decided per request).
 */
export function parseTargetUrl(target: string): TargetUrl | null {
  const m = /^([a-z][a-z0-9+.-]*):\/\/(\[[^\]]+\]|[^/:?#%$@]+)(?::([^/?#]*))?(?=[/?#%$]|$)(.*)$/is.exec(target);
  if (!m) return null;
  const rest = m[4];
  const cut = rest.search(/[?#]/);
  const path = cut === -1 ? rest : rest.slice(0, cut);
  const port = m[3] === undefined ? undefined : /^\d+$/.test(m[3]) ? Number(m[3]) : null;
  return { scheme: m[1].toLowerCase(), host: m[2].toLowerCase(), port, path: path === '' ? '/' : path };
}

/** Flags ProxyPass accepts after its URL (not key=value). */
/**
 * Inside `<Location path>` / `<LocationMatch re>` the first argument is omitted and the path is
 * the section's; elsewhere `ProxyPass path url [k=v ...]`.
 */
export function parseProxyPass(d: Directive): ProxyTarget {
  const loc = d.parent && (d.parent.key === 'location' || d.parent.key === 'locationmatch') ? d.parent : null;
  const regexKey = d.key === 'proxypassmatch';
  let path: string | null;
  let targetArg: number;
  let regex = regexKey;
  if (loc) {
    path = loc.args[0] ?? null;
    regex = regexKey || loc.key === 'locationmatch' || (loc.args[0] === '~' && loc.args.length > 1);
    if (loc.args[0] === '~') path = loc.args[1] ?? null;
    targetArg = d.args.length >= 1 ? 0 : -1;
  } else {
    path = d.args[0] ?? null;
    targetArg = d.args.length >= 2 ? 1 : -1;
  }
  const target = targetArg >= 0 ? d.args[targetArg] ?? '' : '';
  const params: Record<string, string> = {};
  const paramArg: Record<string, number> = {};
  for (let i = targetArg + 1; i < d.args.length && targetArg >= 0; i++) {
    const a = d.args[i];
    const eq = a.indexOf('=');
    if (eq <= 0) continue;
    const k = a.slice(0, eq).toLowerCase();
    params[k] = a.slice(eq + 1);
    paramArg[k] = i;
  }
  const m = /^([a-z][a-z0-9+.-]*):/i.exec(target);
  return { path, regex, target, scheme: m ? m[1].toLowerCase() : '', params, paramArg, targetArg };
}

/**
 * mod_proxy's alias_match: a prefix match where any run of `/` in the alias matches any run in
 * the URI, and the match must end at a segment boundary unless the alias ends in `/`.
 */
export function aliasMatch(uri: string, alias: string): boolean {
  let a = 0;
  let u = 0;
  while (a < alias.length && u < uri.length) {
    if (alias[a] === '/') {
      if (uri[u] !== '/') return false;
      while (alias[a] === '/') a++;
      while (uri[u] === '/') u++;
    } else if (uri[u++] !== alias[a++]) return false;
  }
  if (a < alias.length) return false;
  if (alias.length > 0 && alias[alias.length - 1] !== '/' && u < uri.length && uri[u] !== '/') return false;
  return true;
}

/** httpd's PCRE patterns through the linear-time engine (core/regex); null if RE2 cannot run it. */
export function compileRegex(src: string, caseless = false): Pattern | null {
  return compilePattern(src, { caseless });
}

export function pathMatches(t: Pick<ProxyTarget, 'path' | 'regex'>, uri: string): boolean {
  if (t.path === null) return false;
  if (t.regex) return compileRegex(t.path)?.test(uri) ?? false;
  return aliasMatch(uri, t.path);
}

/**
 * Durations as httpd parses them (core/duration): `Timeout` takes ap_timeout_parameter_parse
 * units (ms, s, mi, h; seconds by default); ProxyTimeout and `timeout=` are whole seconds.
 * Returns seconds, or NaN.
 */
export function parseSeconds(v: string, units = true): number {
  const ms = parseDuration(v, units ? 'apache-timeout' : 'apache-seconds');
  return ms === null ? Number.NaN : ms / 1000;
}

/**
 * apr_fnmatch_test: does a ProxyPass path hold glob characters (an unescaped `?` or `*`, or a
 * `[...]` pair)? mod_proxy's add_pass compiles a ProxyPass inside `<Location ~>`/`<LocationMatch>`
 * as a regex only then; otherwise the section's pattern is kept as a literal prefix that no URI
 * starts with (`^/app/socket`), and the entry serves nothing (404 observed on 2.4.71). Same code
 * in 2.4.12 and 2.4.62 (modules/proxy/mod_proxy.c).
 */
export function fnmatchTest(pattern: string): boolean {
  let nesting = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '?' || c === '*') return true;
    if (c === '\\') {
      if (++i >= pattern.length) return false;
    } else if (c === '[') nesting++;
    else if (c === ']' && nesting) return true;
  }
  return false;
}

