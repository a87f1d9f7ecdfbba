/**
 * Go net/http: http.ProxyFromEnvironment (checked against Go 1.19, whose vendored
 * golang.org/x/net/http/httpproxy is the same code as today's).
 * Sources (golang.org/x/net/http/httpproxy/proxy.go):
 * - FromEnvironment()/getEnvAny(): HTTP_PROXY then http_proxy, HTTPS_PROXY then https_proxy,
 *   NO_PROXY then no_proxy: UPPER case first, an empty value counts as unset. No ALL_PROXY;
 *   https never falls back to HTTP_PROXY.
 * - proxyForURL(): with REQUEST_METHOD set (CGI), an http proxy is refused with an error.
 * - useProxy(): "localhost" and loopback IPs never use a proxy, whatever NO_PROXY says.
 * - config.init(): NO_PROXY split on commas, entries trimmed and lower-cased; `*` anywhere
 *   disables the proxy; CIDR (IPv4/IPv6); IP[:port], [IPv6]:port; `*.x` and `.x` match
 *   subdomains only, `x` matches x and its subdomains; `:port` restricts to that port.
 * - parseProxy(): a value whose scheme is not http, https or socks5 is re-parsed as
 *   "http://" + value (so `proxy:3128` works and `socks5h://…` becomes garbage).
 * WebSocket libraries (gorilla/websocket, nhooyr) call the same Proxy func with ws→http and
 * wss→https.
 */
import { cidrContains, ipKind, sameIp } from '../ip';
import { firstSet, isLoopbackHost } from '../target';
import type { ClientRow, Match, Target } from '../types';

function splitHostPort(p: string): { host: string; port: string } | null {
  const m = /^\[([^\]]*)\]:(\d*)$/.exec(p) ?? /^([^:[\]]*):(\d*)$/.exec(p);
  return m ? { host: m[1], port: m[2] } : null;
}

export function goNoProxyMatch(list: string, t: Target): Match {
  const port = String(t.port);
  const host = t.host.trim();
  const isIp = ipKind(host) !== 0;
  for (const raw of list.split(',')) {
    const p = raw.trim().toLowerCase();
    if (!p) continue;
    if (p === '*') return { entry: raw.trim() };
    if (p.includes('/')) {
      const c = cidrContains(p, host);
      if (c !== null) {
        if (c) return { entry: raw.trim() };
        continue;
      }
    }
    const hp = splitHostPort(p);
    let phost = hp ? hp.host : p;
    const pport = hp ? hp.port : '';
    if (hp && !phost) continue;
    if (ipKind(phost)) {
      if (isIp && sameIp(phost, host) && (pport === '' || pport === port)) return { entry: raw.trim() };
      continue;
    }
    if (!phost) continue;
    if (phost.startsWith('*.')) phost = phost.slice(1);
    let matchHost = false;
    if (!phost.startsWith('.')) {
      matchHost = true;
      phost = '.' + phost;
    }
    if ((host.endsWith(phost) || (matchHost && host === phost.slice(1))) && (pport === '' || pport === port)) {
      return { entry: raw.trim() };
    }
  }
  return null;
}

const row: ClientRow = {
  id: 'go',
  name: 'Go net/http (ProxyFromEnvironment)',
  defaultVersion: '1.19',
  sources: [
    'golang.org/x/net/http/httpproxy/proxy.go FromEnvironment(), getEnvAny()',
    'golang.org/x/net/http/httpproxy/proxy.go proxyForURL(), useProxy(), config.init(), parseProxy()',
  ],
  facts: {
    variables: 'HTTP_PROXY, http_proxy; HTTPS_PROXY, https_proxy (UPPER case first; no ALL_PROXY)',
    emptyShadows: false,
    noProxyVariables: 'NO_PROXY, no_proxy',
    separators: 'comma',
    star: 'any entry',
    starDot: 'subdomains only',
    leadingDot: 'subdomains only',
    suffix: 'label',
    cidr: true,
    ports: true,
    loopbackAlwaysDirect: true,
    schemeless: 'http://',
    proxySchemes: 'http, https, socks5',
    websocket: 'gorilla/websocket and nhooyr map ws→HTTP_PROXY, wss→HTTPS_PROXY',
  },
  proxyFor(env, t) {
    const s = t.scheme === 'ws' ? 'http' : t.scheme === 'wss' ? 'https' : t.scheme;
    if (s === 'https') return firstSet(env, ['HTTPS_PROXY', 'https_proxy'], true);
    if (s === 'http') return firstSet(env, ['HTTP_PROXY', 'http_proxy'], true);
    return null;
  },
  noProxyFor(env) {
    return firstSet(env, ['NO_PROXY', 'no_proxy'], true);
  },
  bypass: (list, t) => goNoProxyMatch(list, t),
  loopbackDirect: (t) => isLoopbackHost(t.host, t.ip === 6 ? 6 : ipKind(t.host) === 4 ? 4 : 0),
  normalizeProxy(value, t, env) {
    const m = /^([a-z][a-z0-9+.-]*):/i.exec(value);
    const scheme = m?.[1].toLowerCase();
    let url = value;
    if (!(scheme && /^[a-z][a-z0-9+.-]*:\/\//i.test(value) && ['http', 'https', 'socks5'].includes(scheme))) url = `http://${value}`;
    const s = t.scheme === 'ws' ? 'http' : t.scheme;
    if (s === 'http' && env.REQUEST_METHOD !== undefined && env.REQUEST_METHOD !== '') {
      return { url, error: 'Go refuses HTTP_PROXY when REQUEST_METHOD is set (CGI; golang.org/s/cgihttpproxy)' };
    }
    return { url };
  },
};
export default row;
