/**
 * Java (java.net URL/HttpURLConnection and java.net.http.HttpClient through the default
 * ProxySelector; checked by reading JDK 17).
 * Sources:
 * - JDK doc java/net/doc-files/net-properties.html: http.proxyHost/http.proxyPort (default 80),
 *   https.proxyHost/https.proxyPort (default 443), http.nonProxyHosts (used for https too),
 *   socksProxyHost/socksProxyPort (default 1080); Java never reads HTTP_PROXY/HTTPS_PROXY/NO_PROXY.
 * - sun/net/spi/DefaultProxySelector.java: nonProxyHosts split on `|`, case-insensitive, `*` only
 *   at the start or end of an entry; when unset the default is
 *   `localhost|127.*|[::1]|0.0.0.0|[::0]`, when set it REPLACES that default.
 * - The environment reaches system properties only as `-D` options in JAVA_TOOL_OPTIONS (every
 *   JVM), JDK_JAVA_OPTIONS (the java launcher, 9+) and _JAVA_OPTIONS (last, overrides).
 */
import type { ClientRow, Env, Match, Picked, Target } from '../types';

export function javaProperties(env: Env): Map<string, Picked> {
  const props = new Map<string, Picked>();
  for (const v of ['JAVA_TOOL_OPTIONS', 'JDK_JAVA_OPTIONS', '_JAVA_OPTIONS']) {
    const text = env[v];
    if (!text) continue;
    const re = /-D([\w.]+)=("([^"]*)"|'([^']*)'|(\S*))/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) props.set(m[1], { variable: `${v} -D${m[1]}`, value: m[3] ?? m[4] ?? m[5] ?? '' });
  }
  return props;
}

const DEFAULT_NON_PROXY = 'localhost|127.*|[::1]|0.0.0.0|[::0]';

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function javaNonProxyMatch(list: string, t: Target): Match {
  const host = t.hostForMatch;
  for (const raw of list.split('|')) {
    const d = raw.trim().toLowerCase();
    if (!d) continue;
    let re: string;
    if (d.length > 1 && d.startsWith('*') && d.endsWith('*')) re = `.*${escape(d.slice(1, -1))}.*`;
    else if (d.startsWith('*')) re = `.*${escape(d.slice(1))}`;
    else if (d.endsWith('*')) re = `${escape(d.slice(0, -1))}.*`;
    else re = escape(d);
    if (new RegExp(`^${re}$`, 'i').test(host)) return { entry: raw.trim() };
  }
  return null;
}

const row: ClientRow = {
  id: 'java',
  name: 'Java (system properties)',
  defaultVersion: '17',
  sources: ['JDK java/net/doc-files/net-properties.html', 'JDK sun/net/spi/DefaultProxySelector.java'],
  facts: {
    variables: 'none: -Dhttp(s).proxyHost/-Dhttp(s).proxyPort via JAVA_TOOL_OPTIONS, JDK_JAVA_OPTIONS, _JAVA_OPTIONS',
    emptyShadows: true,
    noProxyVariables: 'none: -Dhttp.nonProxyHosts (default localhost|127.*|[::1]|0.0.0.0|[::0])',
    separators: 'pipe',
    star: 'any entry',
    starDot: 'glob',
    leadingDot: 'suffix (string)',
    suffix: 'exact',
    cidr: false,
    ports: false,
    loopbackAlwaysDirect: false,
    schemeless: 'host and port are separate properties',
    proxySchemes: 'HTTP proxies (http.proxyHost/https.proxyHost), SOCKS (socksProxyHost)',
    websocket: 'java.net.http WebSocket uses the same ProxySelector',
  },
  proxyFor(env, t) {
    const props = javaProperties(env);
    const s = t.scheme === 'ws' ? 'http' : t.scheme === 'wss' ? 'https' : t.scheme;
    const host = props.get(`${s}.proxyHost`);
    if (host && host.value) return host;
    const socks = props.get('socksProxyHost');
    if (socks && socks.value) return socks;
    return null;
  },
  noProxyFor(env) {
    return javaProperties(env).get('http.nonProxyHosts') ?? { variable: 'http.nonProxyHosts (JDK default)', value: DEFAULT_NON_PROXY };
  },
  bypass: (list, t) => javaNonProxyMatch(list, t),
  normalizeProxy(value, t, env, picked) {
    const props = javaProperties(env);
    const s = t.scheme === 'ws' ? 'http' : t.scheme === 'wss' ? 'https' : t.scheme;
    if (picked.variable.endsWith('socksProxyHost')) return { url: `socks://${value}:${props.get('socksProxyPort')?.value || 1080}` };
    const port = props.get(`${s}.proxyPort`)?.value || (s === 'https' ? '443' : '80');
    return { url: `http://${value}:${port}` };
  },
};
export default row;
