import type { Directive, Node } from '../../../src/core/ast';
import { positionAt } from '../../../src/core/positions';
import { sourceFromText } from '../../../src/core/source';
import { parseHaproxy } from '../../../src/dialects/haproxy/parser';
import { HAPROXY_ACCEPTED, HAPROXY_REJECTED } from './line-reader-cases';

function parse(text: string) {
  return parseHaproxy(sourceFromText('/t/haproxy.cfg', text));
}

function shape(n: Node): unknown {
  if (n.type === 'comment') return { comment: n.text, at: [n.start, n.end] };
  const raw: string[] = [];
  for (let i = 0; i < n.spans.length; i += 2) raw.push(n.file.text.slice(n.spans[i], n.spans[i + 1]));
  const out: Record<string, unknown> = { name: n.name, args: n.args, raw, at: [n.start, n.end] };
  if (n.children) out.children = n.children.map(shape);
  return out;
}

describe('haproxy parser', () => {
  const table: Array<[string, string, unknown[]]> = [
    ['multi-word keyword: first word is the name', 'timeout tunnel 1h\n', [{ name: 'timeout', args: ['tunnel', '1h'], raw: ['timeout', 'tunnel', '1h'], at: [0, 17] }]],
    ['# inside a word starts a comment', 'default_backend b#x\n', [{ name: 'default_backend', args: ['b'], raw: ['default_backend', 'b'], at: [0, 17] }, { comment: 'x', at: [17, 19] }]],
    ['escaped # and space', 'a b\\#c d\\ e\n', [{ name: 'a', args: ['b#c', 'd e'], raw: ['a', 'b\\#c', 'd\\ e'], at: [0, 11] }]],
    ['double quotes with escapes and an env var kept', 'x "a \\"b\\" ${HOME}"\n', [{ name: 'x', args: ['a "b" ${HOME}'], raw: ['x', '"a \\"b\\" ${HOME}"'], at: [0, 19] }]],
    ['single quotes are literal', "x 'a \\n #b'\n", [{ name: 'x', args: ['a \\n #b'], raw: ['x', "'a \\n #b'"], at: [0, 11] }]],
    ['quotes mid-word join', 'x a"b c"d\n', [{ name: 'x', args: ['ab cd'], raw: ['x', 'a"b c"d'], at: [0, 9] }]],
    ['no line continuation: a trailing backslash is literal', 'x a\\\n b\n', [
      { name: 'x', args: ['a\\'], raw: ['x', 'a\\'], at: [0, 4] },
      { name: 'b', args: [], raw: ['b'], at: [6, 7] },
    ]],
    ['hex escape', 'x \\x41\n', [{ name: 'x', args: ['A'], raw: ['x', '\\x41'], at: [0, 6] }]],
  ];
  for (const [title, text, want] of table) {
    it(title, () => {
      const r = parse(text);
      expect(r.error).toBeUndefined();
      expect(r.nodes.map(shape)).toEqual(want);
    });
  }

  it('sections are blocks holding the lines up to the next section keyword', () => {
    const text = '# top\nglobal\n  daemon\n\n# about defaults\ndefaults web # named\n  mode http\nfrontend f from web\n  bind :80\n';
    const r = parse(text);
    expect(r.nodes.map((n) => (n.type === 'comment' ? '#' : `${n.name}(${(n.children ?? []).map((k) => (k.type === 'comment' ? '#' : (k as Directive).name)).join(',')})`))).toEqual([
      '#',
      'global(daemon,#)',
      'defaults(#,mode)',
      'frontend(bind)',
    ]);
    const g = r.nodes[1] as Directive;
    expect([g.start, g.bodyStart, g.bodyEnd, g.end]).toEqual([6, 12, text.indexOf('# about defaults') + 16, text.indexOf('# about defaults') + 16]);
    const d = r.nodes[2] as Directive;
    expect(d.args).toEqual(['web']);
    expect((d.children![1] as Directive).parent).toBe(d);
  });

  it('unmatched quote: haproxy\'s words and position', () => {
    const r = parse('frontend f\n bind :8080\ndefault_backend "b\n');
    expect(r.error?.message).toBe('unmatched quote at position 17');
    expect(positionAt(r.error!.file, r.error!.offset)).toEqual({ line: 3, column: 17 });
  });
});

/**
 * What `haproxy -c` (2.6.12) rejects at the line reader, with its words, line and position (the
 * rows are run through the real haproxy -c by test/e2e/differential/tables.test.ts).
 */
describe('haproxy -c line-reader errors (issue 14)', () => {
  it.each(HAPROXY_REJECTED)('%s', (_name, text, line, column, message) => {
    const r = parseHaproxy(sourceFromText('/x/haproxy.cfg', text));
    expect(r.error && { message: r.error.message, ...positionAt(r.error.file, r.error.offset) }).toEqual({ message, line, column });
  });

  // The parser looks for the next NUL once and again only after passing it (a search per line
  // was quadratic): the first NUL is found however many lines come before it, on its own line.
  it.each([
    ['after 2,000 lines', 'backend b\n' + '    server s 127.0.0.1:3000\n'.repeat(2000) + '    # a\0b\n', 2002, 8],
    ['the first of two, far apart', 'backend b\n    server s1 127.0.0.1:3000 \0x\n' + '    server s 127.0.0.1:3000\n'.repeat(500) + '\0\n', 2, 30],
    ['on the first line', '\0backend b\n' + '    server s 127.0.0.1:3000\n'.repeat(3), 1, 1],
  ] as const)('a NUL %s', (_name, text, line, column) => {
    const r = parseHaproxy(sourceFromText('/x/haproxy.cfg', text));
    expect(r.error && { message: r.error.message, ...positionAt(r.error.file, r.error.offset) }).toEqual({
      message: `Missing LF on last line, file might have been truncated at position ${column}.`,
      line,
      column,
    });
  });

  it('a 60,000-line file without NUL parses in linear time (no error)', () => {
    const text = 'backend b\n' + '    server s 127.0.0.1:3000\n'.repeat(60000);
    expect(parseHaproxy(sourceFromText('/x/haproxy.cfg', text)).error).toBeUndefined();
  });

  it.each(HAPROXY_ACCEPTED)('%s is accepted', (_name, text) => {
    expect(parseHaproxy(sourceFromText('/x/haproxy.cfg', text)).error).toBeUndefined();
  });
});
