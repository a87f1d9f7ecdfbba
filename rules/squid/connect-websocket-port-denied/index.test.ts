import { ruleTester } from '../../../test/support/rule-tester';
import rule from './index';

/** Debian's stock access rules (squid.conf + conf.d/debian.conf), abridged. */
const debian = [
  'acl localnet src 10.0.0.0/8\t\t# RFC 1918',
  'acl SSL_ports port 443',
  'acl Safe_ports port 80\t\t# http',
  'acl Safe_ports port 443\t\t# https',
  'acl Safe_ports port 1025-65535\t# unregistered ports',
  'http_access deny !Safe_ports',
  'http_access deny CONNECT !SSL_ports',
  'http_access allow localhost manager',
  'http_access deny manager',
  'http_access allow localhost',
  'http_access deny all',
  'http_port 3128',
  '',
].join('\n');

ruleTester(rule, {
  valid: [
    { code: debian },
    { code: debian, websocket: { ports: [443] } },
    { code: debian.replace('acl SSL_ports port 443', 'acl SSL_ports port 443\nacl SSL_ports port 8443'), websocket: { ports: [8443] } },
    { code: debian.replace('acl SSL_ports port 443', 'acl SSL_ports port 443 8000-9000'), websocket: { ports: [8080] } },
    {
      name: 'a client-address-dependent allow before the denial: the outcome depends on who connects, not certain',
      code: debian.replace('http_access deny CONNECT !SSL_ports', 'http_access allow localnet\nhttp_access deny CONNECT !SSL_ports'),
      websocket: { ports: [8080] },
    },
    { name: 'no http_access line: the implicit deny names no line to point at or fix', code: 'acl SSL_ports port 443\nhttp_port 3128\n', websocket: { ports: [8080] } },
    { name: 'every CONNECT denied, by no port acl: adding the port to an acl would not help', code: 'http_access deny CONNECT\nhttp_access allow all\nhttp_port 3128\n', websocket: { ports: [8080] } },
    {
      name: 'denied by a port acl that is not negated: no acl to add the port to',
      code: 'acl WS port 8080\nhttp_access deny CONNECT WS\nhttp_access allow all\nhttp_port 3128\n',
      websocket: { ports: [8080] },
    },
    {
      name: 'denied by a negated method acl (not a port list): nothing to add the port to',
      code: 'acl m method GET POST\nhttp_access deny CONNECT !m\nhttp_access allow all\nhttp_port 3128\n',
      websocket: { ports: [8080] },
    },
  ],
  invalid: [
    {
      code: debian,
      websocket: { ports: [8080] },
      errors: [{ line: 7, column: 1, endLine: 7, endColumn: 12, message: 'http_access denies CONNECT to port 8080: it is not in SSL_ports, so WebSocket clients get 403', fix: 'unsafe', signal: { kind: 'config', detail: 'websocket.ports lists 8080' } }],
      output: debian.replace('acl SSL_ports port 443', 'acl SSL_ports port 443\nacl SSL_ports port 8080'),
    },
    {
      code: debian,
      websocket: { ports: [8443, 9001] },
      errors: [{ line: 7, column: 1, message: 'http_access denies CONNECT to port 8443: it is not in SSL_ports, so WebSocket clients get 403' }, { line: 7, column: 1, message: 'http_access denies CONNECT to port 9001: it is not in SSL_ports, so WebSocket clients get 403' }],
      output: 'acl localnet src 10.0.0.0/8\t\t# RFC 1918\nacl SSL_ports port 443\nacl SSL_ports port 8443\nacl Safe_ports port 80\t\t# http\nacl Safe_ports port 443\t\t# https\nacl Safe_ports port 1025-65535\t# unregistered ports\nhttp_access deny !Safe_ports\nhttp_access deny CONNECT !SSL_ports\nhttp_access allow localhost manager\nhttp_access deny manager\nhttp_access allow localhost\nhttp_access deny all\nhttp_port 3128\n',
    },
  ],
});
