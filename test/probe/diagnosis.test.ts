/**
 * The diagnosis table: facts as the steps record them -> class, hop and rule ids. The facts
 * here are the shapes the e2e suite (test/e2e/probe) gets from the real servers.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules } from '../../rules/index';
import { diagnose, matchIdleLimit, REFERENCED_RULES } from '../../src/probe/diagnosis';
import type { HttpResponse } from '../../src/probe/http';
import type { Facts } from '../../src/probe/types';
import { REPO_ROOT } from '../support/paths';

function res(status: number, headers: Record<string, string> = {}, body = ''): HttpResponse {
  return { status, reason: '', httpVersion: '1.1', headers, rawHeaders: Object.entries(headers), body };
}
const target = { host: '127.0.0.1', port: 8080, tls: false, path: '/ws' };
const squidProxy = { display: 'http://127.0.0.1:3128', host: '127.0.0.1', port: 3128, mode: 'forward' as const, credentials: false };
const ok101: Facts['checks'] = [{ name: 'status', ok: true, detail: '101' }];

const cases: [string, Facts, { class: string; rules: string[]; hop?: RegExp }][] = [
  ['426 behind nginx', { target, response: res(426, { server: 'nginx/1.22.1' }) }, {
    class: 'upgrade-dropped',
    rules: ['nginx/websocket-upgrade-header', 'nginx/websocket-connection-header', 'nginx/proxy-set-header-inheritance'],
    hop: /^nginx \(Server: nginx\/1\.22\.1\)$/,
  }],
  ['426 behind Apache', { target, response: res(426, { server: 'Apache/2.4.71 (Debian)' }) }, {
    class: 'upgrade-dropped', rules: ['apache/websocket-proxypass-upgrade', 'apache/proxypass-order'], hop: /^apache /,
  }],
  ['426 via Squid', { target, proxy: squidProxy, response: res(426, { via: '1.1 host (squid/5.7)' }) }, {
    class: 'upgrade-dropped', rules: ['squid/websocket-upgrade-not-allowed', 'squid/upgrade-protocol-case', 'squid/upgrade-header-denied'], hop: /^squid \(Via: /,
  }],
  ['426 via Squid, "WebSocket" passes', { target, proxy: squidProxy, request: { upgradeToken: 'websocket' }, caseRetry: { token: 'WebSocket', status: 101 }, response: res(426, { via: '1.1 h (squid/5.7)' }) }, {
    class: 'upgrade-token-case', rules: ['squid/upgrade-protocol-case'],
  }],
  ['426 from an unknown hop names every dialect', { target, response: res(426) }, {
    class: 'upgrade-dropped',
    rules: ['nginx/websocket-upgrade-header', 'nginx/websocket-connection-header', 'nginx/proxy-set-header-inheritance', 'apache/websocket-proxypass-upgrade', 'apache/proxypass-order', 'squid/websocket-upgrade-not-allowed', 'squid/upgrade-protocol-case', 'squid/upgrade-header-denied'],
  }],
  ['400 behind nginx', { target, response: res(400, { server: 'nginx' }) }, { class: 'bad-request', rules: ['nginx/proxy-http-version'] }],
  ['500 behind Apache', { target, response: res(500, { server: 'Apache/2.4.71 (Debian)' }) }, { class: 'handler-missing', rules: ['apache/websocket-handler-missing'] }],
  ['500 elsewhere', { target, response: res(500) }, { class: 'unexpected-status', rules: [] }],
  ['501 for ws:// via Squid', { target, proxy: squidProxy, response: res(501, { 'x-squid-error': 'ERR_UNSUP_REQ 0' }) }, { class: 'proxy-unsupported-scheme', rules: [] }],
  ['CONNECT 403', { target, proxy: { ...squidProxy, mode: 'connect' }, connect: res(403, { 'x-squid-error': 'ERR_ACCESS_DENIED 0' }) }, { class: 'proxy-connect-denied', rules: ['squid/connect-websocket-port-denied'] }],
  ['CONNECT 407 without credentials', { target, proxy: { ...squidProxy, mode: 'connect' }, connect: res(407, { 'proxy-authenticate': 'Basic realm="x"' }) }, { class: 'proxy-auth-required', rules: [] }],
  ['CONNECT 407 with credentials', { target, proxy: { ...squidProxy, mode: 'connect', credentials: true }, connect: res(407) }, { class: 'proxy-auth-rejected', rules: [] }],
  ['101 without Upgrade via Squid', { target, proxy: squidProxy, response: res(101, { via: '1.1 h (squid/5.7)' }), checks: [...ok101!, { name: 'Upgrade', ok: false, detail: 'missing' }] }, { class: 'bad-101', rules: ['squid/upgrade-header-denied'] }],
  ['socket.io endpoint probed as plain WebSocket', { target, socketioEndpoint: '400 {"code":0,"message":"Transport unknown"}', response: res(400, {}, '{"code":0,"message":"Transport unknown"}') }, { class: 'socketio-endpoint', rules: [] }],
  ['Engine.IO v3 refused', { target, socketio: { rejected: [{ eio: 3, status: 400, message: 'Unsupported protocol version' }], connected: false }, response: res(400) }, { class: 'socketio-version-mismatch', rules: [] }],
  ['cleartext HTTP/2', { target, responseFail: { kind: 'not-http', detail: '00001204000000000000' } }, { class: 'http2-cleartext', rules: ['nginx/http2-cleartext-websocket'] }],
  ['idle cut behind nginx', { target, response: res(101, { server: 'nginx' }), checks: ok101, echo: { pong: true }, idle: { requestedMs: 4000, survived: false, afterMs: 2004, how: 'fin' } }, { class: 'idle-cut', rules: ['nginx/websocket-read-timeout'] }],
  ['idle cut, no hop identified', { target, response: res(101), checks: ok101, echo: { pong: true }, idle: { requestedMs: 4000, survived: false, afterMs: 2004, how: 'fin' } }, {
    class: 'idle-cut', rules: ['nginx/websocket-read-timeout', 'apache/tunnel-idle-timeout', 'haproxy/websocket-tunnel-timeout'],
  }],
  ['TLS chain untrusted through a tunnel', { target: { ...target, tls: true }, proxy: { ...squidProxy, mode: 'connect' }, tls: { authorized: false, error: 'SELF_SIGNED_CERT_IN_CHAIN', chain: [], intercepted: true, interceptReason: 'x', insecure: false, caWritten: '/tmp/ca.pem' } }, { class: 'tls-intercepted', rules: [] }],
];

describe('diagnose', () => {
  test.each(cases)('%s', (_name, facts, want) => {
    const got = diagnose(facts)!;
    expect({ class: got.class, rules: got.rules }).toEqual({ class: want.class, rules: want.rules });
    if (want.hop) expect(got.hop).toMatch(want.hop);
    expect(got.message.length).toBeLessThan(400);
  });

  test('a working upgrade (101, checks passed, pong) has no diagnosis', () => {
    expect(diagnose({ target, response: res(101), checks: ok101, echo: { pong: true } })).toBeUndefined();
    expect(diagnose({ target, response: res(101), checks: ok101, echo: { pong: true }, idle: { requestedMs: 3000, survived: true } })).toBeUndefined();
  });

  test('the interception advice names the written CA for NODE_EXTRA_CA_CERTS', () => {
    const d = diagnose(cases.find((c) => c[0].startsWith('TLS'))![1])!;
    expect(d.advice).toBe('NODE_EXTRA_CA_CERTS=/tmp/ca.pem (the CA, as PEM) for Node clients; probe --ca /tmp/ca.pem to check.');
  });
});

test('a 407 names the variable the proxy came from', () => {
  const got = diagnose({ target, proxy: { ...squidProxy, mode: 'connect', variable: 'https_proxy' }, connect: res(407, { 'proxy-authenticate': 'Basic realm="corp"' }) })!;
  expect(got.message).toBe('The proxy wants credentials (Basic realm="corp"): put them in the proxy URL in https_proxy, http://USER:PASS@127.0.0.1:3128.');
  expect(got.advice).toBeUndefined();
});

describe('rule ids', () => {
  const ids = new Set(allRules().map((r) => r.id));
  test('every rule id the diagnosis can name exists', () => {
    expect(REFERENCED_RULES.filter((id) => !ids.has(id))).toEqual([]);
  });
  test('REFERENCED_RULES lists every rule id written in diagnosis.ts', () => {
    const src = fs.readFileSync(path.join(REPO_ROOT, 'src', 'probe', 'diagnosis.ts'), 'utf8');
    const written = [...new Set([...src.matchAll(/'((?:nginx|apache|squid|haproxy)\/[a-z0-9-]+)'/g)].map((m) => m[1]))];
    expect(written.filter((id) => !REFERENCED_RULES.includes(id))).toEqual([]);
  });
});

describe('known idle limits', () => {
  test.each([
    [60_400, undefined, ["nginx's proxy_read_timeout default", "Apache httpd's Timeout default", 'the AWS ALB/ELB idle timeout default']],
    [60_400, 'nginx', ["nginx's proxy_read_timeout default", 'the AWS ALB/ELB idle timeout default']],
    [50_200, 'haproxy', ["HAProxy's timeout client/server in Debian's stock haproxy.cfg"]],
    [300_900, 'apache', ["Debian's apache2.conf Timeout"]],
    [2_000, undefined, []],
    [45_000, undefined, []],
  ] as const)('%d ms behind %s', (ms, hop, want) => {
    expect(matchIdleLimit(ms, hop).map((k) => k.what)).toEqual(want);
  });
});
