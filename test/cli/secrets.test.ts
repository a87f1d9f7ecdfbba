/**
 * Credentials never leave the process. Configs of the four dialects carry planted secrets
 * (URL userinfo in proxy targets and proxy variables, Authorization headers, Squid login=,
 * HAProxy insecure-password/password/stats auth); every format's output, --diff, --fix-dry-run,
 * the lint cache and error messages are searched for them. Each secret's masked form must show
 * up somewhere, so the secret's line really was printed (the test cannot pass by printing nothing).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli, useTempTrees } from '../support/cli';

const FILES = {
  'nginx/nginx.conf': `env HTTPS_PROXY=http://erin:PWNGINX3@proxy.internal:3128;
env ALL_PROXY=frank:PWNGINX4@proxy.internal:3128;
events {}
http {
    server {
        listen 8080;
        location /ws/ {
            proxy_pass http://alice:PWNGINX1@127.0.0.1:3000;
            proxy_set_header Authorization "Basic PWNGINX2";
        }
    }
}
`,
  'apache2/apache2.conf': `LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so
LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so
LoadModule headers_module /usr/lib/apache2/modules/mod_headers.so
Listen 8081
SetEnv HTTPS_PROXY http://dave:PWAPACHE3@proxy.internal:3128
<VirtualHost *:8081>
    RequestHeader set Authorization "Basic PWAPACHE2"
    ProxyPass / http://henry:PWAPACHE5@127.0.0.1:3000/
    ProxyPass /ws/ ws://bob:PWAPACHE1@127.0.0.1:3000/ws/
    <Proxy balancer://wsb>
        BalancerMember http://ivan:PWAPACHE6@127.0.0.1:3001
    </Proxy>
    ProxyPass /socket.io/ balancer://wsb/
    RewriteEngine on
    RewriteRule ^/live/(.*) http://gina:PWAPACHE4@127.0.0.1:3000/live/$1 [P]
</VirtualHost>
`,
  'squid/squid.conf': `http_port 3128
cache_peer 127.0.0.1 parent 3129 0 no-query login=carol:PWSQUID1
request_header_add Authorization "Basic PWSQUID2" all
http_access allow all
`,
  'haproxy/haproxy.cfg': `global
    log stdout format raw local0
defaults
    mode http
    timeout connect 5s
    stats auth admin:PWHAPROXY3
    timeout client 30s
    timeout server 30s
userlist admins
    user admin insecure-password PWHAPROXY1
    user ops password $6$PWHAPROXY4
backend be
    # proxylint: websocket
    http-request set-header Authorization "Basic PWHAPROXY2"
    server s1 127.0.0.1:3000
`,
};

/** Each secret and the masked text that shows its line was printed. */
const SECRETS: [string, string][] = [
  ['PWNGINX1', 'alice:***@'],
  ['PWNGINX2', 'Authorization "Basic ***"'],
  ['PWNGINX3', 'erin:***@'],
  ['PWNGINX4', 'frank:***@'],
  ['PWAPACHE1', 'bob:***@'],
  ['PWAPACHE2', 'Authorization "Basic ***"'],
  ['PWAPACHE3', 'dave:***@'],
  ['PWAPACHE4', 'gina:***@'],
  ['PWAPACHE5', 'henry:***@'],
  ['PWAPACHE6', 'ivan:***@'],
  ['PWSQUID1', 'login=carol:***'],
  ['PWSQUID2', 'Authorization "Basic ***"'],
  ['PWHAPROXY1', 'insecure-password ***'],
  ['PWHAPROXY2', 'Authorization "Basic ***"'],
  ['PWHAPROXY3', 'stats auth admin:***'],
  ['PWHAPROXY4', 'user ops password ***'],
];

const tree = useTempTrees();
const FORMATS = ['stylish', 'json', 'sarif', 'github', 'checkstyle', 'junit', 'gitlab'];

it('no format, diff, dry run, cache or error prints a planted credential', () => {
  const dir = tree(FILES);
  const outputs: Record<string, string> = {};
  const run = (name: string, args: string[]) => {
    const r = runCli(args, dir);
    expect(r.code).not.toBeNull();
    outputs[name] = r.stdout + r.stderr;
  };
  for (const f of FORMATS) run(f, ['lint', '-f', f, '.']);
  for (const f of FORMATS) run(`${f} --fix-dry-run`, ['lint', '--fix-dry-run', '--unsafe-fixes', '-f', f, '.']);
  run('--diff', ['lint', '--diff', '--unsafe-fixes', '.']);
  run('--output files', ['lint', '--output', 'sarif=out/r.sarif', '--output', 'junit=out/r.xml', '-o', 'out/r.txt', '.']);
  for (const f of fs.readdirSync(path.join(dir, 'out'))) outputs[`file ${f}`] = fs.readFileSync(path.join(dir, 'out', f), 'utf8');
  run('--cache', ['lint', '--cache', '-f', 'json', '.']);
  outputs['.proxylintcache'] = fs.readFileSync(path.join(dir, '.proxylintcache'), 'utf8');
  run('--cache (reused)', ['lint', '--cache', '.']);
  // Errors that echo arguments and paths.
  run('generate error', ['generate', 'nginx', '--path', '/ws', '--upstream', 'http://user:PWGEN1@127.0.0.1:99999']);
  run('missing path', ['lint', 'http://user:PWARG1@host/x.conf']);
  run('bad config', ['lint', '--config', 'https://user:PWARG2@host/cfg.yaml', '.']);

  const leaks = Object.entries(outputs).flatMap(([name, text]) => (text.match(/PW[A-Z]+\d/g) ?? []).map((s) => `${s} in ${name}`));
  expect(leaks).toEqual([]);
  const all = Object.values(outputs).join('\n');
  for (const [secret, masked] of SECRETS) expect([secret, all.includes(masked)]).toEqual([secret, true]);
  // apache/websocket-proxypass-upgrade's message quotes the BalancerMember's target: masked in every format, not just stylish.
  for (const f of FORMATS) expect([f, outputs[f].includes('BalancerMember http://ivan:***@127.0.0.1:3001 serves')]).toEqual([f, true]);
  expect(outputs['generate error']).toContain('user:***@127.0.0.1');
});
