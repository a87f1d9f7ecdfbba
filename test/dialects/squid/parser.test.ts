import type { Directive, Node } from '../../../src/core/ast';
import { positionAt } from '../../../src/core/positions';
import { sourceFromText } from '../../../src/core/source';
import { parseSquid } from '../../../src/dialects/squid/parser';
import { SQUID_ERRORS, SQUID_LINE_LENGTHS, squidLongLine } from './line-reader-cases';

function parse(text: string) {
  return parseSquid(sourceFromText('/t/squid.conf', text));
}

/** name, args and the raw text of every span, for compact exact-offset tables. */
function shape(n: Node): unknown {
  if (n.type === 'comment') return { comment: n.text, at: [n.start, n.end] };
  const raw: string[] = [];
  for (let i = 0; i < n.spans.length; i += 2) raw.push(n.file.text.slice(n.spans[i], n.spans[i + 1]));
  const out: Record<string, unknown> = { name: n.name, args: n.args, raw, at: [n.start, n.end] };
  if (n.children) out.children = n.children.map(shape);
  return out;
}

describe('squid parser', () => {
  const table: Array<[string, string, unknown[]]> = [
    ['plain directive', 'http_port 3128\n', [{ name: 'http_port', args: ['3128'], raw: ['http_port', '3128'], at: [0, 14] }]],
    ['leading blanks and CRLF', '  acl a port 80\r\n', [{ name: 'acl', args: ['a', 'port', '80'], raw: ['acl', 'a', 'port', '80'], at: [2, 15] }]],
    ['comment line', '# hello\n', [{ comment: ' hello', at: [0, 7] }]],
    ['indented comment', '\t#x\n', [{ comment: 'x', at: [1, 3] }]],
    [
      '# at a token start ends the line',
      'acl a port 80 # c\n',
      [{ name: 'acl', args: ['a', 'port', '80'], raw: ['acl', 'a', 'port', '80'], at: [0, 13] }, { comment: ' c', at: [14, 17] }],
    ],
    ['# inside a token is text (squid rejects 80#c as a number)', 'acl a port 80#c\n', [{ name: 'acl', args: ['a', 'port', '80#c'], raw: ['acl', 'a', 'port', '80#c'], at: [0, 15] }]],
    [
      'quoted acl file keeps its quotes in the span',
      'acl a dstdomain "/etc/squid/d s.txt"\n',
      [{ name: 'acl', args: ['a', 'dstdomain', '/etc/squid/d s.txt'], raw: ['acl', 'a', 'dstdomain', '"/etc/squid/d s.txt"'], at: [0, 36] }],
    ],
    ['escaped quote', 'note k "a \\" b"\n', [{ name: 'note', args: ['k', 'a " b'], raw: ['note', 'k', '"a \\" b"'], at: [0, 15] }]],
    [
      'continuation joins with no separator; comment lines skipped',
      'acl a port 80 \\\n# hi\n  81\\\n82\n',
      [
        { name: 'acl', args: ['a', 'port', '80', '8182'], raw: ['acl', 'a', 'port', '80', '81\\\n82'], at: [0, 29] },
        { comment: ' hi', at: [16, 20] },
      ],
    ],
    ['a NUL ends the physical line (fgets: squid never sees the rest)', 'acl a port 80\0 81\nacl b port 1 \\\0x\n2\n', [
      { name: 'acl', args: ['a', 'port', '80'], raw: ['acl', 'a', 'port', '80'], at: [0, 13] },
      { name: 'acl', args: ['b', 'port', '1', '2'], raw: ['acl', 'b', 'port', '1', '2'], at: [18, 36] },
    ]],
    ['a CR inside a line ends it too (squid cuts the line at its first CR)', 'acl a port 80\r 81\n', [
      { name: 'acl', args: ['a', 'port', '80'], raw: ['acl', 'a', 'port', '80'], at: [0, 13] },
    ]],
    ['blank after the backslash is no continuation', 'acl a port 80 \\ \n81\n', [
      { name: 'acl', args: ['a', 'port', '80', '\\'], raw: ['acl', 'a', 'port', '80', '\\'], at: [0, 15] },
      { name: '81', args: [], raw: ['81'], at: [17, 19] },
    ]],
  ];
  for (const [title, text, want] of table) {
    it(title, () => {
      const r = parse(text);
      expect(r.nodes.map(shape)).toEqual(want);
    });
  }

  it('an unknown directive is no parse error (squid reads on; squid/unknown-directive reports it)', () => {
    const r = parse('http_port 3128\nfoo bar\nif false\nbar\nendif\n');
    expect(r.error).toBeUndefined();
    expect(r.nodes.map((n) => (n as Directive).name)).toEqual(['http_port', 'foo', 'if']);
  });

  it('an alias is keyed by the directive it stands for (cf.data.pre NAME: lines)', () => {
    const r = parse('persistent_request_timeout 1 minute\nhttp_access2 allow all\nhttp_access allow all\n');
    expect(r.nodes.map((n) => [(n as Directive).name, (n as Directive).key])).toEqual([
      ['persistent_request_timeout', 'client_idle_pconn_timeout'],
      ['http_access2', 'adapted_http_access'],
      ['http_access', 'http_access'],
    ]);
  });

  it('if/else/endif is a block with the else-branch as a child block', () => {
    const text = 'if ${process_number} = 1\nacl a port 1\nelse\nacl a port 2\nendif\n';
    const r = parse(text);
    expect(r.error).toBeUndefined();
    const d = r.nodes[0] as Directive;
    expect(d.name).toBe('if');
    expect(d.args).toEqual(['${process_number}', '=', '1']);
    expect([d.start, d.bodyStart, d.bodyEnd, d.end]).toEqual([0, 24, text.indexOf('endif'), text.indexOf('endif') + 5]);
    expect(d.children!.map((k) => (k as Directive).name)).toEqual(['acl', 'else']);
    const e = d.children![1] as Directive;
    expect(e.children!.map((k) => (k as Directive).args[2])).toEqual(['2']);
    expect(e.parent).toBe(d);
  });

  for (const [title, text, message, line] of SQUID_ERRORS) {
    it(`error: ${title}`, () => {
      const r = parse(text);
      expect(r.error?.message).toBe(message);
      expect(positionAt(r.error!.file, r.error!.offset).line).toBe(line);
    });
  }
});

/** Squid's 8191-character line (the rows are run through squid -k parse by test/e2e/differential/tables.test.ts). */
describe('squid line-length limit', () => {
  const HEAD = 'http_port 3128\n';
  it.each(SQUID_LINE_LENGTHS)('%d characters', (len, at) => {
    const r = parseSquid(sourceFromText('/x/squid.conf', HEAD + squidLongLine(len) + '\n'));
    expect(r.error && { message: r.error.message, ...positionAt(r.error.file, r.error.offset) }).toEqual(
      at && { message: 'line longer than 8191 characters: Squid reads the rest, from here, as a line of its own', ...at },
    );
  });

  it('a continued physical line is measured on its own', () => {
    const r = parseSquid(sourceFromText('/x/squid.conf', HEAD + 'acl x dstdomain \\\n' + squidLongLine(8192) + '\n'));
    expect(r.error && positionAt(r.error.file, r.error.offset)).toEqual({ line: 3, column: 8192 });
  });
});
