/**
 * Which files a directory lint takes (src/dialects/detect.ts), on what real repositories keep beside
 * their configs: jitsi's s6 service directory web/rootfs/etc/s6-overlay/s6-rc.d/nginx/{run,type},
 * mailcow's data/Dockerfiles/nginx/Dockerfile, vendored PHP (whose `include '…';` reads like
 * nginx) and phpunit.xml.dist (whose <Directory> reads like Apache), nextcloud-aio's Caddyfile.
 */
import { detectDialect } from '../../src/dialects/detect';

const rows: { name: string; path: string; text: string; dialect: string | undefined }[] = [
  { name: 'nginx.conf by name', path: 'web/nginx.conf', text: 'events {}\n', dialect: 'nginx' },
  { name: 'a site file under nginx/', path: 'deploy/nginx/site-confs/default', text: 'server { listen 80; }\n', dialect: 'nginx' },
  { name: 'a comment-only file under nginx/', path: 'deploy/nginx/conf.d/empty.conf', text: '# nothing here\n', dialect: 'nginx' },
  { name: 'a one-statement fragment under nginx/', path: 'deploy/nginx/snippets/ws', text: 'add_header X-A 1;\n', dialect: 'nginx' },
  { name: 's6 type file under s6-rc.d/nginx/', path: 'web/rootfs/etc/s6-overlay/s6-rc.d/nginx/type', text: 'longrun\n', dialect: undefined },
  { name: 's6 run script under s6-rc.d/nginx/ (shebang)', path: 'web/rootfs/etc/s6-overlay/s6-rc.d/nginx/run', text: '#!/command/with-contenv bash\nexec nginx -g "daemon off;"\n', dialect: undefined },
  { name: 'a Dockerfile under nginx/', path: 'data/Dockerfiles/nginx/Dockerfile', text: 'FROM nginx:alpine\nCMD ["nginx", "-g", "daemon off;"]\n', dialect: undefined },
  { name: 'PHP with include statements', path: 'data/web/inc/init_db.inc.php', text: "<?php\ninclude 'vars.inc.php';\n", dialect: undefined },
  { name: 'PHP without an extension (composer bin)', path: 'vendor/bin/minifycss', text: "#!/usr/bin/env php\n<?php\ninclude __DIR__ . '/..'.'/autoload.php';\n", dialect: undefined },
  { name: 'phpunit.xml.dist', path: 'vendor/x/phpunit.xml.dist', text: '<?xml version="1.0"?>\n<phpunit>\n<Directory>src</Directory>\n</phpunit>\n', dialect: undefined },
  { name: 'an XML file of another extension', path: 'conf/app.conf', text: '<?xml version="1.0"?>\n<Location>/</Location>\n', dialect: undefined },
  { name: 'a Caddyfile', path: 'Containers/mastercontainer/acme.Caddyfile', text: '{\n  auto_https off\n}\nserver { }\n', dialect: undefined },
  { name: 'an ES module', path: 'php/tests/desec-mock.mjs', text: "import { createServer } from 'node:http'\nserver {\n", dialect: undefined },
  { name: 'supervisord.conf under apache/ (INI)', path: 'Containers/apache/supervisord.conf', text: '; supervisor\n[supervisord]\nnodaemon=true\n[program:apache]\ncommand=apachectl -DFOREGROUND\n', dialect: undefined },
  { name: 'an Apache file under apache/ whose first line is a directive', path: 'Containers/apache/nextcloud.conf', text: 'Listen 8000\n<VirtualHost *:8000>\n</VirtualHost>\n', dialect: 'apache' },
  { name: "Debian's mod_mime_magic data under apache2/", path: 'etc/apache2/magic', text: '# Magic data for mod_mime_magic\n0\tstring\t%PDF-\tapplication/pdf\n', dialect: undefined },
  { name: 'a mime.types under httpd/conf/', path: 'etc/httpd/conf/mime.types', text: '# MIME types\napplication/json\t\t\tjson\ntext/html html htm\n', dialect: undefined },
  // nextcloud/docker .examples/docker-compose/*/apache/db.env (compose env_file, KEY=value lines)
  { name: "Nextcloud's db.env under apache/ (a dotenv file)", path: '.examples/docker-compose/insecure/postgres/apache/db.env', text: 'POSTGRES_PASSWORD=\nPOSTGRES_DB=nextcloud\nPOSTGRES_USER=nextcloud\n', dialect: undefined },
  { name: 'a dotenv file under apache/ opening with a comment', path: 'deploy/apache/.env', text: '# compose variables\nVHOST=example.com\n', dialect: undefined },
  { name: 'an envvars-style file under apache2/ (a shell fragment)', path: 'docker/apache2/envvars.local', text: '# sourced by apache2ctl\nexport APACHE_RUN_USER=www-data\n', dialect: undefined },
  { name: 'shell assignments under apache2/', path: 'docker/apache2/env', text: 'APACHE_LOCK_DIR=/var/lock/apache2\n', dialect: undefined },
  { name: 'envvars by name', path: 'etc/apache2/envvars', text: 'unset HOME\nexport APACHE_RUN_USER=www-data\n', dialect: undefined },
  { name: 'an .htpasswd under apache2/', path: 'docker/apache2/htpasswd', text: 'admin:$apr1$x$y\n', dialect: undefined },
  { name: 'an Apache fragment under apache2/ opening with a section', path: 'docker/apache2/sites/app', text: '# app\n<VirtualHost *:80>\n</VirtualHost>\n', dialect: 'apache' },
  { name: 'an Apache fragment under apache2/ opening with an indented directive', path: 'etc/apache2/conf-enabled/ws', text: '\n  ProxyRequests Off\n', dialect: 'apache' },
  { name: 'an empty file under apache2/ (httpd reads it as nothing)', path: 'etc/apache2/conf-enabled/empty.conf', text: '# nothing\n', dialect: 'apache' },
  { name: 'apache2.conf by name, whatever it opens with', path: 'etc/apache2/apache2.conf', text: '0 garbage\n', dialect: 'apache' },
  { name: 'an Apache vhost found by content', path: 'sites/app.conf', text: '<VirtualHost *:80>\n</VirtualHost>\n', dialect: 'apache' },
  { name: 'an acl domain list under squid/', path: 'proxy/squid/whitelist', text: '# allowed\n.github.com\n.npmjs.org\n', dialect: undefined },
  { name: 'a git hash file under squid/', path: 'images/squid/COMMIT', text: '9903c701eb3ac7c77eb07a866eea973104a01ed8\n', dialect: undefined },
  { name: 'a squid fragment under squid/ (conf.d)', path: 'proxy/squid/conf.d/ports', text: 'http_port 3128\n', dialect: 'squid' },
  { name: 'a squid fragment under squid/ with a typo first', path: 'proxy/squid/local', text: 'http_prot 3128\nhttp_access allow all\n', dialect: 'squid' },
  { name: 'a squid fragment under squid/ naming a directive of another release', path: 'proxy/squid/v4', text: 'dns_v4_first on\n', dialect: 'squid' },
  { name: 'squid.conf by name, whatever it holds', path: 'proxy/squid/squid.conf', text: 'garbage here\n', dialect: 'squid' },
  // bigbluebutton/docker mod/nginx/default.pdf: a PDF under nginx/, whose bytes hold `{` and `;`.
  { name: 'a binary file under nginx/ (a NUL in its head)', path: 'mod/nginx/default', text: '%PDF-1.4\n20 0 obj\n<< /Type /ExtGState >>\nstream\nx\u0000\u009c{;\nendstream\n', dialect: undefined },
  { name: 'a PDF by its extension', path: 'mod/nginx/default.pdf', text: 'server { listen 80; }\n', dialect: undefined },
  { name: 'a NUL past the first 8,000 characters does not make a config binary', path: 'deploy/nginx/big.conf', text: 'server { listen 80; }\n' + '#'.repeat(8000) + '\u0000\n', dialect: 'nginx' },
  // penpot frontend/test/**/*.cljs: Clojure whose `events    [(fn [state] …)` reads like an nginx block.
  { name: 'a Clojure source by its extension', path: 'frontend/test/data/texts_test.cljs', text: ';; License\n(ns x)\n  events [(fn [s] {:a 1})]\n', dialect: undefined },
  { name: 'a file whose first statement is a ; comment (Lisp, INI)', path: 'src/macros/texts', text: '# header\n;; License\n(ns x)\n  events [(fn [s] {:a 1})]\n', dialect: undefined },
  { name: 'a ; after a statement does not make a file Lisp', path: 'sites-enabled/app', text: 'server { listen 80; }\n', dialect: 'nginx' },
  { name: 'an nginx site found by content', path: 'sites-enabled/default', text: 'server {\n  listen 80;\n}\n', dialect: 'nginx' },
  // nginx-proxy-manager's frontend/js/app/nginx/**/*.ejs: page views whose `{id: id}` and `<% } %>` read like nginx blocks.
  { name: 'an EJS view under nginx/', path: 'frontend/js/app/nginx/proxy/form.ejs', text: '<div class="modal-content">\n  <%- i18n(\'x\', {id: id}) %>\n</div>\n', dialect: undefined },
  { name: 'an EJS table view under nginx/', path: 'frontend/js/app/nginx/dead/list/main.ejs', text: '<thead>\n    <% if (a) { %>\n    <% } %>\n</thead>\n', dialect: undefined },
  { name: 'an HTML comment first under nginx/', path: 'web/nginx/partials/footer', text: '<!-- footer -->\n<p>{x}</p>\n', dialect: undefined },
  { name: 'an HTML fragment found by content', path: 'views/list.conf', text: '<table>\n<tr><td>server { x; }</td></tr>\n', dialect: undefined },
  { name: 'an ERB nginx template under nginx/ stays nginx (its markup is reported as a template)', path: 'templates/nginx/site.erb', text: '<% if @ssl %>\nlisten 443 ssl;\n<% end %>\n', dialect: 'nginx' },
  { name: 'an httpd section under apache/ is not HTML', path: 'deploy/apache/ws.conf', text: '<IfModule mod_proxy.c>\n    ProxyPass /ws ws://127.0.0.1:3000/\n</IfModule>\n', dialect: 'apache' },
  { name: 'an httpd <If> section found by content', path: 'conf/app.conf', text: '<If "%{HTTP:Upgrade} == \'websocket\'">\n</If>\n<Location /ws>\n</Location>\n', dialect: 'apache' },
  // home-assistant/addons dnsmasq/rootfs/usr/share/tempio/dnsmasq.config: dnsmasq's `server=`, not nginx's `server {`.
  { name: "dnsmasq's server={{ … }} template", path: 'dnsmasq/rootfs/usr/share/tempio/dnsmasq.config', text: 'no-resolv\nserver={{ .dns }}\n', dialect: undefined },
  // laradock's nginx/logrotate/nginx: a logrotate stanza, which opens with the path it rotates.
  { name: 'a logrotate stanza under nginx/', path: 'nginx/logrotate/nginx', text: '/var/log/nginx/*.log {\n        daily\n        rotate 32\n}\n', dialect: undefined },
  { name: 'a logrotate stanza naming two logs under nginx/', path: 'deploy/nginx/logrotate', text: '/var/log/nginx/access.log /var/log/nginx/error.log {\n  weekly\n}\n', dialect: undefined },
  { name: 'a file under nginx/ opening with a // line is not a logrotate stanza', path: 'nginx/tests/x.conf', text: '// Options: {}\nhttp {\n}\n', dialect: 'nginx' },
  { name: 'an nginx snippet under nginx/ opening with a closing brace is still nginx', path: 'nginx/snippets/end', text: '}\n', dialect: 'nginx' },
  // Mailu: docs/faq.rst shows nginx samples in prose; core/nginx/static/site.webmanifest is JSON.
  { name: 'a reStructuredText document with an nginx sample', path: 'docs/faq.rst', text: 'Use this::\n\n  server {\n    listen 80;\n  }\n', dialect: undefined },
  { name: 'a web app manifest under nginx/', path: 'core/nginx/static/site.webmanifest', text: '{\n  "name": "Mailu"\n}\n', dialect: undefined },
  // netdata's src/collectors/*.c: `root = root->next;` read like nginx's root directive.
  { name: 'a C source', path: 'src/collectors/proc.plugin/proc_self_mountinfo.c', text: '#include "x.h"\nvoid f(void) {\n        root = root->next;\n}\n', dialect: undefined },
  { name: 'an assignment ending in ; is no root directive', path: 'src/mountinfo', text: 'while (x) {\n  root = root->next;\n}\n', dialect: undefined },
  // overleaf's server-ce/hotfix/*/*.patch: hunks of etc/nginx/sites-enabled/sharelatex.conf.
  { name: 'a patch of an nginx config', path: 'server-ce/hotfix/4.0.1/pr_13229_ce_only.patch', text: '--- a.conf\n+++ a.conf\n@@ -4,6 +4,11 @@ server {\n+\tlocation /metrics {\n+\t\tinternal;\n+\t}\n', dialect: undefined },
  // openwisp's ansible role: templates/freeradius/inner_tunnel.j2.
  { name: 'a FreeRADIUS virtual server (name = value, no ;)', path: 'templates/freeradius/inner_tunnel.j2', text: 'server inner_tunnel {\n    listen {\n        ipaddr = 127.0.0.1\n        port = 18120\n    }\n}\n', dialect: undefined },
  // ZoneMinder: Perl modules (and their .in templates) whose hashes read like nginx blocks.
  { name: 'a Perl module', path: 'scripts/ZoneMinder/lib/ZoneMinder/Control/Grandstream.pm', text: 'my $q = join("&",\n    map { $_.\'=\'.uri_encode($$u{$_}{value}) } keys %$u );\n', dialect: undefined },
  { name: 'an autoconf template of a Perl module', path: 'scripts/ZoneMinder/lib/ZoneMinder/Config.pm.in', text: 'map {\n  $x = 1;\n} @list;\n', dialect: undefined },
  { name: 'an autoconf template of an nginx config stays nginx', path: 'conf/app.conf.in', text: 'server {\n  listen @PORT@;\n}\n', dialect: 'nginx' },
  // ZoneMinder vendors CakePHP's test locales (Locale/nld/LC_TIME).
  { name: 'a POSIX locale source', path: 'Test/test_app/Locale/nld/LC_TIME', text: 'comment_char %\nescape_char  /\n% Dutch\ninclude  "translit_combining";""\n', dialect: undefined },
  // The Squid wiki's pages are extensionless Markdown with front matter (docs/ConfigExamples/Vimeo).
  { name: 'a Markdown page with YAML front matter and a squid.conf sample', path: 'docs/ConfigExamples/Vimeo', text: '---\ncategories: [ConfigExample]\n---\n# Vimeo\n\n    acl vimeo dstdomain .vimeo.com\n    http_access deny vimeo\n', dialect: undefined },
  { name: 'a squid.conf opening with a comment line of dashes stays squid', path: 'etc/proxy.conf', text: '# ---\nhttp_port 3128\nhttp_access deny all\n', dialect: 'squid' },
  { name: 'an nginx server with a Lua assignment is still nginx', path: 'sites/app', text: 'server {\n  listen 80;\n  content_by_lua_block {\n    x = 1\n  }\n}\n', dialect: 'nginx' },
  { name: 'location = /x is no assignment', path: 'sites/exact', text: 'location = /x {\n  return 204;\n}\n', dialect: 'nginx' },
  { name: 'an nginx server block with a name before the brace, found by content', path: 'sites/app', text: 'upstream app {\n  server 127.0.0.1:3000;\n}\n', dialect: 'nginx' },
];

describe('detectDialect on real repository trees', () => {
  it.each(rows)('$name', ({ path, text, dialect }) => {
    expect(detectDialect(path, () => text)).toBe(dialect);
  });
});
