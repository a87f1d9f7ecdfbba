/**
 * Whole repositories as users lint them (issue 8: a repository's layout changes the answer):
 * `proxylint lint <repo>` from inside the repository and from elsewhere, on trees laid out as
 * real projects ship them. Each row is a tree and every finding expected (file:line:column,
 * rule, severity, message); none other may appear.
 *
 * - nginx-proxy-manager keeps 33 EJS views under frontend/js/app/nginx/ (HTML, not nginx);
 * - frigate's nginx.conf includes listen.conf, rendered at container start from
 *   templates/listen.gotmpl (docker/main/rootfs/etc/s6-overlay/s6-rc.d/nginx/run);
 * - the official nginx image renders templates/*.conf.template into conf.d/;
 * - envsubst's ${VAR} in an include path is filled in when the container starts;
 * - home-assistant/addons' dnsmasq.config says `server={{ … }}`, which is not nginx's `server {`;
 * - a file of `location` blocks is the body of a server block it does not hold: its findings are unverified,
 *   except header findings where the location has its own proxy_set_header list (it inherits none);
 * - an include cycle between two snippets is one defect per directive that closes it, whichever root reached it;
 * - lancachenet/monolithic and perusio/drupal-with-nginx ship sites-available/ but no sites-enabled/ (the Dockerfile's
 *   `ln -s`, the README's): a site, and a snippet a site includes, is read where nginx.conf's include of
 *   sites-enabled/* reads it once linked; a tree that ships its sites-enabled/ links says which sites are enabled;
 * - kobo-docker's nginx_site_default.conf.tmpl holds a `${SCHEMAS_DIRECTIVE_INCLUDE}` line its entrypoint renders
 *   into include lines; Mailu keeps docs/faq.rst (nginx samples in prose) and a site.webmanifest under core/nginx/;
 * - a compose service's bind mounts (`./sites:/etc/nginx/conf.d`, `./conf/nginx.conf:/etc/nginx/nginx.conf`) map the
 *   server paths of the roots it mounts, and the main config it mounts is the context of the fragments it mounts.
 *   Its values are interpolated as compose does (`${VAR:-default}`, the .env beside it), and a service's `build:` (or a
 *   Dockerfile of its own) adds what the final stage COPYs into the image.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli, useTempTrees } from '../support/cli';

const tree = useTempTrees();
const SEVERITY = ['info', 'warning', 'error'];

function findings(cwd: string, target: string): string[] {
  const r = runCli(['lint', '--format', 'json', target], cwd);
  expect(r.stderr).toBe('');
  const results: { filePath: string; messages: { ruleId: string; severity: number; line: number; column: number; message: string }[] }[] = JSON.parse(r.stdout);
  const base = path.resolve(cwd, target);
  return results.flatMap((f) => f.messages.map((m) => `${path.relative(base, f.filePath)}:${m.line}:${m.column} ${m.ruleId} ${SEVERITY[m.severity]} ${m.message}`)).sort();
}

const WS_SITE = [
  'server {',
  '    listen 80;',
  '    location /ws {',
  '        proxy_pass http://127.0.0.1:3000;',
  '        include /etc/nginx/snippets/ws.conf;',
  '    }',
  '}',
  '',
].join('\n');
const WS_SNIPPET = 'proxy_http_version 1.1;\nproxy_set_header Upgrade $http_upgrade;\nproxy_set_header Connection "upgrade";\nproxy_read_timeout 1h;\n';
const MAIN = 'events {}\nhttp {\n    include conf.d/*.conf;\n}\n';
// A WebSocket route that relies on the http block for HTTP/1.1, the upgrade headers and the read timeout.
const WS_BARE_SITE = 'server {\n    listen 80;\n    location /ws {\n        proxy_pass http://127.0.0.1:3000;\n    }\n}\n';
const COMPOSE_WEB = 'services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - ./conf/nginx.conf:/etc/nginx/nginx.conf:ro\n      - type: bind\n        source: ./sites\n        target: /etc/nginx/conf.d\n      - certs:/etc/nginx/certs\n';
// An http block that gives every location HTTP/1.1, the upgrade headers and a long read timeout.
const HTTP_WITH_WS_DEFAULTS = [
  'events {}',
  'http {',
  '    map $http_upgrade $connection_upgrade {',
  '        default upgrade;',
  '        "" close;',
  '    }',
  '    proxy_http_version 1.1;',
  '    proxy_set_header Upgrade $http_upgrade;',
  '    proxy_set_header Connection $connection_upgrade;',
  '    proxy_read_timeout 1h;',
  '    include /etc/nginx/conf.d/*.conf;',
  '}',
  '',
].join('\n');

const rows: { name: string; files: Record<string, string>; expected: string[] }[] = [
  {
    name: 'a fragment\'s relative include: the hint fits in one message, shorter when the include path is long',
    files: {
      'sites/short.conf': 'server {\n    listen 80;\n    include snippets/tls.conf;\n}\n',
      'sites/certbot.conf': 'server {\n    listen 80;\n    include snippets/certbot-well-known.conf;\n}\n',
    },
    expected: [
      'sites/certbot.conf:3:5 core/include-unmapped info include "snippets/certbot-well-known.conf" depends on the unknown main config\'s directory: set includes.prefix or roots',
      'sites/short.conf:3:5 core/include-unmapped info include "snippets/tls.conf" resolves against the unknown main config\'s directory: set includes.prefix or roots',
    ],
  },
  {
    name: 'EJS views under a nginx/ directory are HTML, not nginx (nginx-proxy-manager)',
    files: {
      'frontend/js/app/nginx/proxy/form.ejs': `<div class="modal-content">\n    <h5><%- i18n('proxy-hosts', 'form-title', {id: id}) %></h5>\n</div>\n`,
      'frontend/js/app/nginx/proxy/list/main.ejs': '<thead>\n    <% if (canManage) { %>\n    <th>&nbsp;</th>\n    <% } %>\n</thead>\n',
      'docker/rootfs/etc/nginx/nginx.conf': MAIN,
    },
    expected: [],
  },
  {
    name: 'an include rendered at container start from templates/ one level up (frigate)',
    files: {
      'docker/rootfs/usr/local/nginx/conf/nginx.conf': 'events {}\nhttp {\n    server {\n        include listen.conf;\n    }\n}\n',
      'docker/rootfs/usr/local/nginx/templates/listen.gotmpl': 'listen {{ .port }};\n',
    },
    expected: [
      'docker/rootfs/usr/local/nginx/conf/nginx.conf:4:9 core/include-absent info include "listen.conf" is rendered at deploy from ../templates/listen.gotmpl: unknown',
      'docker/rootfs/usr/local/nginx/templates/listen.gotmpl:1:9 core/unrendered-template info template markup ({{ … }} / {% … %}) is rendered at deploy, so the file was not linted: lint the rendered output',
    ],
  },
  {
    name: "the nginx image's templates/*.conf.template, rendered into conf.d/ by envsubst",
    files: {
      'nginx/nginx.conf': 'events {}\nhttp {\n    include conf.d/default.conf;\n}\n',
      'nginx/templates/default.conf.template': 'server {\n    listen ${NGINX_PORT};\n}\n',
    },
    expected: ['nginx/nginx.conf:3:5 core/include-absent info include "conf.d/default.conf" is rendered at deploy from templates/default.conf.template: unknown'],
  },
  {
    name: 'an include the tree lacks and no template renders stays what nginx -t says',
    files: {
      'nginx/nginx.conf': 'events {}\nhttp {\n    include conf.d/default.conf;\n}\n',
      'nginx/templates/other.conf.template': 'server {\n    listen ${NGINX_PORT};\n}\n',
    },
    expected: ['nginx/nginx.conf:3:5 core/include-not-found error include "conf.d/default.conf" matches no file, so nginx -t fails'],
  },
  {
    name: 'an httpd Include rendered from a Jinja template beside it',
    files: {
      'apache2/apache2.conf': 'Include conf-enabled/ws.conf\n<VirtualHost *:80>\n    ServerName a\n</VirtualHost>\n',
      'apache2/conf-enabled/ws.conf.j2': 'ProxyTimeout {{ timeout }}\n',
    },
    expected: ['apache2/apache2.conf:1:1 core/include-absent info include "conf-enabled/ws.conf" is rendered at deploy from conf-enabled/ws.conf.j2: unknown'],
  },
  {
    name: "envsubst placeholders in a template's include paths are filled in at deploy (the nginx image's templates/)",
    files: {
      'nginx/templates/nginx.conf.template': 'events {}\nhttp {\n    include snippets/${PROXY_MODE}.conf;\n    include /etc/nginx/conf.d/$SITE.conf;\n}\n',
      'nginx/snippets/plain.conf': 'proxy_http_version 1.1;\n',
    },
    expected: [
      'nginx/templates/nginx.conf.template:3:5 core/include-absent info include "snippets/${PROXY_MODE}.conf" names a placeholder the deploy fills in: unknown',
      'nginx/templates/nginx.conf.template:4:5 core/include-absent info include "/etc/nginx/conf.d/$SITE.conf" names a placeholder the deploy fills in: unknown',
    ],
  },
  {
    name: 'an httpd Include naming a ${VAR} no Define or envvars in the tree sets: the starting environment decides',
    files: {
      'apache2/apache2.conf': 'Include conf.d/${SITE_NAME}.conf\nDefine CONF conf.d\nInclude ${CONF}/missing.conf\n',
    },
    expected: [
      'apache2/apache2.conf:1:1 core/include-absent info include "conf.d/${SITE_NAME}.conf" names a placeholder the deploy fills in: unknown',
      'apache2/apache2.conf:3:1 core/include-not-found error Could not open configuration file <dir>/apache2/conf.d/missing.conf: No such file or directory',
    ],
  },
  {
    name: 'a file of location blocks is included inside a server block the tree lacks: what it inherits is unknown',
    files: {
      'nginx/snippets/ws-location.conf': 'location /ws {\n    proxy_pass http://127.0.0.1:3000;\n    proxy_http_version 1.1;\n    proxy_read_timeout 1h;\n}\n',
    },
    expected: [
      'nginx/snippets/ws-location.conf:1:1 nginx/websocket-connection-header info location /ws does not set Connection, so nginx sends "Connection: close" (unverified: the server block that includes this file is not in the tree)',
      'nginx/snippets/ws-location.conf:1:1 nginx/websocket-upgrade-header info location /ws does not pass the Upgrade header to the backend (unverified: the server block that includes this file is not in the tree)',
    ],
  },
  {
    name: 'a location fragment with its own proxy_set_header list inherits no header: its header findings hold',
    files: {
      'nginx/snippets/ws-own-headers.conf': 'location /ws {\n    proxy_pass http://127.0.0.1:3000;\n    proxy_http_version 1.1;\n    proxy_read_timeout 1h;\n    proxy_set_header Host $host;\n}\n',
    },
    expected: [
      'nginx/snippets/ws-own-headers.conf:1:1 nginx/websocket-connection-header error location /ws does not set Connection, so nginx sends "Connection: close"',
      'nginx/snippets/ws-own-headers.conf:1:1 nginx/websocket-upgrade-header error location /ws does not pass the Upgrade header to the backend',
    ],
  },
  {
    name: 'a server-block fragment is read in an http block: its own location still breaks',
    files: {
      'nginx/conf.d/app.conf': 'server {\n    listen 80;\n    location /ws {\n        proxy_pass http://127.0.0.1:3000;\n        proxy_http_version 1.1;\n        proxy_read_timeout 1h;\n    }\n}\n',
    },
    expected: [
      'nginx/conf.d/app.conf:3:5 nginx/websocket-connection-header error location /ws does not set Connection, so nginx sends "Connection: close"',
      'nginx/conf.d/app.conf:3:5 nginx/websocket-upgrade-header error location /ws does not pass the Upgrade header to the backend',
    ],
  },
  {
    name: "a dnsmasq template's server={{ … }} is not an nginx server block (home-assistant/addons)",
    files: {
      'dnsmasq/rootfs/usr/share/tempio/dnsmasq.config': 'no-resolv\n{{ range .servers }}\nserver={{ . }}\n{{ end }}\n',
      'nginx/nginx.conf': MAIN,
    },
    expected: [],
  },
  {
    name: 'an absolute include found in a rootfs overlay above the root, from wherever the command runs',
    files: {
      'rootfs/etc/nginx/sites-available/app.conf': WS_SITE,
      'rootfs/etc/nginx/snippets/ws.conf': WS_SNIPPET,
      'README.md': '# app\n',
    },
    expected: [],
  },
  {
    name: 'a two-snippet include cycle: one finding per closing directive, the same from every root',
    files: {
      'deploy/site.conf': 'server {\n    listen 80;\n    include snippets/a.conf;\n}\n',
      'deploy/snippets/a.conf': 'include snippets/b.conf;\n',
      'deploy/snippets/b.conf': 'include snippets/a.conf;\n',
    },
    expected: [
      'deploy/snippets/a.conf:1:1 core/include-cycle error include cycle: <b> -> <a> -> <b>',
      'deploy/snippets/b.conf:1:1 core/include-cycle error include cycle: <a> -> <b> -> <a>',
    ],
  },
  {
    name: 'a site the deploy links into sites-enabled/ is read in the nginx.conf that includes it (lancachenet/monolithic)',
    files: {
      'overlay/etc/nginx/nginx.conf': 'events {}\nhttp {\n    include /etc/nginx/conf.d/*.conf;\n    include /etc/nginx/sites-enabled/*.conf;\n}\n',
      'overlay/etc/nginx/conf.d/30_maps.conf': 'map $http_user_agent $cacheidentifier {\n    default $http_host;\n}\n',
      'overlay/etc/nginx/sites-available/10_cache.conf': 'server {\n    listen 80;\n    include /etc/nginx/sites-available/cache.conf.d/*.conf;\n}\n',
      'overlay/etc/nginx/sites-available/cache.conf.d/10_root.conf': 'location / {\n    proxy_cache_key $cacheidentifier$uri;\n    proxy_pass http://127.0.0.1:3000;\n}\n',
      'overlay/etc/nginx/sites-enabled/.gitkeep': '',
    },
    expected: [],
  },
  {
    name: 'a site that the shipped sites-enabled/ does not link is not enabled: linted alone, what the main config defines is unknown',
    files: {
      'nginx/nginx.conf': 'events {}\nhttp {\n    map $http_user_agent $cacheidentifier {\n        default $http_host;\n    }\n    include sites-enabled/*;\n}\n',
      'nginx/sites-enabled/other': 'server {\n    listen 8080;\n}\n',
      'nginx/sites-available/cache': 'server {\n    listen 80;\n    proxy_cache_key $cacheidentifier$uri;\n}\n',
    },
    expected: ['nginx/sites-available/cache:1:1 core/missing-context info without its main config, nginx/undefined-variable skipped $cacheidentifier: name it in roots'],
  },
  {
    name: "an Apache site a2ensite links at deploy is read in apache2.conf's context (Debian's IncludeOptional sites-enabled/*.conf)",
    files: {
      'apache2/apache2.conf': 'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\nLoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so\nIncludeOptional sites-enabled/*.conf\n',
      'apache2/sites-available/app.conf': '<VirtualHost *:80>\n    ServerName app\n    ProxyPass /ws ws://127.0.0.1:3000/ws\n</VirtualHost>\n',
    },
    // The main config sets no Timeout: the default holds (linted alone, Timeout is the main config's to set).
    expected: ['apache2/sites-available/app.conf:3:5 apache/tunnel-idle-timeout info ProxyPass /ws: default Timeout 60 closes idle WebSockets unless the app pings'],
  },
  {
    name: "an absolute include of a file nginx's package installs, in a tree without the conf dir (getsentry/self-hosted's nginx.conf)",
    files: {
      'nginx.conf': 'events {}\nhttp {\n    include /etc/nginx/mime.types;\n    include /etc/nginx/conf.d/*.conf;\n}\n',
    },
    expected: [
      'nginx.conf:3:5 core/include-absent info include "/etc/nginx/mime.types" is installed by nginx\'s package, not in the tree: unknown',
      'nginx.conf:4:5 core/include-unmapped info include "/etc/nginx/conf.d/*.conf" is outside the linted tree: set includes.map',
    ],
  },
  {
    name: "a compose service mounts the main config and a sites directory under other names: the site is read in that nginx.conf's http block",
    files: {
      'docker-compose.yml': COMPOSE_WEB,
      'conf/nginx.conf': HTTP_WITH_WS_DEFAULTS,
      'sites/app.conf': 'server {\n    listen 80;\n    location /ws {\n        proxy_pass http://127.0.0.1:3000;\n    }\n}\n',
    },
    expected: [],
  },
  {
    name: 'a server path two services that mount the root give different sources is not mapped (unknown), nor is a named volume',
    files: {
      'docker-compose.yml': COMPOSE_WEB + '  web2:\n    image: nginx:1.27\n    volumes:\n      - ./conf/nginx.conf:/etc/nginx/nginx.conf:ro\n      - ./other:/etc/nginx/conf.d:ro\n',
      'conf/nginx.conf': HTTP_WITH_WS_DEFAULTS.replace(/\n}\n$/, '\n    include /etc/nginx/certs/ws.conf;\n}\n'),
      'sites/app.conf': 'server {\n    listen 80;\n}\n',
      'other/app.conf': 'server {\n    listen 81;\n}\n',
    },
    expected: [
      'conf/nginx.conf:11:5 core/include-unmapped info include "/etc/nginx/conf.d/*.conf" is outside the linted tree: set includes.map',
      'conf/nginx.conf:12:5 core/include-unmapped info include "/etc/nginx/certs/ws.conf" is outside the linted tree: set includes.map',
    ],
  },
  // bigbluebutton/docker mod/nginx: the image (FROM nginx:1.27-alpine) copies the site in; 1.27 serves HTTP/1.1 on a cleartext http2 port.
  {
    name: 'a Dockerfile whose final stage is nginx:1.27 and copies the site in: the site is judged for nginx 1.27',
    files: {
      Dockerfile: 'FROM node:20 AS build\nCOPY ./site.conf /x\n\nFROM nginx:1.27-alpine\nCOPY --from=build /out /www\nCOPY ./site.conf \\\n     /etc/nginx/conf.d/default.conf\n',
      'site.conf': 'server {\n    listen 8080 http2;\n    location /ws {\n        proxy_pass http://127.0.0.1:3000;\n        proxy_http_version 1.1;\n        proxy_set_header Upgrade $http_upgrade;\n        proxy_set_header Connection "upgrade";\n        proxy_read_timeout 1h;\n    }\n}\n',
    },
    expected: [],
  },
  {
    name: 'a Dockerfile that does not copy the site, or names no release (nginx:alpine), leaves the assumed target',
    files: {
      Dockerfile: 'FROM nginx:1.27-alpine\nCOPY ./other.conf /etc/nginx/conf.d/default.conf\n',
      'sites/Dockerfile': 'FROM nginx:alpine\nCOPY . /etc/nginx/conf.d/\n',
      'sites/site.conf': 'server {\n    listen 8080 http2;\n    location /ws {\n        proxy_pass http://127.0.0.1:3000;\n        proxy_http_version 1.1;\n        proxy_set_header Upgrade $http_upgrade;\n        proxy_set_header Connection "upgrade";\n        proxy_read_timeout 1h;\n    }\n}\n',
    },
    expected: ['sites/site.conf:2:17 nginx/http2-cleartext-websocket error location /ws is served on *:8080, a cleartext HTTP/2-only port (http2 without ssl)'],
  },
  {
    name: 'the release the stage copying the site runs, not an earlier stage: a build stage of nginx:1.27 says nothing',
    files: {
      Dockerfile: 'FROM nginx:1.27 AS base\nCOPY ./site.conf /etc/nginx/conf.d/\nFROM debian:bookworm\nCOPY --from=base /etc/nginx /etc/nginx\n',
      'site.conf': 'server {\n    listen 8080 http2;\n    location /ws {\n        proxy_pass http://127.0.0.1:3000;\n        proxy_http_version 1.1;\n        proxy_set_header Upgrade $http_upgrade;\n        proxy_set_header Connection "upgrade";\n        proxy_read_timeout 1h;\n    }\n}\n',
    },
    expected: ['site.conf:2:17 nginx/http2-cleartext-websocket error location /ws is served on *:8080, a cleartext HTTP/2-only port (http2 without ssl)'],
  },
  {
    name: 'a compose service that mounts the site runs it in its image (nginx:1.27)',
    files: {
      'docker-compose.yml': 'services:\n  web:\n    image: nginx:1.27-alpine\n    volumes:\n      - ./sites:/etc/nginx/conf.d:ro\n',
      'sites/site.conf': 'server {\n    listen 8080 http2;\n    location /ws {\n        proxy_pass http://127.0.0.1:3000;\n        proxy_http_version 1.1;\n        proxy_set_header Upgrade $http_upgrade;\n        proxy_set_header Connection "upgrade";\n        proxy_read_timeout 1h;\n    }\n}\n',
    },
    expected: [],
  },
  {
    // The same rule as for mounts: two holders that disagree settle nothing (core/layout/image-release).
    name: 'the same service and a Dockerfile that copies the site into nginx:1.22: no release settled, the assumed target stands',
    files: {
      'docker-compose.yml': 'services:\n  web:\n    image: nginx:1.27-alpine\n    volumes:\n      - ./sites:/etc/nginx/conf.d:ro\n',
      'sites/Dockerfile': 'FROM nginx:1.22\nCOPY . /etc/nginx/conf.d/\n',
      'sites/site.conf': 'server {\n    listen 8080 http2;\n    location /ws {\n        proxy_pass http://127.0.0.1:3000;\n        proxy_http_version 1.1;\n        proxy_set_header Upgrade $http_upgrade;\n        proxy_set_header Connection "upgrade";\n        proxy_read_timeout 1h;\n    }\n}\n',
    },
    expected: ['sites/site.conf:2:17 nginx/http2-cleartext-websocket error location /ws is served on *:8080, a cleartext HTTP/2-only port (http2 without ssl)'],
  },
  {
    name: 'a compose image without a release (nginx:alpine), or of a service that does not mount the site, leaves the assumed target',
    files: {
      'docker-compose.yml': 'services:\n  web:\n    image: nginx:alpine\n    volumes:\n      - ./sites:/etc/nginx/conf.d:ro\n  other:\n    image: nginx:1.27\n    volumes:\n      - ./other:/etc/nginx/conf.d:ro\n',
      'sites/site.conf': 'server {\n    listen 8080 http2;\n    location /ws {\n        proxy_pass http://127.0.0.1:3000;\n        proxy_http_version 1.1;\n        proxy_set_header Upgrade $http_upgrade;\n        proxy_set_header Connection "upgrade";\n        proxy_read_timeout 1h;\n    }\n}\n',
      'other/x.conf': 'server {\n    listen 81;\n}\n',
    },
    expected: ['sites/site.conf:2:17 nginx/http2-cleartext-websocket error location /ws is served on *:8080, a cleartext HTTP/2-only port (http2 without ssl)'],
  },
  {
    name: 'targets set in .proxylint.yaml win over the image',
    files: {
      '.proxylint.yaml': 'targets:\n  nginx: "1.22.1"\n',
      Dockerfile: 'FROM nginx:1.27-alpine\nCOPY site.conf /etc/nginx/conf.d/\n',
      'site.conf': 'server {\n    listen 8080 http2;\n    location /ws {\n        proxy_pass http://127.0.0.1:3000;\n        proxy_http_version 1.1;\n        proxy_set_header Upgrade $http_upgrade;\n        proxy_set_header Connection "upgrade";\n        proxy_read_timeout 1h;\n    }\n}\n',
    },
    expected: ['site.conf:2:17 nginx/http2-cleartext-websocket error location /ws is served on *:8080, a cleartext HTTP/2-only port (http2 without ssl)'],
  },
  {
    name: 'compose mounts written with ${VAR:-default} and a .env value read as compose interpolates them',
    files: {
      'docker-compose.yml': 'services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - ${NGINX_CONF:-./conf/nginx.conf}:/etc/nginx/nginx.conf:ro\n      - ${SITES_DIR}:/etc/nginx/conf.d:ro\n',
      '.env': 'SITES_DIR=./sites\n',
      'conf/nginx.conf': HTTP_WITH_WS_DEFAULTS,
      'sites/app.conf': WS_BARE_SITE,
    },
    expected: [],
  },
  {
    name: 'a compose mount whose variable has no value and no default is not read (unknown, never guessed)',
    files: {
      'docker-compose.yml': 'services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - ./conf/nginx.conf:/etc/nginx/nginx.conf:ro\n      - ${SITES_DIR}:/etc/nginx/conf.d:ro\n',
      'conf/nginx.conf': HTTP_WITH_WS_DEFAULTS,
      'sites/app.conf': WS_BARE_SITE,
    },
    // Not read in conf/nginx.conf: the site is linted alone, as any site no main config's include reaches.
    expected: [
      'conf/nginx.conf:11:5 core/include-unmapped info include "/etc/nginx/conf.d/*.conf" is outside the linted tree: set includes.map',
      "sites/app.conf:3:5 nginx/proxy-http-version info location /ws proxies with HTTP/1.0 (nginx 1.22.1's default): some backends refuse it",
      'sites/app.conf:3:5 nginx/websocket-connection-header error location /ws does not set Connection, so nginx sends "Connection: close"',
      'sites/app.conf:3:5 nginx/websocket-read-timeout info location /ws: default proxy_read_timeout 60s closes idle WebSockets unless the app pings',
      'sites/app.conf:3:5 nginx/websocket-upgrade-header error location /ws does not pass the Upgrade header to the backend',
    ],
  },
  {
    name: "a Dockerfile's final stage copies the main config and the sites under other names: the site is read in that http block",
    files: {
      'docker-compose.yml': 'services:\n  web:\n    build:\n      context: .\n      dockerfile: docker/nginx.Dockerfile\n',
      'docker/nginx.Dockerfile': 'FROM node:20 AS build\nRUN npm ci\nFROM nginx:1.27\nCOPY --chown=nginx:nginx conf/nginx.conf /etc/nginx/nginx.conf\nCOPY sites/ /etc/nginx/conf.d/\n',
      'conf/nginx.conf': HTTP_WITH_WS_DEFAULTS,
      'sites/app.conf': WS_BARE_SITE,
    },
    expected: [],
  },
  {
    name: 'what only an earlier build stage copies is not in the image that runs nginx',
    files: {
      'Dockerfile': 'FROM nginx:1.27 AS test\nCOPY sites/ /etc/nginx/conf.d/\nFROM nginx:1.27\nCOPY conf/nginx.conf /etc/nginx/nginx.conf\n',
      'conf/nginx.conf': HTTP_WITH_WS_DEFAULTS,
      'sites/app.conf': WS_BARE_SITE,
    },
    // Not read in conf/nginx.conf: the site is linted alone, as any site no main config's include reaches.
    expected: [
      'conf/nginx.conf:11:5 core/include-unmapped info include "/etc/nginx/conf.d/*.conf" is outside the linted tree: set includes.map',
      "sites/app.conf:3:5 nginx/proxy-http-version info location /ws proxies with HTTP/1.0 (nginx 1.22.1's default): some backends refuse it",
      'sites/app.conf:3:5 nginx/websocket-connection-header error location /ws does not set Connection, so nginx sends "Connection: close"',
      'sites/app.conf:3:5 nginx/websocket-read-timeout info location /ws: default proxy_read_timeout 60s closes idle WebSockets unless the app pings',
      'sites/app.conf:3:5 nginx/websocket-upgrade-header error location /ws does not pass the Upgrade header to the backend',
    ],
  },
  {
    name: "another service's mounts do not apply to a root it does not mount",
    files: {
      'docker-compose.yml': 'services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - ./sites:/etc/nginx/conf.d:ro\n',
      'conf/nginx.conf': HTTP_WITH_WS_DEFAULTS,
      'sites/app.conf': 'server {\n    listen 80;\n}\n',
    },
    expected: ['conf/nginx.conf:11:5 core/include-unmapped info include "/etc/nginx/conf.d/*.conf" is outside the linted tree: set includes.map'],
  },
  {
    name: 'an envsubst template whose placeholder stands for whole directives, and documents under nginx/ (kobo-docker, Mailu)',
    files: {
      'nginx/templates/site.conf.tmpl': 'server {\n    listen 80;\n    ${SCHEMAS_DIRECTIVE_INCLUDE}\n}\n',
      'docs/faq.rst': 'Use this::\n\n  server {\n    listen 80:\n  }\n',
      'core/nginx/static/site.webmanifest': '{\n    "name": "Mailu",\n    "icons": [{ "src": "/static/favicon.png" }]\n}\n',
    },
    expected: ['nginx/templates/site.conf.tmpl:4:1 core/unrendered-template info a ${…} placeholder on a line of its own is rendered at deploy, so the file was not linted: lint the rendered output'],
  },
  {
    name: 'the same placeholder line in a file not named as a template stays what nginx -t says',
    files: { 'nginx/conf.d/site.conf': 'server {\n    listen 80;\n    ${SCHEMAS_DIRECTIVE_INCLUDE}\n}\n' },
    expected: ['nginx/conf.d/site.conf:4:1 core/syntax-error error unexpected "}"'],
  },
];

describe('lint <repository> on real layouts', () => {
  it.each(rows)('$name (inside the repository and from elsewhere)', ({ files, expected }) => {
    const dir = tree({ ...files, 'elsewhere/.keep': '' });
    fs.rmSync(path.join(dir, 'elsewhere/.keep'));
    const named = (s: string) => s.replace(/<([ab])>/g, (_m, f: string) => path.join(dir, `deploy/snippets/${f}.conf`)).replace('<dir>', dir);
    const want = expected.map(named).sort();
    expect(findings(dir, '.')).toEqual(want);
    expect(findings(path.join(dir, 'elsewhere'), dir)).toEqual(want);
  });
});

describe('a named directory is the tree of the files below it only', () => {
  it('what a root reads does not depend on which other directory is named beside it', () => {
    const dir = tree({ 'b/snippets/ws.conf': WS_SNIPPET, 'elsewhere/x.md': '' });
    const cwd = path.join(dir, 'elsewhere');
    const a = path.join(dir, 'a');
    // An absolute include of a file under b: read as is only if b were a's tree.
    const snippet = path.join(dir, 'b/snippets/ws.conf');
    fs.mkdirSync(path.join(a, 'nginx/sites-available'), { recursive: true });
    fs.writeFileSync(path.join(a, 'nginx/sites-available/app.conf'), WS_SITE.replace('/etc/nginx/snippets/ws.conf', snippet));
    const inA = (args: string[]) => {
      const results: { filePath: string; messages: { ruleId: string; line: number; severity: number; message: string }[] }[] = JSON.parse(runCli(['lint', '--format', 'json', ...args], cwd).stdout);
      return results
        .filter((f) => f.filePath.startsWith(a + path.sep))
        .flatMap((f) => f.messages.map((m) => `${path.relative(a, f.filePath)}:${m.line} ${m.ruleId} ${SEVERITY[m.severity]} ${m.message}`))
        .sort();
    };
    const alone = inA([a]);
    expect(inA([a, path.join(dir, 'b')])).toEqual(alone);
    // b is not a's tree: the snippet stays unread, and what depends on it is unverified (info).
    expect(alone).toContain(`nginx/sites-available/app.conf:5 core/include-unmapped info include "${snippet}" is outside the linted tree: set includes.map`);
    expect(alone.filter((l) => !/ info /.test(l))).toEqual([]);
  });
});

describe('the include-unmapped hint', () => {
  // Relative to the working directory, where no .proxylint.yaml gives a base: checked inside the repository.
  it("maps an httpd ServerRoot naming the server's /etc/apache2 onto the tree, never this machine's /etc", () => {
    const dir = tree({
      'apache2/apache2.conf': 'ServerRoot "/etc/apache2"\nIncludeOptional sites-enabled/*.conf\n',
      // The directory is there, no site in it matches (else its tail is read: core/include-paths inferTailMapping).
      'apache2/sites-enabled/README': 'Link sites here with a2ensite.\n',
    });
    expect(findings(dir, '.')).toEqual([
      'apache2/apache2.conf:2:1 core/include-unmapped info include "sites-enabled/*.conf" is outside the linted tree: set includes.map {"/etc/apache2/": "apache2/"}',
    ]);
  });
});
