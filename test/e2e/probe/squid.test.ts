/**
 * `probe` through the real Squid as a forward proxy, with Debian's default access rules:
 * Upgrade dropped (426), the `WebSocket` spelling, CONNECT outside SSL_ports (403), a ws://
 * absolute URI (501), proxy authentication with basic_ncsa_auth (407, then 101 with
 * credentials that reach only the proxy), the environment's proxy as curl reads it, and the
 * correct configs (exit 0).
 */
import { execFileSync } from 'node:child_process';
import { describeWithServer, e2eFixture, squid, startEchoBackend, type EchoBackend, type RunningServer } from '../harness';
import { probeJson, stepOf, verdict } from './support';

async function withSquid<T>(config: string, fn: (proxy: string, backend: EchoBackend) => Promise<T>, files: Record<string, string> = {}): Promise<T> {
  const backend = await startEchoBackend();
  let server: RunningServer | undefined;
  try {
    server = await squid.start(config, { backendPort: backend.port, files });
    return await fn(`http://127.0.0.1:${server.port}`, backend);
  } finally {
    await server?.stop();
    await backend.close();
  }
}

const SQUID_RULES = ['squid/websocket-upgrade-not-allowed', 'squid/upgrade-protocol-case', 'squid/upgrade-header-denied'];

/** Debian's defaults plus basic_ncsa_auth on @PREFIX@/passwd; CONNECT allowed to any high port. */
function authConfig(): string {
  return e2eFixture('squid', 'default')
    .replace('acl SSL_ports port 443', 'acl SSL_ports port 443\nacl SSL_ports port 1025-65535')
    .replace(
      'http_access allow localhost manager',
      'auth_param basic program /usr/lib/squid/basic_ncsa_auth @PREFIX@/passwd\nauth_param basic realm proxylint-e2e\n' +
        'acl authed proxy_auth REQUIRED\nhttp_access deny !authed\nhttp_access allow localhost manager',
    );
}

describeWithServer('squid', 'probe through the real Squid', () => {
  test("Debian's default: Upgrade dropped (426), CONNECT to a high port denied (403), ws:// absolute URI (501)", async () => {
    await withSquid(e2eFixture('squid', 'default'), async (proxy, backend) => {
      const http = await probeJson([`http://127.0.0.1:${backend.port}/ws`, '--proxy', proxy]);
      expect(verdict(http)).toEqual({ code: 1, class: 'upgrade-dropped', rules: SQUID_RULES, hop: expect.stringMatching(/^squid \(Via: .*squid\/5/) });
      expect(stepOf(http, 'request')).toMatch(new RegExp(`^info GET http://127\\.0\\.0\\.1:${backend.port}/ws HTTP/1\\.1; Upgrade: websocket;`));
      // the retry with "WebSocket" got 426 too, so the case is not the cause
      expect(stepOf(http, 'response')).toMatch(/\ninfo retried with "Upgrade: WebSocket": 426$/);

      const connect = await probeJson([`ws://127.0.0.1:${backend.port}/ws`, '--proxy', proxy]);
      expect(verdict(connect)).toEqual({ code: 1, class: 'proxy-connect-denied', rules: ['squid/connect-websocket-port-denied'], hop: expect.stringMatching(/^squid \(X-Squid-Error: ERR_ACCESS_DENIED/) });
      expect(stepOf(connect, 'connect')).toMatch(new RegExp(`^fail CONNECT 127\\.0\\.0\\.1:${backend.port}: 403 Forbidden`));

      const wsUri = await probeJson([`ws://127.0.0.1:${backend.port}/ws`, '--proxy', proxy, '--proxy-mode', 'forward']);
      expect(verdict(wsUri)).toEqual({ code: 1, class: 'proxy-unsupported-scheme', rules: [], hop: expect.stringMatching(/^squid \(X-Squid-Error: ERR_UNSUP_REQ/) });
      expect(stepOf(wsUri, 'request')).toMatch(new RegExp(`^info GET ws://127\\.0\\.0\\.1:${backend.port}/ws HTTP/1\\.1;`));
    });
  });

  test('the environment as curl reads it: http_proxy -> through Squid (426); NO_PROXY=127.0.0.1 -> direct (101)', async () => {
    await withSquid(e2eFixture('squid', 'default'), async (proxy, backend) => {
      const url = `http://127.0.0.1:${backend.port}/ws`;
      const env = { http_proxy: proxy, HTTP_PROXY: '', https_proxy: '', HTTPS_PROXY: '', no_proxy: '', NO_PROXY: '', all_proxy: '', ALL_PROXY: '' };
      const via = await probeJson([url, '--as', 'curl'], env);
      expect(verdict(via)).toEqual({ code: 1, class: 'upgrade-dropped', rules: SQUID_RULES, hop: expect.stringMatching(/^squid /) });
      expect(stepOf(via, 'proxy')).toMatch(new RegExp(`^info http://127\\.0\\.0\\.1:\\d+ from http_proxy, as curl [\\d.]+ decides`));
      const direct = await probeJson([url, '--as', 'curl'], { ...env, no_proxy: '127.0.0.1' });
      expect(verdict(direct)).toEqual({ code: 0, class: undefined, rules: undefined, hop: undefined });
      expect(stepOf(direct, 'proxy')).toMatch(/^info direct, as curl [\d.]+ decides: .*no_proxy.*127\.0\.0\.1/);
    });
  });

  test('http_upgrade_request_protocols WebSocket: 426 for "websocket", 101 for "WebSocket" -> upgrade-token-case', async () => {
    await withSquid(e2eFixture('squid', 'upgrade-protocols-capitalised'), async (proxy, backend) => {
      const r = await probeJson([`http://127.0.0.1:${backend.port}/ws`, '--proxy', proxy]);
      expect(verdict(r)).toEqual({ code: 1, class: 'upgrade-token-case', rules: ['squid/upgrade-protocol-case'], hop: expect.stringMatching(/^squid /) });
      expect(stepOf(r, 'response')).toMatch(/\ninfo retried with "Upgrade: WebSocket": 101$/);
    });
  });

  test('reply_header_access Upgrade deny all: a 101 without Upgrade -> bad-101, squid/upgrade-header-denied', async () => {
    await withSquid(e2eFixture('squid', 'reply-upgrade-denied'), async (proxy, backend) => {
      const r = await probeJson([`http://127.0.0.1:${backend.port}/ws`, '--proxy', proxy]);
      expect(verdict(r)).toEqual({ code: 1, class: 'bad-101', rules: ['squid/upgrade-header-denied'], hop: `the proxy ${proxy}` });
      expect(stepOf(r, 'response')).toMatch(/^fail HTTP\/1\.1 101 Switching Protocols; Upgrade FAILED \(missing\), Connection ok, Sec-WebSocket-Accept ok$/);
    });
  });

  test('correct: websocket allowed (absolute-form, 101) and CONNECT to a port in SSL_ports (200, 101)', async () => {
    await withSquid(e2eFixture('squid', 'upgrade-protocols-lowercase'), async (proxy, backend) => {
      const r = await probeJson([`http://127.0.0.1:${backend.port}/ws`, '--proxy', proxy]);
      expect(verdict(r)).toEqual({ code: 0, class: undefined, rules: undefined, hop: undefined });
      expect(stepOf(r, 'response')).toMatch(/^ok HTTP\/1\.1 101 Switching Protocols; Upgrade ok, Connection ok, Sec-WebSocket-Accept ok$/);
    });
    await withSquid(e2eFixture('squid', 'connect-port-in-ssl-ports'), async (proxy, backend) => {
      const r = await probeJson([`ws://127.0.0.1:${backend.port}/ws`, '--proxy', proxy]);
      expect(verdict(r)).toEqual({ code: 0, class: undefined, rules: undefined, hop: undefined });
      expect(stepOf(r, 'connect')).toMatch(/^ok CONNECT 127\.0\.0\.1:\d+: 200 /);
    });
  });

  test('basic_ncsa_auth: 407 without credentials, 407 with wrong ones, 101 with the right ones; the password reaches only the proxy', async () => {
    const hash = execFileSync('openssl', ['passwd', '-apr1', 's3cr3t-pw'], { encoding: 'utf8' }).trim();
    await withSquid(authConfig(), async (proxy, backend) => {
      const url = `ws://127.0.0.1:${backend.port}/ws`;
      const none = await probeJson([url, '--proxy', proxy]);
      expect(verdict(none)).toEqual({ code: 1, class: 'proxy-auth-required', rules: [], hop: expect.stringMatching(/^squid /) });
      expect(none.json.diagnosis!.message).toMatch(/Basic realm="proxylint-e2e"/);
      const withCreds = (pw: string) => proxy.replace('http://', `http://alice:${pw}@`);
      const wrong = await probeJson([url, '--proxy', withCreds('wrong-pw')]);
      expect(verdict(wrong)).toEqual({ code: 1, class: 'proxy-auth-rejected', rules: [], hop: expect.stringMatching(/^squid /) });
      for (const mode of ['connect', 'forward']) {
        const target = mode === 'connect' ? url : url.replace('ws://', 'http://');
        const before = backend.requests.length;
        const right = await probeJson([target, '--proxy', withCreds('s3cr3t-pw'), '--proxy-mode', mode]);
        // forward through Debian's default config: Upgrade dropped, but authenticated
        const want = mode === 'connect' ? { code: 0, class: undefined, rules: undefined, hop: undefined } : { code: 1, class: 'upgrade-dropped', rules: SQUID_RULES, hop: expect.stringMatching(/^squid /) };
        expect({ mode, ...verdict(right) }).toEqual({ mode, ...want });
        expect(right.stdout + right.stderr).not.toMatch(/s3cr3t|alice|YWxpY2U/);
        const seen = backend.requests.slice(before);
        expect(seen.length).toBeGreaterThan(0);
        expect(seen.map((q) => q.headers['proxy-authorization'])).toEqual(seen.map(() => undefined));
      }
      // the same proxy from the environment, as curl reads it, for an http:// URL (absolute-form):
      // the 407 names the variable to fix
      const env = { http_proxy: proxy, HTTP_PROXY: '', no_proxy: '', NO_PROXY: '', all_proxy: '', ALL_PROXY: '' };
      const fromEnv = await probeJson([url.replace('ws://', 'http://'), '--as', 'curl'], env);
      expect(verdict(fromEnv)).toEqual({ code: 1, class: 'proxy-auth-required', rules: [], hop: expect.stringMatching(/^squid /) });
      expect(fromEnv.json.diagnosis!.message).toMatch(/put them in the proxy URL in http_proxy, http:\/\/USER:PASS@127\.0\.0\.1:\d+\.$/);
    }, { passwd: `alice:${hash}\n` });
  });
});
