/**
 * The decision engine, row by row, on the cases each row's sources spell out. The real clients
 * confirm the same table in test/e2e/env; these run everywhere, in milliseconds.
 */
import { decideProxy, parseClientSpec, CLIENT_IDS } from '../../src/env';
import type { ClientId } from '../../src/env';

type Case = [ClientId | string, Record<string, string>, string, 'direct' | 'proxy', string?];
const P = 'http://proxy.invalid:3128';

const CASES: Case[] = [
  // curl reads only lower-case http_proxy for http, but HTTPS_PROXY for https.
  ['curl', { HTTP_PROXY: P }, 'http://a.invalid/', 'direct'],
  ['curl', { HTTPS_PROXY: P }, 'https://a.invalid/', 'proxy', 'HTTPS_PROXY'],
  ['curl', { https_proxy: '', HTTPS_PROXY: P }, 'https://a.invalid/', 'proxy', 'HTTPS_PROXY'],
  ['curl', { ALL_PROXY: P }, 'http://a.invalid/', 'proxy', 'ALL_PROXY'],
  ['curl', { http_proxy: P, no_proxy: '*.corp.invalid' }, 'http://a.corp.invalid/', 'proxy'],
  ['curl', { http_proxy: P, no_proxy: '.corp.invalid' }, 'http://corp.invalid/', 'direct'],
  ['curl', { http_proxy: P, no_proxy: 'corp.invalid' }, 'http://notcorp.invalid/', 'proxy'],
  ['curl', { http_proxy: P, no_proxy: '127.0.0.0/8' }, 'http://127.0.0.9/', 'direct'],
  ['curl', { http_proxy: P, no_proxy: 'x.invalid y.invalid' }, 'http://y.invalid/', 'direct'],
  ['curl@8.9.0', { http_proxy: P, no_proxy: 'x.invalid y.invalid' }, 'http://y.invalid/', 'proxy'],
  // wget: lower case only, `.x` subdomains only, no CIDR.
  ['wget', { HTTP_PROXY: P }, 'http://a.invalid/', 'direct'],
  ['wget', { http_proxy: P, no_proxy: '.corp.invalid' }, 'http://corp.invalid/', 'proxy'],
  ['wget', { http_proxy: P, no_proxy: '127.0.0.0/8' }, 'http://127.0.0.9/', 'proxy'],
  // Go: UPPER first, loopback always direct, no ALL_PROXY, https does not fall back.
  ['go', { HTTP_PROXY: P, http_proxy: 'http://other.invalid:1' }, 'http://a.invalid/', 'proxy', 'HTTP_PROXY'],
  ['go', { HTTP_PROXY: P }, 'http://127.0.0.5/', 'direct'],
  ['go', { HTTP_PROXY: P }, 'https://a.invalid/', 'direct'],
  ['go', { ALL_PROXY: P }, 'http://a.invalid/', 'direct'],
  ['go', { HTTPS_PROXY: P, NO_PROXY: 'a.invalid:8443' }, 'https://a.invalid/', 'proxy'],
  ['go', { HTTPS_PROXY: P, NO_PROXY: 'a.invalid:8443' }, 'https://a.invalid:8443/', 'direct'],
  ['go', { HTTP_PROXY: P, REQUEST_METHOD: 'GET' }, 'http://a.invalid/', 'proxy'],
  // Node built-in: nothing before 22.21 / 24.5, then lower case first, no CIDR.
  ['node@20.20.2', { NODE_USE_ENV_PROXY: '1', HTTP_PROXY: P }, 'http://a.invalid/', 'direct'],
  ['node@24.5.0', { HTTP_PROXY: P }, 'http://a.invalid/', 'direct'],
  ['node@24.5.0', { NODE_USE_ENV_PROXY: '1', HTTP_PROXY: P }, 'http://a.invalid/', 'proxy', 'HTTP_PROXY'],
  ['node@22.21.0', { NODE_USE_ENV_PROXY: '1', HTTPS_PROXY: P, NO_PROXY: '10.0.0.0/8' }, 'https://10.1.1.1/', 'proxy'],
  // undici: `??` — an empty lower-case value hides the upper-case one; https falls back to http.
  ['undici', { http_proxy: '', HTTP_PROXY: P }, 'http://a.invalid/', 'direct'],
  ['undici', { HTTP_PROXY: P }, 'https://a.invalid/', 'proxy', 'HTTP_PROXY'],
  ['undici', { HTTP_PROXY: P, NO_PROXY: 'x.invalid a.invalid' }, 'http://a.invalid/', 'direct'],
  // proxy-from-env: ALL_PROXY, `.x` does not match x, exact names only otherwise.
  ['proxy-from-env', { ALL_PROXY: P }, 'https://a.invalid/', 'proxy', 'ALL_PROXY'],
  ['proxy-from-env', { HTTP_PROXY: P, NO_PROXY: '.corp.invalid' }, 'http://corp.invalid/', 'proxy'],
  ['proxy-from-env', { HTTP_PROXY: P, NO_PROXY: 'corp.invalid' }, 'http://a.corp.invalid/', 'proxy'],
  ['proxy-from-env@1.1.0', { npm_config_proxy: P }, 'http://a.invalid/', 'proxy', 'npm_config_proxy'],
  ['proxy-from-env', { npm_config_proxy: P }, 'http://a.invalid/', 'direct'],
  // requests: plain string suffix; CIDR for IPv4 hosts; empty lower case hides UPPER (urllib).
  ['python-requests', { HTTP_PROXY: P, NO_PROXY: 'corp.invalid' }, 'http://notcorp.invalid/', 'direct'],
  ['python-requests', { HTTP_PROXY: P, NO_PROXY: '127.0.0.0/8' }, 'http://127.0.0.9/', 'direct'],
  ['python-requests', { http_proxy: '', HTTP_PROXY: P }, 'http://a.invalid/', 'direct'],
  ['python-requests', { HTTP_PROXY: P, REQUEST_METHOD: 'GET' }, 'http://a.invalid/', 'direct'],
  // httpx: `*` as any entry; `.x` subdomains only; `*.x` never; no CIDR.
  ['httpx', { HTTP_PROXY: P, NO_PROXY: 'a.invalid,*' }, 'http://b.invalid/', 'direct'],
  ['httpx', { HTTP_PROXY: P, NO_PROXY: '.corp.invalid' }, 'http://corp.invalid/', 'proxy'],
  ['httpx', { HTTP_PROXY: P, NO_PROXY: '*.corp.invalid' }, 'http://a.corp.invalid/', 'proxy'],
  ['httpx', { HTTP_PROXY: P, NO_PROXY: '127.0.0.0/8' }, 'http://127.0.0.9/', 'proxy'],
  // Java: only system properties; nonProxyHosts default keeps loopback direct.
  ['java', { HTTPS_PROXY: P }, 'https://a.invalid/', 'direct'],
  ['java', { JAVA_TOOL_OPTIONS: '-Dhttps.proxyHost=proxy.invalid -Dhttps.proxyPort=3128' }, 'https://a.invalid/', 'proxy'],
  ['java', { JAVA_TOOL_OPTIONS: '-Dhttp.proxyHost=proxy.invalid' }, 'http://127.0.0.1/', 'direct'],
  ['java', { JAVA_TOOL_OPTIONS: '-Dhttp.proxyHost=proxy.invalid -Dhttp.nonProxyHosts=*.corp.invalid' }, 'http://127.0.0.1/', 'proxy'],
];

describe('decideProxy: each row as its sources say', () => {
  test.each(CASES.map((c) => [c[0], c[1], c[2], c[3], c[4] ?? ''] as const))('%s %j %s → %s', (client, env, url, via, variable) => {
    const d = decideProxy(url, env, client);
    expect(d.via).toBe(via);
    if (variable) expect(d.variable).toBe(variable);
    expect(d.reason).toMatch(/\.$/);
  });
});

describe('decideProxy: output never carries credentials', () => {
  test.each(CLIENT_IDS.map((c) => [c]))('%s', (client) => {
    const secret = 'hunter2-Secret';
    const env = {
      http_proxy: `http://alice:${secret}@proxy.invalid:3128`,
      HTTP_PROXY: `http://alice:${secret}@proxy.invalid:3128`,
      https_proxy: `http://alice:${secret}@proxy.invalid:3128`,
      NODE_USE_ENV_PROXY: '1',
      JAVA_TOOL_OPTIONS: '-Dhttp.proxyHost=proxy.invalid',
    };
    const d = decideProxy('http://a.invalid/', env, `${client}${client === 'node' ? '@24.5.0' : ''}`);
    expect(JSON.stringify(d)).not.toContain(secret);
    expect(JSON.stringify(d)).not.toContain('alice');
  });
});

describe('parseClientSpec', () => {
  test('version and aliases', () => {
    expect(parseClientSpec('node@v22.21.0')).toEqual({ client: 'node', version: '22.21.0' });
    expect(parseClientSpec('axios').client).toBe('proxy-from-env');
    expect(parseClientSpec('requests').client).toBe('python-requests');
  });
  test('unknown client is a usage error naming the choices', () => {
    expect(() => parseClientSpec('lynx')).toThrow(/unknown client "lynx" \(expected one of: curl, wget/);
  });
});
