/**
 * Config regexes run on a linear-time engine (core/regex, RE2 via re2js): the PCRE/POSIX syntax
 * configs use works, what RE2 cannot run is null (as an invalid pattern), and hostile patterns
 * that made V8's backtracking RegExp run for minutes (`(a+)+b` against 40 `a`s: 2^40 steps)
 * finish at once, in-process and through each Apache construct that evaluates one (issue 14).
 */
import { compilePattern } from '../../src/core/regex';
import { runCli, useTempTrees } from '../support/cli';

describe('compilePattern', () => {
  it.each([
    ['^/ws/(.*)$', {}, '/ws/chat', true],
    ['^/ws/(.*)$', {}, '/api/ws/chat', false],
    ['\\.php$', {}, '/index.php', true],
    ['(?i)^/WS', {}, '/ws', true], // PCRE inline flag (JS RegExp rejects it)
    ['^/WS', { caseless: true }, '/ws', true],
    ['^/WS', {}, '/ws', false],
    ['^/(?P<app>[^/]+)/socket$', {}, '/chat/socket', true],
    ['^/(?<app>[^/]+)/socket$', {}, '/chat/socket', true],
    ['^[[:alpha:]]+://', {}, 'http://x', true], // POSIX class (Squid's regcomp)
    ['\\bsocket\\b', {}, '/my/socket/x', true],
  ])('%s %p on %s → %s', (src, opts, input, want) => {
    expect(compilePattern(src, opts)?.test(input)).toBe(want);
  });

  it.each(['x(?=y)', '(?!a)b', '(a)\\1', 'a++', '([a-z]', '*a'])('%s (lookaround, backreference, possessive or invalid) is null', (src) => {
    expect(compilePattern(src)).toBeNull();
  });

  it.each([
    ['^(a+)+b', 'a'.repeat(100_000)],
    ['(a|a)*b', 'a'.repeat(100_000)],
    ['^(([a-z])+.)+[A-Z]([a-z])+$', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!'.repeat(1000)],
  ])('%s against a long hostile input finishes fast', (src, input) => {
    const t0 = Date.now();
    expect(compilePattern(src)!.test(input)).toBe(false);
    expect(Date.now() - t0).toBeLessThan(2000);
  });
});

describe('hostile regexes in Apache configs lint in bounded time', () => {
  const tree = useTempTrees();
  const head = 'LoadModule proxy_module modules/mod_proxy.so\nLoadModule proxy_http_module modules/mod_proxy_http.so\nLoadModule rewrite_module modules/mod_rewrite.so\nListen 8080\n<VirtualHost *:8080>\n';
  const A40 = 'a'.repeat(40);
  it.each([
    ['ProxyPassMatch before a ws:// ProxyPass (proxypass-order)', `    ProxyPassMatch "^/(a+)+b" "http://127.0.0.1:3000/"\n    ProxyPass "/${A40}" "ws://127.0.0.1:3000/"\n`, []],
    [
      '<LocationMatch> before a ws:// ProxyPass (proxypass-order)',
      `    <LocationMatch "^/(a+)+b">\n        ProxyPass "http://127.0.0.1:3000/"\n    </LocationMatch>\n    ProxyPass "/${A40}" "ws://127.0.0.1:3000/"\n`,
      [],
    ],
    [
      'RewriteRule [P] to ws:// beside an http:// WebSocket route (websocket-proxypass-upgrade)',
      `    RewriteEngine on\n    RewriteRule "^/ws/(a+)+$" "ws://127.0.0.1:3000/" [P]\n    ProxyPass "/ws/${A40}!" "http://127.0.0.1:3000/"\n`,
      ['apache/rewrite-websocket-without-upgrade-cond', 'apache/websocket-proxypass-upgrade'],
    ],
  ])('%s', (_name, body, errorsAndWarnings) => {
    const dir = tree({ 'httpd.conf': head + body + '</VirtualHost>\n' });
    const t0 = Date.now();
    const r = runCli(['lint', '-f', 'json', '--dialect', 'apache', 'httpd.conf'], dir);
    expect(Date.now() - t0).toBeLessThan(15_000);
    expect(r.stderr).toBe('');
    const messages = (JSON.parse(r.stdout) as { messages: { ruleId: string; severity: number }[] }[])[0].messages;
    expect(messages.filter((m) => m.severity >= 1).map((m) => m.ruleId)).toEqual(errorsAndWarnings);
  });
});
