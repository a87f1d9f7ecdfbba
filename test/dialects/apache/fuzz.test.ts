/**
 * Mutated corpus files and random bytes: the parser and loader must never throw and never hang.
 * Seeded, bounded: a failure names its seed and case so it can be replayed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sourceFromText } from '../../../src/core/source';
import { dialect } from '../../../src/dialects/apache/index';
import { lintAndCheck, mutate, prng, randomText } from '../../support/fuzz';
import { CORPUS_DIR, describeWithCorpus } from '../../support/paths';
import { loadText } from './helpers';

const SEED = 0x5eed_a9ac;
const MUTATIONS_PER_FILE = 40;
const RANDOM_CASES = 300;
/** A parse of a few KB taking longer than this is a hang, not slowness. */
// A hang bound, not a speed test (the benchmark measures speed): generous enough for a loaded CI machine.
const TIME_BOUND_MS = 3000;

function check(text: string, label: string): void {
  const t0 = performance.now();
  try {
    const r = dialect.parse(sourceFromText('/fuzz/httpd.conf', text));
    for (const n of r.nodes) {
      if (n.start < 0 || n.end > text.length || n.start > n.end) throw new Error(`bad range ${n.start}-${n.end}`);
    }
    const { a } = loadText(text, { path: '/nonexistent-proxylint/fuzz.conf' });
    void a.activeDirectives.length;
    void a.proxyRoutes.length;
    void a.rewriteRules.length;
    void a.logLevels.length;
    if (a.servers.length) a.routeFor('/ws');
    lintAndCheck('apache', text, 'apache2.conf');
  } catch (e) {
    throw new Error(`${label}: ${(e as Error).stack}\n--- input ---\n${JSON.stringify(text)}`);
  }
  const ms = performance.now() - t0;
  if (ms > TIME_BOUND_MS) throw new Error(`${label}: took ${ms.toFixed(0)} ms\n--- input ---\n${JSON.stringify(text)}`);
}

function corpusFiles(): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (fs.statSync(p).size < 64 * 1024) out.push(p);
    }
  };
  walk(path.join(CORPUS_DIR, 'apache'));
  return out.sort();
}

describe('apache fuzz: random text', () => {
  test(`${RANDOM_CASES} random inputs`, () => {
    const rand = prng(SEED);
    for (let i = 0; i < RANDOM_CASES; i++) check(randomText(rand, Math.floor(rand() * 400)), `seed ${SEED} random #${i}`);
  });

  test('pathological shapes finish quickly', () => {
    check('<A>\n'.repeat(5000), 'deep nesting');
    check('<IfModule x>\n'.repeat(3000), 'deep conditionals');
    check('X \\\n'.repeat(5000), 'long continuation');
    check('"'.repeat(20000), 'quotes');
    check('#'.repeat(20000) + '\\\n'.repeat(2000), 'comment continuation');
  });
});

describeWithCorpus('apache fuzz: mutated corpus', () => {
  test(`${MUTATIONS_PER_FILE} mutations of each corpus file`, () => {
    const rand = prng(SEED);
    let n = 0;
    for (const p of corpusFiles()) {
      const text = fs.readFileSync(p, 'latin1');
      for (let i = 0; i < MUTATIONS_PER_FILE; i++) {
        check(mutate(text, rand), `seed ${SEED} ${path.basename(p)} #${i}`);
        n++;
      }
    }
    expect(n).toBeGreaterThan(1000);
  });
});
