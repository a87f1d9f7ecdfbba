/**
 * Node.js built-in http/https (and fetch) with NODE_USE_ENV_PROXY=1, by version.
 * Sources:
 * - doc/api/cli.md `NODE_USE_ENV_PROXY=1` / `--use-env-proxy`: parses HTTP_PROXY, HTTPS_PROXY and
 *   NO_PROXY at start-up. Added for fetch() in v24.0.0; for the http/https modules in v24.5.0,
 *   backported to v22.21.0. Earlier versions (v20, v22 < 22.21, v23) ignore the variables: every
 *   request goes direct.
 * - lib/internal/http.js parseProxyConfigFromEnv(): `http_proxy || HTTP_PROXY`,
 *   `https_proxy || HTTPS_PROXY` (lower case first, empty counts as unset; no ALL_PROXY; https
 *   does not fall back to http_proxy), `no_proxy || NO_PROXY`.
 * - lib/internal/http.js ProxyConfig.shouldUseProxy(): entries split on commas and trimmed;
 *   `*` anywhere disables; exact host or host:port; `.x` is a plain string suffix (matches x,
 *   a.x and also notx); `*.x` matches subdomains; IPv4 ranges `a-b`; no CIDR.
 * Node's fetch under NODE_USE_ENV_PROXY uses undici's EnvHttpProxyAgent (see undici.ts).
 */
import { coerceVersion, compareVersions } from '../../core/versions';
import { firstSet } from '../target';
import type { ClientRow, Match, Target } from '../types';

export function nodeSupportsEnvProxy(version: string): boolean {
  const v = coerceVersion(version);
  if (!v) return false;
  if (v.major === 22) return compareVersions(v, { major: 22, minor: 21, patch: 0 }) >= 0;
  return compareVersions(v, { major: 24, minor: 5, patch: 0 }) >= 0;
}

function ipv4ToInt(s: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return null;
  return ((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3];
}

export function nodeNoProxyMatch(list: string, t: Target): Match {
  const host = t.hostForMatch;
  const hostWithPort = t.explicitPort ? `${host}:${t.port}` : host;
  for (const raw of list.split(',')) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return { entry: raw.trim() };
    if (entry === host || entry === hostWithPort) return { entry: raw.trim() };
    if (entry.startsWith('.') && host.endsWith(entry.slice(1))) return { entry: raw.trim() };
    if (entry.startsWith('*.') && host.endsWith(entry.slice(1))) return { entry: raw.trim() };
    if (entry.includes('-')) {
      const h = ipv4ToInt(host);
      const [a, b] = entry.split('-').map((s) => ipv4ToInt(s.trim()));
      if (h !== null && a !== null && b !== null && h >= a && h <= b) return { entry: raw.trim() };
    }
  }
  return null;
}

const row: ClientRow = {
  id: 'node',
  name: 'Node.js built-in http/https (NODE_USE_ENV_PROXY=1)',
  defaultVersion: process.versions.node,
  sources: [
    'node doc/api/cli.md NODE_USE_ENV_PROXY, --use-env-proxy (added v24.0.0 fetch, v24.5.0/v22.21.0 http)',
    'node lib/internal/http.js parseProxyConfigFromEnv(), ProxyConfig.shouldUseProxy()',
  ],
  facts: {
    variables: 'http_proxy, HTTP_PROXY; https_proxy, HTTPS_PROXY (lower case first; only with NODE_USE_ENV_PROXY=1 on >=22.21/24.5)',
    emptyShadows: false,
    noProxyVariables: 'no_proxy, NO_PROXY',
    separators: 'comma',
    star: 'any entry',
    starDot: 'subdomains only',
    leadingDot: 'suffix (string)',
    suffix: 'exact',
    cidr: false,
    ports: true,
    loopbackAlwaysDirect: false,
    schemeless: 'rejected (ERR_PROXY_INVALID_CONFIG)',
    proxySchemes: 'http, https',
    websocket: 'the ws package and WebSocket need an agent/dispatcher of their own',
  },
  disabled(env, version) {
    const flag = env.NODE_USE_ENV_PROXY;
    const opts = env.NODE_OPTIONS ?? '';
    const viaFlag = /(?:^|\s)--use-env-proxy(?:\s|$)/.test(opts);
    if (!nodeSupportsEnvProxy(version)) {
      return `Node ${version} ignores proxy variables (NODE_USE_ENV_PROXY needs v22.21.0+ or v24.5.0+ for http/https)`;
    }
    if (flag !== '1' && !viaFlag) return 'Node reads proxy variables only with NODE_USE_ENV_PROXY=1 or --use-env-proxy';
    return null;
  },
  proxyFor(env, t) {
    if (t.scheme === 'https') return firstSet(env, ['https_proxy', 'HTTPS_PROXY'], true);
    if (t.scheme === 'http') return firstSet(env, ['http_proxy', 'HTTP_PROXY'], true);
    return null;
  },
  noProxyFor(env) {
    return firstSet(env, ['no_proxy', 'NO_PROXY'], true);
  },
  bypass: (list, t) => nodeNoProxyMatch(list, t),
  normalizeProxy(value) {
    let u: URL;
    try {
      u = new URL(value);
    } catch {
      return { url: value, error: 'Node rejects a proxy value that is not a URL (ERR_PROXY_INVALID_CONFIG)' };
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') {
      return { url: value, error: `Node supports only http:// and https:// proxies, not ${u.protocol}//` };
    }
    return { url: value };
  },
};
export default row;
