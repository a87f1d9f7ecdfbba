import { ruleTester } from '../../../test/support/rule-tester';
import rule from './index';

const head = 'http_port 3128\n';

ruleTester(rule, {
  valid: [
    { code: `${head}http_upgrade_request_protocols websocket allow all\n` },
    { code: `${head}http_upgrade_request_protocols OTHER allow all\n` },
    { code: `${head}http_upgrade_request_protocols h2c deny all\n` },
    // a line in a false `if` branch is never read by squid
    { code: `${head}if false\nhttp_upgrade_request_protocols WebSocket allow all\nendif\nhttp_upgrade_request_protocols websocket allow all\n` },
    // Squid 4 has no such directive: version-gated
    { code: `${head}http_upgrade_request_protocols WebSocket allow all\n`, targets: { squid: '4.17' } },
  ],
  invalid: [
    {
      name: 'a reverse proxy (accel) port reads the handshake: error',
      code: 'http_port 80 accel vhost\nhttp_upgrade_request_protocols WebSocket allow all\n',
      errors: [{ line: 2, column: 32, severity: 'error', message: '"WebSocket" never matches: Squid compares protocol names case-sensitively and browsers send "websocket"' }],
      output: 'http_port 80 accel vhost\nhttp_upgrade_request_protocols websocket allow all\n',
    },
    {
      name: 'a forward-only proxy: clients CONNECT, the rule is never consulted for them: info',
      code: `${head}http_upgrade_request_protocols WebSocket allow all\n`,
      errors: [{ line: 2, column: 32, severity: 'info', message: '"WebSocket" never matches: Squid compares protocol names case-sensitively and browsers send "websocket"' }],
      output: `${head}http_upgrade_request_protocols websocket allow all\n`,
    },
    {
      name: 'an OTHER rule lets "websocket" through (docker-tinc): dead but harmless: info naming it',
      code: 'http_port 80 accel vhost\nhttp_upgrade_request_protocols WebSocket allow all\nhttp_upgrade_request_protocols OTHER allow all\n',
      errors: [{ line: 2, column: 32, severity: 'info', message: '"WebSocket" never matches (Squid compares case-sensitively); line 3 allows "websocket"' }],
      output: 'http_port 80 accel vhost\nhttp_upgrade_request_protocols websocket allow all\nhttp_upgrade_request_protocols OTHER allow all\n',
    },
    {
      name: 'websocket allowed only for some clients: the dead rule may matter, error',
      code: 'http_port 80 accel\nacl lan src 10.0.0.0/8\nhttp_upgrade_request_protocols WebSocket allow all\nhttp_upgrade_request_protocols websocket allow lan\n',
      errors: [{ line: 3, column: 32, message: '"WebSocket" never matches: Squid compares protocol names case-sensitively and browsers send "websocket"' }],
      output: 'http_port 80 accel\nacl lan src 10.0.0.0/8\nhttp_upgrade_request_protocols websocket allow all\nhttp_upgrade_request_protocols websocket allow lan\n',
    },
    {
      name: 'the live branch of if/else',
      code: `${head}if false\nhttp_upgrade_request_protocols websocket allow all\nelse\nhttp_upgrade_request_protocols WebSocket allow all\nendif\n`,
      errors: [{ line: 5, column: 32, endLine: 5, endColumn: 41, message: '"WebSocket" never matches: Squid compares protocol names case-sensitively and browsers send "websocket"', severity: 'info' }],
      output: `${head}if false\nhttp_upgrade_request_protocols websocket allow all\nelse\nhttp_upgrade_request_protocols websocket allow all\nendif\n`,
    },
    {
      code: `${head}http_upgrade_request_protocols WebSocket allow all\n`,
      errors: [{ line: 2, column: 32, endLine: 2, endColumn: 41, message: '"WebSocket" never matches: Squid compares protocol names case-sensitively and browsers send "websocket"', severity: 'info' }],
      output: `${head}http_upgrade_request_protocols websocket allow all\n`,
    },
    {
      code: `${head}http_upgrade_request_protocols WEBSOCKET/13 allow all\r\n`,
      errors: [{ line: 2, column: 32, message: '"WEBSOCKET" never matches: Squid compares protocol names case-sensitively and browsers send "websocket"', severity: 'info' }],
      output: `${head}http_upgrade_request_protocols websocket/13 allow all\r\n`,
    },
  ],
});
