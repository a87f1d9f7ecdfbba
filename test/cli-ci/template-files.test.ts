/**
 * Templated configs in real repositories (mailcow's data/conf/nginx/templates/*.j2, jitsi's
 * web/rootfs/defaults/*.conf in Go template syntax): the server reads the rendered output, so a
 * parse error in the template is no claim about the server. One core/unrendered-template info
 * per template, no syntax error, no include finding from the template; a config beside it and
 * a template that parses (envsubst's ${VAR}) are linted as before.
 */
import { lintTree as lint, useTempTrees } from '../support/cli';

const tree = useTempTrees();
const L = (...lines: string[]) => lines.join('\n') + '\n';

const rows: { name: string; files: Record<string, string>; args: string[]; expected: string[] }[] = [
  {
    name: 'a Jinja main config (mailcow): one info where the markup stops the parse, its absolute include not reported',
    files: {
      'nginx/templates/nginx.conf.j2': L('events {}', 'http {', '    include /etc/nginx/mime.types;', '    {% if HTTP_REDIRECT %}', '    server { listen 80; return 301 https://$host$request_uri; }', '    {% endif %}', '}'),
    },
    args: ['.'],
    expected: ['nginx/templates/nginx.conf.j2:4:5 core/unrendered-template info'],
  },
  {
    name: 'a Go-template site (jitsi), linted alone',
    files: {
      'web/rootfs/defaults/nginx.conf': L('worker_processes {{ .Env.NGINX_WORKER_PROCESSES | default "4" }};', 'events {}'),
    },
    args: ['web/rootfs/defaults/nginx.conf'],
    expected: ['web/rootfs/defaults/nginx.conf:1:19 core/unrendered-template info'],
  },
  {
    name: 'a broken config without template markup is still a syntax error',
    files: { 'nginx/nginx.conf': L('events {}', 'http {', '    server { listen 80;', '}') },
    args: ['.'],
    expected: ['nginx/nginx.conf:5:1 core/syntax-error error'],
  },
  {
    name: 'an envsubst template that parses (Docker nginx image templates/*.conf.template) is linted as it stands',
    files: {
      'nginx/templates/app.conf.template': L('server {', '    listen 80;', '    server_name ${APP_DOMAIN};', '    location /ws {', '        proxy_pass http://app:3000;', '        proxy_http_version 1.1;', '    }', '}'),
    },
    args: ['.'],
    expected: [
      'nginx/templates/app.conf.template:4:5 nginx/websocket-connection-header error',
      'nginx/templates/app.conf.template:4:5 nginx/websocket-read-timeout info',
      'nginx/templates/app.conf.template:4:5 nginx/websocket-upgrade-header error',
    ],
  },
];

describe('templated configs in a repository', () => {
  it.each(rows)('$name', ({ files, args, expected }) => {
    expect(lint(tree(files), args)).toEqual(expected);
  });
});
