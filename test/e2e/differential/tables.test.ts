/**
 * The HAProxy and Squid parser verdict tables (issue 14: timer overflow, bad \x, ${…} errors, a
 * missing final LF, NUL bytes, Squid's `if` errors and its 8191-character line) were checked by
 * hand when written. Here every row goes through the real checker: `haproxy -c` (2.6.12) and
 * `squid -k parse` (5.7) must refuse what the table says the parser refuses, with the words and
 * the line the table quotes, and accept what it says is accepted. The unit tests
 * (test/dialects/{haproxy,squid}/parser.test.ts) run the same rows through proxylint's parsers.
 */
import { HAPROXY_ACCEPTED, HAPROXY_REJECTED } from '../../dialects/haproxy/line-reader-cases';
import { SQUID_ERRORS, SQUID_LINE_LENGTHS, squidLongLine } from '../../dialects/squid/line-reader-cases';
import { describeWithServer, haproxy, squid } from '../harness';

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

  test.each(SQUID_LINE_LENGTHS)('a line of %d characters', async (len, at) => {
    const v = await squid.check('http_port 127.0.0.1:3128\n' + squidLongLine(len) + '\nhttp_access deny all\n');
    expect(v.ok).toBe(at === undefined);
    // Past 8191 the rest of the line is read as a line of its own, named by its first word.
    if (at) expect(v.output).toMatch(/squid\.conf\(3\): unrecognized: '[^']+'/);
  });
});
