/**
 * Mutated corpus files and random text through the parser and every nginx rule: no exception,
 * no hang (each case is timed), and every recorded range lies inside its file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Node } from '../../../src/core/ast';
import { sourceFromText } from '../../../src/core/source';
import { parseNginx } from '../../../src/dialects/nginx/parser';
import { lintAndCheck, mutate, prng, randomText } from '../../support/fuzz';
import { CORPUS_DIR, describeWithCorpus } from '../../support/paths';

const SEED = 20261121;
const CASES = 1500;
// A hang bound, not a speed test (the benchmark measures speed): generous enough for a loaded CI machine.
const MAX_MS_PER_CASE = 3000;

function checkRanges(nodes: Node[], len: number): void {
  for (const n of nodes) {
    expect(n.start).toBeGreaterThanOrEqual(0);
    expect(n.end).toBeLessThanOrEqual(len);
    expect(n.start).toBeLessThanOrEqual(n.end);
    if (n.type === 'directive') {
      for (let i = 0; i < n.spans.length; i += 2) {
        if (!(n.spans[i] >= 0 && n.spans[i] <= n.spans[i + 1] && n.spans[i + 1] <= len)) {
          throw new Error(`bad span ${n.spans[i]}..${n.spans[i + 1]} in a file of ${len}`);
        }
      }
      if (n.children) checkRanges(n.children, len);
    }
  }
}

function lintText(text: string, name: string): void {
  lintAndCheck('nginx', text, name);
}

describeWithCorpus('nginx fuzz', () => {
  it(`survives ${CASES} mutated corpus files and random inputs (seed ${SEED})`, () => {
    const root = path.join(CORPUS_DIR, 'nginx');
    const pool: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith('.conf') && pool.length < 400) pool.push(fs.readFileSync(p, 'latin1'));
      }
    };
    walk(root);
    const rand = prng(SEED);
    let slowest = 0;
    for (let i = 0; i < CASES; i++) {
      const text = i % 5 === 4 ? randomText(rand, Math.floor(rand() * 4000)) : mutate(pool[Math.floor(rand() * pool.length)], rand);
      const t0 = performance.now();
      try {
        const r = parseNginx(sourceFromText('/virtual/fuzz.conf', text));
        checkRanges(r.nodes, text.length);
        lintText(text, i % 2 ? 'nginx.conf' : 'fuzz.conf');
      } catch (e) {
        throw new Error(`case ${i} (seed ${SEED}) failed: ${(e as Error).stack}\n--- input ---\n${text.slice(0, 2000)}`);
      }
      const ms = performance.now() - t0;
      slowest = Math.max(slowest, ms);
      if (ms > MAX_MS_PER_CASE) throw new Error(`case ${i} took ${ms.toFixed(0)} ms (seed ${SEED})`);
    }
    // eslint-disable-next-line no-console
    console.log(`nginx fuzz: ${CASES} cases, slowest ${slowest.toFixed(1)} ms`);
  });

  it('handles pathological inputs in linear time', () => {
    for (const text of ['{'.repeat(20000), 'a '.repeat(200000) + ';', '"'.repeat(100001), '#'.repeat(300000), 'a {'.repeat(30000), '\\'.repeat(200001)]) {
      const t0 = performance.now();
      parseNginx(sourceFromText('/virtual/p.conf', text));
      expect(performance.now() - t0).toBeLessThan(10000); // quadratic behaviour would take minutes
    }
  });
});
