/**
 * Syntax errors as httpd reports them (the table, in error-cases.ts, is also run through the
 * real apache2 -t by test/e2e/differential/tables.test.ts).
 */
import { APACHE_ERRORS as table, APACHE_OFFSET as OFFSET, APACHE_PREAMBLE as PREAMBLE } from './error-cases';
import { loadText, firstError } from './helpers';

describe('apache syntax errors match apache2 -t', () => {
  test.each(table)('%j', (snippet, expected) => {
    const { unit } = loadText(PREAMBLE + snippet);
    const got = firstError(unit);
    if (expected === null) expect(got).toBeNull();
    else {
      const [pos, ...msg] = expected.split(' ');
      const [line, col] = pos.split(':').map(Number);
      const message = msg.join(' ').replace(/line (\d+):/, (_m, n: string) => `line ${Number(n) + OFFSET}:`);
      expect(got).toBe(`${line + OFFSET}:${col} ${message}`);
    }
  });

  test('a file fragment alone never treats an If* as skipped', () => {
    const { unit } = loadText('<IfModule proxy_module>\n<Directory /x>\n', { path: '/x/sites-enabled/a.conf' });
    expect(unit.errors).toEqual([]);
  });
});
