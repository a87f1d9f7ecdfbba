/**
 * The differential fuzz driver: each case is a mutated real config written into a fresh temp
 * prefix, linted by proxylint from that file (every rule of the dialect, includes resolved as in
 * a real run) and judged by the server's own checker in the same prefix. proxylint's syntax
 * verdict (a fatal message or not) is compared with the checker's accept/reject:
 *
 * - both accept, or both reject: agreement;
 * - the checker rejects for a reason that is not syntax (see `SEMANTIC` in ./oracle.ts: an unknown
 *   directive, a bad value, a missing include…): an explained divergence, counted by reason;
 * - anything else is a disagreement, printed with the case and both verdicts.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DialectName } from '../../../src/core/ast';
import { positionAt } from '../../../src/core/positions';
import { lintFileWithAllRules } from '../../support/lint-file';
import { prng } from '../../support/fuzz';
import { freePort, runCheck, substitute } from '../harness';
import { mutateConfig } from './mutate';
import { checkerCommand, classify, KNOWN, type Verdict } from './oracle';
import { FIXTURES_DIR } from '../../support/paths';

export interface CaseResult {
  dialect: DialectName;
  index: number;
  /** The config as the checker read it. */
  config: string;
  /** proxylint's fatal messages (file:line:col message). */
  fatal: string[];
  /** Rule ids of proxylint's non-fatal findings. */
  rules: string[];
  verdict: Verdict;
  outcome: 'agree-accept' | 'agree-reject' | 'semantic' | 'disagree';
}

const FIXTURE_EXT: Record<DialectName, string> = { nginx: 'nginx.conf', apache: 'httpd.conf', squid: 'squid.conf', haproxy: 'haproxy.cfg' };

/** The seeds: every e2e fixture of the dialect (configs the real server runs). */
export function seeds(dialect: DialectName): string[] {
  const dir = path.join(FIXTURES_DIR, 'e2e', dialect);
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.conf'))
    // (TLS fixtures need certificate files beside them: left out)
    .sort()
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
    .filter((t) => !/\.pem\b/.test(t));
}

function lintFile(file: string, dialect: DialectName, tree: string): { fatal: string[]; rules: string[] } {
  const messages = lintFileWithAllRules(file, dialect, tree);
  return {
    fatal: messages.filter((m) => m.fatal).map((m) => {
      const p = positionAt(m.file, m.start);
      return `${path.basename(m.file.path)}:${p.line}:${p.column} ${m.message}`;
    }),
    rules: [...new Set(messages.filter((m) => !m.fatal).map((m) => m.ruleId))].sort(),
  };
}

/** Runs one case: mutate seed, write, lint, check, compare. */
export async function runCase(dialect: DialectName, index: number, seed: string, rand: () => number): Promise<CaseResult> {
  const prefix = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `proxylint-diff-${dialect}-`)));
  try {
    fs.chmodSync(prefix, 0o755);
    // Mutated before the placeholders are filled, so the lines naming them stay as they are.
    const config = substitute(mutateConfig(seed, dialect, rand), { port: await freePort(), backendPort: 9, prefix });
    const file = path.join(prefix, FIXTURE_EXT[dialect]);
    fs.writeFileSync(file, config);
    const lint = lintFile(file, dialect, prefix);
    const cmd = checkerCommand(dialect, prefix, file);
    const r = await runCheck(cmd.command, cmd.args, cmd.env);
    const verdict = classify(dialect, r.ok, r.output);
    const fatal = lint.fatal.length > 0;
    const named = verdict.line ? config.split('\n')[verdict.line - 1] ?? '' : '';
    const known = fatal ? undefined : KNOWN[dialect].find((k) => verdict.message !== undefined && k.message.test(verdict.message) && k.line.test(named));
    if (known) {
      verdict.kind = 'semantic';
      verdict.reason = `known: ${known.why}`;
    }
    let outcome: CaseResult['outcome'];
    if (verdict.kind === 'accept') outcome = fatal ? 'disagree' : 'agree-accept';
    else if (fatal) outcome = 'agree-reject';
    else outcome = verdict.kind === 'semantic' ? 'semantic' : 'disagree';
    return { dialect, index, config, fatal: lint.fatal, rules: lint.rules, verdict, outcome };
  } finally {
    fs.rmSync(prefix, { recursive: true, force: true });
  }
}

/** `count` cases from `seed`, `parallel` checkers at a time; results in case order. */
export async function runDialect(dialect: DialectName, seed: number, count: number, parallel = 2): Promise<CaseResult[]> {
  const bases = seeds(dialect);
  // Each case gets its own generator (seed + index): a failing case replays alone.
  const jobs = Array.from({ length: count }, (_, i) => i);
  const results: CaseResult[] = new Array(count);
  const worker = async (): Promise<void> => {
    for (let i = jobs.shift(); i !== undefined; i = jobs.shift()) {
      const rand = prng(seed * 100_003 + i);
      const baseIndex = Math.floor(rand() * bases.length);
      results[i] = await runCase(dialect, i, bases[baseIndex], rand);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return results;
}

/** One line per outcome and reason, for the log. */
export function summary(dialect: DialectName, results: CaseResult[]): string {
  const by = new Map<string, number>();
  for (const r of results) {
    const key = r.outcome === 'semantic' ? `semantic: ${r.verdict.reason}` : r.outcome;
    by.set(key, (by.get(key) ?? 0) + 1);
  }
  const rows = [...by].sort((a, b) => b[1] - a[1]).map(([k, n]) => `  ${String(n).padStart(4)}  ${k}`);
  return `${dialect}: ${results.length} cases\n${rows.join('\n')}`;
}

/** A disagreement, printable and replayable. */
export function describeCase(r: CaseResult): string {
  const lines = r.config.split('\n');
  return [
    `${r.dialect} case ${r.index}: proxylint ${r.fatal.length ? `fatal: ${r.fatal.join('; ').slice(0, 300)}` : 'no fatal'}; checker ${r.verdict.kind}${r.verdict.message ? `: ${r.verdict.message.slice(0, 300)}` : ''}`,
    ...(r.verdict.line ? [`  checker line ${r.verdict.line}: ${JSON.stringify(lines[r.verdict.line - 1]?.slice(0, 200))}`] : []),
  ].join('\n');
}
