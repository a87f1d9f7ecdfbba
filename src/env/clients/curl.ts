/**
 * curl / libcurl (checked against curl 7.88.1, Debian 12).
 * Sources:
 * - lib/url.c detect_proxy(): reads `<scheme>_proxy` in lower case; for http ONLY `http_proxy`
 *   (HTTP_PROXY is never read, a CGI safety measure); for other schemes the upper-case name is
 *   tried when the lower-case one is unset; then `all_proxy`, `ALL_PROXY`.
 *   `no_proxy` then `NO_PROXY`.
 * - lib/getenv.c GetEnv(): an empty value counts as unset, so an empty lower-case variable never
 *   hides the upper-case one.
 * - lib/noproxy.c Curl_check_noproxy() (7.86.0+): `*` only as the whole value; entries separated
 *   by commas; blanks separated entries too until 8.9.0 (deprecated in curl PR #10215, removed
 *   in PR #13789): from 8.9.0 a blank not followed by a comma ends the list;
 *   one leading and one trailing dot of an entry ignored; an entry matches the host itself or
 *   any host ending in `.entry` (label-aware); no `*.` wildcard (`*.example.com` never matches);
 *   IPv4/IPv6 hosts match an address or a CIDR entry; no ports.
 * - docs/cmdline-opts/noproxy.d: "The only wildcard is a single * character"; CIDR since 7.86.0.
 * - lib/url.c parse_proxy(): no scheme means http://; socks4/4a/5/5h and https proxies supported.
 */
import { cidrContains, ipKind, sameIp } from '../ip';
import { coerceVersion, compareVersions } from '../../core/versions';
import { firstSet } from '../target';
import type { ClientRow, Match, Target } from '../types';

function blanksEndList(version: string): boolean {
  const v = coerceVersion(version);
  return !!v && compareVersions(v, { major: 8, minor: 9, patch: 0 }) >= 0;
}

function wsFallsBack(version: string): boolean {
  const v = coerceVersion(version);
  return !!v && compareVersions(v, { major: 8, minor: 4, patch: 0 }) >= 0;
}

export function curlNoProxyMatch(list: string, t: Target, version = '7.88.1'): Match {
  const strict = blanksEndList(version);
  if (list === '*') return { entry: '*' };
  const type = t.ip === 6 ? 6 : ipKind(t.host) === 4 ? 4 : 0;
  let name = t.host;
  if (type === 0 && name.endsWith('.')) name = name.slice(0, -1);
  let p = 0;
  const blank = (c: string | undefined) => c === ' ' || c === '\t';
  while (p < list.length) {
    while (p < list.length && blank(list[p])) p++;
    const start = p;
    while (p < list.length && !blank(list[p]) && list[p] !== ',') p++;
    const raw = list.slice(start, p);
    if (raw) {
      let token = raw;
      let match = false;
      if (type === 0) {
        if (token.endsWith('.')) token = token.slice(0, -1);
        if (token.startsWith('.')) token = token.slice(1);
        token = token.toLowerCase();
        match = token.length > 0 && (token === name || (token.length < name.length && name.endsWith('.' + token)));
        if (token.length === 0) match = false;
      } else {
        const c = cidrContains(token, name);
        match = c ?? sameIp(token, name);
      }
      if (match) return { entry: raw };
    }
    while (blank(list[p])) p++;
    if (list[p] !== ',') {
      if (strict) break;
      continue;
    }
    while (list[p] === ',') p++;
  }
  return null;
}

const row: ClientRow = {
  id: 'curl',
  name: 'curl / libcurl',
  defaultVersion: '7.88.1',
  sources: [
    'curl lib/url.c detect_proxy()',
    'curl lib/getenv.c GetEnv()',
    'curl lib/noproxy.c Curl_check_noproxy()',
    'curl docs/cmdline-opts/noproxy.d',
    'curl PR #10215 (space-separated NO_PROXY deprecated), PR #13789 (removed, 8.9.0)',
    'curl issue #12031, PR #12058 (ws/wss fall back to http/https proxy variables, 8.4.0)',
  ],
  facts: {
    variables: 'http_proxy only (never HTTP_PROXY); https_proxy, HTTPS_PROXY; then all_proxy, ALL_PROXY',
    emptyShadows: false,
    noProxyVariables: 'no_proxy, NO_PROXY',
    separators: 'comma-or-whitespace',
    star: 'whole value',
    starDot: 'never matches',
    leadingDot: 'subdomains and apex',
    suffix: 'label',
    cidr: true,
    ports: false,
    loopbackAlwaysDirect: false,
    schemeless: 'http://',
    proxySchemes: 'http, https, socks4, socks4a, socks5, socks5h',
    websocket: 'ws_proxy/wss_proxy, from 8.4.0 then http_proxy/https_proxy, then all_proxy (curl 7.86+ built with WebSockets)',
  },
  proxyFor(env, t, version) {
    const lower = `${t.scheme}_proxy`;
    const names = t.scheme === 'http' ? [lower] : [lower, lower.toUpperCase()];
    // ws:// and wss://: ws_proxy/wss_proxy, and from 8.4.0 the http/https ones when those are
    // unset (curl issue #12031, PR #12058 "url: fall back to http/https proxy env-variable if
    // ws/wss not set").
    if ((t.scheme === 'ws' || t.scheme === 'wss') && wsFallsBack(version)) names.push(...(t.scheme === 'ws' ? ['http_proxy'] : ['https_proxy', 'HTTPS_PROXY']));
    return firstSet(env, [...names, 'all_proxy', 'ALL_PROXY'], true);
  },
  noProxyFor(env) {
    return firstSet(env, ['no_proxy', 'NO_PROXY'], true);
  },
  bypass: (list, t, v) => curlNoProxyMatch(list, t, v),
  normalizeProxy(value) {
    const m = /^([a-z0-9]+):\/\//i.exec(value);
    if (!m) return { url: `http://${value}` };
    const s = m[1].toLowerCase();
    if (!['http', 'https', 'socks4', 'socks4a', 'socks5', 'socks5h'].includes(s)) {
      return { url: value, error: `curl refuses proxy scheme "${s}://" (Unsupported proxy scheme)` };
    }
    return { url: value };
  },
};
export default row;
