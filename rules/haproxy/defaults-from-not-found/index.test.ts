import { ruleTester } from '../../../test/support/rule-tester';
import rule from './index';

const web = 'defaults web\n    mode http\n    timeout client 30s\n';

ruleTester(rule, {
  valid: [
    { code: `${web}backend app from web\n    server s1 127.0.0.1:3000\n` },
    { code: `${web}defaults more from web\n    timeout server 30s\nlisten l from more\n    bind :80\n` },
    // no `from`: the defaults section in force applies
    { code: `${web}frontend fe\n    bind :80\n` },
  ],
  invalid: [
    {
      code: `${web}frontend fe from nosuch\n    bind :80\n`,
      errors: [{ line: 4, column: 18, endLine: 4, endColumn: 24, message: "defaults section 'nosuch' not found for frontend 'fe'." }],
      output: null,
    },
    {
      name: 'a defaults section declared later does not count',
      code: `backend app from web\n    server s1 127.0.0.1:3000\n${web}`,
      errors: [{ line: 1, column: 18, endLine: 1, endColumn: 21, message: "defaults section 'web' not found for backend 'app'." }],
      output: null,
    },
    {
      name: 'a proxy of that name is not a defaults section; a defaults section can say from too',
      code: `backend web\n    server s1 127.0.0.1:3000\ndefaults d from web\n    mode http\n`,
      errors: [{ line: 3, column: 17, endLine: 3, endColumn: 20, message: "defaults section 'web' not found for defaults 'd'." }],
      output: null,
    },
  ],
});
