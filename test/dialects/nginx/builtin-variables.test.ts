/**
 * The variables nginx defines without a directive (nginx/analysis/builtin-variables): the rows
 * are shared with the e2e test that checks each on the real nginx -t.
 */
import { isBuiltinVariable } from '../../../src/dialects/nginx/analysis/builtin-variables';
import { KNOWN_ELSEWHERE, KNOWN_ON_1_22, UNKNOWN } from './builtin-variable-cases';

describe('isBuiltinVariable', () => {
  test.each(KNOWN_ON_1_22)('$%s: nginx 1.22.1 knows it', (name) => {
    expect(isBuiltinVariable(name)).toBe(true);
    expect(isBuiltinVariable(name.toUpperCase())).toBe(true);
  });

  test.each(KNOWN_ELSEWHERE)('$%s: built in by %s', (name) => {
    expect(isBuiltinVariable(name)).toBe(true);
  });

  test.each(UNKNOWN)('$%s: nothing defines it', (name) => {
    expect(isBuiltinVariable(name)).toBe(false);
  });
});
