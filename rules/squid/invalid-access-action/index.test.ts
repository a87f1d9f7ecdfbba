import { ruleTester } from '../../../test/support/rule-tester';
import rule from './index';

const head = 'http_port 3128\n';
const got = (a: string) => `Squid ignores this line: expecting 'allow' or 'deny', got '${a}'`;

ruleTester(rule, {
  valid: [
    { code: `${head}http_access allow localhost\nhttp_access deny all\n` },
    { code: `${head}http_upgrade_request_protocols websocket allow all\nrequest_header_access Upgrade deny all\n` },
    { code: `${head}cache_peer 10.0.0.1 parent 3128 0 name=p\ncache_peer_access p allow all\ndelay_pools 1\ndelay_class 1 1\ndelay_access 1 deny all\n` },
    // not access lists: ssl_bump has its own actions (Splice is a fatal error there, not this one)
    { code: `${head}ssl_bump splice all\ntcp_outgoing_address 10.0.0.1 all\n` },
    // a line in a false if branch is never read
    { code: `${head}if false\nhttp_access Deny all\nendif\nhttp_access deny all\n` },
    // a bare name-first list without its name is another error than this one
    { code: `${head}cache_peer_access\n` },
  ],
  invalid: [
    {
      name: 'capitalised action on http_access: the deny never applies',
      code: `${head}acl bad dstdomain .example.com\nhttp_access Deny bad\nhttp_access allow all\n`,
      errors: [{ line: 3, column: 13, endLine: 3, endColumn: 17, message: got('Deny'), fix: 'unsafe' }],
      output: `${head}acl bad dstdomain .example.com\nhttp_access deny bad\nhttp_access allow all\n`,
    },
    {
      name: 'the action after the protocol name (http_upgrade_request_protocols)',
      code: 'http_port 80 accel vhost\nhttp_upgrade_request_protocols websocket Allow all\n',
      errors: [{ line: 2, column: 42, endLine: 2, endColumn: 47, message: got('Allow'), fix: 'unsafe' }],
      output: 'http_port 80 accel vhost\nhttp_upgrade_request_protocols websocket allow all\n',
    },
    {
      name: 'header lists, upper case, CRLF kept',
      code: `${head}request_header_access Upgrade DENY all\r\nreply_header_access Upgrade ALLOW all\r\n`,
      errors: [
        { line: 2, column: 31, message: got('DENY'), fix: 'unsafe' },
        { line: 3, column: 29, message: got('ALLOW'), fix: 'unsafe' },
      ],
      output: `${head}request_header_access Upgrade deny all\r\nreply_header_access Upgrade allow all\r\n`,
    },
    {
      name: 'an alias is the directive it stands for (http_access2 = adapted_http_access)',
      code: `${head}http_access2 Allow all\n`,
      errors: [{ line: 2, column: 14, message: got('Allow'), fix: 'unsafe' }],
      output: `${head}http_access2 allow all\n`,
    },
    {
      name: 'not an action at all: no fix',
      code: `${head}http_access permit all\ncache_peer 10.0.0.1 parent 3128 0 name=p\ncache_peer_access p allowed all\n`,
      errors: [
        { line: 2, column: 13, message: got('permit') },
        { line: 4, column: 21, message: got('allowed') },
      ],
      output: null,
    },
    {
      name: 'a quoted action is left alone (not a token we rewrite in place)',
      code: `configuration_includes_quoted_values on\n${head}http_access "Deny" all\n`,
      errors: [{ line: 3, column: 13, message: got('Deny') }],
      output: null,
    },
    {
      name: 'llm-shield: both upgrade lines lack acls; the ignored deny changes nothing while nothing allows (info)',
      code: 'http_port 3128 ssl-bump cert=/etc/squid/ca.pem\nssl_bump bump all\nhttp_upgrade_request_protocols websocket allow\nhttp_upgrade_request_protocols OTHER deny\n',
      errors: [
        { line: 3, column: 42, message: 'Squid ignores this line: it names no acl (write "all" to match every request)' },
        { line: 4, column: 38, severity: 'info', message: 'Squid ignores this line: it names no acl (write "all" to match every request)' },
      ],
      output: null,
    },
    {
      name: 'a deny without acl before OTHER allow all: websocket is allowed after all, so the dead deny matters',
      code: 'http_port 3128\nhttp_upgrade_request_protocols websocket deny\nhttp_upgrade_request_protocols OTHER allow all\n',
      errors: [{ line: 2, column: 42, endLine: 2, endColumn: 46, message: 'Squid ignores this line: it names no acl (write "all" to match every request)' }],
      output: null,
    },
    {
      name: 'an http_access deny without acl is never moot (only Upgrade offers are stripped by default)',
      code: 'http_port 3128\nhttp_access deny\nhttp_access allow all\n',
      errors: [{ line: 2, column: 13, endLine: 2, endColumn: 17, message: 'Squid ignores this line: it names no acl (write "all" to match every request)' }],
      output: null,
    },
    {
      name: 'an ignored upgrade deny matters when another rule allows: a warning',
      code: 'http_port 3128 accel vhost\nhttp_upgrade_request_protocols OTHER Deny all\nhttp_upgrade_request_protocols OTHER allow all\n',
      errors: [{ line: 2, column: 38, message: got('Deny'), fix: 'unsafe' }],
      output: 'http_port 3128 accel vhost\nhttp_upgrade_request_protocols OTHER deny all\nhttp_upgrade_request_protocols OTHER allow all\n',
    },
    {
      name: 'no action, and an action without acls',
      code: `${head}http_access\nhttp_upgrade_request_protocols websocket\nhttp_access allow\n`,
      errors: [
        { line: 2, column: 1, endLine: 2, endColumn: 12, message: "Squid ignores this line: missing 'allow' or 'deny'" },
        { line: 3, column: 1, endLine: 3, endColumn: 31, message: "Squid ignores this line: missing 'allow' or 'deny'" },
        { line: 4, column: 13, endLine: 4, endColumn: 18, message: 'Squid ignores this line: it names no acl (write "all" to match every request)' },
      ],
      output: null,
    },
  ],
});
