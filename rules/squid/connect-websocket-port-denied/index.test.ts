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
      errors: [{ line: 7, column: 1, endLine: 7, endColumn: 12, message: /denies CONNECT to port 8080.*SSL_ports/ }],
      output: debian.replace('acl SSL_ports port 443', 'acl SSL_ports port 443\nacl SSL_ports port 8080'),
    },
    {
      code: debian,
      websocket: { ports: [8443, 9001] },
      errors: [{ line: 7, column: 1 }, { line: 7, column: 1 }],
    },
  ],
});
