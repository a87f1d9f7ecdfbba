/** Command-line arguments of `probe` -> options, and the one-line usage errors (exit 2). */
import { probeOptions, type ProbeArgs } from '../../src/probe/options';
import { parseDuration } from '../../src/core/duration';
import { buildUpgrade } from '../../src/probe/steps/request';
import { displayProxy, displayUrl } from '../../src/probe/redact';
import { runCli } from '../support/cli';
import { REPO_ROOT } from '../support/paths';
import { freePort } from '../e2e/harness/ports';

const parse = (a: Partial<ProbeArgs>) => probeOptions({ url: 'ws://127.0.0.1:8080/ws', ...a }, {});

describe('probe options', () => {
  test.each([
    [{ url: 'not a url' }, 'URL must be absolute, e.g. wss://example.com/ws'],
    [{ url: 'ftp://127.0.0.1/' }, 'unsupported scheme ftp: (use ws, wss, http or https)'],
    [{ url: 'ws://u:secret@127.0.0.1/' }, 'put credentials in --header "Authorization: …", not in the URL'],
    [{ proxy: 'socks5://127.0.0.1:1080' }, '--proxy socks5:// proxies are not supported (use an http:// proxy)'],
    [{ proxyMode: 'tunnel' }, '--proxy-mode must be connect or forward'],
    [{ url: 'wss://127.0.0.1/', proxyMode: 'forward' }, '--proxy-mode forward cannot carry TLS; wss:// and https:// go through a CONNECT tunnel'],
    [{ header: ['NoColon'] }, '--header must be "Name: value"'],
    [{ header: ['Sec-WebSocket-Key: x'] }, 'Sec-WebSocket-Key is chosen by the probe'],
    [{ header: ['Proxy-Authorization: Basic eDp5'] }, 'proxy credentials go in the --proxy URL (http://user:pass@host:port)'],
    [{ subprotocol: ['a b'] }, '--subprotocol "a b" is not a token'],
    [{ idle: '5x' }, '--idle must be a duration such as 90s, 2m or 500ms'],
    [{ timeout: '0s' }, '--timeout must be a duration such as 90s, 2m or 500ms'],
    [{ eio: 4 }, '--eio needs --socketio'],
    [{ eio: 2, socketio: true }, '--eio must be 3 or 4'],
    [{ ca: '/nonexistent/ca.pem' }, 'cannot read --ca /nonexistent/ca.pem: ENOENT'],
  ] as [Partial<ProbeArgs>, string][])('%j -> %s', (a, message) => {
    expect(() => parse(a)).toThrow(message);
  });

  test('a proxy without a scheme is http://; "direct" forces no proxy; defaults', () => {
    expect(parse({ proxy: '127.0.0.1:3128' }).proxy).toBe('http://127.0.0.1:3128/');
    expect(parse({ proxy: 'direct' }).proxy).toBe('direct');
    const o = parse({});
    expect({ timeoutMs: o.timeoutMs, insecure: o.insecure, idleMs: o.idleMs, socketio: o.socketio }).toEqual({ timeoutMs: 10_000, insecure: false, idleMs: undefined, socketio: false });
  });

  test.each([
    ['90s', 90_000], ['2m', 120_000], ['500ms', 500], ['1.5s', 1500], ['3', 3000], ['1h', 3_600_000], ['-1s', null], ['s', null], ['0', null],
  ] as const)('duration %s = %s ms', (text, ms) => {
    expect(parseDuration(text, 'flag')).toBe(ms);
  });
});

describe('the upgrade request', () => {
  const base = { target: new URL('ws://example.test:8080/ws?x=1'), requestTarget: '/ws?x=1', key: 'dGhlIHNhbXBsZSBub25jZQ==', headers: [] as [string, string][], subprotocols: [], userAgent: 'ua' };

  test('is what an RFC 6455 client sends', () => {
    expect(buildUpgrade(base).text).toBe(
      'GET /ws?x=1 HTTP/1.1\r\nHost: example.test:8080\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nUser-Agent: ua\r\n\r\n',
    );
  });

  test('user headers replace defaults; secrets are redacted in the display line', () => {
    const r = buildUpgrade({ ...base, headers: [['upgrade', 'WebSocket'], ['Authorization', 'Bearer s3cret']], origin: 'https://app.test', subprotocols: ['graphql-ws'] });
    expect(r.upgradeToken).toBe('WebSocket');
    expect(r.text).toContain('upgrade: WebSocket\r\n');
    expect(r.text).toContain('Authorization: Bearer s3cret\r\n');
    expect(r.display).toBe('GET /ws?x=1 HTTP/1.1; upgrade: WebSocket; Connection: Upgrade; Sec-WebSocket-Version: 13; Origin: https://app.test; Sec-WebSocket-Protocol: graphql-ws; Authorization: <redacted>');
  });

  test("a forward proxy's credentials go in the request to it, redacted in the display", () => {
    const r = buildUpgrade({ ...base, requestTarget: 'http://example.test:8080/ws', forwardProxy: new URL('http://alice:pa%20ss@127.0.0.1:3128') });
    expect(r.text).toContain(`Proxy-Authorization: Basic ${Buffer.from('alice:pa ss').toString('base64')}\r\n`);
    expect(r.display).not.toMatch(/alice|pa ss|YWxpY2U/);
    expect(r.display).toContain('Proxy-Authorization: <redacted>');
  });

  test('URLs are displayed without credentials', () => {
    expect(displayProxy(new URL('http://alice:secret@127.0.0.1:3128'))).toBe('http://127.0.0.1:3128');
    expect(displayUrl(new URL('ws://alice:secret@127.0.0.1:8080/ws'))).toBe('ws://127.0.0.1:8080/ws');
  });
});

describe('proxylint probe on the command line', () => {
  test.each([
    [['probe'], /^proxylint: Not enough non-option arguments/],
    [['probe', 'ftp://127.0.0.1/'], /^proxylint probe: unsupported scheme ftp:/],
    [['probe', 'ws://127.0.0.1:9/', '--format', 'xml'], /^proxylint: Invalid values:/],
    [['probe', 'ws://127.0.0.1:9/', '--proxy', 'http://u:topsecret@127.0.0.1:9', '--proxy-mode', 'x'], /^proxylint: Invalid values:/],
  ])('%j exits 2 with a one-line error and no stack', (args, message) => {
    const r = runCli(args, REPO_ROOT);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr + r.stdout).not.toContain('topsecret');
  });

  test('a refused port: exit 1, tcp diagnosis, JSON shape', async () => {
    const port = await freePort(); // bound and closed again: nothing listens there
    const r = runCli(['probe', `ws://127.0.0.1:${port}/ws`, '--format', 'json'], REPO_ROOT);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.steps.map((s: { step: string; status: string }) => `${s.step} ${s.status}`)).toEqual(['proxy info', 'dns ok', 'tcp fail']);
    expect(j.diagnosis).toEqual({ class: 'tcp', hop: 'target', message: `TCP connect to 127.0.0.1:${port} failed: nothing listens there.`, rules: [] });
  });
});

describe('the proxy decision from the environment', () => {
  const { chooseProxy, withCredentials } = require('../../src/probe/steps/proxy') as typeof import('../../src/probe/steps/proxy');
  const env = { https_proxy: 'http://alice:pa%40ss@127.0.0.1:3128', HTTPS_PROXY: '', no_proxy: '', NO_PROXY: '', all_proxy: '', ALL_PROXY: '' };

  test('as curl: the proxy keeps its credentials for sending, the summary never shows them', () => {
    const c = chooseProxy(probeOptions({ url: 'https://app.test/ws', as: 'curl' }, env));
    expect(c.proxy?.href).toBe('http://alice:pa%40ss@127.0.0.1:3128/');
    expect({ mode: c.mode, variable: c.variable }).toEqual({ mode: 'connect', variable: 'https_proxy' });
    expect(c.summary).toMatch(/^http:\/\/127\.0\.0\.1:3128 from https_proxy, as curl [\d.]+ decides \(.*\), CONNECT tunnel, with credentials$/);
    expect(c.summary).not.toMatch(/alice|pa%40ss|pa@ss/);
  });

  test('NO_PROXY as curl reads it sends the request direct', () => {
    const c = chooseProxy(probeOptions({ url: 'https://app.test/ws', as: 'curl' }, { ...env, no_proxy: '.app.test' }));
    expect(c.proxy).toBeUndefined();
    expect(c.summary).toMatch(/^direct, as curl [\d.]+ decides: /);
  });

  test.each([
    ['http://***@p:3128', 'http://u:p@p:3128', 'http://u:p@p:3128'],
    ['http://p:3128', 'p:3128', 'http://p:3128'],
    ['http://***@p:3128', 'u:p@p:3128', 'http://u:p@p:3128'],
  ])('withCredentials(%s, raw %s) = %s', (redacted, raw, want) => {
    expect(withCredentials(redacted, raw)).toBe(want);
  });
});
