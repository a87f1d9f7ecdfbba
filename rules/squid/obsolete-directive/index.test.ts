import { ruleTester } from '../../../test/support/rule-tester';
import { lintCase } from '../../../test/support/lint-case';
import rule from './index';

const head = 'http_port 3128\n';

ruleTester(rule, {
  valid: [
    { code: `${head}http_access deny all\n` },
    { code: `${head}persistent_request_timeout 2 minutes\n` },
    { code: `${head}acl manager url_regex -i ^cache_object://\nacl localhost src 127.0.0.1/32\n` },
    { code: `${head}if false\ndns_v4_first on\nacl manager proto cache_object\nendif\n` },
    // an unknown name is squid/unknown-directive's
    { code: `${head}no_such_directive 1\n` },
    // obsolete and fatal on 5.7: squid refuses to start, squid/unknown-directive's finding
    { code: `${head}log_access deny all\n` },
  ],
  invalid: [
    {
      code: `${head}dns_v4_first on\nhttp_access deny all\n`,
      errors: [
        {
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 13,
          message: '"dns_v4_first" is obsolete and ignored by Squid 5.7: remove it',
        },
      ],
      output: `${head}http_access deny all\n`,
    },
    {
      name: 'the Squid 3.1 manager acl, with a trailing comment and CRLF',
      code: `${head}acl manager proto cache_object # old recipe\r\nhttp_access allow localhost manager\r\n`,
      errors: [{ line: 2, column: 5, endLine: 2, endColumn: 31, message: 'Squid ignores this line: "manager" is a built-in acl.' }],
      output: `${head}http_access allow localhost manager\r\n`,
    },
    {
      name: 'continued line',
      code: `${head}acl manager \\\n  proto cache_object\nhttp_access deny all\n`,
      errors: [{ line: 2, column: 5, message: 'Squid ignores this line: "manager" is a built-in acl.' }],
      output: `${head}http_access deny all\n`,
    },
    {
      name: 'renamed acl type',
      code: `${head}acl p myport 3128\nhttp_access deny p\n`,
      errors: [{ line: 2, column: 7, endLine: 2, endColumn: 13, message: 'acl type \'myport\' is renamed \'localport\': Squid reads it under the new name', severity: 'info' }],
      output: `${head}acl p localport 3128\nhttp_access deny p\n`,
    },
    {
      name: "Squid's note fits: the message carries it",
      code: `${head}log_fqdn on\n`,
      errors: [{ line: 2, column: 1, endLine: 2, endColumn: 9, message: '"log_fqdn" is obsolete and ignored by Squid 5.7: remove this option from your config' }],
      output: head,
    },
    {
      name: 'an acronym keeps its capitals',
      code: `${head}server_http11 on\n`,
      errors: [{ line: 2, column: 1, message: '"server_http11" is obsolete and ignored by Squid 5.7: HTTP/1.1 is supported by default' }],
      output: head,
    },
    {
      name: 'Squid has no note on it: remove it',
      code: `${head}incoming_rate 1\n`,
      errors: [{ line: 2, column: 1, message: '"incoming_rate" is obsolete and ignored by Squid 5.7: remove it' }],
      output: head,
    },
    {
      name: 'a note of exactly 110 characters still fits',
      code: `${head}location_rewrite_children 5\n`,
      targets: { squid: '6.14' },
      errors: [{ line: 2, column: 1, message: '"location_rewrite_children" is obsolete and ignored by Squid 6.14: this option is not yet supported by Squid-3' }],
      output: head,
    },
    {
      name: 'fatal on 5.7, ignored on 7.6',
      code: `${head}log_access deny all\n`,
      targets: { squid: '7.6' },
      errors: [{ line: 2, column: 1, message: '"log_access" is obsolete and ignored by Squid 7.6: remove it' }],
      output: head,
    },
    {
      name: 'still applied, with a note that fits',
      code: `${head}sslproxy_cafile /etc/ssl/ca.pem\n`,
      errors: [{ line: 2, column: 1, message: '"sslproxy_cafile" is obsolete, but Squid 5.7 still applies it: use tls_outgoing_options cafile= instead', severity: 'info' }],
      output: null,
    },
    {
      name: 'still applied under its successor: no fix',
      code: `${head}url_rewrite_concurrency 10\n`,
      errors: [{ line: 2, column: 1, message: '"url_rewrite_concurrency" is obsolete, but Squid 5.7 still applies it', severity: 'info' }],
      output: null,
    },
  ],
});

test('severity: ignored lines warn, translated ones are info', () => {
  const r = lintCase('squid', [rule], { code: `${head}dns_v4_first on\nurl_rewrite_concurrency 10\nacl p myip 10.0.0.1\nacl manager proto cache_object\n` });
  expect(r.messages.map((m) => `${m.line} ${m.raw.severity}`)).toEqual(['2 warning', '3 info', '4 info', '5 warning']);
});
