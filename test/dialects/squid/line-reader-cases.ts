/**
 * Squid 5.7 parser errors and its line-length limit, one table for two tests:
 * test/dialects/squid/parser.test.ts (the parser gives these errors) and
 * test/e2e/differential/tables.test.ts (the real `squid -k parse` refuses each config).
 */

/** [name, config, proxylint's message (Squid's words), line]. */
export const SQUID_ERRORS: Array<[string, string, string, number]> = [
  ['endif without if', 'http_port 3128\nendif\n', "'endif' without 'if'", 2],
  ['else without if', 'else\n', "'else' without 'if'", 1],
  ['if without endif (at the if)', 'http_port 1\nif true\nhttp_port 2\n', "if-statement without 'endif'", 2],
  ['a comment is not allowed after if', 'if true # x\nendif\n', "Unable to evaluate expression 'true # x'", 1],
  ['not a number', 'if 1 = x\nendif\n', "String is not a integer number: 'x'", 1],
  ['bare number', 'if 1\nendif\n', "Unable to evaluate expression '1'", 1],
  ['evaluated even in a false branch', 'if false\nif zzz\nendif\nendif\n', "Unable to evaluate expression 'zzz'", 2],
];

/**
 * Squid's line reader (fgets into BUFSIZ, 8192): 8191 characters are one line, 8192 split and
 * the rest is read as a line of its own (observed on 5.7: `squid -k parse` exit 1,
 * "unrecognized: 'x'" for the last character of a long acl line). Issue 14.
 * [length of line 2, where proxylint reports (undefined: accepted)].
 */
export const SQUID_LINE_LENGTHS: Array<[number, { line: number; column: number } | undefined]> = [
  [8191, undefined],
  [8192, { line: 2, column: 8192 }],
  [20000, { line: 2, column: 8192 }],
];

/** An `acl x dstdomain a0.example a1.example …` line of exactly `len` characters. */
export function squidLongLine(len: number): string {
  let l = 'acl x dstdomain';
  for (let i = 0; l.length < len; i++) l += ` a${i}.example`;
  return l.slice(0, len).replace(/[.-]$/, 'x');
}

/**
 * [name, config, what squid -k parse logs]: configs Squid 5.7 accepts (exit 0) that proxylint
 * once called fatal; found by the differential fuzz (test/e2e/differential/fuzz.test.ts).
 */
export const SQUID_ACCEPTED: Array<[string, string, string]> = [
  [
    'an access line whose action is not exactly allow or deny is dropped; its acl names are never looked up',
    "http_port 127.0.0.1:3128\nhttp_access Deny nosuch1\nrequest_header_access Upgrade Allow nosuch2\nhttp_upgrade_request_protocols websocket permit nosuch3\nhttp_access allow' 'localhost\nhttp_access deny all\n",
    "aclParseAccessLine: expecting 'allow' or 'deny', got 'Deny'.",
  ],
  [
    'a quoted word in an acl list names a file of acl names: unreadable, it is skipped',
    'http_port 127.0.0.1:3128\nhttp_access deny "CONNECT !SSL_ports\nhttp_access deny \'nosuch\nhttp_access deny all "nosuch2"\nhttp_access deny all\n',
    'ERROR: Can not open file CONNECT for reading',
  ],
  [
    'a NUL ends the physical line: the rest up to the line feed is dropped, a backslash before it still continues',
    'http_port 127.0.0.1:3128\nacl x port 1 \\\0junk\n2\nhttp_access deny CONNECT\0 !nosuch\nhttp_access deny x\nhttp_access deny all\0 x\n',
    'Processing: acl x port 1 2',
  ],
  [
    'a CR anywhere ends the physical line too (the line is cut at its first CR)',
    'http_port 127.0.0.1:3128\nhttp_access\r deny nosuch\nhttp_access deny\rnosuch2\nacl y port 1 \\\r\n2\nhttp_access deny y\nhttp_access deny all\n',
    "aclParseAccessLine: missing 'allow' or 'deny'.",
  ],
  [
    'one acl name with two types in the two branches of a per-kid if: no kid reads both',
    'http_port 127.0.0.1:3128\nif ${process_number} = 1\nacl fz port 1\nelse\nacl fz method GET\nendif\nhttp_access deny fz\nhttp_access deny all\n',
    'Processing: acl fz method GET',
  ],
];
