/**
 * nginx/undefined-variable against the real nginx -t, row by row: the rule reports exactly the
 * variable nginx names in `unknown "name" variable`, and nothing where nginx -t passes. The rows
 * are where a `$` is or is not a script (test/dialects/nginx/variables.test.ts holds the same
 * cases as analysis tables) and the built-in names (builtin-variable-cases.ts).
 */
import rule from '../../../../rules/nginx/undefined-variable';
import { lintCase } from '../../../support/lint-case';
import { KNOWN_ON_1_22, UNKNOWN } from '../../../dialects/nginx/builtin-variable-cases';
import { describeWithServer, nginx, nginxMainConfig } from '../../harness';

const server = (...lines: string[]) => ['server {', '    listen 127.0.0.1:@PORT@;', ...lines.map((l) => '    ' + l), '}'];
const location = (...lines: string[]) => server('location / {', '    proxy_pass http://127.0.0.1:@BACKEND_PORT@;', ...lines.map((l) => '    ' + l), '}');

const ROWS: [string, string[], string | undefined][] = [
  ['a backslash before $ escapes nothing (quoted)', location('return 200 "a\\$foo";'), 'foo'],
  ['a backslash before $ escapes nothing (bare)', location('add_header X a\\$bar;'), 'bar'],
  ['set ${x} defines "{x}": $x stays unknown', location('set ${x} 1;', 'return 200 $x;'), 'x'],
  ['map $uri ${x} defines "{x}": $x stays unknown', ['map $uri ${x} { default 1; }', ...location('return 200 $x;')], 'x'],
  ['proxy_cookie_path is a script', location('proxy_cookie_path /a$zzz /b;'), 'zzz'],
  ['proxy_cookie_domain is a script after a ~regex', location('proxy_cookie_domain ~a$y b$zzz;'), 'zzz'],
  ['a ~regex of proxy_cookie_path, proxy_cookie_domain, proxy_redirect is no script', location('proxy_cookie_path ~^/a$y /b;', 'proxy_cookie_domain ~a$y b;', 'proxy_redirect ~^http://a$y /;'), undefined],
  ['map keys are literal, values scripts', ['map $uri $m { s3cr$t $zzz; }', ...server()], 'zzz'],
  ['map keys are literal', ['map $uri $m { s3cr$t 1; hostnames 2; }', ...server()], undefined],
  ['geo and split_clients values are literal', ['geo $g { default $zzz; }', 'split_clients "${remote_addr}" $v { 50% $zzz; * b; }', ...server()], undefined],
  ['a map entry keyed like a directive is an entry: its value is a script', ['map $uri $m { set $zzz; }', ...server()], 'zzz'],
  ['a ~ argument of log_format is text, the next one a script', ['log_format t ~ $zzz;', ...server()], 'zzz'],
  ['types entries are no scripts', ['types { text/html h$x; }', ...server()], undefined],
  ['the source of split_clients is a script', ['split_clients "$zzz" $v { 50% a; * b; }', ...server()], 'zzz'],
  ['location, server_name, valid_referers and sub_filter_types are no scripts', server('server_name a$x;', 'location /$x {', '    valid_referers none $x;', '    sub_filter_types text/$x;', '}'), undefined],
  ['if: a regex after ~*, a script after = and -f', location('if ($uri ~* ^/a$x) { return 200; }', 'if (-f $zzz) { return 200; }'), 'zzz'],
  ['named captures define variables', [...server('server_name ~^(?<sub>[a-z]+)\\.x$;', "location ~ ^/(?'app'[a-z]+)$ { return 200 $app$sub; }")], undefined],
  ['a capture $1 and a name after it', location('rewrite ^/(.*)$ /$1a;'), undefined],
];

describeWithServer('nginx', 'e2e nginx/undefined-variable: where nginx reads a $variable', () => {
  const verdicts = async (http: string[]) => {
    const code = nginxMainConfig(...http);
    const r = lintCase('nginx', [rule], { code, filename: 'nginx.conf' });
    const names = r.messages.filter((m) => m.ruleId === rule.id).map((m) => /unknown "([^"]+)" variable$/.exec(m.message)![1]);
    const check = await nginx.check(code, { backendPort: 1 });
    const m = /\[emerg\] \d+#\d+: unknown "([^"]+)" variable/.exec(check.output);
    return { rule: names, nginx: check.ok ? 'ok' : m ? m[1] : check.output };
  };

  test.each(ROWS)('%s', async (_name, http, unknown) => {
    expect(await verdicts(http)).toEqual(unknown ? { rule: [unknown], nginx: unknown } : { rule: [], nginx: 'ok' });
  });

  test('every built-in name of nginx 1.22.1 passes nginx -t, and the rule takes it', async () => {
    expect(await verdicts(location(...KNOWN_ON_1_22.map((n, i) => `add_header X-${i} $${n};`)))).toEqual({ rule: [], nginx: 'ok' });
  });

  test.each(UNKNOWN)('$%s: nginx -t fails, and the rule reports it', async (name) => {
    expect(await verdicts(location(`add_header X $${name};`))).toEqual({ rule: [name], nginx: name });
  });
});
