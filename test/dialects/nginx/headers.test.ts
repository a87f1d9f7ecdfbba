/**
 * The proxy_set_header list in force at a level (nginx/analysis/headers): nginx inherits the
 * outer list only into a level that sets none, and the last setting of a name wins.
 */
import type { Directive, Node } from '../../../src/core/ast';
import { sourceFromText } from '../../../src/core/source';
import { effectiveHeaders } from '../../../src/dialects/nginx/analysis/headers';
import { parseNginx } from '../../../src/dialects/nginx/parser';

function parse(text: string): { nodes: Node[]; find: (key: string, arg?: string) => Directive } {
  const nodes = parseNginx(sourceFromText('/v/site.conf', text)).nodes;
  const all: Directive[] = [];
  const walk = (list: Node[]) => {
    for (const n of list) if (n.type === 'directive') (all.push(n), n.children && walk(n.children));
  };
  walk(nodes);
  return { nodes, find: (key, arg) => all.find((d) => d.key === key && (arg === undefined || d.args[0] === arg))! };
}

const shape = (e: ReturnType<typeof effectiveHeaders>) => ({
  level: e.level?.key ?? null,
  inherited: e.inherited,
  headers: e.headers.map((h) => `${h.name}: ${h.value}`),
  dropped: e.dropped.map((h) => h.name),
});

describe('effectiveHeaders', () => {
  // A site file included into http: its top-level lines are the outermost list.
  const { nodes, find } = parse(
    [
      'proxy_set_header Host $host;',
      'proxy_set_header X-Real-IP $remote_addr;',
      'server {',
      '  location / { }',
      '  location /ws { proxy_set_header Upgrade $http_upgrade; proxy_set_header host $proxy_host; }',
      '  location /u { proxy_pass http://app; }',
      '}',
      'upstream app { server 127.0.0.1:1; }',
    ].join('\n'),
  );
  test.each([
    ['the file top: its own lines, nothing outside to drop', null, { level: null, inherited: false, headers: ['Host: $host', 'X-Real-IP: $remote_addr'], dropped: [] }],
    ['a location that sets none inherits the top list', 'location /', { level: null, inherited: true, headers: ['Host: $host', 'X-Real-IP: $remote_addr'], dropped: [] }],
    ['a location with its own list drops what it does not restate (names ignore case)', 'location /ws', { level: 'location', inherited: false, headers: ['Upgrade: $http_upgrade', 'host: $proxy_host'], dropped: ['X-Real-IP'] }],
    ['a block that is no level has the list of the level it sits in', 'upstream', { level: null, inherited: false, headers: ['Host: $host', 'X-Real-IP: $remote_addr'], dropped: [] }],
  ])('%s', (_name, where, expected) => {
    const level = where === null ? null : where.startsWith('location') ? find('location', where.split(' ')[1]) : find(where);
    expect(shape(effectiveHeaders(level, nodes))).toEqual(expected);
  });

  // nginx sends every non-empty setting of a name, in order; an empty one cancels nothing.
  test.each([
    ['two settings of a name (names ignore case): both are sent', 'proxy_set_header Upgrade a; proxy_set_header upgrade b;', 'UPGRADE', 'a, b'],
    ['the same value twice reads as one value', 'proxy_set_header Upgrade a; proxy_set_header Upgrade a;', 'upgrade', 'a'],
    ['an empty setting after a value cancels nothing', 'proxy_set_header Connection upgrade; proxy_set_header Connection "";', 'connection', 'upgrade'],
    ['only an empty setting: the header is not sent (value "")', 'proxy_set_header Connection "";', 'Connection', ''],
    ['a name never set', 'proxy_set_header Connection c;', 'Host', undefined],
  ])('get: %s', (_name, body, name, value) => {
    const p = parse(`location / { ${body} }`);
    expect(effectiveHeaders(p.find('location'), p.nodes).get(name)?.value).toBe(value);
  });

  test('nothing set anywhere: an empty list of no level', () => {
    const p = parse('server { location / { } }');
    expect(shape(effectiveHeaders(p.find('location'), p.nodes))).toEqual({ level: null, inherited: false, headers: [], dropped: [] });
  });
});
