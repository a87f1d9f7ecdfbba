import { ruleTester } from '../../../test/support/rule-tester';
import rule from './index';

const head = 'http_port 3128\n';

ruleTester(rule, {
  valid: [
    { code: `${head}http_access deny all\n` },
    // aliases cf_gen accepts (cf.data.pre NAME: lines with more than one name)
    { code: `${head}persistent_request_timeout 2 minutes\npconn_timeout 1 minute\nhttp_access2 allow all\nheader_replace User-Agent x\n` },
    // obsolete but read: squid/obsolete-directive's finding, not this one
    { code: `${head}dns_v4_first on\n` },
    // a false branch is never read (`squid -k parse` exits 0)
    { code: `${head}if false\nno_such_directive x\nendif\n` },
    { code: `${head}if 1 = 2\nno_such_directive x\nelse\nhttp_access deny all\nendif\n` },
    // the reader's own words
    { code: `${head}if true\ninclude /dev/null\nendif\n` },
    // fatal on 5.7, only ignored on 7.6: squid/obsolete-directive's finding there
    { code: `${head}log_access deny all\n`, targets: { squid: '7.6' } },
    // Squid 6 directive with a Squid 6 target
    { code: `${head}cache_log_message id=4 level=1\n`, targets: { squid: '6.13' } },
  ],
  invalid: [
    {
      code: `${head}no_such_directive x\nhttp_access deny all\n`,
      errors: [{ line: 2, column: 1, endLine: 2, endColumn: 18, message: 'Squid 5.7 does not recognise "no_such_directive" and refuses to start.' }],
      output: null,
    },
    {
      name: 'live branch of an if/else',
      code: `${head}if false\nhttp_access deny all\nelse\n  bogus_one\nendif\nbogus_two on\n`,
      errors: [
        { line: 5, column: 3, message: 'Squid 5.7 does not recognise "bogus_one" and refuses to start.' },
        { line: 7, column: 1, message: 'Squid 5.7 does not recognise "bogus_two" and refuses to start.' },
      ],
      output: null,
    },
    {
      name: 'a Squid 6 directive on Squid 5.7',
      code: `${head}cache_log_message id=4 level=1\n`,
      errors: [{ line: 2, column: 1, message: 'Squid 5.7 does not recognise "cache_log_message" and refuses to start (it exists in Squid 6.14).' }],
      output: null,
    },
    {
      name: 'obsolete and fatal',
      code: `${head}log_access deny all\n`,
      errors: [{ line: 2, column: 1, message: '"log_access" is obsolete and Squid 5.7 refuses it: remove it' }],
      output: null,
    },
    {
      name: "obsolete and fatal, Squid's note fits",
      code: `${head}log_icap deny all\n`,
      errors: [{ line: 2, column: 1, endLine: 2, endColumn: 9, message: '"log_icap" is obsolete and Squid 5.7 refuses it: use acls with icap_log directives to control icap logging' }],
      output: null,
    },
  ],
});
