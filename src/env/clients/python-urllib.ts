/**
 * CPython urllib.request, which both requests and httpx read the environment through
 * (checked against CPython 3.11, Debian 12).
 * - getproxies_environment(): pass 1 takes every variable whose name, lower-cased, ends in
 *   `_proxy` and whose value is non-empty (any case: HTTP_PROXY, Http_Proxy…); with
 *   REQUEST_METHOD set (CGI) the http entry from pass 1 is dropped; pass 2 lets exact
 *   lower-case names win, and an EMPTY lower-case value deletes the entry (hiding HTTP_PROXY).
 * - proxy_bypass_environment(): `*` as the whole value; entries split on commas, trimmed, leading
 *   dots removed; an entry matches the host itself or `*.entry` (label-aware), with or without
 *   the port; no CIDR.
 */
import type { Env, Match, Picked } from '../types';

export type PyProxies = Map<string, Picked>;

export function getproxiesEnvironment(env: Env): PyProxies {
  const proxies: PyProxies = new Map();
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    if (value && lower.endsWith('_proxy')) proxies.set(lower.slice(0, -6), { variable: name, value });
  }
  if (env.REQUEST_METHOD !== undefined) proxies.delete('http');
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || !name.endsWith('_proxy')) continue;
    const key = name.toLowerCase().slice(0, -6);
    // The suffix test is case-sensitive: HTTP_PROXY is skipped here, http_proxy and Http_proxy are not.
    if (value) proxies.set(key, { variable: name, value });
    else proxies.delete(key);
  }
  return proxies;
}

function splitport(host: string): [string, string | null] {
  const m = /^(.*):([0-9]*)$/s.exec(host);
  return m ? [m[1], m[2]] : [host, null];
}

export function pyProxyBypassEnvironment(noProxy: string, host: string): Match {
  if (noProxy === '*') return { entry: '*' };
  host = host.toLowerCase();
  const [hostonly] = splitport(host);
  for (let name of noProxy.split(',')) {
    const entry = name.trim();
    name = entry;
    if (!name) continue;
    name = name.replace(/^\.+/, '').toLowerCase();
    if (hostonly === name || host === name) return { entry };
    name = '.' + name;
    if (hostonly.endsWith(name) || host.endsWith(name)) return { entry };
  }
  return null;
}
