import type { Directive, Node } from '../../../src/core/ast';
import { sourceFromText } from '../../../src/core/source';
import { argAt, argCount, argIndex, hasArg, hasListenParam, listenParamIndex } from '../../../src/dialects/nginx/node';
import { includeDirectives, parseNginx } from '../../../src/dialects/nginx/parser';

function directives(nodes: Node[], out: Directive[] = []): Directive[] {
  for (const n of nodes) {
    if (n.type !== 'directive') continue;
    out.push(n);
    if (n.children) directives(n.children, out);
  }
  return out;
}

describe('nginx directive views: arguments made on demand from the span table', () => {
  // [statement, the arguments nginx reads]: argAt (one argument, no args array) and args must agree.
  const cases: [string, string[]][] = [
    ['a b c;', ['b', 'c']],
    ['a "x y" \'z\';', ['x y', 'z']],
    ['a "x\\"y\\n" b\\ c;', ['x"y\n', 'b\\ c']],
    ['a \\\\ "\\t\\r" \'\\\'\';', ['\\', '\t\r', "'"]],
    ['a "\\q" x\\;y;', ['\\q', 'x\\;y']],
    ['set $a ${b}c;', ['$a', '${b}c']],
    ['a "" \'\';', ['', '']],
    ['only;', []],
  ];
  it.each(cases)('%s', (text, expected) => {
    const [d] = directives(parseNginx(sourceFromText('/v/t.conf', text)).nodes);
    expect(argCount(d)).toBe(expected.length);
    expect(expected.map((_, i) => argAt(d, i))).toEqual(expected);
    expect(argAt(d, expected.length)).toBeUndefined();
    expect(d.args).toEqual(expected);
    // Once args is built, argAt reads it (same strings).
    expect(expected.map((_, i) => argAt(d, i))).toEqual(expected);
    expect(d.spans.length).toBe(2 * (expected.length + 1));
  });

  it('hasArg compares whole arguments', () => {
    const [d] = directives(parseNginx(sourceFromText('/v/t.conf', 'listen 443 "ssl" http2x;')).nodes);
    expect([hasArg(d, 'ssl'), hasArg(d, 'http2'), hasArg(d, '443')]).toEqual([true, false, true]);
  });

  // [listen, word, its argument index as a parameter (after the address), its first index from argument 0 on]
  const listens: [string, string, number, number][] = [
    ['listen 80 http2;', 'http2', 1, 1],
    ['listen http2;', 'http2', -1, 0],
    ['listen http2 http2;', 'http2', 1, 0],
    ['listen ssl:8443 default_server ssl;', 'ssl', 2, 2],
    ['listen 443 quic reuseport;', 'quic', 1, 1],
    ['listen 443 ssl;', 'http2', -1, -1],
  ];
  it.each(listens)('%s: parameter %s', (text, word, param, any) => {
    const [d] = directives(parseNginx(sourceFromText('/v/t.conf', text)).nodes);
    expect(listenParamIndex(d, word)).toBe(param);
    expect(hasListenParam(d, word)).toBe(param !== -1);
    expect(argIndex(d, word)).toBe(any);
  });

  it('spans are the raw ranges, quotes included', () => {
    const text = 'proxy_set_header "Upgrade" $http_upgrade;';
    const [d] = directives(parseNginx(sourceFromText('/v/t.conf', text)).nodes);
    expect(d.spans).toEqual([0, 16, 17, 26, 27, 40]);
    expect([d.start, d.end]).toEqual([0, 41]);
  });
});

describe('includeDirectives: the include statements of a parsed file in document order', () => {
  it('lists nested includes, including those in map bodies, in the order a tree walk meets them', () => {
    const text = 'include a.conf;\nhttp {\n  map $x $y { include m.map; }\n  server { include b.conf; location / { include c.conf; } }\n  include d.conf;\n}\n';
    const parsed = parseNginx(sourceFromText('/v/nginx.conf', text));
    const walked = directives(parsed.nodes).filter((d) => d.key === 'include');
    expect(includeDirectives(parsed.nodes)).toEqual(walked);
    expect(includeDirectives(parsed.nodes)!.map((d) => d.args[0])).toEqual(['a.conf', 'm.map', 'b.conf', 'c.conf', 'd.conf']);
  });

  it('holds what parsed before a syntax error', () => {
    const parsed = parseNginx(sourceFromText('/v/nginx.conf', 'include a.conf;\nhttp { include b.conf; }\n}\ninclude c.conf;\n'));
    expect(parsed.error?.message).toBe('unexpected "}"');
    expect(includeDirectives(parsed.nodes)!.map((d) => d.args[0])).toEqual(['a.conf', 'b.conf']);
  });
});
