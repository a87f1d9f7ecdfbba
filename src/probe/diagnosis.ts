/**
 * From the facts the steps found to one diagnosis: the failure class, the hop most likely at
 * fault (with the evidence), one sentence with the fix, and the proxylint rules that find the
 * cause in that hop's config. The rule ids are checked against the rule registry in the tests.
 */
import { formatSeconds } from './duration';
import { SINCE } from '../core/versions';
import { identifyHop, hopText, type Hop, type HopName } from './hops';
import type { HttpResponse } from './http';
import type { Diagnosis, Facts } from './types';

/** The rules that find "Upgrade/Connection not passed on", per hop. */
const UPGRADE_DROPPED: Record<HopName, string[]> = {
  nginx: ['nginx/websocket-upgrade-header', 'nginx/websocket-connection-header', 'nginx/proxy-set-header-inheritance'],
  apache: ['apache/websocket-proxypass-upgrade', 'apache/proxypass-order'],
  squid: ['squid/websocket-upgrade-not-allowed', 'squid/upgrade-protocol-case', 'squid/upgrade-header-denied'],
  haproxy: [],
};

/** The rules that find an idle limit below a WebSocket's needs, per hop. */
const IDLE_TIMEOUT: Record<HopName, { rules: string[]; setting: string }> = {
  nginx: { rules: ['nginx/websocket-read-timeout'], setting: 'proxy_read_timeout (default 60 s)' },
  apache: { rules: ['apache/tunnel-idle-timeout'], setting: 'Timeout / ProxyTimeout (default 60 s; Debian sets 300 s)' },
  haproxy: { rules: ['haproxy/websocket-tunnel-timeout'], setting: 'timeout tunnel (else timeout client/server)' },
  squid: { rules: [], setting: 'read_timeout (default 15 min)' },
};

/** Idle limits people meet, to name the one an observed cut matches. */
export const KNOWN_IDLE_LIMITS: { seconds: number; what: string; hop?: HopName }[] = [
  { seconds: 60, what: "nginx's proxy_read_timeout default", hop: 'nginx' },
  { seconds: 60, what: "Apache httpd's Timeout default", hop: 'apache' },
  { seconds: 60, what: 'the AWS ALB/ELB idle timeout default' },
  { seconds: 300, what: "Debian's apache2.conf Timeout", hop: 'apache' },
  { seconds: 50, what: "HAProxy's timeout client/server in Debian's stock haproxy.cfg", hop: 'haproxy' },
  { seconds: 55, what: "Heroku's router idle timeout" },
  { seconds: 900, what: "Squid's read_timeout default", hop: 'squid' },
];

export function matchIdleLimit(ms: number, hop?: HopName): { seconds: number; what: string; hop?: HopName }[] {
  const near = KNOWN_IDLE_LIMITS.filter((k) => Math.abs(ms - k.seconds * 1000) <= Math.max(1500, k.seconds * 50));
  return hop ? near.filter((k) => !k.hop || k.hop === hop) : near;
}

const ALL: HopName[] = ['nginx', 'apache', 'squid', 'haproxy'];

function rulesFor(table: Record<HopName, string[]>, hop: Hop): string[] {
  return hop.name ? table[hop.name] : ALL.flatMap((h) => table[h]);
}

function d(cls: string, hop: string, message: string, rules: string[] = [], advice?: string): Diagnosis {
  return advice ? { class: cls, hop, message, rules, advice } : { class: cls, hop, message, rules };
}

export function diagnose(f: Facts): Diagnosis | undefined {
  const proxy = f.proxy ? `the proxy ${f.proxy.display}` : undefined;
  const target = `${f.target.host}:${f.target.port}`;
  if (f.proxyError) return d('proxy-setting', 'client environment', `The proxy setting cannot be used: ${f.proxyError}.`);
  if (f.dnsError) {
    return d('dns', 'DNS resolver', `${f.dnsError.host} does not resolve (${f.dnsError.code}): check the name${proxy ? ' in the proxy URL' : ''}.`);
  }
  if (f.tcpError) {
    const who = f.tcpError.toProxy ? proxy! : target;
    const why = f.tcpError.code === 'ECONNREFUSED' ? 'nothing listens there' : f.tcpError.code === 'ETIMEDOUT' ? 'no answer (firewall or wrong address)' : f.tcpError.code;
    return d('tcp', f.tcpError.toProxy ? 'proxy' : 'target', `TCP connect to ${who} failed: ${why}.`);
  }
  if (f.connectFail) return d('proxy-connect-failed', proxy ?? 'proxy', `${f.proxy?.display} did not answer CONNECT properly (${f.connectFail}).`);
  if (f.connect && f.connect.status !== 200) return connectFailure(f);
  if (f.tls && !f.tls.authorized && !f.tls.insecure) return tlsFailure(f);
  if (f.responseFail) return responseFailure(f);
  const res = f.response;
  if (!res) return undefined;
  const hop = identifyHop(res);
  if (f.socketio) {
    const s = f.socketio;
    if (!s.connected && s.rejected.length && (s.rejected.length === 2 || !s.version)) {
      const tried = s.rejected.map((r) => `v${r.eio}`).join(' and ');
      return d(
        'socketio-version-mismatch',
        'socket.io server',
        `The server refused Engine.IO ${tried} (${s.rejected[0].message}): client and server socket.io versions do not match; use a client of the server's major version (or allowEIO3: true on a socket.io 4 server for 2.x clients).`,
      );
    }
  }
  if (res.status !== 101) return statusFailure(f, hop);
  const failed = (f.checks ?? []).filter((c) => !c.ok);
  if (failed.length) {
    const sub = failed.find((c) => c.name === 'Sec-WebSocket-Protocol');
    if (sub && failed.length === 1) {
      return d('subprotocol', 'target application', `The 101 chose no subprotocol the client offered (${sub.detail}); browsers and ws fail such a handshake: offer what the server supports.`);
    }
    const what = failed.map((c) => `${c.name} ${c.detail}`).join(', ');
    return d(
      'bad-101',
      hopText(hop, proxy ?? 'a proxy on the way'),
      `A 101 came back but fails RFC 6455 (${what}): a proxy rewrote the handshake response; clients reject it.`,
      hop.name === 'squid' ? ['squid/upgrade-header-denied'] : hop.name ? [] : ['squid/upgrade-header-denied'],
    );
  }
  if (f.socketio && !f.socketio.connected) {
    return d('socketio-session', 'socket.io server', `The WebSocket opened but the socket.io session failed: ${f.socketio.error ?? 'unknown'}.`);
  }
  if (f.echo && !f.echo.pong) {
    return d(
      'frames-blocked',
      hopText(hop, proxy ?? 'a proxy on the way'),
      `The handshake succeeded but no pong came back${f.echo.closed ? ` (${f.echo.closed})` : ''}: something on the path does not relay WebSocket frames.`,
    );
  }
  if (f.idle && !f.idle.survived) return idleFailure(f, hop);
  return undefined;
}

function connectFailure(f: Facts): Diagnosis {
  const c = f.connect!;
  const hop = identifyHop(c);
  const at = hopText(hop, `the proxy ${f.proxy!.display}`);
  const authority = `${f.target.host}:${f.target.port}`;
  if (c.status === 407) return proxyAuth(f, c, at);
  if (c.status === 403) {
    return d(
      'proxy-connect-denied',
      at,
      `The proxy's policy denies CONNECT to ${authority}${/ERR_ACCESS_DENIED/.test(c.headers['x-squid-error'] ?? '') ? ' (Squid: http_access deny CONNECT !SSL_ports)' : ''}: allow port ${f.target.port} for CONNECT.`,
      ['squid/connect-websocket-port-denied'],
    );
  }
  return d('proxy-connect-failed', at, `CONNECT ${authority} got ${c.status} ${c.reason}: the proxy could not open the tunnel.`);
}

/** 407, to CONNECT or to an absolute-form request: credentials missing or wrong, and where they go. */
function proxyAuth(f: Facts, res: HttpResponse, at: string): Diagnosis {
  const p = f.proxy!;
  const realm = res.headers['proxy-authenticate'] ? ` (${res.headers['proxy-authenticate'].split(',')[0]})` : '';
  const where = p.variable ? `the proxy URL in ${p.variable}` : 'the proxy URL';
  if (p.credentials) {
    return d('proxy-auth-rejected', at, `The proxy rejected the credentials in ${where}${realm}: check user name and password (URL-encode special characters).`);
  }
  return d(
    'proxy-auth-required',
    at,
    `The proxy wants credentials${realm}: put them in ${where}, http://USER:PASS@${p.host}:${p.port}.`,
    [],
    p.variable ? undefined : "Set the same URL in the client's proxy variable (HTTPS_PROXY, HTTP_PROXY, …); probe never prints it.",
  );
}

function tlsFailure(f: Facts): Diagnosis {
  const t = f.tls!;
  const top = t.chain[t.chain.length - 1];
  if (t.intercepted) {
    return d(
      'tls-intercepted',
      f.proxy ? `the proxy ${f.proxy.display} (TLS interception)` : 'a TLS-inspecting middlebox',
      `The certificate is issued by ${top?.issuer || 'an unknown CA'}, not trusted here (${t.error}): ${t.interceptReason}; trust that CA (or exempt the host from inspection).`,
      [],
      t.caWritten
        ? `NODE_EXTRA_CA_CERTS=${t.caWritten} (the CA, as PEM) for Node clients; probe --ca ${t.caWritten} to check.`
        : undefined,
    );
  }
  if (t.error === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return d('tls-hostname', 'target', `The certificate does not name ${f.target.host} (${t.chain[0]?.subject}): fix the certificate or the URL's host.`);
  }
  return d(
    'tls-untrusted',
    'target',
    `The certificate chain is not trusted here (${t.error}; top: ${top?.subject || '?'}): pass its CA with --ca FILE.`,
    [],
    t.caWritten ? `The top certificate is in ${t.caWritten}; NODE_EXTRA_CA_CERTS=${t.caWritten} if you trust it.` : undefined,
  );
}

function responseFailure(f: Facts): Diagnosis {
  const r = f.responseFail!;
  const at = f.proxy ? `the proxy ${f.proxy.display} or the target` : 'target';
  if (r.kind === 'not-http') {
    if (/^0000..04/.test(r.detail)) {
      return d('http2-cleartext', at, 'The server answered with HTTP/2 frames to an HTTP/1.1 request: a cleartext HTTP/2 port (nginx listen … http2 without ssl).', ['nginx/http2-cleartext-websocket']);
    }
    return d('not-http', at, `The reply is not HTTP/1.x (first bytes ${r.detail}): wrong port or protocol (TLS vs cleartext?).`);
  }
  if (r.kind === 'timeout') return d('no-response', at, `No response to the upgrade request within the timeout: a hop buffers or the backend hangs.`);
  return d('no-response', at, `The connection was ${r.detail} without a response to the upgrade request.`);
}

function statusFailure(f: Facts, hop: Hop): Diagnosis {
  const res = f.response!;
  const s = res.status;
  const on = hopText(hop, f.proxy ? `the proxy ${f.proxy.display} or a reverse proxy` : 'a proxy in front of the backend');
  if (f.socketioEndpoint) {
    return d('socketio-endpoint', 'client', `This is a socket.io endpoint (${f.socketioEndpoint}): a plain WebSocket client cannot talk to it; use socket.io-client, and probe with --socketio.`);
  }
  if (s === 426) {
    if (f.caseRetry?.status === 101) {
      return d(
        'upgrade-token-case',
        on,
        `Squid passes "Upgrade: ${f.caseRetry.token}" (101) but drops "Upgrade: ${f.request?.upgradeToken}", which browsers send: http_upgrade_request_protocols must name websocket in lower case.`,
        ['squid/upgrade-protocol-case'],
      );
    }
    return d(
      'upgrade-dropped',
      on,
      `The backend got a plain request (426): ${hop.name ?? 'a proxy'} did not pass Upgrade/Connection on${fixFor426(hop)}.`,
      rulesFor(UPGRADE_DROPPED, hop),
    );
  }
  if (s === 501 && f.proxy?.mode === 'forward') {
    return d(
      'proxy-unsupported-scheme',
      hopText(hop, `the proxy ${f.proxy.display}`),
      `The proxy does not forward ${f.target.tls ? 'wss' : 'ws'}:// absolute URIs (501${res.headers['x-squid-error'] ? ` ${res.headers['x-squid-error']}` : ''}): clients must tunnel WebSockets with CONNECT (--proxy-mode connect).`,
    );
  }
  if (s === 400) {
    if (hop.name === 'nginx') {
      return d(
        'bad-request',
        on,
        'The backend rejected the upgrade with 400: behind nginx the usual cause is an HTTP/1.0 upstream request (no proxy_http_version 1.1), which cannot upgrade.',
        ['nginx/proxy-http-version'],
      );
    }
    return d('bad-request', on, `The upgrade was rejected with 400${res.body ? ` (${oneLine(res.body)})` : ''}: the backend found the handshake invalid.`, hop.name ? [] : ['nginx/proxy-http-version']);
  }
  if (s === 403) {
    if (hop.name === 'squid') return d('proxy-denied', on, `The proxy's http_access denies this request (403${res.headers['x-squid-error'] ? ` ${res.headers['x-squid-error']}` : ''}).`);
    return d('forbidden', on, `The upgrade was refused with 403: usually an Origin check; retry with --origin set to the page's origin${f.target.tls ? '' : ''}.`);
  }
  if (s === 407 && f.proxy) return proxyAuth(f, res, on);
  if (s === 500 && hop.name === 'apache') {
    return d('handler-missing', on, `Apache answered 500 to the upgrade: no module handles the ws:// target (load mod_proxy_http ≥ ${SINCE.apache.upgradeParam} or mod_proxy_wstunnel).`, ['apache/websocket-handler-missing']);
  }
  if (s === 502 || s === 503 || s === 504) {
    return d('bad-gateway', on, `${s} ${res.reason}: the proxy could not reach or wait for the backend; check the upstream address and that the backend runs.`);
  }
  if (s === 404) return d('not-found', on, '404: no WebSocket route at this path on the server that answered; check the path (and location/ProxyPass order).');
  if (s >= 200 && s < 400) {
    const html = /text\/html/i.test(res.headers['content-type'] ?? '');
    const why = s >= 300 ? `a redirect to ${res.headers.location ?? '?'} (a login or captive page?)` : html ? 'an HTML page (a login or captive portal?)' : 'the upgrade was ignored';
    return d('upgrade-ignored', on, `Got ${s} instead of 101: ${why}; the hop answering does not treat this path as a WebSocket.`);
  }
  return d('unexpected-status', on, `The upgrade got ${s} ${res.reason}.`);
}

function fixFor426(hop: Hop): string {
  switch (hop.name) {
    case 'nginx':
      return ' (proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection "upgrade")';
    case 'apache':
      return ' (ProxyPass … upgrade=websocket, or a ws:// target)';
    case 'squid':
      return ' (http_upgrade_request_protocols websocket allow all)';
    default:
      return '';
  }
}

function idleFailure(f: Facts, hop: Hop): Diagnosis {
  const i = f.idle!;
  const after = i.afterMs ?? 0;
  const how =
    i.how === 'close-frame'
      ? `a close frame${i.closeCode ? ` ${i.closeCode}` : ''}${i.closeReason ? ` "${i.closeReason}"` : ''}`
      : i.how === 'rst'
        ? 'a TCP reset (RST), no close frame'
        : 'a TCP close (FIN), no close frame';
  const known = matchIdleLimit(after, hop.name);
  const matches = known.length ? `; ${formatSeconds(after)} matches ${known.map((k) => `${k.what} (${k.seconds} s)`).join(' or ')}` : '';
  const setting = hop.name ? IDLE_TIMEOUT[hop.name].setting : 'the idle timeout of a hop (nginx proxy_read_timeout, HAProxy timeout tunnel, Apache Timeout)';
  const rules = hop.name ? IDLE_TIMEOUT[hop.name].rules : ALL.flatMap((h) => IDLE_TIMEOUT[h].rules);
  return d(
    'idle-cut',
    hopText(hop, f.proxy ? `the proxy ${f.proxy.display} or a hop behind it` : 'a proxy or load balancer on the way'),
    `The idle WebSocket was cut after ${formatSeconds(after)} by ${how}${matches}: raise ${setting} above the heartbeat interval, or send pings more often.`,
    rules,
  );
}

function oneLine(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > 80 ? `${t.slice(0, 77)}...` : t;
}

/** Every rule id this module can name (the tests check each one exists). */
export const REFERENCED_RULES: string[] = [
  ...new Set([
    ...Object.values(UPGRADE_DROPPED).flat(),
    ...Object.values(IDLE_TIMEOUT).flatMap((x) => x.rules),
    'squid/connect-websocket-port-denied',
    'squid/upgrade-header-denied',
    'squid/upgrade-protocol-case',
    'nginx/proxy-http-version',
    'nginx/http2-cleartext-websocket',
    'apache/websocket-handler-missing',
  ]),
];
