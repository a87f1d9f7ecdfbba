/**
 * nginx's 4 KB token limit (ngx_conf_read_token, NGX_CONF_BUFFER = 4096): a table of both sides
 * of the limit, shared by the parser test (exact line and column) and the e2e test that runs
 * the same lines through the real `nginx -t` (verdict, words and line).
 *
 * `line` is one directive line inside `http { … }`; `tail` is text after the http block (a last
 * line without a newline). `error` is nginx's message, `at` proxylint's [line, column] in the
 * file `http {\n    <line>\n}\n<tail>`.
 */
export interface TokenLimitCase {
  name: string;
  line: string;
  tail?: string;
  error?: string;
  at?: [number, number];
}

const a = (n: number) => 'a'.repeat(n);
const STARTED = 'too long parameter "aaaaaaaaaa..." started';

export const TOKEN_LIMIT_CASES: TokenLimitCase[] = [
  { name: 'unquoted, 4095 bytes before ;', line: `add_header X-A ${a(4095)};` },
  { name: 'unquoted, 4096 bytes before ;', line: `add_header X-A ${a(4096)};`, error: STARTED, at: [2, 20] },
  { name: 'unquoted, 4094 bytes before a space', line: `add_header X-A ${a(4094)} ;` },
  { name: 'unquoted, 4095 bytes before a space (the character after the space counts)', line: `add_header X-A ${a(4095)} ;`, error: STARTED, at: [2, 20] },
  { name: 'double-quoted, 4094 bytes before ";', line: `add_header X-A "${a(4094)}";` },
  { name: 'double-quoted, 4095 bytes: the closing quote fits, the ; does not', line: `add_header X-A "${a(4095)}";`, error: STARTED, at: [2, 20] },
  { name: 'double-quoted, 4096 bytes: the closing quote does not fit', line: `add_header X-A "${a(4096)}";`, error: 'too long parameter, probably missing terminating """ character', at: [2, 20] },
  { name: 'double-quoted, 4093 bytes before " ;', line: `add_header X-A "${a(4093)}" ;` },
  { name: 'double-quoted, 4094 bytes before " ;', line: `add_header X-A "${a(4094)}" ;`, error: STARTED, at: [2, 20] },
  { name: "single-quoted, 4094 bytes before ';", line: `add_header X-A '${a(4094)}';` },
  { name: "single-quoted, 4096 bytes", line: `add_header X-A '${a(4096)}';`, error: `too long parameter, probably missing terminating "'" character`, at: [2, 20] },
  {
    name: 'an unterminated quote spanning lines is reported at the line it opened',
    line: `add_header X-A "${a(100)}\n${a(4000)}";`,
    error: 'too long parameter, probably missing terminating """ character',
    at: [2, 20],
  },
  { name: 'comment, 4095 bytes from # to the newline', line: `#${a(4094)}` },
  { name: 'comment, 4096 bytes from # to the newline', line: `#${a(4095)}`, error: 'too long parameter "#aaaaaaaaa..." started', at: [2, 5] },
  { name: 'last line, a comment of 4096 bytes and no newline (the end of the file comes first)', line: 'add_header X-A b;', tail: `#${a(4095)}` },
  { name: 'last line, a comment of 4097 bytes and no newline', line: 'add_header X-A b;', tail: `#${a(4096)}`, error: 'too long parameter "#aaaaaaaaa..." started', at: [4, 1] },
  { name: 'bytes, not characters: 2047 two-byte characters and one more byte', line: `add_header X-A ${'é'.repeat(2047)}a;` },
  { name: 'bytes, not characters: 2048 two-byte characters', line: `add_header X-A ${'é'.repeat(2048)};`, error: 'too long parameter "ééééé..." started', at: [2, 20] },
];

export function tokenLimitText(c: TokenLimitCase): string {
  return `http {\n    ${c.line}\n}\n${c.tail ?? ''}`;
}
