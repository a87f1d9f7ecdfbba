/**
 * Grammar-aware mutations for the differential fuzz: real configs (the e2e fixtures the servers
 * run) changed where each dialect's reader makes decisions — quotes, escapes, braces and
 * sections, comments, continuation lines, variables, long tokens, odd bytes, include and glob
 * forms, conditionals — one to three edits per case, from a fixed seed.
 *
 * Lines that point the server at its prefix (pid, logs, temp paths, listen) are never edited, so
 * a mutated config cannot make a checker write outside its temp prefix; edits land on the other
 * lines, at word boundaries or inside words.
 */
import type { DialectName } from '../../../src/core/ast';

export type Rand = () => number;

const pick = <T>(rand: Rand, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

/** Pieces each reader treats specially (inserted at a word boundary or inside a word). */
const PIECES: Record<DialectName, readonly string[]> = {
  nginx: [
    '"', "'", '\\', '\\"', '{', '}', ';', '#', ' # c', '$x', '${x}', '${', '$', '"${host}"', "'a b'", '"a;b"', '"a}b"', 'a#b',
    '\n', '\t', '\r', '\u0000', '\u00a0', '\ufeff', '\u000b', '\\\n', '"\n"', '*', '$1', '^~', '~*', '@x', 'include',
  ],
  apache: [
    '"', "'", '\\', '\\\n', '\\\\', '#', ' #c', '<', '>', '</', '${NOPE}', '${APACHE_RUN_USER}', '$', '%{HTTP:Upgrade}',
    '\t', '\r', '\u0000', '\u000b', '\u00a0', '\ufeff', '"a b"', "'a b'", '\\"', '*', '[P,L]', 'On',
  ],
  squid: [
    '"', '\\', '\\\n', '#', ' #c', '${process_number}', '${service_name}', '${', '$', '"a b"', '\\"', '\t', '\r', '\u000b',
    '\u000c', '\u0000', '\u00a0', '\ufeff', 'all', '!', '*',
  ],
  haproxy: [
    '"', "'", '\\', '\\ ', '\\#', '\\x41', '\\xZZ', '\\x4', '#', ' #c', '"${HOME}"', '"${X"', '"$"', '"${X-d}"', '"${X[*]}"',
    '"a\\$b"', "'${X'", '\\"', '\t', '\r', '\u0000', '\u000b', '\u00a0', '\ufeff', '"a b"', "a'b c'd",
  ],
};

/** Whole lines each reader handles specially (inserted between lines). */
const LINES: Record<DialectName, readonly string[]> = {
  nginx: [
    'include /nonexistent/proxylint-fuzz/*.conf;',
    'include proxylint-fuzz-missing.conf;',
    'location /z { return 204; }',
    'if ($http_upgrade) { return 204; }',
    'map $http_upgrade $fz { default 0; }',
    'content_by_lua_block { ngx.say("}") }',
    'set $fz "a";',
    'add_header X-Fz "${fz}";',
    'types { text/plain txt; }',
    '}',
    '{',
    'server_name "a b" \'c\' d\\ e;',
    '# proxylint-disable-next-line',
  ],
  apache: [
    'IncludeOptional /nonexistent/proxylint-fuzz/*.conf',
    'Include /nonexistent/proxylint-fuzz/x.conf',
    '<IfModule mod_nope.c>',
    '</IfModule>',
    '<IfModule !mod_nope.c>\nServerAdmin a@b\n</IfModule>',
    '<IfDefine !NOPE>',
    '</IfDefine>',
    '<Location /z>',
    '</Location>',
    '<Location /z>\n</Location>',
    '<VirtualHost *:1>',
    '</VirtualHost>',
    'Define FZ on',
    'ServerAdmin ${FZ}',
    '<IfVersion >= 2.4>\n</IfVersion>',
    'RewriteCond %{HTTP:Upgrade} =websocket [NC]',
  ],
  squid: [
    'if ${process_number} = 1',
    'if true',
    'if false',
    'else',
    'endif',
    'if ${process_number} = 1\nacl fz port 1\nelse\nacl fz port 2\nendif',
    'include /nonexistent/proxylint-fuzz/*.conf',
    'acl fz port 80',
    'acl fz dstdomain "a b"',
    'http_access allow fz',
    'no_such_directive on',
  ],
  haproxy: [
    '.if defined(FZ)',
    '.else',
    '.endif',
    '.if defined(HOME)\n.endif',
    '.diag "fz"',
    'backend fz',
    'frontend fz2',
    'listen fz3',
    '    timeout tunnel 99999999d',
    '    timeout tunnel 24d',
    '    http-request set-header X-Fz "a\\x41${HOME}"',
    '    acl fz path_beg /ws',
    'defaults fzd',
    'userlist fzu',
  ],
};

/** Lines the checker needs as they are (where it writes, where it listens). */
const PROTECTED = /@PREFIX@|@PORT@|@BACKEND_PORT@|_temp_path|\b(pid|pidfile|pid_filename|error_log|errorlog|access_log|customlog|cache_log|coredump_dir|defaultruntimedir|listen|http_port|bind|server|user|group|cache_effective_user|loadmodule)\b/i;

function longToken(rand: Rand, dialect: DialectName): string {
  // Lengths around each reader's limits: nginx's 4096-byte token (NGX_CONF_BUFFER), httpd's
  // 8192-byte line (MAX_STRING_LEN), Squid's 8191-char line (BUFSIZ), HAProxy's 64 words.
  const lengths = { nginx: [4094, 4095, 4096, 4097, 5000], apache: [8180, 8190, 8200], squid: [8150, 8191, 8200], haproxy: [2000, 3000] }[dialect];
  return 'a'.repeat(pick(rand, lengths));
}

/** Word boundaries (start and end offsets of runs of non-blanks) within [from, to). */
function boundaries(text: string, from: number, to: number): number[] {
  const out = [from, to];
  for (let i = from; i < to; i++) {
    const blank = /\s/.test(text[i]);
    const prevBlank = i === from || /\s/.test(text[i - 1]);
    if (blank !== prevBlank) out.push(i);
  }
  return out;
}

/** One to three edits of `text`, on lines PROTECTED does not name. */
export function mutateConfig(text: string, dialect: DialectName, rand: Rand): string {
  let out = text;
  const edits = 1 + Math.floor(rand() * 3);
  for (let e = 0; e < edits; e++) {
    const lines = out.split('\n');
    const free = lines.map((l, i) => [l, i] as const).filter(([l]) => !PROTECTED.test(l)).map(([, i]) => i);
    if (!free.length) break;
    const li = pick(rand, free);
    const line = lines[li];
    const op = rand();
    if (op < 0.3) {
      // a special piece at a word boundary or inside a word
      const spots = rand() < 0.6 ? boundaries(line, 0, line.length) : [Math.floor(rand() * (line.length + 1))];
      const at = pick(rand, spots);
      lines[li] = line.slice(0, at) + pick(rand, PIECES[dialect]) + line.slice(at);
    } else if (op < 0.45) {
      lines.splice(li + (rand() < 0.5 ? 0 : 1), 0, pick(rand, LINES[dialect]));
    } else if (op < 0.55) {
      // quote a word
      const b = boundaries(line, 0, line.length).sort((x, y) => x - y);
      const i = Math.floor(rand() * Math.max(1, b.length - 1));
      const q = pick(rand, ['"', "'"]);
      lines[li] = line.slice(0, b[i]) + q + line.slice(b[i], b[i + 1]) + q + line.slice(b[i + 1]);
    } else if (op < 0.65) {
      // delete a few characters
      const at = Math.floor(rand() * (line.length + 1));
      lines[li] = line.slice(0, at) + line.slice(at + 1 + Math.floor(rand() * 4));
    } else if (op < 0.72) {
      lines.splice(li, 1);
    } else if (op < 0.78) {
      lines.splice(li, 0, line);
    } else if (op < 0.84) {
      const at = pick(rand, boundaries(line, 0, line.length));
      lines[li] = line.slice(0, at) + ' ' + longToken(rand, dialect) + ' ' + line.slice(at);
    } else if (op < 0.9) {
      // a trailing comment, or a continuation onto the next line
      lines[li] = line + pick(rand, [' # c', '#c', ' \\', '\\', ' ;', '\\ ']);
    } else if (op < 0.95) {
      // many words (HAProxy's 64-word limit, nginx's argument counts)
      lines[li] = line + ' w'.repeat(60 + Math.floor(rand() * 10));
    } else {
      // the end of the file: no final newline, or a lone piece
      out = lines.join('\n');
      out = rand() < 0.5 ? out.replace(/\n+$/, '') : out + pick(rand, PIECES[dialect]);
      continue;
    }
    out = lines.join('\n');
  }
  return out;
}
