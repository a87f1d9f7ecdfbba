/**
 * The raw word ranges of one parsed file in one typed array, for the dialects whose directives
 * are views over it (nginx, HAProxy): numbers outside the garbage-collected heap instead of an
 * array per directive, which a large config kept by the tens of thousands (issue #13).
 */

/** Raw word ranges of one file, flat: [s0, e0, s1, e1, ...]; grown by doubling, trimmed when parsed. */
export class SpanTable {
  a: Int32Array;
  n = 0;
  constructor(capacity: number) {
    this.a = new Int32Array(Math.max(64, capacity));
  }

  push(from: Int32Array, count: number): number {
    const at = this.n;
    if (at + count > this.a.length) {
      const b = new Int32Array(Math.max(this.a.length * 2, at + count));
      b.set(this.a.subarray(0, at));
      this.a = b;
    }
    for (let i = 0; i < count; i++) this.a[at + i] = from[i];
    this.n = at + count;
    return at;
  }

  trim(): void {
    if (this.a.length > this.n + (this.n >> 3) + 64) this.a = this.a.slice(0, this.n);
  }
}
