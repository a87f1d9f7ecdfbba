/**
 * GNU Wget (checked against 1.21.3, Debian 12).
 * Sources:
 * - src/retr.c getproxy(): `http_proxy` for http, `https_proxy` for https, `ftp_proxy`; lower
 *   case only (no HTTP_PROXY, no ALL_PROXY); an empty value means no proxy; a value without a
 *   scheme is rewritten by rewrite_shorthand_url() to http://.
 * - src/http.c: the proxy URL must be http:// ("Error in proxy URL …: Must be HTTP.").
 * - src/init.c defaults(): `no_proxy` (lower case only), split by sepstring(): commas, blanks
 *   after a comma skipped (blanks before one are kept in the entry).
 * - src/host.c sufmatch(): case-insensitive suffix of the host; it counts when the whole host
 *   matched, when the character before the suffix is a dot, or when the entry starts with a dot
 *   (so `.example.com` matches subdomains only); no `*`, no CIDR, no ports (an IP is a string).
 */
import { firstSet } from '../target';
import type { ClientRow, Match, Target } from '../types';

function sepstring(s: string): string[] {
  const out: string[] = [];
  let p = 0;
  let i = 0;
  while (i < s.length) {
    if (s[i] === ',') {
      out.push(s.slice(p, i));
      i++;
      while (i < s.length && /\s/.test(s[i])) i++;
      p = i;
    } else i++;
  }
  out.push(s.slice(p));
  return out;
}

export function wgetNoProxyMatch(list: string, t: Target): Match {
  const what = t.host;
  for (const entry of sepstring(list)) {
    if (!entry) continue;
    const e = entry.toLowerCase();
    if (e.length > what.length || !what.endsWith(e)) continue;
    const k = what.length - e.length - 1; // index before the suffix
    if (k === -1 || what[k] === '.' || e.startsWith('.')) return { entry };
  }
  return null;
}

const row: ClientRow = {
  id: 'wget',
  name: 'GNU Wget',
  defaultVersion: '1.21.3',
  sources: ['wget src/retr.c getproxy()', 'wget src/init.c defaults()', 'wget src/utils.c sepstring()', 'wget src/host.c sufmatch()'],
  facts: {
    variables: 'http_proxy, https_proxy (lower case only; no ALL_PROXY)',
    emptyShadows: true,
    noProxyVariables: 'no_proxy (lower case only)',
    separators: 'comma',
    star: 'no',
    starDot: 'never matches',
    leadingDot: 'subdomains only',
    suffix: 'label',
    cidr: false,
    ports: false,
    loopbackAlwaysDirect: false,
    schemeless: 'http://',
    proxySchemes: 'http only',
    websocket: 'no WebSocket support',
  },
  proxyFor(env, t) {
    if (t.scheme !== 'http' && t.scheme !== 'https' && t.scheme !== 'ftp') return null;
    const p = firstSet(env, [`${t.scheme}_proxy`], false);
    return p && p.value !== '' ? p : null;
  },
  noProxyFor(env) {
    return firstSet(env, ['no_proxy'], false);
  },
  bypass: (list, t) => wgetNoProxyMatch(list, t),
  normalizeProxy(value) {
    const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
    if (!/^http:\/\//i.test(url)) return { url, error: 'wget accepts only http:// proxies ("Must be HTTP")' };
    return { url };
  },
};
export default row;
