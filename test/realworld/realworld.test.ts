/**
 * Keeps the real-world corpus from regressing without asserting its figures: every case listed
 * in ratchet.json (fully matched when it was recorded) must still be fully matched — no false
 * positive, no false negative. `npm run realworld -- --update-ratchet` records improvements.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules } from '../../rules/index';
import {
  EXPECTATIONS,
  fullyMatched,
  loadExpectations,
  loadRatchet,
  runCases,
  scoreCase,
  summarize,
  validateCases,
  type Case,
  type Finding,
} from '../../bench/realworld/score';

const cases = loadExpectations();
const ratchet = loadRatchet();

describe('real-world expectation table', () => {
  it('is well formed: ids unique, directories and files present, verdicts consistent', () => {
    expect(validateCases(cases)).toEqual([]);
  });

  it('names only existing rules, or rules listed under proposed', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const YAML = require('yaml') as typeof import('yaml');
    const proposed = new Set<string>((YAML.parse(fs.readFileSync(EXPECTATIONS, 'utf8')) as { proposed?: string[] }).proposed ?? []);
    const known = new Set(allRules().map((r) => r.id));
    const unknown = cases.flatMap((c) => (c.expect ?? []).map((e) => e.rule)).filter((r) => !known.has(r) && !proposed.has(r) && !r.startsWith('core/'));
    expect([...new Set(unknown)]).toEqual([]);
  });

  it('ratchet lists only cases in the table, each once', () => {
    const ids = new Set(cases.map((c) => c.id));
    expect(ratchet.filter((id) => !ids.has(id))).toEqual([]);
    expect(new Set(ratchet).size).toBe(ratchet.length);
  });

  it('has cases for all four servers', () => {
    for (const d of ['nginx', 'apache', 'squid', 'haproxy']) expect(cases.some((c) => c.dialect === d)).toBe(true);
  });
});

describe('scoring', () => {
  const c: Case = {
    id: 't',
    dialect: 'nginx',
    path: '.',
    verdict: 'flag',
    source: 's',
    licence: 'l',
    why: 'w',
    expect: [
      { rule: 'nginx/a', file: 'nginx.conf', line: 5 },
      { rule: 'nginx/b', file: 'nginx.conf', lines: [10, 20] },
    ],
  };
  const f = (rule: string, line: number, severity: Finding['severity'] = 'error', file = 'nginx.conf'): Finding => ({ rule, file, line, severity, message: '' });
  const cases_: [string, Finding[], { tp: number; fp: number; fn: number }][] = [
    ['both found', [f('nginx/a', 5), f('nginx/b', 12)], { tp: 2, fp: 0, fn: 0 }],
    ['wrong line is a miss and noise', [f('nginx/a', 6), f('nginx/b', 12)], { tp: 1, fp: 1, fn: 1 }],
    ['range bounds inclusive', [f('nginx/a', 5), f('nginx/b', 20)], { tp: 2, fp: 0, fn: 0 }],
    ['outside range', [f('nginx/a', 5), f('nginx/b', 21)], { tp: 1, fp: 1, fn: 1 }],
    ['other file', [f('nginx/a', 5, 'error', 'conf.d/x.conf')], { tp: 0, fp: 1, fn: 2 }],
    ['info is not a claim', [f('nginx/a', 5, 'info'), f('nginx/c', 1, 'info')], { tp: 0, fp: 0, fn: 2 }],
    ['a warning is a claim', [f('nginx/c', 1, 'warning')], { tp: 0, fp: 1, fn: 2 }],
    ['duplicate findings on one defect count once', [f('nginx/a', 5), f('nginx/a', 5, 'warning'), f('nginx/b', 11)], { tp: 2, fp: 0, fn: 0 }],
  ];
  it.each(cases_)('%s', (_name, findings, want) => {
    const o = scoreCase(c, findings);
    expect({ tp: o.tp.length, fp: o.fp.length, fn: o.fn.length }).toEqual(want);
    expect(fullyMatched(o)).toBe(want.fp === 0 && want.fn === 0);
  });
  it('a context rule is listed, not scored, unless the case expects it', () => {
    const ctx = new Set(['core/include-unmapped']);
    const o = scoreCase(c, [f('core/include-unmapped', 3, 'warning'), f('nginx/a', 5)], undefined, ctx);
    expect({ tp: o.tp.length, fp: o.fp.length, fn: o.fn.length, context: o.context.length }).toEqual({ tp: 1, fp: 0, fn: 1, context: 1 });
    const expecting = { ...c, expect: [{ rule: 'core/include-unmapped', file: 'nginx.conf', line: 3 }] };
    const o2 = scoreCase(expecting, [f('core/include-unmapped', 3, 'warning')], undefined, ctx);
    expect({ tp: o2.tp.length, context: o2.context.length }).toEqual({ tp: 1, context: 0 });
  });
  it('summarize adds up per dialect and rule, and counts case verdicts from claims only', () => {
    const clean: Case = { ...c, id: 'u', verdict: 'clean', expect: [] };
    const apacheCase: Case = { ...c, id: 'v', dialect: 'apache', expect: [{ rule: 'apache/x', file: 'a.conf', line: 1 }] };
    const outcomes = [
      scoreCase(c, [f('nginx/a', 5), f('nginx/c', 9)]),
      scoreCase(clean, [f('nginx/c', 2, 'info')]),
      scoreCase(apacheCase, []),
    ];
    const s = summarize([c, clean, apacheCase], outcomes);
    expect(s.byDialect).toEqual({
      apache: { tp: 0, fp: 0, fn: 1, precision: null, recall: 0 },
      nginx: { tp: 1, fp: 1, fn: 1, precision: 0.5, recall: 0.5 },
    });
    expect(s.byRule['nginx/c']).toEqual({ tp: 0, fp: 1, fn: 0, precision: 0, recall: null });
    expect(s.total).toEqual({ tp: 1, fp: 1, fn: 2, precision: 0.5, recall: 1 / 3 });
    expect(s.verdicts).toEqual({ nginx: { tp: 1, fp: 0, fn: 0, tn: 1 }, apache: { tp: 0, fp: 0, fn: 1, tn: 0 } });
    expect(s.cases).toEqual({ nginx: 2, apache: 1 });
  });
  it('a CLI failure is never fully matched', () => {
    expect(fullyMatched(scoreCase({ ...c, expect: [], verdict: 'clean' }, [], 'exit 2: boom'))).toBe(false);
  });
});

describe('ratchet: cases fully matched when recorded stay matched', () => {
  const byId = new Map(cases.map((c) => [c.id, c]));
  const listed = ratchet.map((id) => byId.get(id)).filter((c): c is Case => c !== undefined);
  it(`${listed.length} cases`, async () => {
    const outcomes = await runCases(listed);
    const regressions = outcomes
      .filter((o) => !fullyMatched(o))
      .map((o) => ({
        case: o.id,
        dir: path.join('test/realworld/cases', byId.get(o.id)!.path),
        crash: o.crash,
        falsePositives: o.fp.map((x) => `${x.file}:${x.line} ${x.rule} [${x.severity}]`),
        falseNegatives: o.fn.map((x) => `${x.file}:${x.line ?? x.lines?.join('-')} ${x.rule}`),
      }));
    expect(regressions).toEqual([]);
  }, 300000);
});
