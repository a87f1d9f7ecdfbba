/**
 * Configuration levels and inheritance of simple directives (nginx/analysis/levels): which blocks
 * are levels of ngx_http_proxy_module's merge, and which directive is in force at a level.
 */
import type { Directive, Node } from '../../../src/core/ast';
import { sourceFromText } from '../../../src/core/source';
import { bodyOf, flagValue, inherited, isLevel, levelChain, levelOf, parseTime } from '../../../src/dialects/nginx/analysis/levels';
import { parseNginx } from '../../../src/dialects/nginx/parser';

function parse(text: string): { nodes: Node[]; all: Directive[] } {
  const nodes = parseNginx(sourceFromText('/v/nginx.conf', text)).nodes;
  const all: Directive[] = [];
  const walk = (list: Node[]) => {
    for (const n of list) if (n.type === 'directive') (all.push(n), n.children && walk(n.children));
  };
  walk(nodes);
  return { nodes, all };
}

const text = [
  'proxy_read_timeout 1s;',
  'proxy_read_timeout 2s;',
  'http {',
  '  upstream app { server 127.0.0.1:1; }',
  '  proxy_read_timeout 3s;',
  '  server {',
  '    location / {',
  '      if ($x) { return 404; }',
  '      limit_except GET { deny all; }',
  '    }',
  '    location /own { proxy_read_timeout 4s; proxy_read_timeout 5s; }',
  '  }',
  '}',
  'stream { server { listen 1; } }',
].join('\n');
const { nodes, all } = parse(text);
const first = (key: string, arg?: string) => all.find((d) => d.key === key && (arg === undefined || d.args[0] === arg))!;

describe('levels', () => {
  test.each([
    ['http', true],
    ['server', true],
    ['location', true],
    ['if', true],
    ['limit_except', true],
    ['upstream', false],
    ['stream', false],
  ])('%s is a level: %s', (key, level) => expect(isLevel(first(key))).toBe(level));
  test('null (the file top) is no level block', () => expect(isLevel(null)).toBe(false));

  test('levelOf skips blocks that are no level: a server line of an upstream lives in http', () => {
    expect(levelOf(first('server', '127.0.0.1:1'))).toBe(first('http'));
    expect(levelOf(first('return'))).toBe(first('if'));
    expect(levelOf(first('deny'))).toBe(first('limit_except'));
    expect(levelOf(first('proxy_read_timeout', '1s'))).toBeNull();
  });

  test('levelChain: the levels outwards, then the file top', () => {
    expect(levelChain(first('if')).map((d) => d?.key ?? null)).toEqual(['if', 'location', 'server', 'http', null]);
    expect(levelChain(null)).toEqual([null]);
  });

  test('bodyOf: a level block its children, the file top its nodes', () => {
    expect(bodyOf(first('http'), nodes)).toBe(first('http').children);
    expect(bodyOf(null, nodes)).toBe(nodes);
  });

  test('inherited: the last of the nearest level that sets it, the file top last', () => {
    expect(inherited(first('location', '/own'), 'proxy_read_timeout', nodes)?.args).toEqual(['5s']);
    expect(inherited(first('if'), 'proxy_read_timeout', nodes)?.args).toEqual(['3s']);
    expect(inherited(null, 'proxy_read_timeout', nodes)?.args).toEqual(['2s']);
    expect(inherited(first('if'), 'proxy_send_timeout', nodes)).toBeUndefined();
    // stream is no level of the http proxy: its directives are not inherited by http blocks.
    const s = parse('http { server { location / { } } }\nstream { proxy_timeout 1s; }\n');
    expect(inherited(s.all.find((d) => d.key === 'location')!, 'proxy_timeout', s.nodes)).toBeUndefined();
    // Nor does a block that is no level hold what is in force for the levels under it.
    const u = parse('http { upstream app { keepalive 8; server { } } }\n');
    expect(inherited(u.all.find((d) => d.key === 'server')!, 'keepalive', u.nodes)).toBeUndefined();
  });
});

describe('flag values and times, as nginx reads them', () => {
  test.each([
    ['proxy_buffering on;', true],
    ['proxy_buffering OFF;', false],
    ['proxy_buffering Off;', false],
    ['proxy_buffering 1;', undefined],
    ['proxy_buffering;', undefined],
  ])('%s', (line, value) => expect(flagValue(parse(line).all[0])).toBe(value));
  test.each([
    ['90', 90_000],
    ['1h30m', 5_400_000],
    ['500ms', 500],
    ['5x', NaN],
  ])('parseTime %s', (value, ms) => expect(parseTime(value)).toBe(ms));
});
