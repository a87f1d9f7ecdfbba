/**
 * The words nginx findings use for levels and places (nginx/analysis/describe): every rule says
 * "lines 3-5, 9" and "proxy_params:1-4" the same way.
 */
import type { Directive, Node } from '../../../src/core/ast';
import { sourceFromText } from '../../../src/core/source';
import { levelName, whereAll } from '../../../src/dialects/nginx/analysis/describe';
import { parseNginx } from '../../../src/dialects/nginx/parser';

const main = sourceFromText('/etc/nginx/nginx.conf', Array.from({ length: 12 }, (_, i) => `l${i + 1};`).join('\n') + '\n');
const params = sourceFromText('/etc/nginx/proxy_params', 'a;\nb;\nc;\nd;\n');
/** The place of line `n` of a file (its first character). */
const at = (file: typeof main, n: number) => ({ file, start: file.text.split('\n').slice(0, n - 1).join('\n').length + (n > 1 ? 1 : 0) });

describe('whereAll', () => {
  test.each([
    ['one line', [at(main, 4)], undefined, 'line 4'],
    ['runs of consecutive lines, unsorted and repeated input', [at(main, 9), at(main, 4), at(main, 3), at(main, 5), at(main, 4)], undefined, 'lines 3-5, 9'],
    ['numbers sorted as numbers', [at(main, 10), at(main, 2)], undefined, 'lines 2, 10'],
    ['two runs and a single line at the end', [at(main, 1), at(main, 2), at(main, 7), at(main, 8), at(main, 12)], undefined, 'lines 1-2, 7-8, 12'],
    ['the finding\'s own file by line, another by name', [at(main, 2), at(params, 1), at(params, 2), at(params, 4)], main, 'line 2; proxy_params:1-2,4'],
    ['the finding in the included file: the other is named', [at(params, 3), at(main, 6)], params, 'line 3; nginx.conf:6'],
  ])('%s', (_name, ds, from, words) => expect(whereAll(ds, from)).toBe(words));
});

describe('levelName', () => {
  const nodes = parseNginx(sourceFromText('/v/n.conf', 'http { server { location ~* \\.php$ { if ($x) { } } } }')).nodes;
  const all: Directive[] = [];
  const walk = (list: Node[]) => {
    for (const n of list) if (n.type === 'directive') (all.push(n), n.children && walk(n.children));
  };
  walk(nodes);
  test.each([
    ['http', 'http block'],
    ['server', 'server block'],
    ['location', 'location ~* \\.php$'],
    ['if', 'if block'],
  ])('%s', (key, name) => expect(levelName(all.find((d) => d.key === key)!)).toBe(name));
  test('the file top', () => expect(levelName(null)).toBe('top level'));
});
