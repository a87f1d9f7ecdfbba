import { ruleTester } from '../../../test/support/rule-tester';
import rule from './index';
import { loadModule, MODS } from '../../../test/support/apache-modules';

const SSL = loadModule('ssl');

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
  ],
  invalid: [
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
      name: 'mod_ssl not loaded: no fix (the directive would not parse)',
      code: MODS + 'ProxyPass /ws wss://127.0.0.1:3000/ws\n',
      errors: [{ line: 3, column: 1, message: 'wss:// target needs mod_ssl and SSLProxyEngine on: httpd answers 500.' }],
      output: null,
    },
  ],
});
