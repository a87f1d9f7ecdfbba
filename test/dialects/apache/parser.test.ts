import type { Comment, Directive, Node } from '../../../src/core/ast';
import { sourceFromText } from '../../../src/core/source';
import { dialect } from '../../../src/dialects/apache/index';

function parse(text: string) {
  return dialect.parse(sourceFromText('/t/httpd.conf', text));
}

/** The raw text each span covers: [name, arg0, arg1, ...]. */
function spanTexts(d: Directive): string[] {
  const out: string[] = [];
  for (let k = 0; k < d.spans.length; k += 2) out.push(d.file.text.slice(d.spans[k], d.spans[k + 1]));
  return out;
}

function only(nodes: Node[]): Directive {
  const ds = nodes.filter((n): n is Directive => n.type === 'directive');
  expect(ds).toHaveLength(1);
  return ds[0];
}

describe('apache parser: words and spans', () => {
  const table: { code: string; name: string; key: string; args: string[]; raw: string[]; start: number; end: number }[] = [
    { code: 'ProxyPass /ws ws://b/\n', name: 'ProxyPass', key: 'proxypass', args: ['/ws', 'ws://b/'], raw: ['ProxyPass', '/ws', 'ws://b/'], start: 0, end: 21 },
    { code: '  timeout   300  \n', name: 'timeout', key: 'timeout', args: ['300'], raw: ['timeout', '300'], start: 2, end: 15 },
    { code: 'Header set X "a b" \'c d\'\n', name: 'Header', key: 'header', args: ['set', 'X', 'a b', 'c d'], raw: ['Header', 'set', 'X', '"a b"', "'c d'"], start: 0, end: 24 },
    // ap_getword_conf: \" and \\ are escapes inside quotes; \\ outside quotes
    { code: 'X "a \\"q\\" \\\\ \\n" b\\\\c\n', name: 'X', key: 'x', args: ['a "q" \\ \\n', 'b\\c'], raw: ['X', '"a \\"q\\" \\\\ \\n"', 'b\\\\c'], start: 0, end: 22 },
    // a quote only opens at the start of a word; after a closing quote a new word begins
    { code: 'X a"b c" "d"e\n', name: 'X', key: 'x', args: ['a"b', 'c"', 'd', 'e'], raw: ['X', 'a"b', 'c"', '"d"', 'e'], start: 0, end: 13 },
    // an unterminated quote runs to the end of the line
    { code: 'X "open end\n', name: 'X', key: 'x', args: ['open end'], raw: ['X', '"open end'], start: 0, end: 11 },
    // `#` after a directive is an argument, as httpd sees it
    { code: 'Timeout 300 # five minutes\n', name: 'Timeout', key: 'timeout', args: ['300', '#', 'five', 'minutes'], raw: ['Timeout', '300', '#', 'five', 'minutes'], start: 0, end: 26 },
    // continuation: the `\` and the line break vanish, offsets stay true to the file
    { code: 'ProxyPass /ws \\\n    ws://b/ upgrade=websocket\n', name: 'ProxyPass', key: 'proxypass', args: ['/ws', 'ws://b/', 'upgrade=websocket'], raw: ['ProxyPass', '/ws', 'ws://b/', 'upgrade=websocket'], start: 0, end: 45 },
    // a word can straddle a continuation: its value is joined, its range covers both lines
    { code: 'X ab\\\ncd e\n', name: 'X', key: 'x', args: ['abcd', 'e'], raw: ['X', 'ab\\\ncd', 'e'], start: 0, end: 10 },
    // CRLF continuation
    { code: 'X a \\\r\n  b\r\n', name: 'X', key: 'x', args: ['a', 'b'], raw: ['X', 'a', 'b'], start: 0, end: 10 },
    // no final newline
    { code: 'Listen 80', name: 'Listen', key: 'listen', args: ['80'], raw: ['Listen', '80'], start: 0, end: 9 },
  ];
  test.each(table)('$code', ({ code, name, key, args, raw, start, end }) => {
    const r = parse(code);
    expect(r.error).toBeUndefined();
    const d = only(r.nodes);
    expect(d.name).toBe(name);
    expect(d.key).toBe(key);
    expect(d.args).toEqual(args);
    expect(spanTexts(d)).toEqual(raw);
    expect([d.start, d.end]).toEqual([start, end]);
    expect(d.children).toBeUndefined();
  });
});

describe('apache parser: sections', () => {
  test('a container: key, args without `>`, body offsets, children, parents', () => {
    const code = '<VirtualHost *:80>\n  ProxyPass /ws ws://b/\n</VirtualHost>\n';
    const r = parse(code);
    const v = only(r.nodes);
    expect(v).toMatchObject({ name: 'VirtualHost', key: 'virtualhost', args: ['*:80'], start: 0, end: 57, bodyStart: 18, bodyEnd: 43 });
    expect(spanTexts(v)).toEqual(['<VirtualHost', '*:80']);
    const p = only(v.children!);
    expect(p.parent).toBe(v);
    expect([p.start, p.end]).toEqual([21, 42]);
    expect(code.slice(v.bodyEnd!, v.end)).toBe('</VirtualHost>');
  });

  test.each([
    ['<Location "/a b" >\n</Location>\n', ['/a b'], ['<Location', '"/a b"']],
    ['<Directory>\n</Directory>\n', [], ['<Directory']],
    // httpd cuts at the line's last `>`, even inside quotes
    ['<Location "/a>b">\n</Location>\n', ['/a>b'], ['<Location', '"/a>b"']],
    ['<LocationMatch "^/(ws|socket)">\n</LocationMatch>\n', ['^/(ws|socket)'], ['<LocationMatch', '"^/(ws|socket)"']],
    ['<ifmodule mod_proxy.c>\n</IFMODULE>\n', ['mod_proxy.c'], ['<ifmodule', 'mod_proxy.c']],
  ])('%j', (code, args, raw) => {
    const r = parse(code);
    // (`<Directory>` without a path is an error httpd reports later; its node is still exact)
    if (args.length) expect(r.error).toBeUndefined();
    const d = only(r.nodes);
    expect(d.args).toEqual(args);
    expect(spanTexts(d)).toEqual(raw);
    expect(d.key).toBe(d.name.toLowerCase());
  });

  test('nesting with comments, CRLF', () => {
    const code = '# top\r\n<VirtualHost *:443>\r\n  # inner\r\n  <Location /ws>\r\n    ProxyPass ws://b/\r\n  </Location>\r\n</VirtualHost>\r\n';
    const r = parse(code);
    expect(r.error).toBeUndefined();
    const [c, v] = r.nodes as [Comment, Directive];
    expect(c).toMatchObject({ type: 'comment', text: ' top', start: 0, end: 5 });
    const [inner, loc] = v.children! as [Comment, Directive];
    expect(inner).toMatchObject({ type: 'comment', text: ' inner', parent: v });
    expect(code.slice(inner.start, inner.end)).toBe('# inner');
    expect(loc.key).toBe('location');
    const pp = only(loc.children!);
    expect(pp.parent).toBe(loc);
    expect(code.slice(pp.start, pp.end)).toBe('ProxyPass ws://b/');
    expect(code.slice(loc.start, loc.end)).toBe('<Location /ws>\r\n    ProxyPass ws://b/\r\n  </Location>');
  });

  test('a comment line ending in `\\` swallows the next line (httpd joins before it looks for `#`)', () => {
    const code = '# note \\\nTimeout 5\nListen 80\n';
    const r = parse(code);
    expect(r.nodes.map((n) => n.type)).toEqual(['comment', 'directive']);
    const c = r.nodes[0] as Comment;
    expect([c.start, c.end]).toEqual([0, 18]);
    expect((r.nodes[1] as Directive).name).toBe('Listen');
  });

  test('lossless: every node range lies in the file, in order', () => {
    const code = '<IfModule x>\n A b\n <IfModule !y>\n  C "d e"\n </IfModule>\n</IfModule>\n# end\n';
    const r = parse(code);
    let last = -1;
    const visit = (nodes: Node[]) => {
      for (const n of nodes) {
        expect(n.start).toBeGreaterThan(last);
        last = n.start;
        expect(n.end).toBeLessThanOrEqual(code.length);
        if (n.type === 'directive' && n.children) visit(n.children);
      }
    };
    visit(r.nodes);
  });
});

describe('apache parser: nesting bound', () => {
  test('deeper than MAX_NESTING stops with an error instead of overflowing walks', () => {
    const r = parse('<Location /a>\n'.repeat(250));
    expect(r.error!.message).toBe('proxylint: sections nested deeper than 200 levels');
  });
  test('200 levels are fine', () => {
    const r = parse('<Location /a>\n'.repeat(200) + '</Location>\n'.repeat(200));
    expect(r.error).toBeUndefined();
  });
});
