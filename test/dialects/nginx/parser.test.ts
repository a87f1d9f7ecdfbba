import type { Directive, Node } from '../../../src/core/ast';
import { positionAt } from '../../../src/core/positions';
import { sourceFromText } from '../../../src/core/source';
import { parseNginx } from '../../../src/dialects/nginx/parser';

function parse(text: string) {
  const file = sourceFromText('/virtual/test.conf', text);
  return parseNginx(file);
}

/** A compact view of a tree: name, args, raw ranges as text, children. */
function shape(nodes: Node[]): unknown[] {
  return nodes.map((n) =>
    n.type === 'comment'
      ? { comment: n.text }
      : { name: n.name, args: n.args, ...(n.children ? { children: shape(n.children) } : {}) },
  );
}

function raw(d: Directive, i: number): string {
  return d.file.text.slice(d.spans[2 * i], d.spans[2 * i + 1]);
}

describe('nginx tokenizer rules from ngx_conf_read_token()', () => {
  const cases: [string, string, unknown[]][] = [
    ['simple directive', 'user nginx;', [{ name: 'user', args: ['nginx'] }]],
    ['# inside a word is not a comment', 'a b#c;', [{ name: 'a', args: ['b#c'] }]],
    ['# at token start is a comment', 'a b; # note\n', [{ name: 'a', args: ['b'] }, { comment: ' note' }]],
    ['} does not end an unquoted word', 'a b};', [{ name: 'a', args: ['b}'] }]],
    ['${var} is not a block', 'set $a ${b}c;', [{ name: 'set', args: ['$a', '${b}c'] }]],
    ['quotes only at token start', "a b'c';", [{ name: 'a', args: ["b'c'"] }]],
    ['double-quoted with escapes', 'a "x\\"y\\n";', [{ name: 'a', args: ['x"y\n'] }]],
    ['single-quoted empty', "a '' \"\";", [{ name: 'a', args: ['', ''] }]],
    ['backslash escapes a space', 'a b\\ c;', [{ name: 'a', args: ['b\\ c'] }]],
    ['multi-line quoted string', 'a "x\ny";', [{ name: 'a', args: ['x\ny'] }]],
    ['closing quote then ) (if conditions)', 'if ($a = "b") { return 404; }', [{ name: 'if', args: ['($a', '=', 'b', ')'], children: [{ name: 'return', args: ['404'] }] }]],
    ['CRLF line endings', 'a b;\r\nc d;\r\n', [{ name: 'a', args: ['b'] }, { name: 'c', args: ['d'] }]],
    ['nested blocks', 'http { server { listen 80; } }', [{ name: 'http', args: [], children: [{ name: 'server', args: [], children: [{ name: 'listen', args: ['80'] }] }] }]],
    ['map body entries', "map $a $b { default x; '' y; }", [{ name: 'map', args: ['$a', '$b'], children: [{ name: 'default', args: ['x'] }, { name: '', args: ['y'] }] }]],
    ['lua block body is opaque', 'content_by_lua_block { ngx.say("}") -- }\n }\nx y;', [{ name: 'content_by_lua_block', args: [], children: [] }, { name: 'x', args: ['y'] }]],
    ['lua long brackets', 'access_by_lua_block { local s = [[ } ]] }\nx;', [{ name: 'access_by_lua_block', args: [], children: [] }, { name: 'x', args: [] }]],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    const r = parse(text);
    expect(r.error).toBeUndefined();
    expect(shape(r.nodes)).toEqual(expected);
  });

  it('records exact raw ranges for names and arguments, quotes included', () => {
    const r = parse('  proxy_set_header  Connection "upgrade";\n');
    const d = r.nodes[0] as Directive;
    expect([d.spans[0], d.spans[1]]).toEqual([2, 18]);
    expect(raw(d, 0)).toBe('proxy_set_header');
    expect(raw(d, 1)).toBe('Connection');
    expect(raw(d, 2)).toBe('"upgrade"');
    expect(d.start).toBe(2);
    expect(r.file.text.slice(d.start, d.end)).toBe('proxy_set_header  Connection "upgrade";');
  });

  it('records block body offsets', () => {
    const r = parse('location /ws {\n  proxy_pass x;\n}\n');
    const d = r.nodes[0] as Directive;
    expect(r.file.text[d.bodyStart! - 1]).toBe('{');
    expect(r.file.text[d.bodyEnd!]).toBe('}');
    expect(d.end).toBe(d.bodyEnd! + 1);
    expect((d.children![0] as Directive).parent).toBe(d);
  });

  it('keeps comments with offsets and parents', () => {
    const r = parse('server {\n    # proxylint: websocket\n    location /x { }\n}\n');
    const server = r.nodes[0] as Directive;
    const c = server.children![0];
    expect(c.type).toBe('comment');
    expect(r.file.text.slice(c.start, c.end)).toBe('# proxylint: websocket');
    expect(c.parent).toBe(server);
  });

  it('a byte-order mark is an error at 1:1, as nginx -t says (test/e2e/observed/hardening)', () => {
    const r = parse('\ufeffa b;');
    expect(r.nodes).toEqual([]);
    expect(r.error?.message).toMatch(/^the file starts with a UTF-8 byte order mark: nginx reads it as part of the first directive/);
    expect(positionAt(r.file, r.error!.offset)).toEqual({ line: 1, column: 1 });
  });
});

describe('nginx syntax errors, in nginx words at nginx positions', () => {
  const cases: [string, string, string, number, number][] = [
    ['missing semicolon before }', 'http {\n  a b\n}\n', 'unexpected "}"', 3, 1],
    ['end of file inside a directive', 'a b', 'unexpected end of file, expecting ";" or "}"', 1, 4],
    ['end of file inside a block', 'http {\n', 'unexpected end of file, expecting "}"', 2, 1],
    ['stray }', 'a b;\n}\n', 'unexpected "}"', 2, 1],
    ['block with no name', '{ }', 'unexpected "{"', 1, 1],
    ['; with no name', ';', 'unexpected ";"', 1, 1],
    ['text right after a closing quote', '"a"b;', 'unexpected "b"', 1, 4],
    ['a block inside map', 'map $a $b {\n  x{ }\n}', 'unexpected "{"', 2, 4],
    ['unterminated lua block', 'content_by_lua_block {\n', 'unexpected end of file, expecting "}"', 2, 1],
  ];
  it.each(cases)('%s', (_name, text, message, line, column) => {
    const r = parse(text);
    expect(r.error?.message).toBe(message);
    expect(positionAt(r.file, r.error!.offset)).toEqual({ line, column });
  });
});
