/**
 * What a repository says against what the deploy machine has (issue 8/9's repository-layout
 * precision, docs/core/include-absent.md): a file absent from the tree is the server's fatal
 * error only where the tree must hold it; through a directory mapping (configured, or inferred
 * when the tree is /etc/nginx) the deploy may create it, so it is unknown (info). Files whose
 * content is known to set nothing a rule reads (mime.types, certbot's options-ssl-nginx.conf)
 * leave their scope's findings as they are. Each row: the tree, the paths linted, and every
 * finding as `file:line:column ruleId severity`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli, useTempTrees } from '../support/cli';

const tree = useTempTrees();
const SEVERITY = ['info', 'warning', 'error'];

function lint(dir: string, args: string[]): string[] {
  const r = runCli(['lint', '--format', 'json', ...args], dir);
  let results: { filePath: string; messages: { ruleId: string; severity: number; line: number; column: number }[] }[];
  try {
    results = JSON.parse(r.stdout);
  } catch {
    throw new Error(`not JSON (exit ${r.code}): ${r.stdout}\n${r.stderr}`);
  }
  return results.flatMap((f) => f.messages.map((m) => `${path.relative(dir, f.filePath)}:${m.line}:${m.column} ${m.ruleId} ${SEVERITY[m.severity]}`)).sort();
}

const WS_OK = ['        proxy_http_version 1.1;', '        proxy_set_header Upgrade $http_upgrade;', '        proxy_set_header Connection "upgrade";', '        proxy_read_timeout 1h;'];
const L = (...lines: string[]) => lines.join('\n') + '\n';
/** A server whose location /ws sends no Upgrade/Connection (three errors at the location). */
const BAD_SERVER = (...extra: string[]) => L('server {', '    listen 80;', ...extra, '    location /ws {', '        proxy_pass http://127.0.0.1:3000;', '        proxy_http_version 1.1;', '    }', '}');
const BAD_AT = (file: string, line: number, col = 5) => [
  `${file}:${line}:${col} nginx/websocket-connection-header error`,
  `${file}:${line}:${col} nginx/websocket-upgrade-header error`,
  `${file}:${line}:${col} nginx/websocket-read-timeout info`, // nginx's default 60 s, no heartbeat known: info by policy
];
const SWAG_MAP = L('includes:', '  map:', '    "/config/nginx/": "nginx/"');

interface Row {
  name: string;
  files: Record<string, string>;
  links?: Record<string, string>;
  args?: string[];
  expected: string[];
}

const rows: Row[] = [
  {
    name: 'SWAG: ssl.conf, generated in the container, absent under the mapped /config/nginx: unknown (info), not include-not-found',
    files: {
      '.proxylint.yaml': SWAG_MAP,
      'nginx/proxy.conf': L(...WS_OK.map((l) => l.trim())),
      'nginx/site-confs/default.conf': L('server {', '    listen 443 ssl;', '    include /config/nginx/ssl.conf;', '    location /ws {', '        proxy_pass http://127.0.0.1:3000;', '        include /config/nginx/proxy.conf;', '    }', '}'),
    },
    expected: ['nginx/site-confs/default.conf:3:5 core/include-absent info', 'nginx/site-confs/default.conf:4:5 nginx/missing-forwarded-proto info'],
  },
  {
    name: 'an includes.map entry that names the file itself: its absence is the server\'s error',
    files: {
      '.proxylint.yaml': L('includes:', '  map:', '    "/config/nginx/": "nginx/"', '    "/config/nginx/ssl.conf": "nginx/ssl.conf"'),
      'nginx/site-confs/default.conf': L('server {', '    listen 443 ssl;', '    include /config/nginx/ssl.conf;', '}'),
    },
    expected: ['nginx/site-confs/default.conf:3:5 core/include-not-found error'],
  },
  {
    name: 'a relative include of the main config that the tree lacks: error (nginx -t: open() failed)',
    files: { 'nginx.conf': L('events {}', 'http {', '    include snippets/websocket.conf;', '}') },
    expected: ['nginx.conf:3:5 core/include-not-found error'],
  },
  {
    name: 'a relative mime.types (the nginx package installs it) is unknown, and its scope\'s findings stay errors',
    files: { 'nginx.conf': L('events {}', 'http {', '    include mime.types;', ...BAD_SERVER().trimEnd().split('\n').map((l) => '    ' + l), '}') },
    expected: ['nginx.conf:3:5 core/include-absent info', ...BAD_AT('nginx.conf', 6, 9)],
  },
  {
    name: 'the repository is /etc/nginx: absolute includes read the tree, a symlinked site is reported once under sites-available',
    files: {
      'nginx.conf': L('events {}', 'http {', '    include /etc/nginx/mime.types;', '    include /etc/nginx/conf.d/*.conf;', '    include /etc/nginx/sites-enabled/*;', '}'),
      'conf.d/upgrade.conf': L("map $http_upgrade $connection_upgrade { default upgrade; '' close; }"),
      'sites-available/app': BAD_SERVER(),
    },
    links: { 'sites-enabled/app': '../sites-available/app' },
    expected: ['nginx.conf:3:5 core/include-absent info', ...BAD_AT('sites-available/app', 3)],
  },
  {
    name: 'the same tree, the sites-enabled link alone on the command line: the same findings, under sites-available',
    files: {
      'nginx.conf': L('events {}', 'http {', '    include /etc/nginx/mime.types;', '    include /etc/nginx/sites-enabled/*;', '}'),
      'sites-available/app': BAD_SERVER(),
    },
    links: { 'sites-enabled/app': '../sites-available/app' },
    args: ['sites-enabled/app'],
    expected: BAD_AT('sites-available/app', 3),
  },
  {
    name: 'a site includes /etc/nginx/snippets/ws.conf and the tree is /etc/nginx: the snippet is read, nothing to report',
    files: {
      'nginx.conf': L('events {}', 'http {', '    include /etc/nginx/sites-enabled/*;', '}'),
      'snippets/ws.conf': L(...WS_OK.map((l) => l.trim())),
      'sites-enabled/app': L('server {', '    listen 80;', '    location /ws {', '        proxy_pass http://127.0.0.1:3000;', '        include /etc/nginx/snippets/ws.conf;', '    }', '}'),
    },
    expected: [],
  },
  {
    name: 'nothing under /etc/nginx in the tree: no inference, the include stays unmapped and its scope unknown',
    files: { 'site.conf': L('server {', '    listen 80;', '    location /ws {', '        proxy_pass http://127.0.0.1:3000;', '        include /etc/nginx/snippets/ws.conf;', '    }', '}') },
    expected: [
      'site.conf:3:5 nginx/proxy-http-version info',
      'site.conf:3:5 nginx/websocket-connection-header info',
      'site.conf:3:5 nginx/websocket-read-timeout info',
      'site.conf:3:5 nginx/websocket-upgrade-header info',
      'site.conf:5:9 core/include-unmapped info',
    ],
  },
  {
    name: 'certbot\'s options-ssl-nginx.conf unread at server level sets only ssl_*: the location\'s errors stay errors',
    files: { 'site.conf': BAD_SERVER('    include /etc/letsencrypt/options-ssl-nginx.conf;') },
    expected: ['site.conf:3:5 core/include-unmapped info', ...BAD_AT('site.conf', 4)],
  },
  {
    name: 'a conf.d fragment alone, using $connection_upgrade from a main config it does not have: one missing-context info',
    files: { 'conf.d/app.conf': L('server {', '    listen 80;', '    location /ws {', '        proxy_pass http://127.0.0.1:3000;', ...WS_OK.slice(0, 2), '        proxy_set_header Connection $connection_upgrade;', '        proxy_read_timeout 1h;', '    }', '}') },
    expected: ['conf.d/app.conf:1:1 core/missing-context info'],
  },
  {
    name: 'Apache: certbot\'s options-ssl-apache.conf unread in a vhost sets only SSL*/LogFormat: the vhost\'s error stays an error',
    files: {
      'apache2.conf': L(
        'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so',
        'LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so',
        'Listen 127.0.0.1:8443',
        '<VirtualHost *:8443>',
        '    Include /etc/letsencrypt/options-ssl-apache.conf',
        '    ProxyPass /ws http://127.0.0.1:3000/ws',
        '</VirtualHost>',
      ),
    },
    expected: ['apache2.conf:5:5 core/include-unmapped info', 'apache2.conf:6:5 apache/websocket-proxypass-upgrade error'],
  },
  {
    name: 'Apache: an Include of a mapped /etc/apache2 file the tree lacks is unknown',
    files: {
      '.proxylint.yaml': L('includes:', '  map:', '    "/etc/apache2/": "apache2/"'),
      'apache2/apache2.conf': L('ServerRoot /etc/apache2', 'Listen 127.0.0.1:8080', 'Include /etc/apache2/conf-enabled/generated.conf'),
    },
    args: ['apache2/apache2.conf'],
    expected: ['apache2/apache2.conf:3:1 core/include-absent info'],
  },
  {
    name: 'Apache: a relative Include the tree lacks is still httpd\'s fatal error',
    files: { 'apache2/apache2.conf': L('Listen 127.0.0.1:8080', 'Include conf-enabled/typo.conf') },
    args: ['apache2/apache2.conf'],
    expected: ['apache2/apache2.conf:2:1 core/include-not-found error'],
  },
  {
    name: 'Squid: an include of a mapped /etc/squid file the tree lacks is unknown',
    files: {
      '.proxylint.yaml': L('includes:', '  map:', '    "/etc/squid/": "squid/"'),
      'squid/squid.conf': L('http_port 3128', 'include /etc/squid/conf.d/generated.conf', 'http_access deny all'),
    },
    args: ['squid/squid.conf'],
    expected: ['squid/squid.conf:1:1 squid/websocket-upgrade-not-allowed info', 'squid/squid.conf:2:1 core/include-absent info'],
  },
];

describe('repository layouts: what the tree must hold, and what the deploy may add', () => {
  it.each(rows)('$name', ({ files, links, args, expected }) => {
    const dir = tree(files);
    for (const [link, target] of Object.entries(links ?? {})) {
      fs.mkdirSync(path.dirname(path.join(dir, link)), { recursive: true });
      fs.symlinkSync(target, path.join(dir, link));
    }
    expect(lint(dir, args ?? ['.'])).toEqual([...expected].sort());
  });
});
