/**
 * What `haproxy -c` (2.6.12) rejects at the line reader, with its words, line and position, and
 * near misses it accepts. One table for two tests: test/dialects/haproxy/parser.test.ts (the
 * parser gives these errors) and test/e2e/differential/tables.test.ts (the real haproxy -c does).
 */
const HEAD = 'defaults\n    mode http\n    timeout connect 5s\n    timeout client 50s\n    timeout server 50s\nbackend b\n';
const S = '    server s 127.0.0.1:3000\n';

/** [name, config, line, column, haproxy -c's message]. */
const words = (n: number, w = 'w') => Array.from({ length: n }, (_, i) => `${w}${i}`).join(' ');

export const HAPROXY_REJECTED: Array<[string, string, number, number, string]> = [
  ['timer overflow', HEAD + '    timeout tunnel 25d\n' + S, 7, 20, "timer overflow in argument '25d' to 'timeout tunnel' (maximum value is 2147483647 ms or ~24.8 days)"],
  ['timer overflow, bare ms', HEAD + '    timeout tunnel 2147483648\n' + S, 7, 20, "timer overflow in argument '2147483648' to 'timeout tunnel' (maximum value is 2147483647 ms or ~24.8 days)"],
  ['bad \\x in quotes', HEAD + '    http-request set-header X "\\xZZ"\n' + S, 7, 32, 'truncated or invalid hexadecimal sequence at position 32'],
  ['bad \\x unquoted', HEAD + '    http-request set-header X \\xZZ\n' + S, 7, 31, 'truncated or invalid hexadecimal sequence at position 31'],
  ['short \\x', HEAD + '    http-request set-header X "\\x4"\n' + S, 7, 32, 'truncated or invalid hexadecimal sequence at position 32'],
  ['${ unclosed', HEAD + '    http-request set-header X "${FOO"\n' + S, 7, 33, 'unmatched brace in environment variable name at position 33'],
  ['${VAR:-x} (2.6 has no :-)', HEAD + '    http-request set-header X "${FOO:-bar}"\n' + S, 7, 33, 'unmatched brace in environment variable name at position 33'],
  ['${}', HEAD + '    http-request set-header X "${}"\n' + S, 7, 34, 'forbidden first char in environment variable name at position 34'],
  ['$ anchor inside double quotes', HEAD + '    acl x path_reg "^/ws$"\n' + S, 7, 26, 'forbidden first char in environment variable name at position 26'],
  ['no LF on the last line', HEAD + S.trimEnd(), 7, 28, 'Missing LF on last line, file might have been truncated at position 28.'],
  // found by the differential fuzz (test/e2e/differential/fuzz.test.ts)
  ['65 words', 'global ' + words(70) + '\n', 1, 246, 'too many words, truncating after word 64, position 246: <w62>.'],
  ['65 words, position counted on the unquoted words', HEAD + '    acl a path_beg "/a b" ' + words(62) + '\n' + S, 7, 253, 'too many words, truncating after word 64, position 247: <w59>.'],
  ['lone .endif', HEAD + '.endif\n' + S, 7, 1, "lone '.endif' with no matching '.if'."],
  ['lone .else', HEAD + '.else\n' + S, 7, 1, "lone '.else' with no matching '.if'."],
  ['.else after .else', HEAD + '.if defined(HOME)\n.else\n.else\n.endif\n' + S, 9, 1, "'.else' after '.else' is not permitted."],
  ['.elif after .else', HEAD + '.if defined(HOME)\n.else\n.elif defined(X)\n.endif\n' + S, 9, 1, "'.elif' after '.else' is not permitted."],
  ['.if never closed: at the last line read', HEAD + '.if defined(HOME)\n' + S + '# end\n\n', 10, 1, "non-terminated '.if' block."],
  ['NUL ends the line', HEAD + S + '    # a\0b\n', 8, 8, 'Missing LF on last line, file might have been truncated at position 8.'],
];

/** [name, config]: haproxy -c accepts these. */
export const HAPROXY_ACCEPTED: Array<[string, string]> = [
  ['64 words', HEAD + '    acl a path_beg ' + words(61, '/p') + '\n' + S],
  ['.if / .elif / .else / .endif, nested', HEAD + '.if defined(HOME)\n.if defined(X)\n.endif\n.elif defined(X)\n.else\n.endif\n' + S],
  ['timeout tunnel 24d', HEAD + '    timeout tunnel 24d\n' + S],
  ['timeout tunnel 2147483647ms', HEAD + '    timeout tunnel 2147483647ms\n' + S],
  ['${VAR-default}', HEAD + '    http-request set-header X "${FOO-x}"\n' + S],
  ['escaped \\$ and single-quoted ${', HEAD + '    http-request set-header X "a\\$b"\n    http-request set-header Y \'${FOO\'\n' + S],
  ['$ outside quotes', HEAD + '    http-request set-header X ${FOO\n' + S],
  ['CRLF endings', (HEAD + S).replace(/\n/g, '\r\n')],
];
