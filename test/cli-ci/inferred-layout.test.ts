/**
 * Absolute includes whose file the repository keeps under another root, with no includes.map
 * (core/include-paths inferTailMapping): SWAG's /config volume as nginx/, an image's
 * *.conf.sample defaults, and a Debian apache2 tree whose vhost includes
 * /etc/apache2/conf-available/… Each row: the tree, the paths linted, every finding.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintTree as lint, runCli, useTempTrees } from '../support/cli';

const tree = useTempTrees();
const L = (...lines: string[]) => lines.join('\n') + '\n';


const WS = L('proxy_http_version 1.1;', 'proxy_set_header Upgrade $http_upgrade;', 'proxy_set_header Connection "upgrade";', 'proxy_read_timeout 1h;');
const SITE = (inc: string) => L('server {', '    listen 80;', '    location /ws {', '        proxy_pass http://127.0.0.1:3000;', `        include ${inc};`, '    }', '}');
const GUAC_WS = L('<Location /guacamole/websocket-tunnel>', '    ProxyPass ws://127.0.0.1:8080/guacamole/websocket-tunnel', '</Location>');
const GUAC_VHOST = (inc: string) => L('<VirtualHost *:80>', '    ServerName g.example.com', `    Include ${inc}`, '    <Location /guacamole/>', '        ProxyPass http://127.0.0.1:8080/guacamole/', '    </Location>', '</VirtualHost>');

const MAIN = L('events {}', 'http {', '    include /etc/nginx/sites-enabled/*;', '}');
const BROKEN = L('server {', '    listen 80;', '    location /ws {', '        proxy_pass http://127.0.0.1:3000;', '    }', '}');
const BROKEN_AT = (file: string, sev: 'error' | 'info') => [
  `${file}:3:5 nginx/proxy-http-version info`,
  `${file}:3:5 nginx/websocket-connection-header ${sev}`,
  `${file}:3:5 nginx/websocket-read-timeout info`,
  `${file}:3:5 nginx/websocket-upgrade-header ${sev}`,
];

const rows: { name: string; files: Record<string, string>; links?: Record<string, string>; args: string[]; expected: string[] }[] = [
  {
    name: 'a copy of /etc/nginx whose sites-enabled link is absolute (ln -s /etc/nginx/sites-available/app): read in the tree, not a dangling-file error',
    files: { 'etc-nginx/nginx.conf': MAIN, 'etc-nginx/sites-available/app': BROKEN },
    links: { 'etc-nginx/sites-enabled/app': '/etc/nginx/sites-available/app' },
    args: ['.'],
    expected: BROKEN_AT('etc-nginx/sites-available/app', 'error'),
  },
  {
    name: "an absolute link to a file the tree does not hold (this machine's /etc/nginx/sites-available/default): unmapped, never read from the host",
    files: { 'etc-nginx/nginx.conf': MAIN, 'etc-nginx/sites-available/app': BROKEN },
    links: { 'etc-nginx/sites-enabled/app': '../sites-available/app', 'etc-nginx/sites-enabled/default': '/etc/nginx/sites-available/default' },
    args: ['.'],
    expected: ['etc-nginx/nginx.conf:3:5 core/include-unmapped info', ...BROKEN_AT('etc-nginx/sites-available/app', 'info')],
  },
  {
    name: 'SWAG /config volume as nginx/: /config/nginx/proxy.conf is read from nginx/proxy.conf, an absent sibling is unknown (info)',
    files: { 'nginx/proxy.conf': WS, 'nginx/site-confs/app.conf': SITE('/config/nginx/proxy.conf').replace('    listen 80;\n', '    listen 80;\n    include /config/nginx/ssl.conf;\n') },
    args: ['.'],
    expected: ['nginx/site-confs/app.conf:3:5 core/include-absent info'],
  },
  {
    name: 'the same include under a path the tree does not hold stays unmapped (a warning), its scope unknown',
    files: { 'nginx/site-confs/app.conf': SITE('/config/nginx/proxy.conf') },
    args: ['.'],
    expected: [
      'nginx/site-confs/app.conf:3:5 nginx/proxy-http-version info',
      'nginx/site-confs/app.conf:3:5 nginx/websocket-connection-header info',
      'nginx/site-confs/app.conf:3:5 nginx/websocket-read-timeout info',
      'nginx/site-confs/app.conf:3:5 nginx/websocket-upgrade-header info',
      'nginx/site-confs/app.conf:5:9 core/include-unmapped info',
    ],
  },
  {
    name: 'an image default kept as proxy.conf.sample is the file the container installs',
    files: { 'root/defaults/nginx/proxy.conf.sample': WS, 'root/defaults/nginx/site-confs/default.conf.sample': SITE('/config/nginx/proxy.conf') },
    args: ['root/defaults/nginx/site-confs/default.conf.sample', '--dialect', 'nginx'],
    expected: [],
  },
  {
    name: 'Apache: a vhost including /etc/apache2/conf-available/… that the tree keeps: the orders across the two files are judged',
    files: { 'conf-available/guac-ws.conf': GUAC_WS, 'sites-available/guac.conf': GUAC_VHOST('/etc/apache2/conf-available/guac-ws.conf') },
    args: ['sites-available/guac.conf'],
    expected: ['conf-available/guac-ws.conf:1:1 apache/proxypass-order error'],
  },
  {
    name: 'Apache: the same tree linted as a directory: the fragment gets the vhost\'s finding in it (it is also linted as a fragment of its own)',
    files: { 'conf-available/guac-ws.conf': GUAC_WS, 'sites-available/guac.conf': GUAC_VHOST('/etc/apache2/conf-available/guac-ws.conf') },
    args: ['.'],
    expected: ['conf-available/guac-ws.conf:1:1 apache/proxypass-order error'],
  },
  {
    name: 'Apache: the fragment and the vhost named on the command line, fragment first: the same finding',
    files: { 'conf-available/guac-ws.conf': GUAC_WS, 'sites-available/guac.conf': GUAC_VHOST('/etc/apache2/conf-available/guac-ws.conf') },
    args: ['conf-available/guac-ws.conf', 'sites-available/guac.conf'],
    expected: ['conf-available/guac-ws.conf:1:1 apache/proxypass-order error'],
  },
  {
    name: 'Apache: a relative Include of a ws:// ProxyPass after the vhost\'s catch-all, linted as a directory',
    files: { 'conf-fragments/ws.conf': L('ProxyPass /ws ws://127.0.0.1:3000/ws'), 'sites-available/app.conf': L('<VirtualHost *:80>', '    ServerName app.example.org', '    ProxyPass / http://127.0.0.1:3000/', '    Include conf-fragments/ws.conf', '</VirtualHost>') },
    args: ['.'],
    expected: ['conf-fragments/ws.conf:1:1 apache/proxypass-order error'],
  },
  {
    name: 'Apache: the fragment alone has no vhost to be judged in: nothing (its context depends on it and the config only)',
    files: { 'conf-fragments/ws.conf': L('ProxyPass /ws ws://127.0.0.1:3000/ws'), 'sites-available/app.conf': L('<VirtualHost *:80>', '    ServerName app.example.org', '    ProxyPass / http://127.0.0.1:3000/', '    Include conf-fragments/ws.conf', '</VirtualHost>') },
    args: ['conf-fragments/ws.conf'],
    expected: [],
  },
  {
    name: 'Apache: the same vhost whose include the tree does not hold: unmapped, nothing claimed',
    files: { 'sites-available/guac.conf': GUAC_VHOST('/etc/apache2/conf-available/guac-ws.conf') },
    args: ['sites-available/guac.conf'],
    expected: ['sites-available/guac.conf:3:5 core/include-unmapped info'],
  },
];

describe('absolute includes the tree keeps under another root', () => {
  it.each(rows)('$name', ({ files, links, args, expected }) => {
    const dir = tree(files);
    for (const [link, target] of Object.entries(links ?? {})) {
      fs.mkdirSync(path.dirname(path.join(dir, link)), { recursive: true });
      fs.symlinkSync(target, path.join(dir, link));
    }
    expect(lint(dir, args)).toEqual(expected);
  });
});

describe('a fragment linted beside the vhost that includes it', () => {
  const files = { 'conf-available/guac-ws.conf': GUAC_WS, 'sites-available/guac.conf': GUAC_VHOST('/etc/apache2/conf-available/guac-ws.conf') };
  const messages = (dir: string, args: string[]) => {
    const r = runCli(['lint', '--format', 'json', ...args], dir, { XDG_CACHE_HOME: path.join(dir, '.xdg') });
    const results: { filePath: string; messages: { ruleId: string; message: string }[] }[] = JSON.parse(r.stdout);
    return results.flatMap((f) => f.messages.map((m) => `${path.relative(dir, f.filePath)} ${m.message}`));
  };
  const FINDING = 'conf-available/guac-ws.conf <Location /guacamole/websocket-tunnel> is dead: the later <Location /guacamole/> (sites-available/guac.conf:5) wins.';

  it('names the other file relative to the unit, never by this machine\'s absolute path; file and directory lint agree', () => {
    const dir = tree(files);
    expect(messages(dir, ['sites-available/guac.conf'])).toEqual([FINDING]);
    expect(messages(dir, ['.'])).toEqual([FINDING]);
    expect(messages(dir, [path.join(dir, 'sites-available/guac.conf')])).toEqual([FINDING]);
  });

  it('--cache: the second directory run (all entries reused) and a run after the fragment changed give the same finding', () => {
    const dir = tree(files);
    fs.mkdirSync(path.join(dir, '.xdg'), { mode: 0o700 });
    expect(messages(dir, ['--cache', '.'])).toEqual([FINDING]);
    expect(messages(dir, ['--cache', '.'])).toEqual([FINDING]);
    fs.appendFileSync(path.join(dir, 'conf-available/guac-ws.conf'), '# touched\n');
    expect(messages(dir, ['--cache', '.'])).toEqual([FINDING]);
    // the fragment alone, after the directory runs: its own entry holds its own findings only
    expect(messages(dir, ['--cache', 'conf-available/guac-ws.conf'])).toEqual([]);
    expect(messages(dir, ['--cache', '.'])).toEqual([FINDING]);
  });
});
