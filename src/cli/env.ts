/**
 * `proxylint env [PATH…]` and `proxylint env explain URL [--as CLIENT[@VERSION]]…`: options for
 * yargs and the runs. Built as its own bundle (dist/env.js, see scripts/bundle.js) so nothing of
 * env is compiled on the lint path.
 */
import type { Argv } from 'yargs';
import type { KnownRule } from '../core/config';
import type { FileConfig } from '../core/linter';
import type { LintResult, RuleMeta } from '../core/result';
import { lintEnvFiles as lintWith, type EnvLintContext } from '../env/lint';
import { envRules } from '../../rules/env';

/** The env rules, for the registry (rules/index.ts). */
export { rules } from '../../rules/env';

/** `lint` on a tree: the env-bearing files it found, linted by the env rules (this bundle). */
export function lintEnvFiles(files: Parameters<typeof lintWith>[0], ctx: Omit<EnvLintContext, 'rules'>): LintResult[] {
  return lintWith(files, { ...ctx, rules: envRules });
}

/** What the main bundle lends this one: the one rule registry (config validation, SARIF rules[]). */
export interface EnvHost {
  allRules: () => KnownRule[];
  rulesMeta: () => RuleMeta[];
  /** --select / --ignore / --rule over each file's configuration, as `lint` applies them. */
  overrides?: () => ((cfg: FileConfig) => FileConfig) | undefined;
}

export function envCommandOptions(y: Argv): Argv {
  return y
    .positional('args', { type: 'string', array: true, describe: 'files/directories to lint (none: the current environment), or: explain URL' })
    .option('as', { type: 'string', array: true, describe: 'explain: only these clients (repeatable): curl, wget, go, node, undici, proxy-from-env, python-requests, httpx, java; CLIENT@VERSION' })
    .option('format', { alias: 'f', type: 'string', describe: 'lint: stylish | json | sarif | github | checkstyle | junit | gitlab; explain: text | json' })
    .option('config', { alias: 'c', type: 'string', describe: 'use this configuration file' })
    .option('quiet', { type: 'boolean', describe: 'report errors only' })
    .option('select', { type: 'string', array: true, describe: 'only these rules (ids, names or a prefix such as env), comma-separated or repeated' })
    .option('ignore', { type: 'string', array: true, describe: 'not these rules' })
    .option('rule', { type: 'string', array: true, describe: 'ID=error|warning|info|off for this run' })
    .option('max-warnings', { type: 'number', describe: 'exit 1 when there are more warnings than this' });
}

function usage(e: unknown): number {
  // This module is its own bundle: main's UsageError is another class, so check by name.
  const err = e as Error;
  if (err?.name === 'UsageError' || err?.name === 'ConfigError') {
    process.stderr.write(`proxylint env: ${String(err.message).replace(/\s*\n\s*/g, ' ')}\n`);
    return 2;
  }
  throw e;
}

export async function runEnvCommand(args: Record<string, unknown>, host?: EnvHost): Promise<number> {
  const positional = ((args.args as string[] | undefined) ?? []).map(String);
  try {
    if (positional[0] === 'explain') {
      const { runExplain } = require('../env/explain') as typeof import('../env/explain');
      return runExplain(positional.slice(1), (args.as as string[] | undefined) ?? [], String(args.format ?? 'text'), process.env);
    }
    const { runEnvLint } = require('./env-lint') as typeof import('./env-lint');
    return await runEnvLint({
      paths: positional,
      format: args.format as string | undefined,
      config: args.config as string | undefined,
      quiet: Boolean(args.quiet),
      maxWarnings: args.maxWarnings as number | undefined,
      env: process.env,
      allRules: host?.allRules,
      rulesMeta: host?.rulesMeta,
      overrides: host?.overrides?.(),
    });
  } catch (e) {
    return usage(e);
  }
}
