/** `proxylint lint [paths..]`: collect, lint (and fix), format, decide the exit code. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Argv } from 'yargs';
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
import { UsageError } from './errors';

export function lintOptions(y: Argv) {
  return y
    .positional('paths', { type: 'string', array: true, describe: 'files and directories (default: .)' })
    .option('dialect', { type: 'string', choices: ['nginx', 'apache', 'squid', 'haproxy'], describe: 'treat named files as this dialect' })
    .option('format', { alias: 'f', type: 'string', describe: 'stylish | json | sarif | github | checkstyle | junit | gitlab' })
    .option('output-file', { alias: 'o', type: 'string', describe: 'write the report to a file' })
    .option('output', { type: 'string', array: true, describe: 'also write FORMAT=FILE (repeatable)' })
    .option('config', { alias: 'c', type: 'string', describe: 'use this configuration file (no lookup)' })
    .option('max-warnings', { type: 'number', describe: 'fail when there are more warnings than this' })
    .option('failure-threshold', { type: 'string', choices: ['error', 'warning', 'info'], default: 'error', describe: 'lowest severity that fails the run' })
    .option('exit-zero', { type: 'boolean', describe: 'exit 0 even with findings (errors still exit 2)' })
    .option('quiet', { alias: 'q', type: 'boolean', describe: 'report errors only' })
    .option('fix', { type: 'boolean', describe: 'apply safe fixes to the files' })
    .option('unsafe-fixes', { type: 'boolean', describe: 'with --fix/--diff, apply unsafe fixes too' })
    .option('fix-dry-run', { type: 'boolean', describe: 'compute fixes and print what would change, write nothing' })
    .option('diff', { type: 'boolean', describe: 'print fixes as a unified diff (git apply); exit 1 when there is one' })
    .option('inline-config', { type: 'boolean', default: true, describe: 'honour proxylint-disable comments (--no-inline-config)' })
    .option('report-unused-disable-directives', { type: 'boolean', describe: 'report suppressions that suppress nothing' })
    .option('require-reason', { type: 'boolean', describe: 'suppressions must say why ("-- reason")' })
    .option('force-exclude', { type: 'boolean', describe: 'apply config ignores to named files too' })
    .option('print-config', { type: 'string', describe: 'print the configuration that applies to a file' })
    .option('color', { type: 'boolean', describe: 'force colour on or off' });
}

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
}

export function rulesMeta(): RuleMeta[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./rules').allRuleMeta();
}

export async function runLint(raw: Record<string, unknown>): Promise<number> {
  const args = raw as unknown as LintArgs;
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
  const ctx = { cwd, rulesMeta, color, version: require('../../../package.json').version as string };
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
