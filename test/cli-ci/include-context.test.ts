/**
 * Issue 9: a repository linted as the server sees it, whatever paths the CLI is given.
 * Observation 3 (Apache findings vanishing with `lint .`, a site file, or both files named),
 * observation 5 (a symlinked site reported twice), observation 2 (absolute includes read from
 * the host, or flooding errors), and the include hardening of issue 14 (devices, FIFOs, /proc,
 * directory cycles, backtracking globs, `[z-a]`, Squid directory includes, deep chains).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli, useTempTrees } from '../support/cli';

const tree = useTempTrees();

interface Msg {
  ruleId: string | null;
  severity: number;
  line: number;
  column: number;
  message: string;
}
interface Res {
  filePath: string;
  messages: Msg[];
}

function lint(dir: string, ...args: string[]): { code: number | null; results: Res[]; stderr: string } {
  const r = runCli(['lint', '--format', 'json', ...args], dir);
  let results: Res[] = [];
  try {
    results = JSON.parse(r.stdout);
  } catch {
    throw new Error(`not JSON (exit ${r.code}): ${r.stdout}\n${r.stderr}`);
  }
  return { code: r.code, results, stderr: r.stderr };
}

/** `file:line rule` for every message, paths relative to the tree. */
function findings(dir: string, results: Res[]): string[] {
  return results.flatMap((r) => r.messages.map((m) => `${path.relative(dir, r.filePath)}:${m.line} ${m.ruleId}`)).sort();
}

const APACHE_MAIN = `LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so
LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so
Timeout 20
Listen 127.0.0.1:8080
IncludeOptional sites/*.conf
`;
const APACHE_SITE = `<VirtualHost *:8080>
    ProxyPass /ws ws://127.0.0.1:3000/ws
</VirtualHost>
`;

describe('observation 3: Apache fragments are linted in the context of apache2.conf, however the CLI is called', () => {
  it.each([[['apache2.conf']], [['.']], [['sites/app.conf']], [['apache2.conf', 'sites/app.conf']], [['sites/app.conf', 'apache2.conf']]])(
    'lint %j reports the idle-tunnel problem in sites/app.conf once',
    (args) => {
      const dir = tree({ 'apache2.conf': APACHE_MAIN, 'sites/app.conf': APACHE_SITE });
      const r = lint(dir, ...args);
      expect(findings(dir, r.results)).toEqual(['sites/app.conf:2 apache/tunnel-idle-timeout']);
      expect(r.code).toBe(0); // a warning
    },
  );
});

const NGINX_MAIN = 'events {}\nhttp {\n    include sites-enabled/*;\n}\n';
const BROKEN_SITE = `server {
    listen 80;
    location /ws/ {
        proxy_pass http://127.0.0.1:3000;
    }
}
`;
const BROKEN_FINDINGS = [
  'sites-available/app.conf:3 nginx/proxy-http-version',
  'sites-available/app.conf:3 nginx/websocket-connection-header',
  'sites-available/app.conf:3 nginx/websocket-read-timeout',
  'sites-available/app.conf:3 nginx/websocket-upgrade-header',
];

function debianTree(): string {
  const dir = tree({ 'nginx.conf': NGINX_MAIN, 'sites-available/app.conf': BROKEN_SITE });
  fs.mkdirSync(path.join(dir, 'sites-enabled'));
  fs.symlinkSync('../sites-available/app.conf', path.join(dir, 'sites-enabled/app.conf'));
  return dir;
}

describe('observation 5: a symlinked site is one file, reported once under the path a user edits', () => {
  it.each([[['.']], [['nginx.conf']], [['sites-enabled/app.conf']], [['sites-available/app.conf']], [['nginx.conf', 'sites-enabled/app.conf', 'sites-available/app.conf']]])(
    'lint %j',
    (args) => {
      const dir = debianTree();
      expect(findings(dir, lint(dir, ...args).results)).toEqual(BROKEN_FINDINGS);
    },
  );

  it('--fix writes the real file and keeps the symlink', () => {
    const dir = debianTree();
    runCli(['lint', '--fix', '.'], dir);
    expect(fs.lstatSync(path.join(dir, 'sites-enabled/app.conf')).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'sites-available/app.conf'), 'utf8')).toContain('proxy_http_version 1.1;');
  });
});

describe('observation 2: absolute includes are mapped onto the repository, never read from the host', () => {
  const main = 'events {}\nhttp {\n    include /etc/nginx/sites-enabled/*;\n}\n';

  it('an unmapped absolute include is a warning naming includes.map (with the mapping that fits), and the host is not read', () => {
    // Not one of nginx's conventional conf dirs (/etc/nginx/ is inferred when the tree holds it:
    // test/cli-ci/repository-layout.test.ts), and the tree holds no file under the same tail
    // (sites-enabled/*.conf; a tail it holds is inferred: test/cli-ci/inferred-layout.test.ts),
    // so nothing is inferred and nothing is read.
    const unconventional = main.replace('/etc/nginx/sites-enabled/*', '/opt/proxy/sites-enabled/*.conf');
    const dir = tree({ 'deploy/nginx/nginx.conf': unconventional, 'deploy/nginx/sites-enabled/app': BROKEN_SITE });
    const r = lint(dir, 'deploy/nginx/nginx.conf');
    expect(r.results.map((x) => path.relative(dir, x.filePath))).toEqual(['deploy/nginx/nginx.conf']); // not /etc/nginx/sites-enabled/default
    expect(r.results[0].messages).toEqual([
      {
        ruleId: 'core/include-unmapped',
        severity: 0,
        line: 3,
        column: 5,
        endLine: 3,
        endColumn: 44,
        message:
          'include "/opt/proxy/sites-enabled/*.conf" is outside the linted tree: set includes.map {"/opt/proxy/": "deploy/nginx/"}',
      },
    ]);
    expect(r.code).toBe(0);
  });

  it('with includes.map the repository\'s own sites-enabled is the included one, from any invocation', () => {
    const dir = tree({
      '.proxylint.yaml': 'includes:\n  map:\n    /etc/nginx/: deploy/nginx/\n',
      'deploy/nginx/nginx.conf': main,
      'deploy/nginx/sites-enabled/app': BROKEN_SITE.replace('listen 80', 'listen 80;\n    # in context'),
    });
    for (const args of [['.'], ['deploy/nginx/nginx.conf'], ['deploy/nginx/sites-enabled/app']]) {
      const r = lint(dir, ...args);
      expect(findings(dir, r.results)).toEqual([
        'deploy/nginx/sites-enabled/app:4 nginx/proxy-http-version',
        'deploy/nginx/sites-enabled/app:4 nginx/websocket-connection-header',
        'deploy/nginx/sites-enabled/app:4 nginx/websocket-read-timeout',
        'deploy/nginx/sites-enabled/app:4 nginx/websocket-upgrade-header',
      ]);
    }
  });

  it("certbot's /etc/letsencrypt/options-ssl-nginx.conf is a warning, not an error; includes.hermetic: false reads the host as before", () => {
    const site = 'server {\n    listen 443 ssl;\n    include /etc/letsencrypt/options-ssl-nginx.conf;\n}\n';
    const dir = tree({ 'nginx.conf': `events {}\nhttp {\n${site}}\n` });
    const r = lint(dir, 'nginx.conf');
    expect(r.results[0].messages.map((m) => [m.ruleId, m.severity, m.line])).toEqual([['core/include-unmapped', 0, 5]]);
    expect(r.code).toBe(0);
    fs.writeFileSync(path.join(dir, '.proxylint.yaml'), 'includes:\n  hermetic: false\n');
    const host = lint(dir, 'nginx.conf');
    expect(host.results[0].messages.map((m) => m.ruleId)).toEqual(fs.existsSync('/etc/letsencrypt/options-ssl-nginx.conf') ? [] : ['core/include-not-found']);
  });

  it("includes.prefix sets where a root's relative includes resolve (Apache's ServerRoot, h5bp's /usr/local/apache2)", () => {
    const dir = tree({
      'httpd.conf': 'ServerRoot "/usr/local/apache2"\nLoadModule proxy_module modules/mod_proxy.so\nInclude h5bp/basic.conf\n',
      'h5bp/basic.conf': 'Timeout 20\n',
    });
    // /usr/local/apache2/h5bp/basic.conf is found in the tree under the same tail: inferred, as
    // includes.prefix says outright.
    const inferred = lint(dir, 'httpd.conf');
    expect(inferred.results.map((x) => [path.relative(dir, x.filePath), x.messages.length])).toEqual([
      ['httpd.conf', 0],
      ['h5bp/basic.conf', 0],
    ]);
    fs.writeFileSync(path.join(dir, '.proxylint.yaml'), 'includes:\n  prefix:\n    httpd.conf: .\n');
    const r = lint(dir, 'httpd.conf');
    expect(r.results.map((x) => [path.relative(dir, x.filePath), x.messages.length])).toEqual([
      ['httpd.conf', 0],
      ['h5bp/basic.conf', 0],
    ]);
    // A relative include the tree does not hold under ServerRoot's tail stays unknown.
    fs.rmSync(path.join(dir, '.proxylint.yaml'));
    fs.writeFileSync(path.join(dir, 'httpd.conf'), 'ServerRoot "/usr/local/apache2"\nInclude conf/extra/proxy.conf\n');
    expect(lint(dir, 'httpd.conf').results[0].messages.map((m) => m.ruleId)).toEqual(['core/include-unmapped']);
  });

  it('an invalid includes key is a config error (exit 2) naming the key', () => {
    const dir = tree({ '.proxylint.yaml': 'includes:\n  map:\n    etc/nginx: x\n', 'nginx.conf': 'events {}\n' });
    const r = runCli(['lint', 'nginx.conf'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('includes.map');
  });
});

describe('issue 14: include loaders refuse what the servers do not read as config, and never hang', () => {
  it.each([
    ['/dev/zero', 'not a regular file'],
    ['/dev/urandom', 'not a regular file'],
  ])('include %s is a finding, not a hang', (dev, words) => {
    const dir = tree({ 'nginx.conf': `events {}\nhttp {\n    include ${dev};\n}\n`, '.proxylint.yaml': 'includes:\n  hermetic: false\n' });
    const started = Date.now();
    const r = lint(dir, 'nginx.conf');
    expect(Date.now() - started).toBeLessThan(20000);
    expect(r.results[0].messages).toEqual([expect.objectContaining({ ruleId: 'core/include-unreadable', line: 3, message: expect.stringContaining(words) })]);
  });

  it('a FIFO is refused without opening it (nginx blocks on it forever)', () => {
    const dir = tree({ 'nginx.conf': 'events {}\nhttp {\n    include fifo.conf;\n}\n' });
    require('node:child_process').execFileSync('mkfifo', [path.join(dir, 'fifo.conf')]);
    const r = lint(dir, 'nginx.conf');
    expect(r.results.map((x) => path.relative(dir, x.filePath))).toEqual(['nginx.conf']);
    expect(r.results[0].messages).toEqual([expect.objectContaining({ ruleId: 'core/include-unreadable', line: 3, message: expect.stringContaining('not a regular file') })]);
  });

  it('a /proc file is read as nginx reads it: empty (its size is 0)', () => {
    const dir = tree({ 'nginx.conf': 'events {}\nhttp {\n    include /proc/self/status;\n}\n', '.proxylint.yaml': 'includes:\n  hermetic: false\n' });
    const r = lint(dir, 'nginx.conf');
    expect(r.results.flatMap((x) => x.messages)).toEqual([]);
  });

  it('an Apache directory include with a symlink back to itself terminates', () => {
    const dir = tree({ 'httpd.conf': 'Include conf/\n', 'conf/a.conf': 'Timeout 300\n' });
    fs.symlinkSync('..', path.join(dir, 'conf/loop'));
    const started = Date.now();
    const r = lint(dir, 'httpd.conf');
    expect(Date.now() - started).toBeLessThan(20000);
    expect(r.code).not.toBe(2);
  });

  it('a backtracking glob (*a*a*a*a*a*a*a*b over long names) matches in linear time', () => {
    const files: Record<string, string> = { 'nginx.conf': 'events {}\nhttp {\n    include d/*a*a*a*a*a*a*a*a*a*a*b;\n}\n' };
    for (let i = 0; i < 50; i++) files[`d/${'a'.repeat(200)}${i}`] = '';
    files['d/aaaaaaaaaaab'] = '# matched\n';
    const dir = tree(files);
    const started = Date.now();
    const r = lint(dir, 'nginx.conf');
    expect(Date.now() - started).toBeLessThan(10000);
    expect(r.results.map((x) => path.relative(dir, x.filePath))).toEqual(['nginx.conf', 'd/aaaaaaaaaaab']);
  });

  it('[z-a] in a glob matches nothing, as glob(3) does: nginx accepts it, httpd says "No matches"', () => {
    const ng = tree({ 'nginx.conf': 'events {}\nhttp {\n    include d/[z-a]*.conf;\n}\n', 'd/a.conf': '' });
    const r = lint(ng, 'nginx.conf');
    expect(r.code).toBe(0);
    expect(r.results.flatMap((x) => x.messages)).toEqual([]);
    const ap = tree({ 'httpd.conf': 'Include d/[z-a]*.conf\n', 'd/a.conf': '' });
    const a = lint(ap, 'httpd.conf');
    expect(a.results[0].messages).toEqual([expect.objectContaining({ ruleId: 'core/include-not-found', message: expect.stringContaining("No matches for the wildcard '[z-a]*.conf'") })]);
  });

  it('Squid reads an included directory as an empty file (squid -k parse accepts it)', () => {
    const dir = tree({ 'squid.conf': 'http_port 3128\ninclude conf.d\nhttp_access deny all\n', 'conf.d/a.conf': 'acl x src 127.0.0.1\n' });
    const r = lint(dir, 'squid.conf');
    expect(r.results[0].messages.filter((m) => m.ruleId?.startsWith('core/') || m.ruleId === null)).toEqual([]);
  });

  it('an nginx include chain 200 deep is accepted, as nginx -t accepts it; a cycle is still reported', () => {
    const files: Record<string, string> = { 'nginx.conf': 'events {}\nhttp {\n    include c/0.conf;\n}\n' };
    for (let i = 0; i < 200; i++) files[`c/${i}.conf`] = `include c/${i + 1}.conf;\n`;
    files['c/200.conf'] = '';
    const dir = tree(files);
    const r = lint(dir, 'nginx.conf');
    expect(r.results.flatMap((x) => x.messages)).toEqual([]);
    expect(r.results).toHaveLength(202);
    fs.writeFileSync(path.join(dir, 'c/200.conf'), 'include c/0.conf;\n');
    const cyc = lint(dir, 'nginx.conf');
    expect(cyc.results.flatMap((x) => x.messages.map((m) => m.ruleId))).toEqual(['core/include-cycle']);
  });
});

describe("observation 4: Debian's stock /etc/haproxy lints clean: errorfile pages are not config", () => {
  // Debian's errors/*.http (haproxy 2.6.12-1): raw HTTP responses; 408's "didn't" is an unmatched quote to a config parser.
  const page = (code: string, title: string, text: string) =>
    `HTTP/1.0 ${code} ${title}\r\nCache-Control: no-cache\r\nConnection: close\r\nContent-Type: text/html\r\n\r\n<html><body><h1>${code} ${title}</h1>\n${text}\n</body></html>\n\n`;
  const stock = `global\n\tlog /dev/log local0\n\tdaemon\n\ndefaults\n\tlog global\n\tmode http\n\ttimeout connect 5000\n\ttimeout client 50000\n\ttimeout server 50000\n\terrorfile 400 /etc/haproxy/errors/400.http\n\terrorfile 408 /etc/haproxy/errors/408.http\n`;

  it.each([[['haproxy']], [['haproxy/errors/408.http', 'haproxy/haproxy.cfg']]])('lint %j exits 0 with no message without a rule id', (args) => {
    const dir = tree({
      'haproxy/haproxy.cfg': stock,
      'haproxy/errors/400.http': page('400', 'Bad request', 'Your browser sent an invalid request.'),
      'haproxy/errors/408.http': page('408', 'Request Time-out', "Your browser didn't send a complete request in time."),
      'haproxy/server.pem': '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
      'nginx/lua/ws.lua': 'ngx.say("hi")\n',
    });
    const r = runCli(['lint', '--format', 'json', ...args, 'nginx'], dir);
    expect(r.code).toBe(0);
    const res = JSON.parse(r.stdout) as Res[];
    expect(res.map((x) => path.relative(dir, x.filePath))).toEqual(['haproxy/haproxy.cfg']);
    expect(res.flatMap((x) => x.messages).filter((m) => !m.ruleId)).toEqual([]);
  });
});

describe('observation 6: a fragment linted without its main config says what could not be checked', () => {
  const frag = 'server {\n    location /ws {\n        proxy_pass http://127.0.0.1:3000;\n        proxy_http_version 1.1;\n        proxy_set_header Upgrade $http_upgrade;\n        proxy_set_header Connection $connection_upgrade;\n        proxy_read_timeout 1h;\n    }\n}\n';

  it('a lone fragment using $connection_upgrade gets one info naming it and the roots option', () => {
    const dir = tree({ 'conf.d/app.conf': frag });
    const r = lint(dir, 'conf.d/app.conf');
    expect(r.results[0].messages).toEqual([
      expect.objectContaining({
        ruleId: 'core/missing-context',
        severity: 0,
        line: 1,
        message:
          'without its main config, nginx/undefined-variable skipped $connection_upgrade: name it in roots',
      }),
    ]);
    expect(r.code).toBe(0);
  });

  it('in the context of its nginx.conf there is no info, and a missing map is an error with the fix', () => {
    const dir = tree({ 'nginx.conf': 'events {}\nhttp {\n    include conf.d/*.conf;\n}\n', 'conf.d/app.conf': frag });
    const r = lint(dir, 'conf.d/app.conf');
    expect(findings(dir, r.results)).toEqual(['conf.d/app.conf:6 nginx/undefined-variable']);
    runCli(['lint', '--fix', 'conf.d/app.conf'], dir);
    expect(fs.readFileSync(path.join(dir, 'nginx.conf'), 'utf8')).toBe(
      "events {}\nhttp {\n    map $http_upgrade $connection_upgrade {\n        default upgrade;\n        ''      close;\n    }\n    include conf.d/*.conf;\n}\n",
    );
    expect(lint(dir, '.').results.flatMap((x) => x.messages)).toEqual([]);
  });

  it('a fragment that needs nothing from a main config stays quiet', () => {
    const dir = tree({ 'conf.d/app.conf': frag.replace('$connection_upgrade', '"upgrade"') });
    expect(lint(dir, 'conf.d/app.conf').results[0].messages).toEqual([]);
  });
});

describe('README layouts', () => {
  const ws = BROKEN_SITE;
  it("Docker official image: conf.d mapped, the image's mime.types the package's (unknown, info)", () => {
    const dir = tree({
      '.proxylint.yaml': 'includes:\n  map:\n    /etc/nginx/conf.d/: conf.d/\n',
      'nginx.conf': 'events {}\nhttp {\n    include /etc/nginx/mime.types;\n    include /etc/nginx/conf.d/*.conf;\n}\n',
      'conf.d/default.conf': ws,
    });
    const r = lint(dir, '.');
    expect(findings(dir, r.results)).toEqual([
      'conf.d/default.conf:3 nginx/proxy-http-version',
      'conf.d/default.conf:3 nginx/websocket-connection-header',
      'conf.d/default.conf:3 nginx/websocket-read-timeout',
      'conf.d/default.conf:3 nginx/websocket-upgrade-header',
      'nginx.conf:3 core/include-absent',
    ]);
  });

  it('linuxserver/SWAG /config volume: /config/ mapped onto the checkout; proxy.conf sets the headers, so no WebSocket error', () => {
    const dir = tree({
      '.proxylint.yaml': 'includes:\n  map:\n    /config/: ./\n',
      'nginx/nginx.conf': 'events {}\nhttp {\n    include /config/nginx/site-confs/*.conf;\n}\n',
      'nginx/proxy.conf': 'proxy_http_version 1.1;\nproxy_set_header Upgrade $http_upgrade;\nproxy_set_header Connection "upgrade";\nproxy_read_timeout 1h;\n',
      'nginx/site-confs/default.conf': 'server {\n    listen 80;\n    location /ws {\n        include /config/nginx/proxy.conf;\n        proxy_pass http://127.0.0.1:3000;\n    }\n}\n',
    });
    const r = lint(dir, '.');
    expect(findings(dir, r.results)).toEqual([]);
    // Without the map, /config/nginx/proxy.conf is found under nginx/ by its tail: the same verdict.
    fs.rmSync(path.join(dir, '.proxylint.yaml'));
    const alone = lint(dir, 'nginx/site-confs/default.conf').results.flatMap((x) => x.messages);
    expect(alone.filter((m) => m.severity > 0).map((m) => m.ruleId)).toEqual([]);
    // Once the tree is the volume, a file it lacks there is one the container may create: unknown
    // (include-absent, info), and the location's findings are info.
    fs.renameSync(path.join(dir, 'nginx/proxy.conf'), path.join(dir, 'nginx/proxy.conf.bak'));
    const unknown = lint(dir, 'nginx/site-confs/default.conf').results.flatMap((x) => x.messages);
    expect(unknown.filter((m) => m.severity > 0).map((m) => m.ruleId)).toEqual([]);
    expect(unknown.map((m) => m.ruleId)).toContain('core/include-absent');
  });
});

describe('unknown is not wrong in Apache and Squid scopes too (the engine decides, not the rules)', () => {
  it('Apache: a VirtualHost including an unread file gets info findings without fixes; --fix leaves it alone', () => {
    const site = '<VirtualHost *:8080>\n    Include /etc/apache2/snippets/ws.conf\n    ProxyPass /ws http://127.0.0.1:3000/ws\n</VirtualHost>\n';
    const dir = tree({ 'apache2.conf': APACHE_MAIN.replace('Timeout 20', 'Timeout 300'), 'sites/app.conf': site });
    const msgs = lint(dir, '.').results.flatMap((r) => r.messages);
    expect(msgs.filter((m) => m.severity > 0).map((m) => m.ruleId)).toEqual([]);
    expect(msgs.filter((m) => m.ruleId === 'core/include-unmapped').map((m) => m.severity)).toEqual([0]);
    const infos = msgs.filter((m) => m.severity === 0 && m.ruleId !== 'core/include-unmapped');
    expect(infos.length).toBeGreaterThan(0);
    for (const m of infos) expect(m.message).toMatch(/ \(unverified: include "ws\.conf" at line 2 not read\)$/);
    runCli(['lint', '--fix', '--unsafe-fixes', '.'], dir);
    expect(fs.readFileSync(path.join(dir, 'sites/app.conf'), 'utf8')).toBe(site);
  });

  it('Squid: a main config including an unread file: findings at its top level are info', () => {
    const conf = 'http_port 3128\ninclude /etc/squid/conf.d/*.conf\nreply_header_access Upgrade deny all\nhttp_upgrade_request_protocols websocket allow all\nhttp_access deny all\n';
    const dir = tree({ 'proxy/squid.conf': conf });
    const msgs = lint(dir, 'proxy/squid.conf').results.flatMap((r) => r.messages);
    expect(msgs.find((m) => m.ruleId === 'squid/upgrade-header-denied')).toMatchObject({ severity: 0, message: 'reply_header_access removes Upgrade from the reply: handshakes outside CONNECT fail (unverified: include "*.conf" at line 2 not read)' });
  });
});
