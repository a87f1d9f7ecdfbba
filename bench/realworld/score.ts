/**
 * The real-world corpus measurement (test/realworld): lints every case with the built CLI,
 * matches its warning/error findings against the expectation table, and scores precision and
 * recall per rule and per dialect. A finding at info is advice, not a claim that the server
 * breaks, so it is neither a true nor a false positive; nor is a warning of a context rule
 * (expectations.yaml `context_rules`), which says what the linter could not read. Used by `npm run realworld` and by
 * the ratchet test.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const REPO = (() => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
})();
export const REALWORLD = path.join(REPO, 'test', 'realworld');
export const CASES_DIR = path.join(REALWORLD, 'cases');
export const EXPECTATIONS = path.join(REALWORLD, 'expectations.yaml');
export const RATCHET = path.join(REALWORLD, 'ratchet.json');
/** The CLI measured: this checkout's, or another build's (PROXYLINT_CLI, e.g. an older commit for before/after figures). */
const CLI = process.env.PROXYLINT_CLI ? path.resolve(process.env.PROXYLINT_CLI) : path.join(REPO, 'bin', 'proxylint.js');

export type Dialect = 'nginx' | 'apache' | 'squid' | 'haproxy';

export interface Expected {
  rule: string;
  /** Path relative to the case directory. */
  file: string;
  /** Exact line, or an inclusive range (a block) where the finding may point. */
  line?: number;
  lines?: [number, number];
  why?: string;
}

export interface Case {
  id: string;
  dialect: Dialect;
  /** Directory under test/realworld/cases. */
  path: string;
  verdict: 'flag' | 'clean';
  source: string;
  licence: string;
  why: string;
  /** Paths (relative to the case directory) given to `proxylint lint`; default ".". */
  lint?: string[];
  expect?: Expected[];
}

export interface Finding {
  rule: string;
  file: string;
  line: number;
  severity: 'error' | 'warning' | 'info';
  message: string;
}

export interface CaseOutcome {
  id: string;
  dialect: Dialect;
  findings: Finding[];
  /** Claims (warning/error) that match an expectation. */
  tp: { finding: Finding; expected: Expected }[];
  fp: Finding[];
  fn: Expected[];
  /** The CLI failed (exit 2 or unparsable output): every expectation is missed. */
  crash?: string;
  /** Warning/error findings of a context rule: shown, not scored. */
  context: Finding[];
}

interface ExpectationsFile {
  cases: Case[];
  proposed?: string[];
  context_rules?: string[];
}

function readTable(file: string): ExpectationsFile {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const YAML = require('yaml') as typeof import('yaml');
  return YAML.parse(fs.readFileSync(file, 'utf8')) as ExpectationsFile;
}

export function loadExpectations(file = EXPECTATIONS): Case[] {
  return readTable(file).cases;
}

/**
 * Rule ids that say what the linter could not read (an unmapped include, a fragment without its
 * main config), not what the server does: reported per case, never scored as claims.
 */
export function loadContextRules(file = EXPECTATIONS): Set<string> {
  return new Set(readTable(file).context_rules ?? []);
}

export function loadRatchet(file = RATCHET): string[] {
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { matched: string[] }).matched;
}

/** Problems in the table itself: duplicate ids, missing directories or files, verdicts that contradict `expect`. */
export function validateCases(cases: Case[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const c of cases) {
    if (seen.has(c.id)) problems.push(`${c.id}: duplicate id`);
    seen.add(c.id);
    for (const k of ['dialect', 'path', 'verdict', 'source', 'licence', 'why'] as const) {
      if (!c[k]) problems.push(`${c.id}: missing ${k}`);
    }
    const dir = path.join(CASES_DIR, c.path);
    if (!fs.existsSync(dir)) problems.push(`${c.id}: no directory ${c.path}`);
    const n = (c.expect ?? []).length;
    if (c.verdict === 'clean' && n > 0) problems.push(`${c.id}: verdict clean but ${n} expected finding(s)`);
    if (c.verdict === 'flag' && n === 0) problems.push(`${c.id}: verdict flag but nothing expected`);
    for (const e of c.expect ?? []) {
      if (!fs.existsSync(path.join(dir, e.file))) problems.push(`${c.id}: expected file ${e.file} does not exist`);
      if (e.line === undefined && e.lines === undefined) problems.push(`${c.id}: ${e.rule} has neither line nor lines`);
    }
  }
  return problems;
}

function severityName(n: number): Finding['severity'] {
  return n >= 2 ? 'error' : n === 1 ? 'warning' : 'info';
}

interface JsonResult {
  filePath: string;
  messages: { ruleId: string | null; severity: number; message: string; line: number; fatal?: boolean }[];
}

/** Runs the built CLI on one case (in the case directory, so no outer config or context applies). */
export function lintCase(c: Case): Promise<{ findings: Finding[]; crash?: string }> {
  const dir = path.join(CASES_DIR, c.path);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'lint', '--format', 'json', ...(c.lint ?? ['.'])], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, GITHUB_ACTIONS: '', FORCE_COLOR: '0' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => {
      if (code !== 0 && code !== 1) return resolve({ findings: [], crash: `exit ${code}: ${err.trim().split('\n')[0]}` });
      let parsed: JsonResult[];
      try {
        parsed = JSON.parse(out) as JsonResult[];
      } catch {
        return resolve({ findings: [], crash: `unparsable output: ${out.slice(0, 200)}` });
      }
      const findings: Finding[] = [];
      for (const r of parsed) {
        const file = path.relative(dir, path.resolve(dir, r.filePath)).split(path.sep).join("/");
        for (const m of r.messages) {
          findings.push({
            rule: m.ruleId ?? (m.fatal ? 'core/fatal' : 'core/unknown'),
            file,
            line: m.line,
            severity: severityName(m.severity),
            message: m.message,
          });
        }
      }
      resolve({ findings });
    });
  });
}

function matches(f: Finding, e: Expected): boolean {
  if (f.rule !== e.rule || f.file !== e.file) return false;
  if (e.line !== undefined) return f.line === e.line;
  if (e.lines) return f.line >= e.lines[0] && f.line <= e.lines[1];
  return false;
}

/**
 * Matches claims to expectations. Several findings of one rule on the same expected defect (a
 * rule reporting one problem twice) count as one true positive, not as noise.
 */
export function scoreCase(c: Case, findings: Finding[], crash?: string, contextRules: Set<string> = new Set()): CaseOutcome {
  const expected = c.expect ?? [];
  const out: CaseOutcome = { id: c.id, dialect: c.dialect, findings, tp: [], fp: [], fn: [], crash, context: [] };
  const hit = new Set<Expected>();
  for (const f of findings) {
    if (f.severity === 'info') continue;
    if (contextRules.has(f.rule) && !expected.some((x) => x.rule === f.rule)) {
      out.context.push(f);
      continue;
    }
    const e = expected.find((x) => matches(f, x));
    if (e) {
      if (!hit.has(e)) out.tp.push({ finding: f, expected: e });
      hit.add(e);
    } else out.fp.push(f);
  }
  out.fn = expected.filter((e) => !hit.has(e));
  return out;
}

export async function runCases(cases: Case[], concurrency = 2, contextRules = loadContextRules()): Promise<CaseOutcome[]> {
  const results: CaseOutcome[] = new Array(cases.length);
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const i = next++;
      const { findings, crash } = await lintCase(cases[i]);
      results[i] = scoreCase(cases[i], findings, crash, contextRules);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, cases.length) }, worker));
  return results;
}

export function fullyMatched(o: CaseOutcome): boolean {
  return !o.crash && o.fp.length === 0 && o.fn.length === 0;
}

export interface Tally {
  tp: number;
  fp: number;
  fn: number;
  precision: number | null;
  recall: number | null;
}

function ratio(a: number, b: number): number | null {
  return b === 0 ? null : a / b;
}

function tally(tp: number, fp: number, fn: number): Tally {
  return { tp, fp, fn, precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn) };
}

export interface Summary {
  cases: Record<string, number>;
  byDialect: Record<string, Tally>;
  byRule: Record<string, Tally>;
  total: Tally;
  /** Case-level: a case flagged when it has at least one claim. */
  verdicts: Record<string, { tp: number; fp: number; fn: number; tn: number }>;
}

export function summarize(cases: Case[], outcomes: CaseOutcome[]): Summary {
  type Counts = { tp: number; fp: number; fn: number };
  const byDialect = new Map<string, Counts>();
  const byRule = new Map<string, Counts>();
  const get = (m: Map<string, Counts>, k: string) => m.get(k) ?? (m.set(k, { tp: 0, fp: 0, fn: 0 }), m.get(k)!);
  const total: Counts = { tp: 0, fp: 0, fn: 0 };
  const verdicts: Summary['verdicts'] = {};
  const caseCount: Record<string, number> = {};
  outcomes.forEach((o, i) => {
    const c = cases[i];
    caseCount[c.dialect] = (caseCount[c.dialect] ?? 0) + 1;
    for (const t of [get(byDialect, c.dialect), total]) {
      t.tp += o.tp.length;
      t.fp += o.fp.length;
      t.fn += o.fn.length;
    }
    for (const t of o.tp) get(byRule, t.finding.rule).tp++;
    for (const f of o.fp) get(byRule, f.rule).fp++;
    for (const e of o.fn) get(byRule, e.rule).fn++;
    const v = (verdicts[c.dialect] ??= { tp: 0, fp: 0, fn: 0, tn: 0 });
    const flagged = o.tp.length + o.fp.length > 0;
    if (c.verdict === 'flag') flagged ? v.tp++ : v.fn++;
    else flagged ? v.fp++ : v.tn++;
  });
  const out = (m: Map<string, Counts>) =>
    Object.fromEntries([...m.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, tally(v.tp, v.fp, v.fn)]));
  return { cases: caseCount, byDialect: out(byDialect), byRule: out(byRule), total: tally(total.tp, total.fp, total.fn), verdicts };
}
