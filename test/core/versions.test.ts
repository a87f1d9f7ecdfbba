import { versionSatisfies } from '../../src/core/versions';

describe('version ranges', () => {
  it.each([
    ['1.22.1', '<1.29.7', true],
    ['1.29.7', '<1.29.7', false],
    ['1.29.7', '>=1.29.7', true],
    ['2.4.46', '>=2.4.47', false],
    ['2.4.71', '>=2.4.47', true],
    ['5.7', '>=5', true],
    ['4.17', '>=5', false],
    ['1.5-dev10', '>=1.5', true],
    ['2.6.12', '>=1.5 <3', true],
    ['3.1', '>=1.5 <3 || >=3.1', true],
    ['3.0.5', '>=1.5 <3 || >=3.1', false],
    ['2.4', '= 2.4.0', true],
    ['nonsense', '<1', true],
  ])('%s satisfies %s: %s', (v, range, expected) => {
    expect(versionSatisfies(v, range)).toBe(expected);
  });

  it('rejects a malformed range loudly (a rule author error)', () => {
    expect(() => versionSatisfies('1.0', '~>1')).toThrow(/bad version range/);
  });
});
