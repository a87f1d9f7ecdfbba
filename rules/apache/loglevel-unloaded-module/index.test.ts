import { ruleTester } from '../../../test/support/rule-tester';
import rule from './index';
import { MODS } from '../../../test/support/apache-modules';


ruleTester(rule, {
  valid: [
    { code: MODS + 'LogLevel warn proxy:debug proxy_http:trace2\n' },
    // all the spellings httpd accepts (checked with apache2 -t)
    { code: MODS + 'LogLevel warn mod_proxy.c:info proxy_module:info core:info\n' },
    // compiled-in modules
    { code: MODS + 'LogLevel warn log_config:debug\n' },
    // a site file alone: the module set is unknown, so nothing is claimed
    { code: 'LogLevel warn proxy_wstunnel:debug\n', filename: 'sites-enabled/app.conf' },
    { code: MODS + '<IfModule proxy_wstunnel_module>\nLogLevel proxy_wstunnel:debug\n</IfModule>\n' },
  ],
  invalid: [
    {
      code: MODS + 'LogLevel warn proxy_wstunnel:debug\n',
      errors: [{ line: 3, column: 15, endLine: 3, endColumn: 35, message: 'LogLevel names module proxy_wstunnel, which is not loaded: httpd refuses to start ("Cannot find module proxy_wstunnel")' }],
      output: MODS + 'LogLevel warn\n',
    },
    {
      name: 'only argument: no fix',
      code: MODS + '<VirtualHost *:80>\n  LogLevel rewrite:trace3\n</VirtualHost>\n',
      errors: [{ line: 4, column: 12, message: 'LogLevel names module rewrite, which is not loaded: httpd refuses to start ("Cannot find module rewrite")' }],
      output: null,
    },
    {
      name: 'two unloaded among loaded',
      code: MODS + 'LogLevel info ssl:warn proxy:debug http2:info\n',
      errors: [{ line: 3, column: 15, message: 'LogLevel names module ssl, which is not loaded: httpd refuses to start ("Cannot find module ssl")' }, { line: 3, column: 36, message: 'LogLevel names module http2, which is not loaded: httpd refuses to start ("Cannot find module http2")' }],
      output: MODS + 'LogLevel info proxy:debug\n',
    },
  ],
});
