import { lineText, positionAt, unitRelativePath, whereIs } from '../../src/core/positions';
import { sourceFromText } from '../../src/core/source';

/** The definition: count the line breaks before the offset. */
function naivePosition(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  let column = offset - (before.lastIndexOf('\n') + 1) + 1;
  if (line === 1 && text.charCodeAt(0) === 0xfeff && offset > 0) column -= 1;
  return { line, column };
}

function naiveLine(text: string, line: number): string {
  let t = (text.split('\n')[line - 1] ?? '').replace(/\r$/, '');
  if (line === 1 && t.charCodeAt(0) === 0xfeff) t = t.slice(1);
  return t;
}

function random(seed: number): () => number {
  let s = seed;
  return () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

describe('positions: line starts found as far as asked', () => {
  test.each([
    ['', [0]],
    ['a', [0, 1, 5]],
    ['a\n', [0, 1, 2, 3]],
    ['\n\n\n', [3, 2, 1, 0]],
    ['\ufeffx\ny', [0, 1, 2, 3, 4]],
    ['ab\r\ncd\n', [7, 4, 0, 3]],
  ])('%j at %j', (text, offsets) => {
    const f = sourceFromText('/t.conf', text);
    for (const o of offsets) expect(positionAt(f, o)).toEqual(naivePosition(text, o));
    for (let line = 1; line <= 5; line++) expect(lineText(f, line)).toBe(naiveLine(text, line));
  });

  test('queries in any order over generated texts agree with counting', () => {
    const r = random(7);
    for (let k = 0; k < 200; k++) {
      let text = '';
      const n = Math.floor(r() * 60);
      for (let i = 0; i < n; i++) text += r() < 0.3 ? '\n' : r() < 0.1 ? '\r\n' : 'x';
      const f = sourceFromText('/t.conf', text);
      for (let q = 0; q < 12; q++) {
        if (r() < 0.5) {
          const o = Math.floor(r() * (text.length + 2));
          expect(positionAt(f, o)).toEqual(naivePosition(text, o));
        } else {
          const line = 1 + Math.floor(r() * 20);
          expect(lineText(f, line)).toBe(naiveLine(text, line));
        }
      }
    }
  });
});

describe('whereIs: where a directive is, seen from a finding', () => {
  const a = sourceFromText('/etc/nginx/nginx.conf', 'x;\ny;\n');
  const b = sourceFromText('/etc/nginx/snippets/proxy_params', '\n\nz;\n');
  it('names the line in the same file, and file:line in another', () => {
    expect(whereIs({ file: a, start: 3 }, a)).toBe('line 2');
    expect(whereIs({ file: a, start: 3 })).toBe('line 2');
    expect(whereIs({ file: b, start: 2 }, a)).toBe('proxy_params:3');
    expect(whereIs({ file: b, start: 2 }, a, (f) => f.path)).toBe('/etc/nginx/snippets/proxy_params:3');
  });
});

describe('unitRelativePath: a unit\'s file named without the machine\'s absolute path', () => {
  const f = (p: string) => sourceFromText(p, '');
  it.each([
    ['under the main config\'s directory', ['/srv/t/apache2/apache2.conf', '/srv/t/apache2/sites-enabled/a.conf'], '/srv/t/apache2/sites-enabled/a.conf', 'sites-enabled/a.conf'],
    ['a site and the fragment it includes from a sibling directory', ['/home/u/repo/sites-available/app.conf', '/home/u/repo/conf-fragments/ws.conf'], '/home/u/repo/sites-available/app.conf', 'sites-available/app.conf'],
    ['the other way round', ['/home/u/repo/sites-available/app.conf', '/home/u/repo/conf-fragments/ws.conf'], '/home/u/repo/conf-fragments/ws.conf', 'conf-fragments/ws.conf'],
    ['a one-file unit: its base name', ['/home/u/repo/app.conf'], '/home/u/repo/app.conf', 'app.conf'],
  ])('%s', (_, files, file, want) => {
    expect(unitRelativePath(files.map(f), f(file))).toBe(want);
  });
});
