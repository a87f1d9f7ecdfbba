import { ruleTester } from '../../../test/support/rule-tester';
import rule from './index';

const h = 'http_port 3128\nhttp_upgrade_request_protocols websocket allow all\n';

ruleTester(rule, {
  valid: [
    { code: h },
    { code: `${h}reply_header_access Upgrade allow all\n` },
    { code: `${h}request_header_access Cookie deny all\n` },
    {
      code:
        `${h}request_header_access Upgrade allow all\nrequest_header_access Connection allow all\n` +
        'request_header_access Sec-WebSocket-Key allow all\nrequest_header_access Sec-WebSocket-Version allow all\n' +
        'request_header_access All deny all\n',
    },
    {
      code:
        `${h}request_header_access Upgrade allow all\nrequest_header_access Connection allow all\n` +
        'request_header_access Other allow all\nrequest_header_access All deny all\n',
    },
    {
      code:
        `${h}reply_header_access Upgrade allow all\nreply_header_access Connection allow all\n` +
        'reply_header_access Sec-WebSocket-Accept allow all\nreply_header_access All deny all\n',
    },
  ],
  invalid: [
    {
      name: 'a reverse proxy (accel) reads the handshake itself: error',
      code: 'http_port 80 accel defaultsite=app.example\nhttp_upgrade_request_protocols websocket allow all\nrequest_header_access Upgrade deny all\n',
      errors: [
        {
          line: 3,
          column: 1,
          severity: 'error',
          message: 'request_header_access removes Upgrade from the request, so the handshake fails (426)',
          signal: { kind: 'listener', detail: 'http_port 80 (accel) reads the WebSocket handshakes' },
        },
      ],
      output: 'http_port 80 accel defaultsite=app.example\nhttp_upgrade_request_protocols websocket allow all\nrequest_header_access Upgrade allow all\nrequest_header_access Upgrade deny all\n',
    },
    {
      name: 'an intercepting port beside a forward port: error',
      code: 'http_port 3128\nhttp_port 3129 intercept\nhttp_upgrade_request_protocols websocket allow all\nreply_header_access Upgrade deny all\n',
      errors: [{ line: 4, column: 1, severity: 'error', message: 'reply_header_access removes Upgrade from the reply, so the handshake fails (no 101)' }],
      output: 'http_port 3128\nhttp_port 3129 intercept\nhttp_upgrade_request_protocols websocket allow all\nreply_header_access Upgrade allow all\nreply_header_access Upgrade deny all\n',
    },
    {
      code: `${h}reply_header_access Upgrade deny all\n`,
      errors: [{ line: 3, column: 1, message: 'reply_header_access removes Upgrade from the reply: handshakes outside CONNECT fail', severity: 'info', signal: { kind: 'listener', detail: 'http_port 3128 is a forward proxy: handshakes arrive as absolute ws:// URIs, tunnels as CONNECT' } }],
      output: `${h}reply_header_access Upgrade allow all\nreply_header_access Upgrade deny all\n`,
    },
    {
      name: 'the denying line is the first line of the file: the fix goes at the start',
      code: `reply_header_access Upgrade deny all\n${h}`,
      errors: [{ line: 1, column: 1, message: 'reply_header_access removes Upgrade from the reply: handshakes outside CONNECT fail', severity: 'info' }],
      output: `reply_header_access Upgrade allow all\nreply_header_access Upgrade deny all\n${h}`,
    },
    {
      name: 'one finding per direction',
      code: `${h}request_header_access Upgrade deny all\nreply_header_access Upgrade deny all\n`,
      errors: [
        { line: 3, column: 1, message: 'request_header_access removes Upgrade from the request: handshakes outside CONNECT fail', severity: 'info' },
        { line: 4, column: 1, message: 'reply_header_access removes Upgrade from the reply: handshakes outside CONNECT fail', severity: 'info' },
      ],
      output: `${h}request_header_access Upgrade allow all\nrequest_header_access Upgrade deny all\nreply_header_access Upgrade allow all\nreply_header_access Upgrade deny all\n`,
    },
    {
      name: 'two headers are both named',
      code: `${h}request_header_access Upgrade allow all\nrequest_header_access Connection allow all\nrequest_header_access All deny all\n`,
      errors: [{ line: 5, column: 1, message: 'request_header_access removes Sec-WebSocket-Key, Sec-WebSocket-Version from the request: handshakes outside CONNECT fail', severity: 'info' }],
      output:
        `${h}request_header_access Upgrade allow all\nrequest_header_access Connection allow all\n` +
        'request_header_access Sec-WebSocket-Key allow all\nrequest_header_access Sec-WebSocket-Version allow all\nrequest_header_access All deny all\n',
    },
    {
      name: 'three headers: two named and one more',
      code: `${h}reply_header_access All deny all\n`,
      errors: [{ line: 3, column: 1, message: 'reply_header_access removes Upgrade, Connection and 1 more from the reply: handshakes outside CONNECT fail', severity: 'info' }],
      output: `${h}reply_header_access Upgrade allow all\nreply_header_access Connection allow all\nreply_header_access Sec-WebSocket-Accept allow all\nreply_header_access All deny all\n`,
    },
    {
      // No All line matches: the opposite of the last All line denies, and that line is reported.
      code: `${h}acl all2 src all\nrequest_header_access All allow !all2\n`,
      errors: [{ line: 4, column: 1, message: 'request_header_access removes Upgrade, Connection and 2 more from the request: handshakes outside CONNECT fail', severity: 'info' }],
      output:
        `${h}acl all2 src all\nrequest_header_access Upgrade allow all\nrequest_header_access Connection allow all\n` +
        'request_header_access Sec-WebSocket-Key allow all\nrequest_header_access Sec-WebSocket-Version allow all\nrequest_header_access All allow !all2\n',
    },
    {
      // Sec-WebSocket-* fall to the Other list, whose only line never matches: reported there.
      code: `${h}acl all2 src all\nrequest_header_access Other allow !all2\nrequest_header_access Upgrade allow all\nrequest_header_access Connection allow all\n`,
      errors: [{ line: 4, column: 1, message: 'request_header_access removes Sec-WebSocket-Key, Sec-WebSocket-Version from the request: handshakes outside CONNECT fail', severity: 'info' }],
      output:
        `${h}acl all2 src all\nrequest_header_access Sec-WebSocket-Key allow all\nrequest_header_access Sec-WebSocket-Version allow all\n` +
        'request_header_access Other allow !all2\nrequest_header_access Upgrade allow all\nrequest_header_access Connection allow all\n',
    },
    {
      code: `${h}request_header_access Upgrade deny all\n`,
      errors: [{ line: 3, column: 1, severity: 'info', message: 'request_header_access removes Upgrade from the request: handshakes outside CONNECT fail' }],
      output: `${h}request_header_access Upgrade allow all\nrequest_header_access Upgrade deny all\n`,
    },
    {
      code: `${h}request_header_access Host allow all\nrequest_header_access All deny all\n`,
      errors: [{ line: 4, column: 1, severity: 'info', message: 'request_header_access removes Upgrade, Connection and 2 more from the request: handshakes outside CONNECT fail' }],
      output:
        `${h}request_header_access Host allow all\nrequest_header_access Upgrade allow all\nrequest_header_access Connection allow all\n` +
        'request_header_access Sec-WebSocket-Key allow all\nrequest_header_access Sec-WebSocket-Version allow all\nrequest_header_access All deny all\n',
    },
    {
      // Squid applies the rules to the Connection: upgrade it forwards (Squid 5.7: 426).
      code: `${h}request_header_access Connection deny all\n`,
      errors: [{ line: 3, column: 1, severity: 'info', message: 'request_header_access removes Connection from the request: handshakes outside CONNECT fail' }],
      output: `${h}request_header_access Connection allow all\nrequest_header_access Connection deny all\n`,
    },
    {
      // Observed on Squid 5.7: a 101 without Connection: upgrade, which RFC 6455 clients reject.
      code:
        `${h}reply_header_access Upgrade allow all\nreply_header_access Sec-WebSocket-Accept allow all\n` +
        'reply_header_access All deny all\n',
      errors: [{ line: 5, column: 1, severity: 'info', message: 'reply_header_access removes Connection from the reply: handshakes outside CONNECT fail' }],
      output:
        `${h}reply_header_access Upgrade allow all\nreply_header_access Sec-WebSocket-Accept allow all\n` +
        'reply_header_access Connection allow all\nreply_header_access All deny all\n',
    },
    {
      // Connection is a header squid knows by name: `Other allow all` does not keep it.
      code: `${h}request_header_access Upgrade allow all\nrequest_header_access Other allow all\nrequest_header_access All deny all\n`,
      errors: [{ line: 5, column: 1, message: 'request_header_access removes Connection from the request: handshakes outside CONNECT fail', severity: 'info' }],
      output: `${h}request_header_access Upgrade allow all\nrequest_header_access Other allow all\nrequest_header_access Connection allow all\nrequest_header_access All deny all\n`,
    },
    {
      // No line matches (the header is not Upgrade-specific): opposite of the last line = deny.
      code: `${h}acl lan src 10.0.0.0/8\nacl all2 src all\nreply_header_access Upgrade allow !all2\n`,
      errors: [{ line: 5, column: 1, message: 'reply_header_access removes Upgrade from the reply: handshakes outside CONNECT fail', severity: 'info' }],
      output: `${h}acl lan src 10.0.0.0/8\nacl all2 src all\nreply_header_access Upgrade allow all\nreply_header_access Upgrade allow !all2\n`,
    },
    {
      // Indented and CRLF: the inserted line copies both.
      code: 'http_port 3128\r\nhttp_upgrade_request_protocols websocket allow all\r\n  reply_header_access Upgrade deny all\r\n',
      errors: [{ line: 3, column: 3, message: 'reply_header_access removes Upgrade from the reply: handshakes outside CONNECT fail', severity: 'info' }],
      output: 'http_port 3128\r\nhttp_upgrade_request_protocols websocket allow all\r\n  reply_header_access Upgrade allow all\r\n  reply_header_access Upgrade deny all\r\n',
    },
  ],
});
