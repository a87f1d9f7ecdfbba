/**
 * proxy-from-env getProxyForUrl() — used by axios (2.x since axios 1.13) and many others.
 * Checked against 2.1.0 and 1.1.0 (1.x also reads npm_config_* variables).
 * Sources (index.js):
 * - getEnv(key): `env[lower] || env[UPPER]`: lower case first, an empty value counts as unset.
 * - getProxyForUrl(): `<scheme>_proxy` then `all_proxy` (1.x: npm_config_<scheme>_proxy first,
 *   npm_config_proxy before all_proxy); a value without "://" gets the REQUEST's scheme
 *   (`proxy:3128` for an https URL becomes https://proxy:3128).
 * - shouldProxy(): `no_proxy` (1.x: npm_config_no_proxy first), lower-cased; `*` as the whole
 *   value disables; split on commas and whitespace; `host:port` entries; an entry without a
 *   leading `.`/`*` must equal the host; `.x` and `*x` are plain string suffixes (`*.x`
 *   matches a.x, `.x` matches a.x, neither matches x itself); no CIDR; IPv6 hosts keep brackets.
 * Callers (axios) then use the returned URL; ws:// and wss:// have default ports 80/443.
 */
import { coerceVersion } from '../../core/versions';
import type { ClientRow, Env, Match, Picked, Target } from '../types';

function getEnv(env: Env, key: string): Picked | null {
  const lower = key.toLowerCase();
  const upper = key.toUpperCase();
  if (env[lower]) return { variable: lower, value: env[lower] as string };
  if (env[upper]) return { variable: upper, value: env[upper] as string };
  return null;
}

const v1 = (version: string) => (coerceVersion(version)?.major ?? 2) < 2;

export function pfeNoProxyMatch(list: string, t: Target): Match {
  const NO_PROXY = list.toLowerCase();
  if (!NO_PROXY) return null;
  if (NO_PROXY === '*') return { entry: '*' };
  const hostname = t.hostForMatch;
  for (const proxy of NO_PROXY.split(/[,\s]/)) {
    if (!proxy) continue;
    const parsed = /^(.+):(\d+)$/.exec(proxy);
    let h = parsed ? parsed[1] : proxy;
    const port = parsed ? parseInt(parsed[2], 10) : 0;
    if (port && port !== t.port) continue;
    if (!/^[.*]/.test(h)) {
      if (hostname === h) return { entry: proxy };
      continue;
    }
    if (h.charAt(0) === '*') h = h.slice(1);
    if (hostname.endsWith(h)) return { entry: proxy };
  }
  return null;
}

const row: ClientRow = {
  id: 'proxy-from-env',
  name: 'proxy-from-env (axios, …)',
  defaultVersion: '2.1.0',
  sources: ['proxy-from-env index.js getProxyForUrl(), shouldProxy(), getEnv()'],
  facts: {
    variables: '<scheme>_proxy then all_proxy, each lower || UPPER (1.x: npm_config_* first)',
    emptyShadows: false,
    noProxyVariables: 'no_proxy || NO_PROXY (1.x: npm_config_no_proxy first)',
    separators: 'comma-or-whitespace',
    star: 'whole value',
    starDot: 'subdomains only',
    leadingDot: 'subdomains only',
    suffix: 'exact',
    cidr: false,
    ports: true,
    loopbackAlwaysDirect: false,
    schemeless: "the request's scheme",
    proxySchemes: 'whatever the caller supports (axios: http, https)',
    websocket: 'ws_proxy/wss_proxy then all_proxy',
  },
  proxyFor(env, t, version) {
    const keys = v1(version)
      ? [`npm_config_${t.scheme}_proxy`, `${t.scheme}_proxy`, 'npm_config_proxy', 'all_proxy']
      : [`${t.scheme}_proxy`, 'all_proxy'];
    for (const k of keys) {
      const p = getEnv(env, k);
      if (p) return p;
    }
    return null;
  },
  noProxyFor(env, version) {
    return (v1(version) ? getEnv(env, 'npm_config_no_proxy') : null) ?? getEnv(env, 'no_proxy');
  },
  bypass: (list, t) => pfeNoProxyMatch(list, t),
  normalizeProxy(value, t) {
    return { url: value.includes('://') ? value : `${t.scheme}://${value}` };
  },
};
export default row;
