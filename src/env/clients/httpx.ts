/**
 * HTTPX (checked against 0.23.3, Debian 12).
 * Sources:
 * - httpx/_utils.py get_environment_proxies(): urllib getproxies() (see python-urllib.ts: lower
 *   case wins, empty lower case hides UPPER, REQUEST_METHOD drops HTTP_PROXY); mounts for
 *   `http://`, `https://` and `all://` (ALL_PROXY), a value without "://" gets http://; NO_PROXY
 *   split on commas and stripped; `*` as ANY entry disables every proxy; every other entry
 *   becomes the pattern `all://*<entry>`.
 * - httpx/_utils.py URLPattern: `*<entry>` matches entry and its subdomains (label-aware);
 *   `.x` becomes `*.x`: subdomains only; `*.x` becomes `**.x`, which never matches; an IP or
 *   CIDR is just a host string (CIDR never matches); `host:port` matches only that explicit,
 *   non-default port (URL ports equal to the scheme default are normalised away).
 * - httpx/_client.py: patterns sorted by priority, so any NO_PROXY match beats the proxies;
 *   httpx/_config.py Proxy: schemes http, https, socks5 (socks5 needs the socksio extra).
 */
import type { ClientRow, Match, Target } from '../types';
import { getproxiesEnvironment } from './python-urllib';

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function httpxNoProxyMatch(list: string, t: Target): Match {
  const entries = list.split(',').map((h) => h.trim());
  if (entries.includes('*')) return { entry: '*' };
  const urlPort = t.explicitPort && !(t.scheme === 'http' && t.port === 80) && !(t.scheme === 'https' && t.port === 443) ? t.port : null;
  for (const entry of entries) {
    if (!entry) continue;
    // all://*<entry>: the authority ends at '/', a trailing :digits is the port.
    let authority = `*${entry}`.split(/[/?#]/)[0];
    let port: number | null = null;
    const pm = /^(.*):(\d+)$/.exec(authority);
    if (pm) {
      authority = pm[1];
      port = Number(pm[2]);
    }
    const host = authority.toLowerCase();
    let re: RegExp;
    if (host.startsWith('*.')) re = new RegExp(`^.+\\.${escape(host.slice(2))}$`);
    else re = new RegExp(`^(.+\\.)?${escape(host.slice(1))}$`);
    if (!re.test(t.host)) continue;
    if (port !== null && port !== urlPort) continue;
    return { entry };
  }
  return null;
}

const row: ClientRow = {
  id: 'httpx',
  name: 'HTTPX',
  defaultVersion: '0.23.3',
  sources: ['httpx/_utils.py get_environment_proxies(), URLPattern', 'httpx/_client.py _transport_for_url()', 'httpx/_config.py Proxy'],
  facts: {
    variables: 'http_proxy, https_proxy, all_proxy; lower case first (empty lower case hides UPPER)',
    emptyShadows: true,
    noProxyVariables: 'no_proxy, NO_PROXY',
    separators: 'comma',
    star: 'any entry',
    starDot: 'never matches',
    leadingDot: 'subdomains only',
    suffix: 'label',
    cidr: false,
    ports: true,
    loopbackAlwaysDirect: false,
    schemeless: 'http://',
    proxySchemes: 'http, https, socks5 (with httpx[socks])',
    websocket: 'no WebSocket support',
  },
  proxyFor(env, t) {
    const p = getproxiesEnvironment(env);
    if (t.scheme !== 'http' && t.scheme !== 'https') return p.get('all') ?? null;
    return p.get(t.scheme) ?? p.get('all') ?? null;
  },
  noProxyFor(env) {
    return getproxiesEnvironment(env).get('no') ?? null;
  },
  bypass: (list, t) => httpxNoProxyMatch(list, t),
  normalizeProxy(value) {
    const url = value.includes('://') ? value : `http://${value}`;
    const s = url.slice(0, url.indexOf(':')).toLowerCase();
    if (s === 'socks5') return { url, error: 'httpx needs the socksio extra (httpx[socks]) for socks5 proxies' };
    if (s !== 'http' && s !== 'https') return { url, error: `httpx rejects proxy scheme "${s}://" (Unknown scheme for proxy URL)` };
    return { url };
  },
};
export default row;
