import { ruleTester } from '../../../test/support/rule-tester';
import rule from './index';

const defaults = 'defaults\n\tmode\thttp\n        timeout connect 5000\n        timeout client  50000\n        timeout server  50000\n';
const proxies = 'frontend f\n\tbind :8080\n\tdefault_backend app\nbackend app\n\tserver s1 127.0.0.1:3000\n';

ruleTester(rule, {
  valid: [
    // Debian's stock haproxy.cfg: defaults only, no proxy.
    { code: defaults },
    { code: defaults.replace('timeout server  50000\n', 'timeout server  50000\n        timeout tunnel 1h\n') + proxies },
    { code: defaults + proxies.replace('server s1', 'timeout tunnel 3600s\n\tserver s1') },
    // observed: option http-server-close / httpclose do not affect the upgrade; the tunnel timeout is what matters
    { code: defaults + proxies.replace('server s1', 'option http-server-close\n\ttimeout tunnel 1h\n\tserver s1') },
    { code: 'defaults\n  mode tcp\n  timeout client 5s\n  timeout server 5s\nlisten l\n  bind :80\n  server s 127.0.0.1:9\n' },
    { code: 'defaults web\n  mode http\n  timeout client 5s\n  timeout server 5s\n  timeout tunnel 1h\nbackend app from web\n  server s 127.0.0.1:9\n' },
  ],
  invalid: [
    {
      code: defaults + proxies,
      errors: [{ line: 1, column: 1, endLine: 1, endColumn: 9, message: /no timeout tunnel for backend app \(mode http.*timeout client 50000 \/ timeout server 50000/ }],
      output: defaults + '        timeout tunnel 1h\n' + proxies,
    },
    {
      code: defaults + proxies.replace('server s1', 'timeout tunnel 0\n\tserver s1'),
      errors: [{ line: 10, column: 2, message: /treats 0 as unset/ }],
      output: defaults + proxies.replace('server s1', 'timeout tunnel 1h\n\tserver s1'),
    },
    {
      name: 'path acl routes to a backend with its own timeouts',
      code:
        'frontend f\n  mode http\n  bind :80\n  acl is_ws path_beg /ws\n  use_backend ws if is_ws\n' +
        'backend ws\n  mode http\n  timeout server 30s\n  server s 127.0.0.1:9\n',
      errors: [{ line: 6, column: 1, message: /backend ws \(acl is_ws matches the WebSocket path \/ws|selected by frontend f/ }],
      output:
        'frontend f\n  mode http\n  bind :80\n  acl is_ws path_beg /ws\n  use_backend ws if is_ws\n' +
        'backend ws\n  mode http\n  timeout server 30s\n  timeout tunnel 1h\n  server s 127.0.0.1:9\n',
    },
    {
      name: 'a named defaults resets inheritance; fix goes into it',
      code: defaults + 'defaults d2\n  mode http\n  log global\nlisten l\n  bind :80\n  server s 127.0.0.1:9\n',
      errors: [{ line: 6, column: 1, message: /listen l.*timeout client\/server/ }],
      output: defaults + 'defaults d2\n  timeout tunnel 1h\n  mode http\n  log global\nlisten l\n  bind :80\n  server s 127.0.0.1:9\n',
    },
    {
      code: defaults + proxies,
      options: { value: '10m' },
      errors: [{ line: 1, column: 1 }],
      output: defaults + '        timeout tunnel 10m\n' + proxies,
    },
  ],
});
