/**
 * Env rules as a table (issue 15): each case is a file's text and every finding it gives, with
 * its exact range, severity, rule and message, so that a moved column, a lost "and", a wrong
 * severity or a finding that appears or goes away fails a row (test/env/rules.test.ts checks the
 * README examples and rule ids only). Ranges are line:column-endLine:endColumn, end exclusive.
 */
import { envRules } from '../../rules/env';
import { lintEnvText } from '../../src/env/lint';

type Kind = Parameters<typeof lintEnvText>[2];
const file = (kind: Kind) => (kind === 'dockerfile' ? '/x/Dockerfile' : kind === 'yaml' ? '/x/pod.yaml' : '/x/.env');
const findings = (text: string, kind: Kind) =>
  lintEnvText(file(kind), text, kind, { rules: envRules }).messages.map((m) => `${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.severity} ${m.ruleId}: ${m.message}`);

const cases: Array<[string, Kind, string[]]> = [
  ["HTTPS_PROXY=proxy.invalid:8080\nNO_PROXY=localhost,127.0.0.1", 'dotenv', [
    "1:13-1:31 warning env/proxy-url-scheme: HTTPS_PROXY has no scheme: Node and undici reject it, proxy-from-env guesses; write http://proxy.invalid:8080.",
  ]],
  ["HTTPS_PROXY=//proxy.invalid:8080\nNO_PROXY=localhost,127.0.0.1", 'dotenv', [
    "1:13-1:33 warning env/proxy-url-scheme: HTTPS_PROXY has no scheme: Node and undici reject it, proxy-from-env guesses; write http://proxy.invalid:8080.",
  ]],
  ["HTTPS_PROXY=ftp://proxy.invalid:8080\nNO_PROXY=localhost,127.0.0.1", 'dotenv', [
    "1:13-1:19 warning env/proxy-url-scheme: HTTPS_PROXY uses \"ftp://\", which no common client supports as a proxy (http://, https://, socks5h://).",
  ]],
  ["HTTPS_PROXY=HTTP://proxy.invalid:8080\nNO_PROXY=localhost,127.0.0.1", 'dotenv', []],
  ["ENV HTTPS_PROXY=http://bob:secret@proxy.invalid:8080\nENV NO_PROXY=localhost,127.0.0.1", 'dockerfile', [
    "1:24-1:34 error env/proxy-credentials: HTTPS_PROXY carries credentials in the URL (every image layer keeps it); pass them from a secret at run time.",
  ]],
  ["HTTPS_PROXY=bob:secret@proxy.invalid:8080\nNO_PROXY=localhost,127.0.0.1", 'dotenv', [
    "1:13-1:23 error env/proxy-credentials: HTTPS_PROXY carries credentials in the URL; pass them from a secret at run time.",
    "1:13-1:42 warning env/proxy-url-scheme: HTTPS_PROXY has no scheme: Node and undici reject it, proxy-from-env guesses; write http://bob:***@proxy.invalid:8080.",
  ]],
  ["HTTPS_PROXY=http://${USER}@proxy.invalid:8080\nNO_PROXY=localhost,127.0.0.1", 'dotenv', []],
  ["HTTPS_PROXY=http://b#b:p@proxy.invalid:8080\nNO_PROXY=localhost,127.0.0.1", 'dotenv', [
    "1:20-1:25 error env/proxy-credentials: HTTPS_PROXY carries credentials in the URL; pass them from a secret at run time.",
    "1:20-1:25 error env/proxy-userinfo-encoding: HTTPS_PROXY: \"#\" in the user name or password must be percent-encoded, or clients cut the URL there.",
    "1:21-1:44 warning env/proxy-url-path: HTTPS_PROXY has \"#b:p@proxy.invalid:8080\" after host:port: undici and Node's fetch reject the URL (invalid url); drop it.",
  ]],
  ["HTTPS_PROXY=http://bob:p%zzss@proxy.invalid:8080\nNO_PROXY=localhost,127.0.0.1", 'dotenv', [
    "1:20-1:30 error env/proxy-credentials: HTTPS_PROXY carries credentials in the URL; pass them from a secret at run time.",
    "1:20-1:30 error env/proxy-userinfo-encoding: HTTPS_PROXY: \"%\" in the user name or password must be percent-encoded, or clients cut the URL there.",
  ]],
  ["HTTPS_PROXY=http://bob:p%2Fss@proxy.invalid:8080\nNO_PROXY=localhost,127.0.0.1", 'dotenv', [
    "1:20-1:30 error env/proxy-credentials: HTTPS_PROXY carries credentials in the URL; pass them from a secret at run time.",
  ]],
  ["HTTPS_PROXY=http://bob:p:ss@proxy.invalid:8080\nNO_PROXY=localhost,127.0.0.1", 'dotenv', [
    "1:20-1:28 error env/proxy-credentials: HTTPS_PROXY carries credentials in the URL; pass them from a secret at run time.",
  ]],
  ["HTTPS_PROXY=http://proxy.invalid:8080/path?x\nNO_PROXY=localhost,127.0.0.1", 'dotenv', [
    "1:38-1:45 warning env/proxy-url-path: HTTPS_PROXY has \"/path?x\" after host:port: undici and Node's fetch reject the URL (invalid url); drop it.",
  ]],
  ["HTTPS_PROXY=http://proxy.invalid:8080/\nNO_PROXY=localhost,127.0.0.1", 'dotenv', []],
  ["HTTPS_PROXY=http://a.invalid:1\nhttps_proxy=http://b.invalid:1\nNO_PROXY=localhost,127.0.0.1", 'dotenv', [
    "1:1-1:12 warning env/proxy-case-conflict: HTTPS_PROXY and https_proxy differ: HTTPS_PROXY is read by Go, https_proxy by curl, wget, Node, undici, Python.",
  ]],
  ["ALL_PROXY=http://a.invalid:1\nall_proxy=\nNO_PROXY=localhost,127.0.0.1", 'dotenv', [
    "2:1-2:10 warning env/proxy-case-conflict: all_proxy is empty but ALL_PROXY is set: undici and Python treat the empty all_proxy as \"no proxy\", others use ALL_PROXY.",
  ]],
  ["HTTPS_PROXY=\nhttps_proxy=http://b.invalid:1\nNO_PROXY=localhost,127.0.0.1", 'dotenv', [
    "1:1-1:12 warning env/proxy-case-conflict: HTTPS_PROXY is empty but https_proxy is set: undici and Python treat the empty https_proxy as \"no proxy\", others use https_proxy.",
  ]],
  ["HTTPS_PROXY=http://a.invalid:1\nHttps_Proxy=http://b.invalid:1\nNO_PROXY=localhost,127.0.0.1", 'dotenv', []],
  ["HTTPS_PROXY=http://a.invalid:1\nNO_PROXY=LOCALHOST,example.com", 'dotenv', [
    "2:10-2:31 warning env/no-proxy-loopback: NO_PROXY lacks 127.0.0.1: curl, wget, Python and Node send local requests to the proxy (only Go skips it).",
  ]],
  ["HTTPS_PROXY=\nNO_PROXY=example.com", 'dotenv', []],
  ["HTTPS_PROXY=http://a.invalid:1\nNO_PROXY=localhost,127.0.0.1,10.0.0.0/8,*.corp.example,a/b", 'dotenv', [
    "2:30-2:40 warning env/no-proxy-ignored-entry: \"10.0.0.0/8\": wget, Node, undici, proxy-from-env and httpx ignore CIDR ranges (curl, Go and requests honour them).",
    "2:41-2:55 warning env/no-proxy-ignored-entry: \"*.corp.example\": curl, wget, requests and httpx never match \"*.\" entries; write \".corp.example\".",
  ]],
  ["NODE_TLS_REJECT_UNAUTHORIZED=false", 'dotenv', []],
  ["HTTPS_PROXY=SOCKS5://a.invalid:1080\nNO_PROXY=localhost,127.0.0.1", 'dotenv', [
    "1:13-1:19 info env/socks5-local-dns: HTTPS_PROXY uses socks5://: names are resolved here, not by the proxy; use socks5h:// where internal names only resolve there.",
  ]],
  ["HTTPS_PROXY=socks5h://a.invalid:1080\nNO_PROXY=localhost,127.0.0.1", 'dotenv', []],
  ["NO_PROXY=localhost,127.0.0.1,a.invalid:8443", 'dotenv', []],
  ["HTTPS_PROXY=http://p.invalid:8080\nNO_PROXY=localhost,127.0.0.1,.a.invalid:8443,*.b.invalid:99", 'dotenv', [
    "2:30-2:45 warning env/no-proxy-port: \".a.invalid:8443\": curl, wget, Go, proxy-from-env, requests and httpx never match an entry with a port, so they proxy it; undici bypasses the proxy for port 8443 only.",
    "2:46-2:60 warning env/no-proxy-ignored-entry: \"*.b.invalid:99\": curl, wget, requests and httpx never match \"*.\" entries; write \".b.invalid:99\".",
    "2:46-2:60 warning env/no-proxy-port: \"*.b.invalid:99\": curl, wget, Go, proxy-from-env, requests and httpx never match an entry with a port, so they proxy it; undici bypasses the proxy for port 99 only.",
  ]],
  ["HTTPS_PROXY=http://a.invalid:1\nno_proxy=\"example.com 127.0.0.1\"", 'dotenv', [
    "2:11-2:32 warning env/no-proxy-loopback: no_proxy lacks localhost: curl, wget, Python and Node send local requests to the proxy (only Go skips it).",
    "2:22-2:23 warning env/no-proxy-ignored-entry: no_proxy separates entries with blanks: Go, wget, Python and curl 8.9+ read it as one entry; use commas.",
  ]],
  ["HTTPS_PROXY=http://a.invalid:1\nNO_PROXY=\"localhost 127.0.0.1  corp\"", 'dotenv', [
    "2:20-2:21 warning env/no-proxy-ignored-entry: NO_PROXY separates entries with blanks: Go, wget, Python and curl 8.9+ read it as one entry; use commas.",
  ]],
  ["NODE_TLS_REJECT_UNAUTHORIZED=0", 'dotenv', [
    "1:30-1:31 warning env/node-tls-reject-unauthorized: NODE_TLS_REJECT_UNAUTHORIZED=0 disables TLS verification everywhere; set NODE_EXTRA_CA_CERTS to the proxy CA instead.",
  ]],
  ["NODE_TLS_REJECT_UNAUTHORIZED=\"0 \"", 'dotenv', [
    "1:31-1:33 warning env/node-tls-reject-unauthorized: NODE_TLS_REJECT_UNAUTHORIZED=0 disables TLS verification everywhere; set NODE_EXTRA_CA_CERTS to the proxy CA instead.",
  ]],
  ["HTTPS_PROXY=http://p.invalid:8080\nNO_PROXY=*", 'dotenv', []],
  ["HTTPS_PROXY=http://p.invalid:8080\nNO_PROXY=${NP}", 'dotenv', []],
  ["kind: Pod\nspec:\n  containers:\n    - name: a\n      env:\n        - name: HTTPS_PROXY\n          value: http://p.invalid:8080\n        - name: NO_PROXY\n          value: localhost,127.0.0.1\n", 'yaml', [
    "9:18-9:37 warning env/k8s-no-proxy-cluster: NO_PROXY lacks .svc and .cluster.local: in-cluster service calls go to the proxy.",
  ]],
  ["kind: Pod\nspec:\n  containers:\n    - name: a\n      env:\n        - name: HTTPS_PROXY\n          value: http://p.invalid:8080\n", 'yaml', [
    "6:17-6:28 warning env/k8s-no-proxy-cluster: HTTPS_PROXY is set without NO_PROXY: service calls (.svc, .cluster.local) go to the proxy.",
  ]],
  ["kind: Pod\nspec:\n  containers:\n    - name: a\n      env:\n        - name: HTTPS_PROXY\n          value: http://p.invalid:8080\n        - name: NO_PROXY\n          value: localhost,127.0.0.1,*.svc,cluster.local\n", 'yaml', [
    "9:38-9:43 warning env/no-proxy-ignored-entry: \"*.svc\": curl, wget, requests and httpx never match \"*.\" entries; write \".svc\".",
  ]],
  ["WS_PROXY=http://p.invalid:8080\nHTTP_PROXY=http://q.invalid:8080\nNO_PROXY=localhost,127.0.0.1", 'dotenv', [
    "1:1-1:9 warning env/websocket-proxy: ws:// routes differ: curl and proxy-from-env use http://p.invalid:8080, Go and undici use http://q.invalid:8080; set WS_PROXY and HTTP_PROXY to the same proxy.",
  ]],
  ["HTTP_PROXY=http://p.invalid:8080\nNO_PROXY=localhost,127.0.0.1\nFEED=ws://feed.invalid/x", 'dotenv', [
    "3:6-3:25 info env/websocket-proxy: ws:// routes differ: curl and proxy-from-env connect directly, Go and undici use http://p.invalid:8080; set WS_PROXY and HTTP_PROXY to the same proxy.",
  ]],
  // Cases that pin each rule's edges (issue 15, mutation survivors): references, a spelling
  // that only looks like a proxy variable, the singular verb, bare IPv6, known schemes.
  ["HTTPS_PROXY=${PROXY_URL:-http://bob:p?ss@proxy.invalid:8080}\nNO_PROXY=localhost,127.0.0.1", 'dotenv', []],
  ["HTTPS_PROXY=bob:p#ss@proxy.invalid:8080\nNO_PROXY=localhost,127.0.0.1", 'dotenv', [
    "1:13-1:21 error env/proxy-credentials: HTTPS_PROXY carries credentials in the URL; pass them from a secret at run time.",
    "1:13-1:40 warning env/proxy-url-scheme: HTTPS_PROXY has no scheme: Node and undici reject it, proxy-from-env guesses; write http://bob:p#ss@proxy.invalid:8080.",
    "1:13-1:21 error env/proxy-userinfo-encoding: HTTPS_PROXY: \"#\" in the user name or password must be percent-encoded, or clients cut the URL there.",
  ]],
  ["HTTPS_PROXY=http://bob:p%2zss@proxy.invalid:8080\nNO_PROXY=localhost,127.0.0.1", 'dotenv', [
    "1:20-1:30 error env/proxy-credentials: HTTPS_PROXY carries credentials in the URL; pass them from a secret at run time.",
    "1:20-1:30 error env/proxy-userinfo-encoding: HTTPS_PROXY: \"%\" in the user name or password must be percent-encoded, or clients cut the URL there.",
  ]],
  ["HTTPS_PROXY=\"http://bob:p ss@proxy.invalid:8080\"\nNO_PROXY=localhost,127.0.0.1", 'dotenv', [
    "1:21-1:29 error env/proxy-credentials: HTTPS_PROXY carries credentials in the URL; pass them from a secret at run time.",
    "1:21-1:29 error env/proxy-userinfo-encoding: HTTPS_PROXY: a space in the user name or password must be percent-encoded, or clients cut the URL there.",
  ]],
  ["FOO=0", 'dotenv', []],
  ["foo=1\nFOO=2", 'dotenv', []],
  ["https_proxy=http://a.invalid:1\nHttps_Proxy=http://b.invalid:1\nNO_PROXY=localhost,127.0.0.1", 'dotenv', []],
  ["HTTP_PROXY=http://a.invalid:1\nhttp_proxy=http://b.invalid:1\nNO_PROXY=localhost,127.0.0.1", 'dotenv', [
    "1:1-1:11 warning env/proxy-case-conflict: HTTP_PROXY and http_proxy differ: HTTP_PROXY is read by Go, http_proxy by curl, wget, Node, undici, Python.",
  ]],
  ["HTTP_PROXY=http://a.invalid:1\nNO_PROXY=localhost,127.0.0.1\nno_proxy=localhost,127.0.0.1,.corp.example", 'dotenv', [
    "2:1-2:9 warning env/proxy-case-conflict: NO_PROXY and no_proxy differ: NO_PROXY is read by Go, no_proxy by curl, wget, Node, undici, Python.",
  ]],
  ["ALL_PROXY=http://a.invalid:1\nall_proxy=http://b.invalid:1\nNO_PROXY=localhost,127.0.0.1", 'dotenv', [
    "1:1-1:10 warning env/proxy-case-conflict: ALL_PROXY and all_proxy differ: ALL_PROXY is read by curl and Python only when all_proxy is unset, all_proxy by curl, Python, proxy-from-env.",
  ]],
  ["HTTPS_PROXY=http://a.invalid:1\nNO_PROXY=\" *\"", 'dotenv', []],
  ["HTTPS_PROXY=http://a.invalid:1\nNO_PROXY=example.com", 'dotenv', [
    "2:10-2:21 warning env/no-proxy-loopback: NO_PROXY lacks localhost and 127.0.0.1: curl, wget, Python and Node send local requests to the proxy (only Go skips it).",
  ]],
  ["WS_PROXY=${WS}\nHTTP_PROXY=http://q.invalid:8080\nNO_PROXY=localhost,127.0.0.1", 'dotenv', []],
  ["WS_PROXY=http://p.invalid:8080\nHTTP_PROXY=http://q.invalid:8080\nNO_PROXY=localhost,127.0.0.1\nFEED=ws://feed.invalid/x", 'dotenv', [
    "1:1-1:9 warning env/websocket-proxy: ws:// routes differ: curl and proxy-from-env use http://p.invalid:8080, Go and undici use http://q.invalid:8080; set WS_PROXY and HTTP_PROXY to the same proxy.",
  ]],
  ["HTTPS_PROXY=http://${HOST}/x\nNO_PROXY=localhost,127.0.0.1", 'dotenv', []],
  ["HTTPS_PROXY=http://proxy.invalid:8080/abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz\nNO_PROXY=localhost,127.0.0.1", 'dotenv', [
    "1:38-1:91 warning env/proxy-url-path: HTTPS_PROXY has \"/abcdefghijklmnopqrstuvwxyzabcdefghijklm\" after host:port: undici and Node's fetch reject the URL (invalid url); drop it.",
  ]],
  ["HTTPS_PROXY=x http://proxy.invalid:8080/p\nNO_PROXY=localhost,127.0.0.1", 'dotenv', [
    "1:13-1:14 warning env/proxy-url-scheme: HTTPS_PROXY has no scheme: Node and undici reject it, proxy-from-env guesses; write http://x.",
  ]],
  ["HTTPS_PROXY=socks4://a.invalid:1080\nNO_PROXY=localhost,127.0.0.1", 'dotenv', []],
  ["HTTPS_PROXY=https://a.invalid:1080\nNO_PROXY=localhost,127.0.0.1", 'dotenv', []],
  ["HTTPS_PROXY=socks4a://a.invalid:1080\nNO_PROXY=localhost,127.0.0.1", 'dotenv', []],
  ["HTTPS_PROXY=socks://a.invalid:1080\nNO_PROXY=localhost,127.0.0.1", 'dotenv', []],
  ["HTTPS_PROXY=proxy.invalid:8080/x//y\nNO_PROXY=localhost,127.0.0.1", 'dotenv', [
    "1:13-1:36 warning env/proxy-url-scheme: HTTPS_PROXY has no scheme: Node and undici reject it, proxy-from-env guesses; write http://proxy.invalid:8080/x//y.",
  ]],
  ["HTTPS_PROXY=x proxy://a.invalid\nNO_PROXY=localhost,127.0.0.1", 'dotenv', [
    "1:13-1:14 warning env/proxy-url-scheme: HTTPS_PROXY has no scheme: Node and undici reject it, proxy-from-env guesses; write http://x.",
  ]],
  ["kind: Pod\nspec:\n  containers:\n    - name: a\n      env:\n        - name: APP_MODE\n          value: production\n", 'yaml', []],
  ["kind: Pod\nspec:\n  containers:\n    - name: a\n      env:\n        - name: APP_MODE\n          value: production\n        - name: HTTPS_PROXY\n          value: http://p.invalid:8080\n", 'yaml', [
    "8:17-8:28 warning env/k8s-no-proxy-cluster: HTTPS_PROXY is set without NO_PROXY: service calls (.svc, .cluster.local) go to the proxy.",
  ]],
  ["kind: Pod\nspec:\n  containers:\n    - name: a\n      env:\n        - name: HTTPS_PROXY\n          value: \"\"\n        - name: NO_PROXY\n          value: localhost\n", 'yaml', []],
  ["kind: Pod\nspec:\n  containers:\n    - name: a\n      env:\n        - name: HTTPS_PROXY\n          value: http://p.invalid:8080\n        - name: NO_PROXY\n          value: $(CLUSTER_NO_PROXY)\n", 'yaml', []],
  ["kind: Pod\nspec:\n  containers:\n    - name: a\n      env:\n        - name: HTTPS_PROXY\n          value: http://p.invalid:8080\n        - name: NO_PROXY\n          value: localhost,127.0.0.1,.svc,.cluster.local\n", 'yaml', []],
  ["MY_WS_PROXY=http://p.invalid:8080\nHTTP_PROXY=http://q.invalid:8080\nNO_PROXY=localhost,127.0.0.1\nFEED=ws://feed.invalid/x", 'dotenv', [
    "4:6-4:25 info env/websocket-proxy: ws:// routes differ: curl and proxy-from-env connect directly, Go and undici use http://q.invalid:8080; set WS_PROXY and HTTP_PROXY to the same proxy.",
  ]],
  ["WS_PROXY_URL=http://p.invalid:8080\nHTTP_PROXY=http://q.invalid:8080\nNO_PROXY=localhost,127.0.0.1\nFEED=ws://feed.invalid/x", 'dotenv', [
    "4:6-4:25 info env/websocket-proxy: ws:// routes differ: curl and proxy-from-env connect directly, Go and undici use http://q.invalid:8080; set WS_PROXY and HTTP_PROXY to the same proxy.",
  ]],
  ["HTTPS_PROXY=mysocks5://a.invalid:1080\nNO_PROXY=localhost,127.0.0.1", 'dotenv', [
    "1:13-1:24 warning env/proxy-url-scheme: HTTPS_PROXY uses \"mysocks5://\", which no common client supports as a proxy (http://, https://, socks5h://).",
  ]],
  ["HTTPS_PROXY=http://p.invalid:8080\nNO_PROXY=localhost,127.0.0.1,2001:db8:0:1", 'dotenv', []],
  ["HTTPS_PROXY=http://p.invalid:8080\nNO_PROXY=localhost,127.0.0.1,[2001:db8::1]:8443", 'dotenv', [
    "2:30-2:48 warning env/no-proxy-port: \"[2001:db8::1]:8443\": curl, wget, requests and httpx never match an entry with a port, so they proxy it; Go, undici and proxy-from-env bypass the proxy for port 8443 only.",
  ]],
  ["HTTPS_PROXY=http://p.invalid:8080\nNO_PROXY=localhost,127.0.0.1,10.0.0.5:3128", 'dotenv', [
    "2:30-2:43 warning env/no-proxy-port: \"10.0.0.5:3128\": curl, wget and requests never match an entry with a port, so they proxy it; Go, undici, proxy-from-env and httpx bypass the proxy for port 3128 only.",
  ]],
  ["HTTP_PROXY=http://p.invalid:8080\nNO_PROXY=localhost,127.0.0.1\nFEED=wss://feed.invalid/x", 'dotenv', [
    "3:6-3:26 info env/websocket-proxy: wss:// routes differ: curl, Go and proxy-from-env connect directly, undici uses http://p.invalid:8080; set WSS_PROXY and HTTPS_PROXY to the same proxy.",
  ]],
];

test.each(cases)('%j (%s)', (text, kind, want) => {
  expect(findings(text, kind)).toEqual(want);
});
