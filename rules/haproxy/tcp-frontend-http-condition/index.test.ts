import { ruleTester } from '../../../test/support/rule-tester';
import rule from './index';

const defaults = (mode = 'tcp') => `defaults\n    mode ${mode}\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n`;
const back = 'backend app\n    mode http\n    server s1 127.0.0.1:8080\n';
const front = (lines: string) => `frontend fe\n    bind :80\n${lines}`;
const USE = '    use_backend app if { path -i -m beg /gotify/ }\n';

ruleTester(rule, {
  valid: [
    { name: 'mode http parses the request before use_backend', code: defaults('http') + front(USE) + back },
    { name: 'inspect-delay with a content rule reading the request waits for it', code: defaults() + front('    tcp-request inspect-delay 5s\n    tcp-request content accept if HTTP\n' + USE) + back },
    { name: 'req.len gt 0 waits too (an inline fetch)', code: defaults() + front('    tcp-request inspect-delay 5s\n    tcp-request content accept if { req.len gt 0 }\n' + USE) + back },
    { name: 'WAIT_END waits out the delay', code: defaults() + front('    tcp-request inspect-delay 1s\n    tcp-request content accept if WAIT_END\n' + USE) + back },
    { name: 'a named acl reading the request in the content rule', code: defaults() + front('    tcp-request inspect-delay 5s\n    acl seen req.len gt 20\n    tcp-request content accept if seen\n' + USE) + back },
    { name: 'switch-mode http parses the request first', code: defaults() + front('    tcp-request content switch-mode http\n' + USE) + back },
    {
      name: 'a capture of the first byte with a delay waits for it (bigbluebutton/docker mod/haproxy: protocol by first byte)',
      code: defaults() + 'frontend fe\n    bind :443\n    tcp-request content capture req.payload(0,1) len 1\n    tcp-request inspect-delay 30s\n    use_backend %[capture.req.hdr(0),map_str(/etc/haproxy/protocolmap,app)]\n    default_backend app\n' + back,
    },
    {
      name: 'SNI routing with the usual ClientHello wait (OpenShift router)',
      code: defaults() + 'frontend public_ssl\n    bind :443\n    tcp-request inspect-delay 5s\n    tcp-request content accept if { req_ssl_hello_type 1 }\n    acl sni req.ssl_sni -m found\n    use_backend %[req.ssl_sni,lower,map(/etc/haproxy/sni.map)] if sni\n    default_backend app\n' + back,
    },
    { name: 'layer-4 conditions need no request bytes', code: defaults() + front('    use_backend app if { src 10.0.0.0/8 } || { dst_port 80 }\n') + back },
    { name: 'ssl_fc_sni is known once TLS is terminated, before the stream', code: defaults() + 'frontend fe\n    bind :443 ssl crt /etc/ssl/x.pem\n    use_backend app if { ssl_fc_sni -i example.org }\n' + back },
    { name: 'a file of bare proxies with no mode anywhere is an excerpt (jellyfin docs)', code: 'frontend fe\n    bind *:80\n    acl j hdr(host) -i example.org\n    use_backend app if j\nbackend app\n    server s 127.0.0.1:8096\n' },
    {
      name: 'the use_backend names the default_backend: a miss lands there too (nextcloud/all-in-one OPNsense export)',
      code: defaults() + front('    default_backend app\n    acl acme path_beg -i /.well-known/acme-challenge/\n    use_backend app if acme\n') + back,
    },
    {
      name: 'a later unconditional use_backend of the same backend takes the miss',
      code: defaults() + front('    use_backend app if { path_beg /ws }\n    use_backend app\n    default_backend other\n') + back,
    },
    { name: 'a named defaults section holding the delay and the content rule', code: 'defaults d\n    mode tcp\n    tcp-request inspect-delay 5s\n    tcp-request content accept if HTTP\nfrontend fe from d\n    bind :80\n' + USE + back },
  ],
  invalid: [
    {
      name: 'a capture without a delay does not wait',
      code: defaults() + front('    tcp-request content capture req.payload(0,1) len 1\n' + USE) + back,
      errors: [{ line: 9, column: 26, severity: 'warning', message: 'path is tested before the request arrives (mode tcp without a tcp-request inspect-delay wait): the connection is closed' }],
      output: null,
    },
    {
      name: 'gotify/website#48: no mode, no delay, no default_backend (a backend says mode http: a whole config)',
      code: 'frontend frontend_gotify\n        bind 0.0.0.0:80\n        use_backend backend_gotify if { path -i -m beg /gotify/ }\n        timeout client 60s\nbackend backend_gotify\n        mode http\n        server backend01 gotify:80 check\n',
      errors: [{ line: 3, column: 41, endLine: 3, endColumn: 45, severity: 'warning', message: 'path is tested before the request arrives (mode tcp without a tcp-request inspect-delay wait): the connection is closed' }],
      output: null,
    },
    {
      name: 'a delay without a content rule does not wait; a named acl is named with its fetch',
      code: defaults() + front('    tcp-request inspect-delay 5s\n    acl ws path_beg /ws\n    use_backend app if ws\n    default_backend other\n') + back,
      errors: [{ line: 10, column: 24, severity: 'warning', message: 'acl ws (path_beg) is tested before the request arrives (mode tcp, no inspect-delay wait): default_backend gets it' }],
      output: null,
    },
    {
      name: 'a content rule without a delay, and one that reads nothing, do not wait',
      code: defaults() + front('    tcp-request content accept if HTTP\n' + USE) + back + 'frontend f2\n    bind :81\n    tcp-request inspect-delay 5s\n    tcp-request content accept if { src 127.0.0.1 }\n    use_backend app if !{ hdr(host) -i x }\n',
      errors: [
        { line: 9, column: 26, message: 'path is tested before the request arrives (mode tcp without a tcp-request inspect-delay wait): the connection is closed' },
        { line: 17, column: 27, message: 'hdr is tested before the request arrives (mode tcp without a tcp-request inspect-delay wait): the connection is closed' },
      ],
      output: null,
    },
    {
      name: 'SNI routing without the ClientHello wait; a %[] name reading the request too; a listen falls back on its own servers',
      code: defaults() + 'listen l\n    bind :443\n    use_backend app if { req_ssl_sni -i example.org }\n    use_backend %[req.ssl_sni,lower]\n    server fallback 127.0.0.1:9\n' + back,
      errors: [
        { line: 8, column: 26, message: 'req_ssl_sni is tested before the request arrives (mode tcp, no inspect-delay wait): its own servers get it' },
        { line: 9, column: 17, message: 'req.ssl_sni is tested before the request arrives (mode tcp, no inspect-delay wait): its own servers get it' },
      ],
      output: null,
    },
    {
      name: 'the default_backend is its own, but a later layer-4 use_backend may take the miss first',
      code: defaults() + front('    use_backend app if { path_beg /ws }\n    use_backend other if { src 10.0.0.0/8 }\n    default_backend app\n') + back,
      errors: [{ line: 8, column: 26, message: 'path_beg is tested before the request arrives (mode tcp, no inspect-delay wait): default_backend gets it' }],
      output: null,
    },
    {
      name: 'a later unconditional use_backend of another backend takes the miss',
      code: defaults() + front('    use_backend app if { path_beg /ws }\n    use_backend other\n') + back,
      errors: [{ line: 8, column: 26, message: 'path_beg is tested before the request arrives (mode tcp, no inspect-delay wait): the connection is closed' }],
      output: null,
    },
    {
      name: 'a predefined acl that reads the request (HTTP)',
      code: defaults() + front('    use_backend app if HTTP\n') + back,
      errors: [{ line: 8, column: 24, message: 'HTTP is tested before the request arrives (mode tcp without a tcp-request inspect-delay wait): the connection is closed' }],
      output: null,
    },
  ],
});
