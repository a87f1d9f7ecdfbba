/**
 * `proxylint env [PATH…]`: proxy variables linted where they are set (no PATH: the current
 * environment). Same formats, suppression comments and exit codes as `lint`. The source text
 * given to the formatters has every URL's credentials masked (same length, so columns hold):
 * no output format can print a secret.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError } from '../cli/errors';
import type { Comment, SourceFile } from '../core/ast';
import { packageVersion } from '../core/package-root';
import type { LintMessage } from '../core/rule';
import { toResult } from '../core/results';
import type { LintResult, RuleMeta } from '../core/result';
import { applySuppressions, parseSuppression } from '../core/suppressions';
import { envRules } from '../../rules/env';
import { detectKind, extract, isRelevant, type FileKind, type Scope } from './extract';
import type { Env } from './types';

export interface EnvLintOptions {
  paths: string[];
  format?: string;
  config?: string;
  quiet: boolean;
  maxWarnings?: number;
  env: Env;
}

/** Credentials of every URL replaced by `*` of the same length. */
export function maskSecrets(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)([^/?#\s"'@]*(?:@[^/?#\s"'@]*)*)@/gi, (_m, scheme: string, ui: string) => `${scheme}${'*'.repeat(ui.length)}@`);
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

function comments(file: SourceFile): Comment[] {
  const out: Comment[] = [];
  const re = /^[ \t]*#(.*)$/gm;
  let m: RegExpExecArray | null;
  while ((m = re.exec(file.text))) {
    const start = m.index + m[0].indexOf('#');
    out.push({ type: 'comment', text: m[1], start, end: m.index + m[0].length, file } as Comment);
  }
  return out;
}

export function lintScopes(file: SourceFile, scopes: Scope[]): LintMessage[] {
  const messages: LintMessage[] = [];
  for (const scope of scopes) {
    scope.assignments = scope.assignments.filter((a) => isRelevant(a.name));
    if (scope.assignments.length === 0) continue;
    for (const rule of envRules) {
      rule.check(scope, (r) => messages.push({ ruleId: rule.id, severity: r.severity ?? rule.severity, message: r.message, file, start: r.start, end: r.end }));
    }
  }
  const directives = comments(file).map(parseSuppression).filter((d): d is NonNullable<typeof d> => !!d);
  return applySuppressions(file, messages, directives);
}

export function lintEnvText(filePath: string, text: string, kind: FileKind): LintResult {
  const file: SourceFile = { path: filePath, text, encoding: 'utf8' };
  const messages = lintScopes(file, extract(file, kind));
  const masked: SourceFile = { path: filePath, text: maskSecrets(text), encoding: 'utf8' };
  const r = toResult(filePath, masked, messages.map((m) => ({ ...m, file: masked })));
  return r;
}

export function envRulesMeta(): RuleMeta[] {
  return envRules.map((r) => ({ id: r.id, dialect: 'env', severity: r.severity, fixable: r.fixable, summary: r.docs.summary, helpUri: `https://github.com/proxylint/proxylint/blob/main/rules/${r.id}/README.md` }));
}

export async function runEnvLint(o: EnvLintOptions): Promise<number> {
  const results: LintResult[] = [];
  const cwd = process.cwd();
  if (o.paths.length === 0) {
    // The current environment, as a pseudo file of NAME=value lines (relevant variables only).
    const names = Object.keys(o.env).filter(isRelevant).sort();
    const text = names.map((n) => `${n}=${o.env[n]}`).join('\n') + (names.length ? '\n' : '');
    results.push(lintEnvText('<environment>', text, 'dotenv'));
  } else {
    const files: { file: string; kind: FileKind }[] = [];
    for (const p of o.paths) collect(path.resolve(cwd, p), files, true);
    for (const f of files) {
      const r = lintEnvText(f.file, fs.readFileSync(f.file, 'utf8'), f.kind);
      r.displayPath = path.relative(cwd, f.file) || f.file;
      results.push(r);
    }
  }
  if (o.quiet) {
    for (const r of results) {
      r.messages = r.messages.filter((m) => m.severity === 'error');
      r.warningCount = 0;
      r.infoCount = 0;
    }
  }
  const { loadFormatter, FORMAT_NAMES } = require('../report') as typeof import('../report');
  const format = o.format ?? (o.env.GITHUB_ACTIONS === 'true' ? 'github' : 'stylish');
  if (!FORMAT_NAMES.includes(format)) throw new UsageError(`unknown format "${format}" (expected one of: ${FORMAT_NAMES.join(', ')})`);
  const out = loadFormatter(format)(results, { cwd, rulesMeta: envRulesMeta, color: false, version: packageVersion() });
  process.stdout.write(maskSecrets(out));
  const errors = results.reduce((n, r) => n + r.errorCount, 0);
  const warnings = results.reduce((n, r) => n + r.warningCount, 0);
  if (errors > 0) return 1;
  if (o.maxWarnings !== undefined && o.maxWarnings >= 0 && warnings > o.maxWarnings) return 1;
  return 0;
}
