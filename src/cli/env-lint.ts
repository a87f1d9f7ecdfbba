/**
 * `proxylint env [PATH…]`: proxy variables linted where they are set (no PATH: the current
 * environment). Same registry, configuration, formats and exit codes as `lint`; what is printed
 * has every URL's credentials masked. The linting is src/env/lint's; this module is the command:
 * which files, which rules (rules/env), which format, which exit code.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigResolver, type KnownRule } from '../core/config';
import { UsageError } from '../core/errors';
import type { FileConfig } from '../core/linter';
import { packageVersion } from '../core/package-root';
import type { LintResult, RuleMeta } from '../core/result';
import { isRelevant, type FileKind } from '../env/extract';
import { detectKind } from '../env/kind';
import { lintEnvFiles, lintEnvText, maskSecrets, type EnvLintContext } from '../env/lint';
import type { Env } from '../env/types';
import { envRules } from '../../rules/env';

export interface EnvLintOptions {
  paths: string[];
  format?: string;
  config?: string;
  quiet: boolean;
  maxWarnings?: number;
  env: Env;
  /** The one registry (rules/index.ts allRules), given by the CLI entry: config files are checked against every rule. */
  allRules?: () => KnownRule[];
  /** Rule metadata for the formatters (SARIF rules[]): the registry's. */
  rulesMeta?: () => RuleMeta[];
  /** --select / --ignore / --rule (the CLI's, computed by the main bundle). */
  overrides?: (cfg: FileConfig) => FileConfig;
}

const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'vendor']);

function collect(p: string, out: { file: string; kind: FileKind }[], explicit: boolean): void {
  let st: fs.Stats;
  try {
    st = fs.statSync(p);
  } catch {
    throw new UsageError(`no such file or directory: ${p}`);
  }
  if (st.isDirectory()) {
    for (const e of fs.readdirSync(p, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.isDirectory() && SKIP_DIRS.has(e.name)) continue;
      const child = path.join(p, e.name);
      if (e.isDirectory()) collect(child, out, false);
      else if (e.isFile()) {
        const kind = detectKind(child);
        if (kind) out.push({ file: child, kind });
      }
    }
    return;
  }
  const kind = detectKind(p) ?? (explicit ? 'dotenv' : undefined);
  if (kind) out.push({ file: p, kind });
}

function envRulesMeta(): RuleMeta[] {
  return envRules.map((r) => ({ id: r.id, dialect: 'env', severity: r.severity, fixable: r.fixable, summary: r.docs.summary }));
}

export async function runEnvLint(o: EnvLintOptions): Promise<number> {
  const results: LintResult[] = [];
  const cwd = process.cwd();
  const { loadFormatter, FORMAT_NAMES } = require('../report') as typeof import('../report');
  const format = o.format ?? (o.env.GITHUB_ACTIONS === 'true' ? 'github' : 'stylish');
  if (!FORMAT_NAMES.includes(format)) throw new UsageError(`unknown format "${format}" (expected one of: ${FORMAT_NAMES.join(', ')})`);
  const configs = new ConfigResolver(o.config, o.allRules ?? (() => envRules), cwd);
  const override = o.overrides;
  const configFor = (p: string) => (override ? override(configs.forFile(p)) : configs.forFile(p));
  const ctx: EnvLintContext = { rules: envRules, configFor, tree: cwd === path.parse(cwd).root ? [] : [cwd] };
  if (o.paths.length === 0) {
    // The current environment, as a pseudo file of NAME=value lines (relevant variables only).
    const names = Object.keys(o.env).filter(isRelevant).sort();
    const text = names.map((n) => `${n}=${o.env[n]}`).join('\n') + (names.length ? '\n' : '');
    results.push(lintEnvText(path.join(cwd, '<environment>'), text, 'dotenv', ctx));
    results[0].filePath = '<environment>';
  } else {
    const files: { file: string; kind: FileKind }[] = [];
    for (const p of o.paths) collect(path.resolve(cwd, p), files, true);
    results.push(...lintEnvFiles(files, ctx));
    for (const r of results) r.displayPath = path.relative(cwd, r.filePath) || r.filePath;
  }
  const errors = results.reduce((n, r) => n + r.errorCount, 0);
  const warnings = results.reduce((n, r) => n + r.warningCount, 0);
  if (o.quiet) {
    for (const r of results) {
      r.messages = r.messages.filter((m) => m.severity === 'error');
      r.warningCount = 0;
      r.infoCount = 0;
    }
  }
  const out = loadFormatter(format)(results, { cwd, rulesMeta: o.rulesMeta ?? envRulesMeta, color: false, version: packageVersion() });
  process.stdout.write(maskSecrets(out));
  if (errors > 0) return 1;
  if (o.maxWarnings !== undefined && o.maxWarnings >= 0 && warnings > o.maxWarnings) return 1;
  return 0;
}
