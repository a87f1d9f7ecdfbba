/**
 * `proxylint env [PATH…]`: proxy variables linted where they are set (no PATH: the current
 * environment), and the env-bearing files `lint` finds in a tree. Same registry, configuration
 * (`rules:` severities, overrides, --select/--ignore/--rule via the caller's configFor),
 * suppression comments, formats and exit codes as `lint`. The source text given to the
 * formatters has every URL's credentials masked (same length, so columns hold): no output
 * format can print a secret.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError } from '../core/errors';
import type { Comment, SourceFile } from '../core/ast';
import { ConfigResolver, type KnownRule } from '../core/config';
import type { FileConfig } from '../core/linter';
import { packageVersion } from '../core/package-root';
import type { LintMessage } from '../core/rule';
import { toResult } from '../core/results';
import type { LintResult, RuleMeta } from '../core/result';
import { applySuppressions, parseSuppression } from '../core/suppressions';
import { envRules } from '../../rules/env';
import { extract, isRelevant, type FileKind, type RefReader, type Scope } from './extract';
import { detectKind } from './kind';
import type { Env } from './types';

/** What the env linter needs of its caller: per-file configuration (severities, overrides, includes.map). */
export interface EnvLintContext {
  configFor?(filePath: string): Pick<FileConfig, 'ruleSetting'> & Partial<Pick<FileConfig, 'includes'>>;
  /** `--no-inline-config`: suppression comments are not honoured. */
  inlineConfig?: boolean;
  /** The linted tree (the working directory): referenced files inside it may be read. */
  tree?: string[];
}

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

const inside = (p: string, dir: string) => {
  const rel = path.relative(dir, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

/** Units read from their live location: there, EnvironmentFile=/etc/… is that system's file. */
const LIVE_UNIT_DIRS = ['/etc/systemd/', '/run/systemd/', '/usr/lib/systemd/', '/lib/systemd/', '/usr/local/lib/systemd/'];

/**
 * Reads the files that EnvironmentFile= and env_file: name, hermetically (the design card's
 * rule for includes): a path inside the linted tree or below the referencing file's directory,
 * a path mapped by includes.map, or, for a unit read from its live location (/etc/systemd/…),
 * the absolute path on this system. Anything else is not read (the host's /etc is not the
 * repository's). Each file is read once.
 */
function refReader(ctx: EnvLintContext, files: Map<string, SourceFile | null>): RefReader {
  return (target, from) => {
    let p = target;
    const map = ctx.configFor?.(from.path).includes?.map ?? [];
    const hit = map.find(([server]) => p === server || p.startsWith(server.endsWith('/') ? server : server + '/'));
    let allowed = false;
    if (hit) {
      p = path.join(hit[1], p.slice(hit[0].length));
      allowed = true;
    }
    allowed ||= inside(p, path.dirname(from.path)) || (ctx.tree ?? []).some((t) => inside(p, t));
    allowed ||= LIVE_UNIT_DIRS.some((d) => from.path.startsWith(d)) && path.isAbsolute(target);
    if (!allowed) return undefined;
    if (!files.has(p)) {
      try {
        files.set(p, { path: p, text: fs.readFileSync(p, 'utf8'), encoding: 'utf8' });
      } catch {
        files.set(p, null);
      }
    }
    return files.get(p) ?? undefined;
  };
}

/**
 * Runs the env rules over the scopes of one file. Findings land in the file the assignment is
 * written in (a referenced env file included); severities come from that file's configuration.
 */
function lintScopes(scopes: Scope[], ctx: EnvLintContext, out: Map<SourceFile, LintMessage[]>, seen: Set<string>): void {
  for (const scope of scopes) {
    const ws = scope.assignments.filter((a) => /^wss?:\/\/[^\s/?#]+/i.test(a.value) && !isRelevant(a.name));
    if (ws.length) scope.websocketUrls = ws;
    scope.assignments = scope.assignments.filter((a) => isRelevant(a.name));
    if (scope.assignments.length === 0) continue;
    for (const rule of envRules) {
      rule.check(scope, (r) => {
        const file = r.at.file ?? scope.file;
        const s = ctx.configFor?.(file.path).ruleSetting(rule) ?? { severity: rule.severity };
        if (s.severity === 'off') return;
        // One env file read by two services (or linted itself too): one problem, one message.
        const key = `${rule.id}\0${file.path}\0${r.start}\0${r.end}`;
        if (seen.has(key)) return;
        seen.add(key);
        const severity = r.severity && !('configured' in s && s.configured) ? r.severity : s.severity;
        let list = out.get(file);
        if (!list) out.set(file, (list = []));
        list.push({ ruleId: rule.id, severity, message: r.message, file, start: r.start, end: r.end });
      });
    }
  }
}

function resultOf(file: SourceFile, messages: LintMessage[], ctx: EnvLintContext): LintResult {
  let kept = messages;
  if (ctx.inlineConfig !== false) {
    const directives = comments(file).map(parseSuppression).filter((d): d is NonNullable<typeof d> => !!d);
    kept = applySuppressions(file, messages, directives);
  }
  const masked: SourceFile = { path: file.path, text: maskSecrets(file.text), encoding: file.encoding };
  return toResult(file.path, masked, kept.map((m) => ({ ...m, file: masked })));
}

/** Lints files of known kinds: one result per file, plus one per referenced file that has findings. */
export function lintEnvFiles(files: { file: string; kind: FileKind; text?: string }[], ctx: EnvLintContext = {}): LintResult[] {
  const byFile = new Map<SourceFile, LintMessage[]>();
  const read = new Map<string, SourceFile | null>();
  const refs = refReader(ctx, read);
  const own: SourceFile[] = [];
  const seen = new Set<string>();
  for (const f of files) {
    const source: SourceFile = { path: f.file, text: f.text ?? fs.readFileSync(f.file, 'utf8'), encoding: 'utf8' };
    own.push(source);
    lintScopes(extract(source, f.kind, refs), ctx, byFile, seen);
  }
  const results = own.map((s) => resultOf(s, takeMessages(byFile, s.path), ctx));
  const named = new Set(own.map((s) => s.path));
  // Findings in referenced files: a result of their own (positions are theirs).
  const extra = new Map<string, { file: SourceFile; messages: LintMessage[] }>();
  for (const [file, messages] of byFile) {
    if (named.has(file.path)) continue;
    const e = extra.get(file.path);
    if (e) e.messages.push(...messages);
    else extra.set(file.path, { file, messages: [...messages] });
  }
  for (const { file, messages } of [...extra.values()].sort((a, b) => a.file.path.localeCompare(b.file.path))) results.push(resultOf(file, messages, ctx));
  return results;
}

/** Messages of one path (a file may be a SourceFile of its own and a referenced one: same path, two objects). */
function takeMessages(byFile: Map<SourceFile, LintMessage[]>, p: string): LintMessage[] {
  const out: LintMessage[] = [];
  for (const [f, list] of byFile) {
    if (f.path !== p) continue;
    out.push(...list.map((m) => ({ ...m, file: f })));
    byFile.delete(f);
  }
  // Two SourceFile objects of the same text: positions agree, so one file object is enough.
  return out;
}

/** One text (a test, the current environment): its result. */
export function lintEnvText(filePath: string, text: string, kind: FileKind, ctx: EnvLintContext = {}): LintResult {
  return lintEnvFiles([{ file: filePath, kind, text }], ctx)[0];
}

export function envRulesMeta(): RuleMeta[] {
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
  const ctx: EnvLintContext = { configFor, tree: cwd === path.parse(cwd).root ? [] : [cwd] };
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
