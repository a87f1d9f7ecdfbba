import { ruleTester } from '../../../test/support/rule-tester';
import rule from './index';

ruleTester(rule, {
  valid: [
    { code: 'http_port 3128\nhttp_upgrade_request_protocols websocket allow all\nreply_header_access Upgrade allow all\n' },
    { code: 'http_port 3128\nhttp_upgrade_request_protocols OTHER allow all\nreply_header_access Upgrade allow all\n' },
    { code: 'http_port 3128\nreply_header_access Cookie allow all\n' },
  ],
  invalid: [
    {
      code: 'http_port 3128\nreply_header_access Upgrade allow all\n',
      errors: [{ line: 2, column: 1, message: 'reply_header_access Upgrade allow does not make WebSockets work without http_upgrade_request_protocols' }],
      output: null,
    },
    {
      code: 'http_port 3128\nrequest_header_access upgrade allow all\n',
      errors: [{ line: 2, column: 1, message: 'request_header_access Upgrade allow does not make WebSockets work without http_upgrade_request_protocols' }],
    },
    {
      code: 'http_port 3128\nreply_header_access Upgrade allow all\n',
      targets: { squid: '4.17' },
      errors: [{ line: 2, column: 1, message: 'reply_header_access Upgrade allow does not make WebSockets work: Squid 4.17 cannot forward upgrades' }],
    },
  ],
});
