/**
 * The real-client table: (variables, URL) cases. `$P` is this case's recording proxy
 * (http://127.0.0.1:port), `$H` the same without a scheme, `$D` the direct-target listener's
 * port on 127.0.0.23. Every name is under .invalid and every address in 127.0.0.0/8, so nothing
 * a client does can leave the machine.
 */
export interface RealCase {
  id: string;
  env: Record<string, string>;
  url: string;
  /** Why the case is here (what it separates). */
  note: string;
  /** Only these clients run it (ws:// and wss:// cases: the clients here that speak WebSocket). */
  clients?: string[];
}

/** The clients here that can open ws:// and wss:// themselves: proxy-from-env (1.x, 2.x) and undici's WebSocket. */
const WS = ['proxy-from-env', 'undici'];

const both = (env: Record<string, string> = {}) => ({ http_proxy: '$P', HTTP_PROXY: '$P', https_proxy: '$P', HTTPS_PROXY: '$P', ...env });
const np = (list: string, extra: Record<string, string> = {}) => both({ no_proxy: list, NO_PROXY: list, ...extra });

export const REAL_CASES: RealCase[] = [
  { id: 'lower-http', env: { http_proxy: '$P' }, url: 'http://a.invalid:$D/', note: 'lower-case http_proxy' },
  { id: 'upper-http', env: { HTTP_PROXY: '$P' }, url: 'http://a.invalid:$D/', note: 'curl and wget never read HTTP_PROXY' },
  { id: 'lower-https', env: { https_proxy: '$P' }, url: 'https://a.invalid:$D/', note: 'lower-case https_proxy' },
  { id: 'upper-https', env: { HTTPS_PROXY: '$P' }, url: 'https://a.invalid:$D/', note: 'wget reads lower case only' },
  { id: 'https-falls-back', env: { HTTP_PROXY: '$P', http_proxy: '$P' }, url: 'https://a.invalid:$D/', note: 'only undici uses the http proxy for https' },
  { id: 'all-upper', env: { ALL_PROXY: '$P' }, url: 'http://a.invalid:$D/', note: 'ALL_PROXY: curl, Python, proxy-from-env' },
  { id: 'all-lower-https', env: { all_proxy: '$P' }, url: 'https://a.invalid:$D/', note: 'all_proxy for https' },
  { id: 'empty-lower-http', env: { http_proxy: '', HTTP_PROXY: '$P' }, url: 'http://a.invalid:$D/', note: 'empty lower case hides UPPER (undici, Python)' },
  { id: 'empty-lower-https', env: { https_proxy: '', HTTPS_PROXY: '$P' }, url: 'https://a.invalid:$D/', note: 'empty lower case: curl reads HTTPS_PROXY' },
  { id: 'case-conflict', env: { HTTP_PROXY: '$P', http_proxy: 'http://127.0.0.1:1' }, url: 'http://a.invalid:$D/', note: 'Go prefers UPPER, the rest lower' },
  { id: 'case-conflict-lower', env: { http_proxy: '$P', HTTP_PROXY: 'http://127.0.0.1:1' }, url: 'http://a.invalid:$D/', note: 'the mirror case' },
  { id: 'mixed-case-name', env: { Http_Proxy: '$P' }, url: 'http://a.invalid:$D/', note: 'Python matches variable names in any case' },
  { id: 'no-proxy-exact', env: np('a.invalid'), url: 'http://a.invalid:$D/', note: 'exact host' },
  { id: 'no-proxy-upper-only', env: both({ NO_PROXY: 'a.invalid' }), url: 'http://a.invalid:$D/', note: 'wget reads no_proxy only' },
  { id: 'no-proxy-empty-lower', env: both({ no_proxy: '', NO_PROXY: 'a.invalid' }), url: 'http://a.invalid:$D/', note: 'empty no_proxy hides NO_PROXY for undici and urllib, not requests' },
  { id: 'suffix-label', env: np('corp.invalid'), url: 'http://x.corp.invalid:$D/', note: 'subdomain of an entry' },
  { id: 'suffix-string', env: np('corp.invalid'), url: 'http://notcorp.invalid:$D/', note: 'requests matches a plain string suffix' },
  { id: 'dot-apex', env: np('.corp.invalid'), url: 'http://corp.invalid:$D/', note: 'leading dot vs the apex' },
  { id: 'dot-sub', env: np('.corp.invalid'), url: 'http://x.corp.invalid:$D/', note: 'leading dot vs a subdomain' },
  { id: 'dot-string', env: np('.corp.invalid'), url: 'http://xcorp.invalid:$D/', note: 'Node treats .x as a string suffix' },
  { id: 'star-dot-sub', env: np('*.corp.invalid'), url: 'http://x.corp.invalid:$D/', note: '*. wildcard: curl, wget, requests, httpx never match' },
  { id: 'star-dot-apex', env: np('*.corp.invalid'), url: 'http://corp.invalid:$D/', note: '*. wildcard vs the apex' },
  { id: 'star-alone', env: np('*'), url: 'http://a.invalid:$D/', note: '* disables the proxy' },
  { id: 'star-in-list', env: np('b.invalid,*'), url: 'http://a.invalid:$D/', note: '* as one entry: Go, httpx' },
  { id: 'comma-space', env: np('b.invalid, a.invalid'), url: 'http://a.invalid:$D/', note: 'comma and blank' },
  { id: 'space-separated', env: np('b.invalid a.invalid'), url: 'http://a.invalid:$D/', note: 'whitespace separators' },
  { id: 'space-first', env: np('a.invalid b.invalid'), url: 'http://a.invalid:$D/', note: 'first of a blank-separated list' },
  { id: 'semicolon', env: np('b.invalid;a.invalid'), url: 'http://a.invalid:$D/', note: 'semicolons separate nothing' },
  { id: 'port-match', env: np('a.invalid:$D'), url: 'http://a.invalid:$D/', note: 'host:port entry, same port' },
  { id: 'port-other', env: np('a.invalid:1'), url: 'http://a.invalid:$D/', note: 'host:port entry, other port' },
  { id: 'upper-entry', env: np('A.INVALID'), url: 'http://a.invalid:$D/', note: 'entries are case-insensitive' },
  { id: 'trailing-dot', env: np('a.invalid.'), url: 'http://a.invalid:$D/', note: 'curl drops a trailing dot' },
  { id: 'ip-exact', env: np('127.0.0.23'), url: 'http://127.0.0.23:$D/', note: 'an address entry' },
  { id: 'cidr-8', env: np('127.0.0.0/8'), url: 'http://127.0.0.23:$D/', note: 'CIDR: curl, Go, requests' },
  { id: 'cidr-24', env: np('127.0.0.0/24'), url: 'http://127.0.0.23:$D/', note: 'CIDR /24' },
  { id: 'cidr-miss', env: np('127.0.1.0/24'), url: 'http://127.0.0.23:$D/', note: 'CIDR that does not contain the host' },
  { id: 'ip-suffix', env: np('0.0.23'), url: 'http://127.0.0.23:$D/', note: 'urllib suffix-matches addresses as strings' },
  { id: 'ip-port', env: np('127.0.0.23:$D'), url: 'http://127.0.0.23:$D/', note: 'address:port entry' },
  { id: 'ip-port-other', env: np('127.0.0.23:1'), url: 'http://127.0.0.23:$D/', note: 'address:port entry, other port' },
  { id: 'port-list', env: np('b.invalid,a.invalid:$D'), url: 'http://a.invalid:$D/', note: 'host:port after another entry' },
  { id: 'loopback-ip', env: both(), url: 'http://127.0.0.23:$D/', note: 'Go never proxies loopback' },
  { id: 'ip-range', env: np('127.0.0.1-127.0.0.99'), url: 'http://127.0.0.23:$D/', note: 'Node-only a-b ranges' },
  { id: 'whole-tld', env: np('.invalid'), url: 'http://a.invalid:$D/', note: 'a TLD-wide entry' },
  { id: 'cgi-upper', env: { HTTP_PROXY: '$P', REQUEST_METHOD: 'GET' }, url: 'http://a.invalid:$D/', note: 'CGI guard: Go refuses, Python drops HTTP_PROXY' },
  { id: 'cgi-lower', env: { http_proxy: '$P', REQUEST_METHOD: 'GET' }, url: 'http://a.invalid:$D/', note: 'CGI guard with lower case' },
  { id: 'schemeless-http', env: { http_proxy: '$H', HTTP_PROXY: '$H' }, url: 'http://a.invalid:$D/', note: 'host:port without a scheme' },
  { id: 'schemeless-https', env: { https_proxy: '$H', HTTPS_PROXY: '$H' }, url: 'https://a.invalid:$D/', note: 'proxy-from-env uses https:// for it' },
  { id: 'path-garbage', env: both({ http_proxy: '$P/some/path', HTTP_PROXY: '$P/some/path' }), url: 'http://a.invalid:$D/', note: 'a path after the proxy' },
  { id: 'socks5h-all', env: { all_proxy: 'socks5h://$H', ALL_PROXY: 'socks5h://$H' }, url: 'http://a.invalid:$D/', note: 'socks5h through ALL_PROXY' },
  { id: 'socks5-https', env: { https_proxy: 'socks5://$H', HTTPS_PROXY: 'socks5://$H' }, url: 'https://a.invalid:$D/', note: 'socks5 for https' },
  // WebSocket: which variable names the proxy for wss:// and ws:// (env/websocket-proxy).
  { id: 'ws-wss-https-only', env: { https_proxy: '$P', HTTPS_PROXY: '$P' }, url: 'wss://a.invalid:$D/', note: 'wss:// with HTTPS_PROXY only: undici yes, proxy-from-env never', clients: WS },
  { id: 'ws-wss-proxy-only', env: { wss_proxy: '$P', WSS_PROXY: '$P' }, url: 'wss://a.invalid:$D/', note: 'wss:// with WSS_PROXY only: proxy-from-env yes, undici never', clients: WS },
  { id: 'ws-ws-http-only', env: { http_proxy: '$P', HTTP_PROXY: '$P' }, url: 'ws://a.invalid:$D/', note: 'ws:// with HTTP_PROXY only', clients: WS },
  { id: 'ws-ws-proxy-only', env: { ws_proxy: '$P' }, url: 'ws://a.invalid:$D/', note: 'ws:// with ws_proxy only', clients: WS },
  { id: 'ws-all-proxy', env: { all_proxy: '$P' }, url: 'wss://a.invalid:$D/', note: 'all_proxy for wss://: proxy-from-env only', clients: WS },
  { id: 'ws-no-proxy', env: { https_proxy: '$P', wss_proxy: '$P', no_proxy: 'a.invalid' }, url: 'wss://a.invalid:$D/', note: 'NO_PROXY applies to WebSocket too', clients: WS },
];
