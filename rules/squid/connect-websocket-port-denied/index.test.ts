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
  ],
  invalid: [
    {
      code: debian,
      websocket: { ports: [8080] },
      errors: [{ line: 7, column: 1, endLine: 7, endColumn: 12, message: 'http_access denies CONNECT to port 8080: it is not in SSL_ports, so WebSocket clients get 403' }],
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
