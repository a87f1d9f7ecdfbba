/**
 * The ProxyPass path index narrows candidates only: for every URI its first/last match is the
 * linear scan's (fixed-seed random entries and URIs), and a URI sees few candidates however many
 * entries there are (the point of it: routeFor was n² per scope, issue 14).
 */
import { anchoredPrefix, PathIndex } from '../../../src/dialects/apache/path-index';
import { pathMatches } from '../../../src/dialects/apache/proxy';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('anchoredPrefix', () => {
  it.each([
    ['^/app/(.*)$', '/app/'],
    ['^/app\\.v1/x', '/app.v1/x'],
    ['^/ws?x', '/w'],
    ['^/ws*', '/w'],
    ['^/ws{2}', '/w'],
    ['^/ws+x', '/ws'],
    ['^/a\\.?b', '/a'],
    ['^/a\\d', '/a'],
    ['^(/a)', ''],
    ['^/a|^/b', null],
    ['/ws/', null],
    ['^[/]ws', ''],
  ])('%s → %p', (src, want) => {
    expect(anchoredPrefix(src)).toBe(want);
  });
});

describe('PathIndex agrees with the linear scan', () => {
  const atoms = ['/', '//', 'a', 'b', 'ws', '.', 'x'];
  const rand = rng(14);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  const word = (n: number) => Array.from({ length: n }, () => pick(atoms)).join('');
  const regexParts = ['^', '^/', '(.*)', '$', '\\.', '.', '+', '?', '*', 'a', 'b', '/', 'ws', '|', '[ab]'];

  for (let round = 0; round < 20; round++) {
    const entries = Array.from({ length: 40 }, () => {
      if (rand() < 0.5) return { path: word(1 + Math.floor(rand() * 4)), regex: false };
      let src = Array.from({ length: 1 + Math.floor(rand() * 5) }, () => pick(regexParts)).join('');
      try {
        new RegExp(src);
      } catch {
        src = '^/a';
      }
      return { path: src, regex: true };
    });
    const ix = new PathIndex(entries);
    const uris = Array.from({ length: 60 }, () => word(Math.floor(rand() * 6)));
    it(`round ${round}`, () => {
      for (const uri of uris) {
        const test = (e: (typeof entries)[number]) => pathMatches(e, uri);
        expect(ix.first(uri, test)).toBe(entries.find(test));
        expect(ix.last(uri, test)).toBe([...entries].reverse().find(test));
      }
    });
  }

  it('10,000 literal and anchored entries: a URI sees only its own', () => {
    const entries = Array.from({ length: 10_000 }, (_, i) => (i % 2 ? { path: `/app${i}/`, regex: false } : { path: `^/app${i}/(.*)$`, regex: true }));
    const ix = new PathIndex(entries);
    expect(ix.candidates('/app4242/x')).toEqual([4242]);
    expect(ix.candidates('/app4243/x')).toEqual([4243]);
    expect(ix.candidates('/other')).toEqual([]);
  });
});
