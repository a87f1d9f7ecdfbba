/**
 * undici EnvHttpProxyAgent (checked against undici 7.x; Node's own fetch with
 * NODE_USE_ENV_PROXY=1 uses the same class).
 * Sources (lib/dispatcher/env-http-proxy-agent.js):
 * - constructor: `http_proxy ?? HTTP_PROXY`, `https_proxy ?? HTTPS_PROXY`: lower case first and
 *   `??`, so an EMPTY lower-case value hides the upper-case one (and means no proxy); https
 *   falls back to the http proxy; no ALL_PROXY.
 * - #noProxyEnv: `no_proxy ?? NO_PROXY` (empty lower-case hides upper-case too).
 * - #parseNoProxy(): split on commas and whitespace; `host:port` entries; a leading `.` or `*.`
 *   is stripped; #shouldProxy(): `*` as the whole value disables; an entry matches the host or
 *   its subdomains (label-aware); no CIDR (an address matches only itself).
 * - lib/dispatcher/proxy-agent.js: proxy URL parsed with new URL(); http:// and https:// proxies,
 *   socks5:// through Socks5ProxyAgent (seen working in 7.30.2; treated as unsupported before 7.30);
 *   the proxy client is a Pool, whose parseOrigin() (lib/core/util.js) throws "invalid url"
 *   (UND_ERR_INVALID_ARG) on a proxy URL with a path, query or fragment.
 */
import { versionAtLeast } from '../../core/versions';
import { firstSet } from '../target';
import type { ClientRow, Match, Target } from '../types';

export function undiciNoProxyMatch(list: string, t: Target): Match {
  if (list === '*') return { entry: '*' };
  const hostname = t.hostForMatch;
  for (const raw of list.split(/[,\s]/)) {
    if (!raw) continue;
    const m = /^(.+):(\d+)$/.exec(raw);
    const h = (m ? m[1] : raw).replace(/^\*?\./, '').toLowerCase();
    const port = m ? Number.parseInt(m[2], 10) : 0;
    if (port && port !== t.port) continue;
    if (hostname === h || hostname.slice(-(h.length + 1)) === `.${h}`) return { entry: raw };
  }
  return null;
}

const row: ClientRow = {
  id: 'undici',
  name: 'undici EnvHttpProxyAgent (and Node fetch with NODE_USE_ENV_PROXY)',
  defaultVersion: '7.30.2',
  sources: ['undici lib/dispatcher/env-http-proxy-agent.js constructor, #parseNoProxy(), #shouldProxy()'],
  facts: {
    variables: 'http_proxy ?? HTTP_PROXY; https_proxy ?? HTTPS_PROXY, else the http proxy (no ALL_PROXY)',
    emptyShadows: true,
    noProxyVariables: 'no_proxy ?? NO_PROXY',
    separators: 'comma-or-whitespace',
    star: 'whole value',
    starDot: 'subdomains and apex',
    leadingDot: 'subdomains and apex',
    suffix: 'label',
    cidr: false,
    ports: true,
    loopbackAlwaysDirect: false,
    schemeless: 'rejected (new URL() throws)',
    proxySchemes: 'http, https, socks5 (7.30+); no path/query in the URL',
    websocket: 'undici WebSocket uses the dispatcher for ws→http, wss→https',
  },
  proxyFor(env, t) {
    const pick = (names: string[]) => {
      for (const n of names) if (env[n] !== undefined) return { variable: n, value: env[n] as string };
      return null;
    };
    const http = pick(['http_proxy', 'HTTP_PROXY']);
    if (t.scheme === 'https' || t.scheme === 'wss') {
      const https = pick(['https_proxy', 'HTTPS_PROXY']);
      if (https && https.value !== '') return https;
      return http && http.value !== '' ? http : https ?? http;
    }
    if (t.scheme === 'http' || t.scheme === 'ws') return http;
    return null;
  },
  noProxyFor(env) {
    for (const n of ['no_proxy', 'NO_PROXY']) if (env[n] !== undefined) return { variable: n, value: env[n] as string };
    return null;
  },
  bypass: (list, t) => undiciNoProxyMatch(list, t),
  normalizeProxy(value, _t, _env, _p, version) {
    try {
      const u = new URL(value);
      const socks = (u.protocol === 'socks5:' || u.protocol === 'socks:') && versionAtLeast(version, '7.30.0');
      if (u.protocol !== 'http:' && u.protocol !== 'https:' && !socks) return { url: value, error: `undici ProxyAgent does not support ${u.protocol}// proxies` };
      if (!socks && (u.pathname !== '/' || u.search || u.hash)) return { url: value, error: 'undici rejects a proxy URL with a path, query or fragment (invalid url)' };
    } catch {
      return { url: value, error: 'undici throws on a proxy value that is not a URL (Invalid URL)' };
    }
    return { url: value };
  },
};
export default row;
