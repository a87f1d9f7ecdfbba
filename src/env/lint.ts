/**
 * The env linter: proxy variables linted where they are set, with the env rules the caller
 * hands in (src/cli/env.ts; env sits below rules/env, which builds on env/rule). Same
 * configuration (`rules:` severities, overrides, --select/--ignore/--rule via the caller's
 * configFor) and suppression comments as `lint`. The source text in the results has every
 * URL's credentials masked (same length, so columns hold): no output format can print a secret.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Comment, SourceFile } from '../core/ast';
import type { FileConfig } from '../core/linter';
import type { LintMessage } from '../core/rule';
import { toResult } from '../core/to-result';
import type { LintResult } from '../core/result';
import { applySuppressions, parseSuppression } from '../core/suppressions';
import { extract, isRelevant, type FileKind, type RefReader, type Scope } from './extract';
import type { EnvRule } from './rule';
import type { Env } from './types';

/** What the env linter needs of its caller: per-file configuration (severities, overrides, includes.map). */
export interface EnvLintContext {
  /** The env rules to run (rules/env, handed in by the CLI). */
  rules: readonly EnvRule[];
  configFor?(filePath: string): Pick<FileConfig, 'ruleSetting'> & Partial<Pick<FileConfig, 'includes'>>;
  /** `--no-inline-config`: suppression comments are not honoured. */
  inlineConfig?: boolean;
  /** The linted tree (the working directory): referenced files inside it may be read. */
  tree?: string[];
}

/** Credentials of every URL replaced by `*` of the same length. */
export function maskSecrets(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)([^/?#\s"'@]*(?:@[^/?#\s"'@]*)*)@/gi, (_m, scheme: string, ui: string) => `${scheme}${'*'.repeat(ui.length)}@`);
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
    for (const rule of ctx.rules) {
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
export function lintEnvFiles(files: { file: string; kind: FileKind; text?: string }[], ctx: EnvLintContext): LintResult[] {
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
export function lintEnvText(filePath: string, text: string, kind: FileKind, ctx: EnvLintContext): LintResult {
  return lintEnvFiles([{ file: filePath, kind, text }], ctx)[0];
}

