/**
 * The server limits the hardening work encodes, checked on the real binaries: nesting depth.
 * nginx and Squid accept 10,000 nested levels (proxylint stops at 200 with a message saying the
 * limit is its own); haproxy -c refuses the 100th nested `.if` at its line, as proxylint does.
 */
import { describeWithServer, loadFixture, runners } from '../harness';
import { runCli, useTempTrees } from '../../support/cli';

const tree = useTempTrees();
const fatalOf = (name: string, text: string, dialect: string) => {
  const dir = tree({ [name]: text });
  const r = runCli(['lint', '-f', 'json', '--dialect', dialect, name], dir);
  return (JSON.parse(r.stdout) as { messages: { fatal?: boolean; line: number; message: string }[] }[])[0].messages.filter((m) => m.fatal);
};

describeWithServer('haproxy', 'HAProxy: nested .if', () => {
  const cfg = (n: number) =>
    'global\n' + '.if 1\n'.repeat(n) + '.endif\n'.repeat(n) +
    'defaults\n    mode http\n    timeout connect 5s\n    timeout client 5s\n    timeout server 5s\n' +
    'frontend f\n    bind 127.0.0.1:@PORT@\n    default_backend b\nbackend b\n    server s 127.0.0.1:@BACKEND_PORT@\n';

  test('99 levels: both accept; 100: both refuse at the 100th .if', async () => {
    expect((await runners.haproxy.check(cfg(99))).ok).toBe(true);
    expect(fatalOf('haproxy.cfg', cfg(99), 'haproxy')).toEqual([]);
    const real = await runners.haproxy.check(cfg(100));
    expect(real.ok).toBe(false);
    expect(real.output).toMatch(/parsing \[[^\]]*haproxy\.cfg:101\]: too many nested '\.if', max is 100\./);
    expect(fatalOf('haproxy.cfg', cfg(100), 'haproxy').map((m) => [m.line, m.message])).toEqual([[101, "too many nested '.if', max is 100."]]);
  });
});

describeWithServer('nginx', 'nginx: nesting', () => {
  test('10,000 nested locations pass nginx -t (proxylint stops at 200 with its own message)', async () => {
    const n = 10_000;
    const conf = 'events {}\nhttp {\n    server {\n        listen 127.0.0.1:@PORT@;\n' + 'location / {\n'.repeat(n) + '}\n'.repeat(n) + '    }\n}\n';
    expect((await runners.nginx.check(conf)).ok).toBe(true);
    expect(fatalOf('nginx.conf', conf, 'nginx').map((m) => m.message)).toEqual(['proxylint: blocks nested deeper than 200 levels']);
  });
});

describeWithServer('squid', 'Squid: nesting', () => {
  test('10,000 nested if pass squid -k parse (proxylint stops at 200 with its own message)', async () => {
    const n = 10_000;
    const conf = 'http_port 127.0.0.1:@PORT@\n' + 'if true\n'.repeat(n) + 'endif\n'.repeat(n);
    expect((await runners.squid.check(conf)).ok).toBe(true);
    expect(fatalOf('squid.conf', conf, 'squid').map((m) => m.message)).toEqual(['proxylint: if-statements nested deeper than 200 levels']);
  });
});

/** A config each server accepts, used with and without a UTF-8 byte order mark. */
const ACCEPTED: [string, string, string][] = [
  ['nginx', 'nginx.conf', 'e2e/nginx/read-timeout-short.conf'],
  ['apache', 'apache2.conf', 'e2e/apache/proxypass-ws-wstunnel.conf'],
  ['squid', 'squid.conf', 'e2e/squid/default.conf'],
  ['haproxy', 'haproxy.cfg', 'e2e/haproxy/timeout-tunnel.conf'],
];
for (const [server, name, fixture] of ACCEPTED) {
  describeWithServer(server as 'nginx', `${server}: a UTF-8 byte order mark`, () => {
    test('the server refuses the file with a BOM and accepts it without; proxylint says so', async () => {
      const text = loadFixture(fixture);
      const runner = runners[server as 'nginx'];
      expect((await runner.check(text)).ok).toBe(true);
      expect((await runner.check('\ufeff' + text)).ok).toBe(false);
      expect(fatalOf(name, '\ufeff' + text, server).map((m) => [m.line, m.message.split(':')[0]])).toEqual([[1, 'the file starts with a UTF-8 byte order mark']]);
    });
  });
}
