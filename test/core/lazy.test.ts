import { lazy, lazyPer, lazyPerObject } from '../../src/core/lazy';

describe('lazy: computed on first use, once', () => {
  it('does not compute before it is asked, then computes once', () => {
    let calls = 0;
    const f = lazy(() => ++calls);
    expect(calls).toBe(0);
    expect([f(), f(), f()]).toEqual([1, 1, 1]);
    expect(calls).toBe(1);
  });

  it('keeps a value that is undefined or false (not recomputed as "missing")', () => {
    let calls = 0;
    const u = lazy(() => (calls++, undefined));
    const no = lazy(() => (calls++, false));
    u();
    u();
    no();
    no();
    expect(calls).toBe(2);
  });
});

describe('lazyPer: once per argument', () => {
  it('computes once per distinct argument and hands the argument in', () => {
    const seen: unknown[] = [];
    const a = { name: 'a' };
    const b = { name: 'a' }; // equal but another object: another argument
    const f = lazyPer((o: { name: string }) => (seen.push(o), { of: o }));
    const first = f(a);
    expect(f(a)).toBe(first);
    expect(f(b)).not.toBe(first);
    expect(first.of).toBe(a);
    expect(seen).toEqual([a, b]);
  });

  it('keeps undefined results per argument', () => {
    let calls = 0;
    const f = lazyPer((k: string) => (calls++, k === 'x' ? undefined : k));
    f('x');
    f('x');
    f('y');
    f('y');
    expect(calls).toBe(2);
  });
});

describe('lazyPerObject: once per object, kept with the object', () => {
  it('computes once per object (by identity) and keeps undefined results', () => {
    let calls = 0;
    const f = lazyPerObject((o: { n: number }) => (calls++, o.n > 0 ? { of: o } : undefined));
    const a = { n: 1 };
    const b = { n: 1 };
    const z = { n: 0 };
    const first = f(a);
    expect(f(a)).toBe(first);
    expect(f(b)).not.toBe(first);
    expect(f(z)).toBeUndefined();
    f(z);
    expect(calls).toBe(3);
  });
});
