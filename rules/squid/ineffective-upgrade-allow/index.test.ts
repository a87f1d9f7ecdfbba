import { ruleTester } from '../../../test/support/rule-tester';
import rule from './index';

ruleTester(rule, {
  valid: [
    { code: 'http_port 3128\nhttp_upgrade_request_protocols websocket allow all\nreply_header_access Upgrade allow all\n' },
    { code: 'http_port 3128\nhttp_upgrade_request_protocols OTHER allow all\nreply_header_access Upgrade allow all\n' },
    { code: 'http_port 3128\nreply_header_access Cookie allow all\n' },
    // request_header_replace sets a header's value: "allow" here is the text, not an access action
    { code: 'http_port 80 accel vhost\nrequest_header_replace Upgrade allow\n' },
    // denying Upgrade is squid/upgrade-header-denied's finding
    { code: 'http_port 3128\nreply_header_access Upgrade deny all\n' },
    { code: 'http_port 3128\nreply_header_access Upgrade deny all\n', targets: { squid: '4.17' } },
    // websocket allowed for some clients: whether the offer is dropped depends on who connects
    { code: 'http_port 3128\nacl lan src 10.0.0.0/8\nhttp_upgrade_request_protocols websocket allow lan\nreply_header_access Upgrade allow all\n' },
  ],
  invalid: [
    {
      code: 'http_port 3128\nreply_header_access Upgrade allow all\n',
      name: 'a forward-only proxy: clients CONNECT, the dead line breaks nothing (permitio/opal): info',
      errors: [{ line: 2, column: 1, severity: 'info', message: 'reply_header_access Upgrade allow does not make WebSockets work without http_upgrade_request_protocols', signal: { kind: 'listener', detail: 'http_port 3128 is a forward proxy: handshakes arrive as absolute ws:// URIs, tunnels as CONNECT' } }],
      output: null,
    },
    {
      name: 'a reverse proxy (accel) reads the handshakes: warning',
      code: 'http_port 80 accel vhost\nreply_header_access Upgrade allow all\n',
      errors: [{ line: 2, column: 1, message: 'reply_header_access Upgrade allow does not make WebSockets work without http_upgrade_request_protocols' }],
      output: null,
    },
    {
      code: 'http_port 3128 intercept\nrequest_header_access upgrade allow all\n',
      errors: [{ line: 2, column: 1, message: 'request_header_access Upgrade allow does not make WebSockets work without http_upgrade_request_protocols' }],
    },
    {
      code: 'http_port 80 accel vhost\nreply_header_access Upgrade allow all\n',
      targets: { squid: '4.17' },
      errors: [{ line: 2, column: 1, message: 'reply_header_access Upgrade allow does not make WebSockets work: Squid 4.17 cannot forward upgrades' }],
    },
    {
      code: 'http_port 3128\nreply_header_access Upgrade allow all\n',
      targets: { squid: '4.17' },
      errors: [{ line: 2, column: 1, severity: 'info', message: 'reply_header_access Upgrade allow does not make WebSockets work: Squid 4.17 cannot forward upgrades', signal: { kind: 'listener', detail: 'http_port 3128 is a forward proxy: handshakes arrive as absolute ws:// URIs, tunnels as CONNECT' } }],
    },
    {
      name: 'a reverse proxy: the signal names the accel port',
      code: 'http_port 80 accel defaultsite=app.example\nhttp_upgrade_request_protocols h2c allow all\nrequest_header_access Upgrade allow all\n',
      errors: [
        {
          line: 3,
          column: 1,
          message: 'request_header_access Upgrade allow does not make WebSockets work without http_upgrade_request_protocols',
          signal: { kind: 'listener', detail: 'http_port 80 (accel) reads the WebSocket handshakes' },
        },
      ],
    },
  ],
});
