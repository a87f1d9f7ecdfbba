import { ruleTester } from '../../../test/support/rule-tester';
import rule from './index';

ruleTester(rule, {
  valid: [
    { code: 'http_port 3128\nhttp_upgrade_request_protocols websocket allow all\n' },
    { code: 'http_port 3128\nhttp_upgrade_request_protocols OTHER allow all\n' },
    // The WebSocket spelling is upgrade-protocol-case's finding, not this rule's.
    { code: 'http_port 3128\nhttp_upgrade_request_protocols WebSocket allow all\n' },
    // A fragment without http_port is linted in its main config's context.
    { code: 'acl a port 80\n' },
    // Depends on the client address: not certain, not reported.
    { code: 'http_port 3128\nacl lan src 10.0.0.0/8\nhttp_upgrade_request_protocols websocket allow lan\n' },
    {
      name: 'allowed on port 443, and this listener gets URLs on 443: the port is not a certain denial',
      code: 'https_port 443 accel defaultsite=app.example tls-cert=/etc/squid/site.pem\nacl wss port 443\nhttp_upgrade_request_protocols websocket allow wss\n',
    },
  ],
  invalid: [
    {
      name: 'the only rule spells its action "Allow": Squid drops that line (squid/invalid-access-action), so nothing allows websocket',
      code: 'http_port 80 accel vhost\nhttp_upgrade_request_protocols websocket Allow all\n',
      errors: [{ line: 1, column: 1, message: 'Squid drops the Upgrade header by default, so WebSockets through this port fail (426 or 501)' }],
      output: 'http_port 80 accel vhost\nhttp_upgrade_request_protocols websocket allow all\nhttp_upgrade_request_protocols websocket Allow all\n',
    },
    {
      name: 'an ssl-bump port that only splices: TLS stays a tunnel, Squid never sees the Upgrade: info',
      code: 'http_port 3128 ssl-bump cert=/etc/squid/ca.pem\nacl step1 at_step SslBump1\nssl_bump peek step1\nssl_bump splice all\n',
      errors: [{ line: 1, column: 1, severity: 'info', message: 'Squid drops the Upgrade header by default: absolute-URI ws:// requests fail (501), CONNECT tunnels work' }],
      output: 'http_port 3128 ssl-bump cert=/etc/squid/ca.pem\nhttp_upgrade_request_protocols websocket allow all\nacl step1 at_step SslBump1\nssl_bump peek step1\nssl_bump splice all\n',
    },
    {
      name: 'an ssl-bump port with no ssl_bump line: the default action is splice: info',
      code: 'http_port 3128 ssl-bump cert=/etc/squid/ca.pem\n',
      errors: [{ line: 1, column: 1, severity: 'info', message: 'Squid drops the Upgrade header by default: absolute-URI ws:// requests fail (501), CONNECT tunnels work' }],
      output: 'http_port 3128 ssl-bump cert=/etc/squid/ca.pem\nhttp_upgrade_request_protocols websocket allow all\n',
    },
    {
      name: 'an https_port with no mode word is a forward proxy over TLS (Squid 5.7: CONNECT 200, origin-form GET 400): info',
      code: 'https_port 3128 cert=/apps/server_crt.pem key=/apps/server_key.pem\nhttp_access allow all\n',
      errors: [{ line: 1, column: 1, severity: 'info', message: 'Squid drops the Upgrade header by default: absolute-URI ws:// requests fail (501), CONNECT tunnels work' }],
      output: 'https_port 3128 cert=/apps/server_crt.pem key=/apps/server_key.pem\nhttp_upgrade_request_protocols websocket allow all\nhttp_access allow all\n',
    },
    {
      name: 'an intercepting https_port that peeks and splices: info',
      code: 'http_port 3128\nhttps_port 3130 intercept ssl-bump cert=/etc/squid/ca.pem\nssl_bump peek all\nssl_bump splice all\n',
      errors: [{ line: 1, column: 1, severity: 'info', message: 'Squid drops the Upgrade header by default: absolute-URI ws:// requests fail (501), CONNECT tunnels work' }],
      output: 'http_port 3128\nhttp_upgrade_request_protocols websocket allow all\nhttps_port 3130 intercept ssl-bump cert=/etc/squid/ca.pem\nssl_bump peek all\nssl_bump splice all\n',
    },
    {
      name: 'an ssl-bump port that bumps some sites: Squid reads those handshakes: error at the port',
      code: 'http_port 3128\nhttp_port 3129 ssl-bump cert=/etc/squid/ca.pem\nacl inspect dstdomain .example.com\nssl_bump bump inspect\nssl_bump splice all\n',
      errors: [{ line: 2, column: 1, severity: 'error', message: 'Squid drops the Upgrade header by default, so WebSockets through this port fail (426 or 501)' }],
      output: 'http_port 3128\nhttp_port 3129 ssl-bump cert=/etc/squid/ca.pem\nhttp_upgrade_request_protocols websocket allow all\nacl inspect dstdomain .example.com\nssl_bump bump inspect\nssl_bump splice all\n',
    },
    {
      name: 'stare precludes splicing: error',
      code: 'http_port 3128 ssl-bump cert=/etc/squid/ca.pem\nssl_bump stare all\n',
      errors: [{ line: 1, column: 1, severity: 'error', message: 'Squid drops the Upgrade header by default, so WebSockets through this port fail (426 or 501)' }],
      output: 'http_port 3128 ssl-bump cert=/etc/squid/ca.pem\nhttp_upgrade_request_protocols websocket allow all\nssl_bump stare all\n',
    },
    {
      name: 'an intercepting http_port reads plain ws:// handshakes whatever ssl_bump says: error',
      code: 'http_port 3129 intercept\nssl_bump splice all\n',
      errors: [{ line: 1, column: 1, severity: 'error', message: 'Squid drops the Upgrade header by default, so WebSockets through this port fail (426 or 501)' }],
      output: 'http_port 3129 intercept\nhttp_upgrade_request_protocols websocket allow all\nssl_bump splice all\n',
    },
    {
      name: 'a TLS reverse proxy (https_port accel) terminates TLS and reads the handshake: error',
      code: 'https_port 443 accel defaultsite=www.example.com tls-cert=/etc/squid/site.pem\n',
      errors: [{ line: 1, column: 1, severity: 'error', message: 'Squid drops the Upgrade header by default, so WebSockets through this port fail (426 or 501)' }],
      output: 'https_port 443 accel defaultsite=www.example.com tls-cert=/etc/squid/site.pem\nhttp_upgrade_request_protocols websocket allow all\n',
    },
    {
      name: 'a reverse proxy (accel) port: reported there, as an error',
      code: 'http_port 3128\nhttp_port 80 accel vhost\n',
      errors: [
        {
          line: 2,
          column: 1,
          severity: 'error',
          message: 'Squid drops the Upgrade header by default, so WebSockets through this port fail (426 or 501)',
          signal: { kind: 'listener', detail: 'http_port 80 (accel) reads the WebSocket handshakes' },
        },
      ],
      output: 'http_port 3128\nhttp_port 80 accel vhost\nhttp_upgrade_request_protocols websocket allow all\n',
    },
    {
      name: 'a bumping ssl-bump port: error at the rule that denies',
      code: 'http_port 3128 ssl-bump cert=/etc/squid/ca.pem\nssl_bump bump all\nhttp_upgrade_request_protocols websocket deny all\n',
      errors: [{ line: 3, column: 1, severity: 'error', message: 'http_upgrade_request_protocols does not allow websocket (this rule denies it), so Squid strips the Upgrade' }],
      output: null,
    },
    {
      name: 'the allow sits in a false if branch: squid never reads it',
      code: 'if false\nhttp_port 3000\nhttp_upgrade_request_protocols websocket allow all\nendif\nhttp_port 3128\n',
      errors: [{ line: 5, column: 1, message: 'Squid drops the Upgrade header by default: absolute-URI ws:// requests fail (501), CONNECT tunnels work', severity: 'info' }],
      output: 'if false\nhttp_port 3000\nhttp_upgrade_request_protocols websocket allow all\nendif\nhttp_port 3128\nhttp_upgrade_request_protocols websocket allow all\n',
    },
    {
      name: 'a forward-only proxy: clients CONNECT, only absolute-URI ws:// fails: info',
      code: 'http_port 3128\nhttp_access deny all\n',
      errors: [
        {
          line: 1,
          column: 1,
          severity: 'info',
          message: 'Squid drops the Upgrade header by default: absolute-URI ws:// requests fail (501), CONNECT tunnels work',
          signal: { kind: 'listener', detail: 'http_port 3128 is a forward proxy: handshakes arrive as absolute ws:// URIs, tunnels as CONNECT' },
        },
      ],
      output: 'http_port 3128\nhttp_upgrade_request_protocols websocket allow all\nhttp_access deny all\n',
    },
    {
      code: '  http_port 3128 # main\n',
      errors: [{ line: 1, column: 3, message: 'Squid drops the Upgrade header by default: absolute-URI ws:// requests fail (501), CONNECT tunnels work', severity: 'info' }],
      output: '  http_port 3128 # main\n  http_upgrade_request_protocols websocket allow all\n',
    },
    {
      code: 'http_port 3128\nhttp_upgrade_request_protocols websocket deny all\n',
      errors: [{ line: 2, column: 1, message: 'http_upgrade_request_protocols does not allow websocket (this rule denies it), so Squid strips the Upgrade', severity: 'info' }],
      output: null,
    },
    {
      code: 'http_port 3128\nhttp_upgrade_request_protocols h2c allow all\n',
      errors: [{ line: 2, column: 1, message: 'http_upgrade_request_protocols does not allow websocket (no rule names websocket or OTHER), so Squid strips the Upgrade', severity: 'info' }],
      output: null,
    },
    {
      code: 'http_port 3128\n',
      targets: { squid: '4.17' },
      errors: [{ line: 1, column: 1, message: 'Squid 4.17 cannot forward an Upgrade (needs Squid 5): WebSockets only pass as CONNECT tunnels', severity: 'info' }],
      output: null,
    },
    {
      name: 'a rule names websocket but never matches',
      code: 'http_port 3128\nhttp_upgrade_request_protocols websocket allow !all\n',
      errors: [{ line: 2, column: 1, message: 'http_upgrade_request_protocols does not allow websocket (no rule matches), so Squid strips the Upgrade', severity: 'info' }],
      output: null,
    },
    {
      name: 'Squid 4 behind a reverse proxy port: error, naming the port',
      code: 'http_port 80 accel\n',
      targets: { squid: '4.17' },
      errors: [
        {
          line: 1,
          column: 1,
          message: 'Squid 4.17 cannot forward an Upgrade (needs Squid 5): WebSockets only pass as CONNECT tunnels',
          signal: { kind: 'listener', detail: 'http_port 80 (accel) reads the WebSocket handshakes' },
        },
      ],
      output: null,
    },
  ],
});
