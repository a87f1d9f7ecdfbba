/** `proxylint lint [paths..]`: collect, lint (and fix), format, decide the exit code. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DialectName } from '../core/ast';
import { ConfigResolver } from '../core/config';
import { Linter } from '../core/linter';
import type { LintResult, RuleMeta } from '../core/result';
import { toResult } from '../core/results';
import { SourceCache } from '../core/source';
import { allRules, rulesFor } from '../../rules/index';
import { collectFiles } from './collect';
import { loadFormatter } from '../report/index';
import { runFixes } from '../core/fix-runner';
import { unifiedDiff } from '../core/diff';
import { writeAtomic } from '../core/write';
import { packageVersion } from '../core/package-root';
import { UsageError } from './errors';

interface LintArgs {
  paths?: string[];
  dialect?: string;
  format?: string;
  outputFile?: string;
  output?: string[];
  config?: string;
  maxWarnings?: number;
  failureThreshold: string;
  exitZero?: boolean;
  quiet?: boolean;
  fix?: boolean;
  unsafeFixes?: boolean;
  fixDryRun?: boolean;
  diff?: boolean;
  inlineConfig: boolean;
  reportUnusedDisableDirectives?: boolean;
  requireReason?: boolean;
  forceExclude?: boolean;
  printConfig?: string;
  color?: boolean;
  cache?: boolean;
  cacheLocation: string;
}

export function rulesMeta(): RuleMeta[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./rules').allRuleMeta();
}

export async function runLint(raw: Record<string, unknown>): Promise<number> {
  const args = raw as unknown as LintArgs;
  if (args.maxWarnings !== undefined && !(Number.isInteger(args.maxWarnings) && args.maxWarnings >= -1)) {
    throw new UsageError(`--max-warnings expects a whole number, got "${(raw as { ['max-warnings']?: unknown })['max-warnings'] ?? args.maxWarnings}"`);
  }
  const cwd = process.cwd();
  const configs = new ConfigResolver(args.config, allRules, cwd);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (args.printConfig) return require('./print-config').printConfig(configs, path.resolve(cwd, args.printConfig));

  const formatName = args.format ?? (process.env.GITHUB_ACTIONS === 'true' ? 'github' : 'stylish');
  // Validate the format before doing any work.
  const formatter = loadFormatter(formatName);
  const extraOutputs = (args.output ?? []).map((spec) => {
    const m = /^([a-z]+)=(.+)$/.exec(spec);
    if (!m) throw new UsageError(`--output expects FORMAT=FILE, got "${spec}"`);
    return { formatter: loadFormatter(m[1]), file: path.resolve(cwd, m[2]) };
  });

  const requests = collectFiles(args.paths?.length ? args.paths : ['.'], cwd, configs, {
    dialect: args.dialect as DialectName | undefined,
    forceExclude: args.forceExclude,
  });
  const cache = new SourceCache();
  const linter = new Linter({
    cache,
    configFor: (p) => configs.forFile(p),
    rulesFor,
    unitOptions: {
      inlineConfig: args.inlineConfig,
      reportUnusedDisable: args.reportUnusedDisableDirectives ? 'warning' : 'off',
      requireReason: args.requireReason,
    },
  });

  let results: LintResult[];
  let diffText = '';
  const fixing = args.fix || args.fixDryRun || args.diff;
  if (fixing) {
    const run = runFixes(linter, cache, requests, !!args.unsafeFixes);
    results = run.outcomes.map((o) => toResult(o.path, o.source, o.messages));
    if (args.diff || args.fixDryRun) {
      diffText = [...run.changed].map(([file, text]) => unifiedDiff(file, text, cwd)).join('');
    }
    if (args.fixDryRun) {
      const byPath = new Map([...run.changed].map(([f, t]) => [f.path, t]));
      for (const r of results) if (byPath.has(r.filePath)) r.output = byPath.get(r.filePath);
    }
    if (args.fix && !args.fixDryRun && !args.diff) {
      for (const [file, text] of run.changed) writeAtomic(file, text);
    }
    for (const r of run.rejected) process.stderr.write(`proxylint: a fix for ${r.file} was not applied: its result would not parse (${r.message})\n`);
  } else if (args.cache) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { lintWithCache } = require('./cache') as typeof import('./cache');
    const unitOptions = { inlineConfig: args.inlineConfig, reportUnusedDisable: args.reportUnusedDisableDirectives ? 'warning' : 'off', requireReason: args.requireReason };
    results = lintWithCache(
      { linter, sources: cache, configFor: (p) => configs.forFile(p), rulesFor, unitOptions, location: path.resolve(cwd, args.cacheLocation), version: packageVersion() },
      requests,
    ).results;
  } else {
    results = linter.lint(requests).map((o) => toResult(o.path, o.source, o.messages));
  }

  if (args.quiet) {
    for (const r of results) {
      r.messages = r.messages.filter((m) => m.severity === 'error');
      r.warningCount = r.infoCount = r.fixableWarningCount = 0;
    }
  }

  const color = args.color ?? (!!process.stdout.isTTY && !process.env.NO_COLOR);
  const ctx = { cwd, rulesMeta, color, version: packageVersion() };
  const report = formatter(results, { ...ctx, color: args.outputFile ? false : color });
  if (args.diff) process.stdout.write(diffText);
  else if (args.outputFile) writeReport(args.outputFile, report, cwd);
  else process.stdout.write(report);
  if (args.fixDryRun && diffText && formatName === 'stylish') process.stdout.write(diffText);
  for (const o of extraOutputs) writeReport(o.file, o.formatter(results, { ...ctx, color: false }), cwd);

  if (args.diff && diffText) return 1;
  return exitCode(results, args);
}

function writeReport(file: string, text: string, cwd: string): void {
  const p = path.resolve(cwd, file);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
}

export function exitCode(results: LintResult[], args: Pick<LintArgs, 'maxWarnings' | 'failureThreshold' | 'exitZero'>): number {
  if (args.exitZero) return 0;
  const errors = results.reduce((n, r) => n + r.errorCount, 0);
  const warnings = results.reduce((n, r) => n + r.warningCount, 0);
  const infos = results.reduce((n, r) => n + r.infoCount, 0);
  if (errors > 0) return 1;
  if (args.failureThreshold === 'warning' && warnings > 0) return 1;
  if (args.failureThreshold === 'info' && warnings + infos > 0) return 1;
  if (args.maxWarnings !== undefined && args.maxWarnings >= 0 && warnings > args.maxWarnings) return 1;
  return 0;
}
