/**
 * Python requests (checked against 2.28.1, Debian 12; the logic is unchanged in 2.32).
 * Sources:
 * - requests/utils.py should_bypass_proxies(): `no_proxy or NO_PROXY` (an empty lower-case
 *   value counts as unset); spaces removed, split on commas; for an IPv4 host, CIDR entries
 *   (is_valid_cidr/address_in_network) or an exact address; for names a PLAIN STRING suffix
 *   (`example.com` also matches `notexample.com`), with or without the URL's port; then ALSO
 *   urllib's proxy_bypass() (see python-urllib.ts), so either check exempts the host.
 * - requests/utils.py get_environ_proxies(), select_proxy(): urllib getproxies() (lower case
 *   wins, an empty lower-case value hides the upper-case one, REQUEST_METHOD drops HTTP_PROXY),
 *   keys `<scheme>` then `all` (ALL_PROXY is used).
 * - requests/adapters.py get_connection(): prepend_scheme_if_needed(proxy, "http"); socks
 *   proxies need the PySocks extra.
 */
import { cidrContains, ipKind } from '../ip';
import type { ClientRow, Match, Target } from '../types';
import { getproxiesEnvironment, pyProxyBypassEnvironment } from './python-urllib';

function isValidCidr(s: string): boolean {
  if ((s.match(/\//g) ?? []).length !== 1) return false;
  const [addr, mask] = s.split('/');
  const n = /^\d+$/.test(mask) ? Number(mask) : NaN;
  return n >= 1 && n <= 32 && ipKind(addr) === 4;
}

export function requestsNoProxyMatch(list: string, t: Target): Match {
  const hostname = t.host;
  const entries = list.replace(/ /g, '').split(',').filter(Boolean);
  if (ipKind(hostname) === 4) {
    for (const e of entries) {
      if (isValidCidr(e)) {
        if (cidrContains(e, hostname)) return { entry: e };
      } else if (hostname === e) return { entry: e };
    }
  } else {
    const withPort = t.explicitPort ? `${hostname}:${t.port}` : hostname;
    for (const e of entries) if (hostname.endsWith(e) || withPort.endsWith(e)) return { entry: e };
  }
  return null;
}

const row: ClientRow = {
  id: 'python-requests',
  name: 'Python requests',
  defaultVersion: '2.28.1',
  sources: [
    'requests/utils.py should_bypass_proxies(), get_environ_proxies(), select_proxy()',
    'requests/adapters.py HTTPAdapter.get_connection() prepend_scheme_if_needed()',
    'cpython Lib/urllib/request.py getproxies_environment(), proxy_bypass_environment()',
  ],
  facts: {
    variables: '<scheme>_proxy then all_proxy, lower case first (any case counts; empty lower case hides UPPER)',
    emptyShadows: true,
    noProxyVariables: 'no_proxy, NO_PROXY',
    separators: 'comma (spaces removed)',
    star: 'whole value',
    starDot: 'never matches',
    leadingDot: 'subdomains and apex',
    suffix: 'string',
    cidr: true,
    ports: true,
    loopbackAlwaysDirect: false,
    schemeless: 'http://',
    proxySchemes: 'http, https, socks4/5/5h (with requests[socks])',
    websocket: 'no WebSocket support (websocket-client reads http_proxy itself)',
  },
  proxyFor(env, t) {
    const proxies = getproxiesEnvironment(env);
    return proxies.get(t.scheme) ?? proxies.get('all') ?? null;
  },
  noProxyFor(env) {
    if (env.no_proxy) return { variable: 'no_proxy', value: env.no_proxy };
    if (env.NO_PROXY) return { variable: 'NO_PROXY', value: env.NO_PROXY };
    const np = getproxiesEnvironment(env).get('no');
    return np ?? null;
  },
  bypass: (list, t) => requestsNoProxyMatch(list, t),
  exempt(env, t) {
    // requests' own check reads `no_proxy or NO_PROXY`; urllib's reads its own choice (pass 2
    // rules): either one exempts the host.
    const own = env.no_proxy ? 'no_proxy' : env.NO_PROXY ? 'NO_PROXY' : null;
    if (own) {
      const m = requestsNoProxyMatch(env[own] as string, t);
      if (m) return { variable: own, entry: m.entry };
    }
    const u = requestsUrllibBypass(env, t);
    if (u?.match) return { variable: u.variable, entry: u.match.entry };
    return null;
  },
  normalizeProxy(value) {
    const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
    const s = url.slice(0, url.indexOf(':')).toLowerCase();
    if (s.startsWith('socks')) return { url, error: 'requests needs the PySocks extra (requests[socks]) for socks proxies' };
    if (s !== 'http' && s !== 'https') return { url, error: `requests/urllib3 does not support proxy scheme "${s}://"` };
    return { url };
  },
};

/** urllib's own check, which requests also applies (with urllib's choice of variable). */
export function requestsUrllibBypass(env: Record<string, string | undefined>, t: Target): { variable: string; match: Match } | null {
  const np = getproxiesEnvironment(env).get('no');
  if (!np) return null;
  return { variable: np.variable, match: pyProxyBypassEnvironment(np.value, t.host) };
}

export default row;
