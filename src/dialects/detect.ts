/**
 * Which server a file configures, when `--dialect` does not say: path conventions first
 * (nginx.conf, sites-enabled and conf.d under nginx, apache2.conf, .htaccess, squid.conf,
 * haproxy.cfg), then a sniff of the content. Files of no known dialect are skipped silently
 * (pre-commit hands us every *.conf, supervisord.conf included).
 */
import * as path from 'node:path';
import type { DialectName } from '../core/ast';
import { DEFAULT_TARGETS } from '../core/versions';

/** Basenames that name an Apache config whatever they hold. */
const APACHE_BY_NAME = new Set(['httpd.conf', 'apache2.conf', 'apache.conf', '.htaccess']);

export function dialectFromPath(filePath: string): DialectName | undefined {
  const p = filePath.split(path.sep).join('/').toLowerCase();
  const base = path.posix.basename(p);
  if (base === 'nginx.conf' || base.endsWith('.nginx') || base.endsWith('.nginxconf')) return 'nginx';
  if (APACHE_BY_NAME.has(base)) return 'apache';
  if (base === 'envvars') return undefined;
  if (base === 'squid.conf') return 'squid';
  if (base === 'haproxy.cfg' || (base.endsWith('.cfg') && p.includes('haproxy'))) return 'haproxy';
  // haproxy reads only the files given with -f (*.cfg by convention); errors/*.http beside them
  // are errorfile pages, not config: under haproxy/ nothing else is taken by path.
  if (/(^|\/)haproxy\//.test(p)) return undefined;
  if (/(^|\/)nginx\//.test(p)) return 'nginx';
  if (/(^|\/)(apache2?|httpd)\//.test(p)) return 'apache';
  if (/(^|\/)squid\//.test(p)) return 'squid';
  return undefined;
}

/** Content sniffing for files whose path says nothing (app.conf, sites-enabled/default). */
export function dialectFromContent(text: string): DialectName | undefined {
  const head = text.length > 65536 ? text.slice(0, 65536) : text;
  if (/^[ \t]*<(VirtualHost|Directory|IfModule|Location|Files|Proxy)\b/im.test(head)) return 'apache';
  if (/^[ \t]*(ServerName|DocumentRoot|ProxyPass|ProxyPassReverse|LoadModule|RewriteEngine|RewriteRule)[ \t]/m.test(head)) return 'apache';
  if (/^(frontend|backend|listen|defaults)([ \t]+\S+)?[ \t]*$/m.test(head) && /^[ \t]+(bind|mode|server|timeout|default_backend)[ \t]/m.test(head)) return 'haproxy';
  if (/^[ \t]*(http_port|http_access|cache_peer|icp_port|cache_dir|http_upgrade_request_protocols)[ \t]/m.test(head) || /^[ \t]*acl[ \t]+\S+[ \t]+(src|dst|port|dstdomain|method|url_regex|proto)\b/m.test(head)) return 'squid';
  // `server {` / `server app:80 {`, not dnsmasq's `server={{ .dns }}` (a tempio template in home-assistant/addons).
  // Neither a `name = value` config with blocks (FreeRADIUS's `server inner_tunnel { listen { ipaddr = … } }`
  // in openwisp's ansible role), whose lines end without `;`: nginx's statements end with one.
  if (ASSIGNMENT_LINE.test(head) && !/;[ \t]*(#[^\n]*)?$/m.test(head)) return undefined;
  if (/^[ \t]*(server|location|http|upstream|events|map)(?=[ \t{])[^;\n]*\{/m.test(head) || /^[ \t]*(proxy_pass|listen|server_name|proxy_set_header|root|include)[ \t]+(?!=)[^;\n]*;/m.test(head)) return 'nginx';
  return undefined;
}

/** A `name = value` line without a closing `;`: FreeRADIUS, HCL, INI-like configs, never an nginx statement. */
const ASSIGNMENT_LINE = /^[ \t]*(?!location[ \t])[A-Za-z_][\w.-]*[ \t]*:?=[ \t]*[^=\s][^;\n]*$/m;

/**
 * Names that are never configs of these servers, whatever they contain (fast skip): code, data,
 * documents, and what configs point at without the server parsing it as config: errorfile
 * pages (*.http), certificates and keys, Lua. Real repositories keep nginx/, apache2/ and
 * squid/ directories holding a Dockerfile, PHP, vendored test configs (phpunit.xml.dist) and
 * s6/runit service files (s6-rc.d/nginx/run, …/type) beside the configs, and documents whose
 * code samples read like nginx (Mailu's docs/faq.rst, its core/nginx/static/site.webmanifest JSON),
 * C sources whose `root = root->next;` reads like nginx's root (netdata's collectors), and patches
 * of nginx configs (overleaf's server-ce/hotfix/*.patch: hunks, not a config).
 */
const NOT_CONFIG =
  /\.(js|mjs|cjs|ts|mts|cts|jsx|tsx|json|ya?ml|md|txt|py|sh|bash|php|phtml|rb|go|clj|cljs|cljc|edn|rs|java|kt|kts|scala|swift|cs|c|h|cc|cpp|cxx|hh|hpp|hxx|m|mm|vue|svelte|sql|ps1|patch|diff|pl|pm|pod|png|jpe?g|gif|svg|ico|lock|toml|ini|xml|html?|css|tsv|csv|http|pem|crt|cer|key|csr|der|p12|pfx|jks|lua|luac|gz|tgz|zip|tar|pdf|woff2?|ttf|otf|eot|wasm|mp[34]|webm|rst|adoc|asciidoc|mdx|markdown|rdoc|tex|ipynb|webmanifest|(xml|json|ya?ml)\.dist)$/i;
const NOT_CONFIG_NAME = /^(dockerfile|containerfile|makefile|caddyfile|vagrantfile|jenkinsfile|procfile|license|copying|readme|changelog)([.-].*)?$|\.caddyfile$/i;

/**
 * Content no server of ours parses as config: a binary file, a script (shebang), PHP, XML or
 * HTML, a file whose first statement is a `[section]` line (an INI file: supervisord.conf in
 * nextcloud-aio's Containers/apache/) or a `;` comment (Lisp and Clojure sources, INI files:
 * penpot's frontend tests open with `;; This Source Code Form …`). No directive of the four
 * servers begins with either, and all four comment with `#` only.
 */
function isNonConfigContent(text: string): boolean {
  if (isBinary(text)) return true;
  if (/^\uFEFF?(#!|<\?php|<\?xml|<!doctype|<html)/i.test(text)) return true;
  // YAML, or a page with YAML front matter: the Squid wiki keeps its pages as extensionless
  // Markdown files (docs/ConfigExamples/Vimeo: `---`, `categories: [ConfigExample]`, `---`).
  if (/^\uFEFF?---[ \t]*\r?\n/.test(text)) return true;
  const first = /^[ \t]*([^\s#][^\n]*)/m.exec(text);
  return first !== null && (first[1].startsWith(';') || /^\[[^\]\n]+\][ \t]*$/.test(first[1].trimEnd()) || HTML_START.test(first[1]) || LOCALE_START.test(first[1]));
}

/**
 * A NUL in the first 8,000 characters, git's test for a binary file (xdiff-interface.c
 * buffer_is_binary, FIRST_FEW_BYTES): no config holds one. bigbluebutton/docker keeps a PDF
 * (default.pdf) under mod/nginx/, whose `{` and `;` bytes read as nginx by directory.
 * https://github.com/git/git/blob/master/xdiff-interface.c
 */
function isBinary(text: string): boolean {
  return text.slice(0, 8000).includes('\0');
}

/**
 * A POSIX locale source (localedef's input: LC_TIME, LC_CTYPE…), which opens by naming its
 * comment or escape character; ZoneMinder vendors CakePHP's test locales, whose
 * `include "translit_combining";""` read like nginx's include.
 */
const LOCALE_START = /^(comment_char|escape_char)[ \t]+\S[ \t]*$/;

/**
 * An HTML fragment: a page template (EJS, Handlebars, Vue) whose first statement is an HTML
 * element or comment. nginx-proxy-manager keeps 33 such *.ejs views under frontend/js/app/nginx/.
 * No section of httpd is named like an HTML element (<VirtualHost>, <IfModule>, <Location>, <If>).
 */
const HTML_START =
  /^<(!--|\/?(div|span|p|a|table|thead|tbody|tfoot|tr|td|th|ul|ol|li|dl|dt|dd|h[1-6]|form|input|button|label|select|option|textarea|section|article|header|footer|nav|main|aside|script|style|link|meta|head|body|template|svg|img|br|hr|i|b|strong|em|small|pre|code|iframe|video|audio|canvas|fieldset|legend)(?=[\s>/]|$))/i;

/**
 * What a file taken by its directory alone starts with when it is nginx: a directive name, a
 * block's closing brace or a template's markup, never `<` (markup of a page: `<div`, `<%= … %>` views)
 * nor a path (a logrotate stanza, `/var/log/nginx/*.log {`: laradock's nginx/logrotate/nginx).
 */
const LOGROTATE_STANZA = /^\/[^\s/][^\s{]*([ \t]+\/[^\s{]+)*[ \t]*\{[ \t]*$/;
function startsLikeMarkup(text: string): boolean {
  const first = /^[ \t]*([^\s#][^\n]*)/m.exec(text);
  return first !== null && ((first[1].startsWith('<') && !first[1].startsWith('<%')) || LOGROTATE_STANZA.test(first[1]));
}

/**
 * A file taken by its directory alone (anything under nginx/) must look like nginx: nginx
 * statements end in `;` or open a block, so a file with neither (s6's `type` file says
 * `longrun`) is not one. Comment-only and empty files pass (nginx reads them as nothing).
 */
function looksLikeNginxStatements(text: string): boolean {
  const code = text.replace(/#[^\n]*/g, '');
  return code.trim() === '' || /[;{}]/.test(code);
}

/**
 * Likewise under squid/: repositories keep acl data files there (squid/whitelist, one domain a
 * line, named by `acl x dstdomain "/etc/squid/whitelist"`), which squid never parses as config.
 * A file taken by its directory alone must start a line with a name some Squid release knows.
 */
function looksLikeSquidStatements(text: string): boolean {
  // Loaded here, not at the top: the directive tables are large and only this sniff needs them.
  const { directiveStatus } = require('./squid/directives') as typeof import('./squid/directives');
  const code = text.replace(/#[^\n]*/g, '');
  if (code.trim() === '') return true;
  for (const m of code.matchAll(/^[ \t]*(\S+)/gm)) {
    const name = m[1].toLowerCase();
    if (name === 'include' || name === 'if' || name === 'else' || name === 'endif') return true;
    const s = directiveStatus(name, DEFAULT_TARGETS.squid);
    if (s.kind !== 'unknown' || s.knownIn !== null) return true;
  }
  return false;
}

/**
 * Likewise under apache2/ (httpd/): the package keeps data files there that httpd reads only
 * through a directive naming them (Debian's /etc/apache2/magic for MIMEMagicFile, a mime.types
 * for TypesConfig: `0 string %PDF- application/pdf`, `application/json json`). httpd reads a
 * config line's first word as a directive name or a `<Section>` tag, so a file taken by its
 * directory alone must open (its first statement) with one: a name of letters, digits and `_`,
 * not a shell builtin (an envvars-style file sourced by apache2ctl: `export APACHE_RUN_USER=…`).
 */
function looksLikeApacheStatements(text: string): boolean {
  const first = /^[ \t]*([^\s#][^\s]*)/m.exec(text);
  if (first === null) return true;
  const word = first[1];
  return /^<\/?[A-Za-z][A-Za-z0-9_]*(>|$)/.test(word) || (/^[A-Za-z][A-Za-z0-9_]*$/.test(word) && !SHELL_BUILTINS.has(word.toLowerCase()));
}
const SHELL_BUILTINS = new Set(['export', 'unset', 'umask', 'ulimit', 'source', 'readonly']);

export function detectDialect(filePath: string, readText: () => string | undefined): DialectName | undefined {
  // A template keeps its kind under `.in` (autoconf): ZoneMinder's Config.pm.in is Perl.
  if (NOT_CONFIG.test(filePath.replace(/\.in$/i, '')) || NOT_CONFIG_NAME.test(path.basename(filePath))) return undefined;
  const byPath = dialectFromPath(filePath);
  const text = readText();
  if (text !== undefined && isNonConfigContent(text)) return undefined;
  if (byPath) {
    if (byPath === 'nginx' && text !== undefined && !byName(filePath) && (!looksLikeNginxStatements(text) || startsLikeMarkup(text))) return undefined;
    if (byPath === 'apache' && text !== undefined && !APACHE_BY_NAME.has(path.basename(filePath).toLowerCase()) && !looksLikeApacheStatements(text)) return undefined;
    if (byPath === 'squid' && text !== undefined && path.basename(filePath).toLowerCase() !== 'squid.conf' && !looksLikeSquidStatements(text)) return undefined;
    return byPath;
  }
  return text === undefined ? undefined : dialectFromContent(text);
}

/** Whether the basename alone names the dialect (nginx.conf, *.nginx): then content never overrides it. */
function byName(filePath: string): boolean {
  const base = path.basename(filePath).toLowerCase();
  return base === 'nginx.conf' || base.endsWith('.nginx') || base.endsWith('.nginxconf');
}
