/**
 * Deep nesting is a one-line finding, never a RangeError from a recursive walk. nginx, Squid and
 * httpd themselves accept 10,000 levels (checked: nginx -t, squid -k parse), so proxylint's
 * limit of 200 is its own and its message says so ("proxylint: ..."); HAProxy has a real limit,
 * MAXNESTEDCONDS, and the message and line are haproxy -c's (see test/e2e/observed/hardening).
 */
import { runCli, useTempTrees } from '../support/cli';

const tree = useTempTrees();
const NGINX = (n: number) => 'events {}\nhttp {\n' + 'location / {\n'.repeat(n - 1) + '}\n'.repeat(n - 1) + '}\n';
const SQUID = (n: number) => 'http_port 3128\nhttp_upgrade_request_protocols websocket allow all\n' + 'if true\n'.repeat(n) + 'endif\n'.repeat(n);
const APACHE = (n: number) => 'Listen 80\n' + '<IfModule mod_x.c>\n'.repeat(n) + '</IfModule>\n'.repeat(n);
const HAPROXY = (n: number) => 'global\n' + '.if 1\n'.repeat(n) + '.endif\n'.repeat(n);

type Msg = { ruleId: string; message: string; line: number; column: number; fatal?: boolean };
function lint(dialect: string, name: string, text: string): { code: number | null; messages: Msg[]; stderr: string } {
  const dir = tree({ [name]: text });
  const r = runCli(['lint', '-f', 'json', '--dialect', dialect, name], dir);
  return { code: r.code, stderr: r.stderr, messages: r.stdout ? (JSON.parse(r.stdout) as { messages: Msg[] }[])[0].messages : [] };
}

describe.each([
  ['nginx', 'nginx.conf', NGINX, 200, 'proxylint: blocks nested deeper than 200 levels', 202],
  ['squid', 'squid.conf', SQUID, 200, 'proxylint: if-statements nested deeper than 200 levels', 203],
  ['apache', 'apache2.conf', APACHE, 200, 'proxylint: sections nested deeper than 200 levels', 202],
  ['haproxy', 'haproxy.cfg', HAPROXY, 99, "too many nested '.if', max is 100.", 101],
])('%s', (dialect, name, make, ok, message, line) => {
  it(`${ok} levels lint normally`, () => {
    const r = lint(dialect, name, make(ok));
    expect(r.stderr).toBe('');
    expect(r.messages.filter((m) => m.fatal)).toEqual([]);
  });

  it.each([ok + 1, 10_000])('%d levels: one fatal finding at the first level too deep, exit 1', (n) => {
    const r = lint(dialect, name, make(n));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.messages.filter((m) => m.fatal).map(({ ruleId, message, line, column }) => ({ ruleId, message, line, column }))).toEqual([
      { ruleId: 'core/syntax-error', message, line, column: 1 },
    ]);
  });
});

it('nginx: the depth counts across includes', () => {
  const dir = tree({
    'nginx.conf': 'events {}\nhttp {\n' + 'location / {\n'.repeat(150) + 'include more.conf;\n' + '}\n'.repeat(150) + '}\n',
    'more.conf': 'location / {\n'.repeat(100) + '}\n'.repeat(100),
  });
  const r = runCli(['lint', '-f', 'json', 'nginx.conf'], dir);
  const fatal = (JSON.parse(r.stdout) as { filePath: string; messages: Msg[] }[]).flatMap((f) => f.messages.filter((m) => m.fatal).map((m) => [f.filePath.split('/').pop(), m.line, m.message]));
  expect(fatal).toEqual([['more.conf', 50, 'proxylint: blocks nested deeper than 200 levels']]);
});
