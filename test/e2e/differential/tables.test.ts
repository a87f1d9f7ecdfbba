/**
 * The HAProxy and Squid parser verdict tables (issue 14: timer overflow, bad \x, ${…} errors, a
 * missing final LF, NUL bytes, Squid's `if` errors and its 8191-character line) were checked by
 * hand when written. Here every row goes through the real checker: `haproxy -c` (2.6.12) and
 * `squid -k parse` (5.7) must refuse what the table says the parser refuses, with the words and
 * the line the table quotes, and accept what it says is accepted. The unit tests
 * (test/dialects/{haproxy,squid}/parser.test.ts) run the same rows through proxylint's parsers.
 */
import { APACHE_ERRORS, APACHE_OFFSET, APACHE_PREAMBLE } from '../../dialects/apache/error-cases';
import { HAPROXY_ACCEPTED, HAPROXY_REJECTED } from '../../dialects/haproxy/line-reader-cases';
import { SQUID_ACCEPTED, SQUID_ERRORS, SQUID_LINE_LENGTHS, squidLongLine } from '../../dialects/squid/line-reader-cases';
import { apache, describeWithServer, haproxy, squid } from '../harness';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describeWithServer('haproxy', 'the haproxy parser table on the real haproxy -c', () => {
  test.each(HAPROXY_REJECTED)('%s: refused at that line, in those words', async (_name, text, line, _column, message) => {
    const v = await haproxy.check(text);
    expect(v.ok).toBe(false);
    // 2.6 prints "parsing [F:7] : msg" for most errors and "parsing [F:7]: msg" for the LF one.
    expect(v.output).toMatch(new RegExp(`parsing \\[[^\\]]*haproxy\\.cfg:${line}\\] ?: ${escape(message)}`));
  });

  test.each(HAPROXY_ACCEPTED)('%s: accepted', async (_name, text) => {
    const v = await haproxy.check(text);
    expect(v.output).not.toMatch(/ALERT/);
    // A config with no frontend: "no error but will not start (no listener) => exit(2)".
    expect(v.ok || /Configuration file has no error but will not start/.test(v.output)).toBe(true);
  });
});

/** The line Squid was reading when it stopped: the last `Processing: …` it logged. */
function lastProcessed(output: string): string | undefined {
  const all = [...output.matchAll(/\| Processing: (.*)$/gm)];
  return all.length ? all[all.length - 1][1] : undefined;
}

describeWithServer('squid', 'the squid parser table on the real squid -k parse', () => {
  test.each(SQUID_ERRORS)('%s: FATAL in those words, at that line', async (_name, text, message, line) => {
    const v = await squid.check(text);
    expect(v.ok).toBe(false);
    expect(v.output).toContain(`FATAL: ${message}`);
    // Squid names no line; it logs each line before it handles it. A missing endif is found at
    // the end of the file (proxylint points at the unclosed `if` instead).
    if (!/without 'endif'/.test(message)) expect(lastProcessed(v.output)).toBe(text.split('\n')[line - 1]);
  });

  test.each(SQUID_ACCEPTED)('%s: accepted', async (_name, config, logged) => {
    const v = await squid.check(config);
    expect(v.output).toContain(logged);
    expect(v.ok).toBe(true);
  });

  test.each(SQUID_LINE_LENGTHS)('a line of %d characters', async (len, at) => {
    const v = await squid.check('http_port 127.0.0.1:3128\n' + squidLongLine(len) + '\nhttp_access deny all\n');
    expect(v.ok).toBe(at === undefined);
    // Past 8191 the rest of the line is read as a line of its own, named by its first word.
    if (at) expect(v.output).toMatch(/squid\.conf\(3\): unrecognized: '[^']+'/);
  });
});

describeWithServer('apache', 'the apache syntax-error table on the real apache2 -t', () => {
  // The preamble's pid and error log go to the private prefix (same line count).
  const preamble = APACHE_PREAMBLE.replace(/\/tmp\//g, '@PREFIX@/');
  test.each(APACHE_ERRORS)('%j', async (snippet, expected) => {
    const v = await apache.check(preamble + snippet);
    if (expected === null) {
      expect(v.output).toBe('Syntax OK');
      return;
    }
    const [pos, ...words] = expected.split(' ');
    const line = Number(pos.split(':')[0]) + APACHE_OFFSET;
    const message = words.join(' ').replace(/line (\d+):/, (_m, n: string) => `line ${Number(n) + APACHE_OFFSET}:`);
    expect(v.ok).toBe(false);
    expect(v.output).toMatch(new RegExp(`Syntax error on line ${line} of `));
    // httpd names the file in nested messages ("F:8: <Files> was not closed.\nF:7: …"); the
    // table says "line 8: …" for the inner one.
    const said = v.output.replace(/\\n|\n/g, ' ').replace(/\S*httpd\.conf:(\d+): /g, (_m, n: string) => (Number(n) === line ? '' : `line ${n}: `));
    expect(said).toContain(message);
  });
});
