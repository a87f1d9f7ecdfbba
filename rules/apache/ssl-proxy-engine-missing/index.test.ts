import { ruleTester } from '../../../test/support/rule-tester';
import rule from './index';
import { loadModule, MODS } from '../../../test/support/apache-modules';

const SSL = loadModule('ssl');
const RW = loadModule('rewrite');

ruleTester(rule, {
  valid: [
    { code: MODS + SSL + 'SSLProxyEngine on\nProxyPass /ws wss://127.0.0.1:3000/ws\n' },
    // a vhost inherits the main server's SSLProxyEngine (observed)
    { code: MODS + SSL + 'SSLProxyEngine on\n<VirtualHost *:80>\n  ProxyPass /ws wss://127.0.0.1:3000/ws\n</VirtualHost>\n' },
    { code: MODS + 'ProxyPass /ws ws://127.0.0.1:3000/ws\n' },
    // a fragment outside any VirtualHost may be included inside one that enables it
    { code: 'ProxyPass /ws wss://127.0.0.1:3000/ws\n', filename: 'conf-enabled/ws.conf' },
    // a fragment's VirtualHost that sets SSLProxyEngine on
    { code: '<VirtualHost *:443>\n  SSLProxyEngine on\n  ProxyPass /ws wss://127.0.0.1:3000/ws\n</VirtualHost>\n', filename: 'sites-enabled/app.conf' },
    // a fragment's VirtualHost that says SSLProxyEngine off: said on purpose, not this rule's guess
    { code: '<VirtualHost *:443>\n  SSLProxyEngine off\n  ProxyPass /ws wss://127.0.0.1:3000/ws\n</VirtualHost>\n', filename: 'sites-enabled/app.conf' },
    // .htaccess cannot set SSLProxyEngine (server config only)
    { code: 'RewriteEngine On\nRewriteRule ^ws wss://b/ [P]\n', filename: '.htaccess' },
    // a redirect to https:// is not proxied
    { code: MODS + SSL + 'RewriteEngine On\nRewriteRule ^/old https://b/new [R=301,L]\n' },
    // .htaccess cannot say SSLProxyEngine: whether the server sets it is unknown there
    { filename: '.htaccess', code: 'RewriteEngine On\nRewriteRule ^(.*)$ https://127.0.0.1:3000/$1 [P]\n' },
  ],
  invalid: [
    {
      name: 'a RewriteRule [P] without conditions: the line goes right above the rule',
      code: MODS + SSL + RW + 'RewriteEngine On\nRewriteRule ^/(.*) https://b/$1 [P]\n',
      errors: [{ line: 6, column: 1, endLine: 6, endColumn: 12, message: 'https:// target without SSLProxyEngine on: httpd answers 500 (AH01961).' }],
      output: MODS + SSL + RW + 'RewriteEngine On\nSSLProxyEngine on\nRewriteRule ^/(.*) https://b/$1 [P]\n',
    },
    {
      name: 'a RewriteRule [P] with conditions: the line goes above the first one (the chain stays together)',
      code: MODS + SSL + RW + 'RewriteEngine On\nRewriteCond %{HTTP:Upgrade} websocket [NC]\nRewriteRule ^/(.*) wss://b/$1 [P]\n',
      errors: [{ line: 7, column: 1, message: 'wss:// target without SSLProxyEngine on: httpd answers 500 (AH01961).' }],
      output: MODS + SSL + RW + 'RewriteEngine On\nSSLProxyEngine on\nRewriteCond %{HTTP:Upgrade} websocket [NC]\nRewriteRule ^/(.*) wss://b/$1 [P]\n',
    },
    {
      name: 'in a vhost the line goes above its first directive, after a leading comment',
      code: MODS + SSL + '<VirtualHost *:443>\n    # app\n    ProxyPass /ws wss://b/ws\n</VirtualHost>\n',
      errors: [{ line: 6, column: 5, message: 'wss:// target without SSLProxyEngine on: httpd answers 500 (AH01961).' }],
      output: MODS + SSL + '<VirtualHost *:443>\n    # app\n    SSLProxyEngine on\n    ProxyPass /ws wss://b/ws\n</VirtualHost>\n',
    },
    {
      name: 'the main server\'s SSLProxyEngine off, inherited by the vhost: the vhost gets its own on, the main server\'s line stays',
      code: MODS + SSL + 'SSLProxyEngine off\n<VirtualHost *:443>\n    ProxyPass /ws wss://b/ws\n</VirtualHost>\n',
      errors: [{ line: 6, column: 5, message: 'wss:// target without SSLProxyEngine on: httpd answers 500 (AH01961).' }],
      output: MODS + SSL + 'SSLProxyEngine off\n<VirtualHost *:443>\n    SSLProxyEngine on\n    ProxyPass /ws wss://b/ws\n</VirtualHost>\n',
    },
    {
      name: "a site file's VirtualHost (the Mattermost docs' RewriteRule [P] to wss:// on port 80): a warning, the main server could set it",
      code: '<VirtualHost *:80>\n  RewriteEngine On\n  RewriteCond %{HTTP:UPGRADE} ^WebSocket$ [NC]\n  RewriteRule .* wss://127.0.0.1:8065%{REQUEST_URI} [P,QSA,L]\n</VirtualHost>\n',
      filename: 'sites-enabled/mattermost.conf',
      errors: [{ line: 4, column: 3, endLine: 4, endColumn: 14, severity: 'warning', message: 'wss:// target without SSLProxyEngine on in this VirtualHost: 500 (AH01961) unless the main server sets it.' }],
      output: '<VirtualHost *:80>\n  SSLProxyEngine on\n  RewriteEngine On\n  RewriteCond %{HTTP:UPGRADE} ^WebSocket$ [NC]\n  RewriteRule .* wss://127.0.0.1:8065%{REQUEST_URI} [P,QSA,L]\n</VirtualHost>\n',
    },
    {
      name: 'a ProxyPassMatch https:// target in a site file',
      code: '<VirtualHost *:80>\n  ProxyPassMatch ^/(ws|api)/(.*)$ https://b/$1/$2 upgrade=websocket\n</VirtualHost>\n',
      filename: 'sites-enabled/app.conf',
      errors: [{ line: 2, column: 3, severity: 'warning', message: /^https:\/\/ target without SSLProxyEngine on in this VirtualHost/ }],
      output: '<VirtualHost *:80>\n  SSLProxyEngine on\n  ProxyPassMatch ^/(ws|api)/(.*)$ https://b/$1/$2 upgrade=websocket\n</VirtualHost>\n',
    },
    {
      code: MODS + SSL + 'ProxyPass /ws wss://127.0.0.1:3000/ws\n',
      errors: [{ line: 4, column: 1, endLine: 4, endColumn: 10, message: 'wss:// target without SSLProxyEngine on: httpd answers 500 (AH01961).' }],
      output: MODS + SSL + 'SSLProxyEngine on\nProxyPass /ws wss://127.0.0.1:3000/ws\n',
    },
    {
      name: 'in a vhost with SSLProxyEngine off, https:// with upgrade=',
      code: MODS + SSL + '<VirtualHost *:80>\n  SSLProxyEngine off\n  <Location /ws>\n    ProxyPass https://b/ws upgrade=websocket\n  </Location>\n</VirtualHost>\n',
      errors: [{ line: 7, column: 5, message: 'https:// target without SSLProxyEngine on: httpd answers 500 (AH01961).' }],
      output: MODS + SSL + '<VirtualHost *:80>\n  SSLProxyEngine on\n  <Location /ws>\n    ProxyPass https://b/ws upgrade=websocket\n  </Location>\n</VirtualHost>\n',
    },
    {
      name: 'an https:// balancer member: the line goes above its <Proxy> section',
      code: MODS + SSL + '<Proxy balancer://c>\n  BalancerMember https://b1\n  BalancerMember http://b2\n</Proxy>\nProxyPass /x balancer://c/\n',
      errors: [{ line: 5, column: 3, endLine: 5, endColumn: 17, message: 'https:// target without SSLProxyEngine on: httpd answers 500 (AH01961).' }],
      output: MODS + SSL + 'SSLProxyEngine on\n<Proxy balancer://c>\n  BalancerMember https://b1\n  BalancerMember http://b2\n</Proxy>\nProxyPass /x balancer://c/\n',
    },
    {
      name: 'two targets of one server: one inserted line fixes both',
      code: MODS + SSL + 'ProxyPass /a wss://a/\nProxyPass /b https://b/\n',
      errors: [
        { line: 4, column: 1, message: 'wss:// target without SSLProxyEngine on: httpd answers 500 (AH01961).' },
        { line: 5, column: 1, message: 'https:// target without SSLProxyEngine on: httpd answers 500 (AH01961).' },
      ],
      output: MODS + SSL + 'SSLProxyEngine on\nProxyPass /a wss://a/\nProxyPass /b https://b/\n',
    },
    {
      name: 'two vhosts: a line in each',
      code: MODS + SSL + '<VirtualHost *:80>\n  ProxyPass /a wss://a/\n</VirtualHost>\n<VirtualHost *:81>\n  ProxyPass /b wss://b/\n</VirtualHost>\n',
      errors: [
        { line: 5, column: 3, message: 'wss:// target without SSLProxyEngine on: httpd answers 500 (AH01961).' },
        { line: 8, column: 3, message: 'wss:// target without SSLProxyEngine on: httpd answers 500 (AH01961).' },
      ],
      output: MODS + SSL + '<VirtualHost *:80>\n  SSLProxyEngine on\n  ProxyPass /a wss://a/\n</VirtualHost>\n<VirtualHost *:81>\n  SSLProxyEngine on\n  ProxyPass /b wss://b/\n</VirtualHost>\n',
    },
    {
      name: 'a RewriteRule [P] in the main server: above its first RewriteCond, so the chain stays together',
      code: MODS + SSL + 'RewriteEngine On\nRewriteCond %{HTTP:Upgrade} websocket [NC]\nRewriteRule ^/ws wss://b/ws [P]\n',
      errors: [{ line: 6, column: 1, endLine: 6, endColumn: 12, message: 'wss:// target without SSLProxyEngine on: httpd answers 500 (AH01961).' }],
      output: MODS + SSL + 'RewriteEngine On\nSSLProxyEngine on\nRewriteCond %{HTTP:Upgrade} websocket [NC]\nRewriteRule ^/ws wss://b/ws [P]\n',
    },
    {
      name: 'inside <IfModule> in the main server: above the section',
      code: MODS + SSL + '<IfModule proxy_module>\n  ProxyPass /ws wss://b/\n</IfModule>\n',
      errors: [{ line: 5, column: 3, message: 'wss:// target without SSLProxyEngine on: httpd answers 500 (AH01961).' }],
      output: MODS + SSL + 'SSLProxyEngine on\n<IfModule proxy_module>\n  ProxyPass /ws wss://b/\n</IfModule>\n',
    },
    {
      name: "the main server's own SSLProxyEngine off is turned on in place",
      code: MODS + SSL + 'SSLProxyEngine off\nProxyPass /ws wss://b/\n',
      errors: [{ line: 5, column: 1, message: 'wss:// target without SSLProxyEngine on: httpd answers 500 (AH01961).' }],
      output: MODS + SSL + 'SSLProxyEngine on\nProxyPass /ws wss://b/\n',
    },
    {
      name: "a vhost inheriting the main server's off gets its own line; the main server's stays",
      code: MODS + SSL + 'SSLProxyEngine off\n<VirtualHost *:80>\n  ServerName a\n  ProxyPass /ws wss://b/\n</VirtualHost>\n',
      errors: [{ line: 7, column: 3, message: 'wss:// target without SSLProxyEngine on: httpd answers 500 (AH01961).' }],
      output: MODS + SSL + 'SSLProxyEngine off\n<VirtualHost *:80>\n  SSLProxyEngine on\n  ServerName a\n  ProxyPass /ws wss://b/\n</VirtualHost>\n',
    },
    {
      name: 'mod_ssl not loaded: no fix (the directive would not parse)',
      code: MODS + 'ProxyPass /ws wss://127.0.0.1:3000/ws\n',
      errors: [{ line: 3, column: 1, message: 'wss:// target needs mod_ssl and SSLProxyEngine on: httpd answers 500.' }],
      output: null,
    },
  ],
});
