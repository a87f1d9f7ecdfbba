/**
 * Encodings the servers cannot read, diagnosed by name instead of as a puzzling syntax error.
 * Checked on the real servers (nginx -t, apache2 -t, squid -k parse, haproxy -c, Debian 12):
 * none skips a UTF-8 byte order mark; each reads it as part of the first word and fails
 * ("unknown directive", "Invalid command", "unrecognized", "unknown keyword"), even before a
 * comment. A UTF-16 file (Windows editors' "Unicode") fails the same way, on its first bytes.
 */
import type { DialectName } from './ast';

const READS: Record<DialectName, string> = {
  nginx: 'nginx reads it as part of the first directive ("unknown directive"; nginx -t fails)',
  apache: 'httpd reads it as part of the first line ("Invalid command"; apache2 -t fails)',
  squid: 'squid reads it as part of the first line ("unrecognized"; squid -k parse fails)',
  haproxy: 'haproxy reads it as part of the first keyword ("unknown keyword"; haproxy -c fails)',
};

/** The problem with the file's encoding for `server`, or undefined. `text` is as decoded by source.ts. */
export function encodingProblem(text: string, server: DialectName): string | undefined {
  if (text.charCodeAt(0) === 0xfeff) return `the file starts with a UTF-8 byte order mark: ${READS[server]}; save it without one`;
  // Invalid UTF-8 is decoded as Latin-1: a UTF-16 BOM shows as ÿþ / þÿ.
  const utf16 = text.startsWith('\u00ff\u00fe') || text.startsWith('\u00fe\u00ff') || /^(?:[\x01-\x7f]\0){2}|^(?:\0[\x01-\x7f]){2}/.test(text);
  if (utf16) return `the file is UTF-16, which ${server === 'apache' ? 'httpd' : server} cannot read; save it as UTF-8 (or ASCII)`;
  return undefined;
}
