/**
 * Lint a small configuration written to a fresh temporary directory (so includes resolve as on
 * disk), with one rule or a set of rules: the common ground of the rule tester, the README
 * example checks and the e2e tests. Findings of every file of the unit are returned (the main
 * file, the files it includes, and the main configs named in `roots` with their includes), each
 * with its file: a rule that reports in an included file is seen, not silently dropped.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DialectName } from '../../src/core/ast';
import { Linter, type FileConfig } from '../../src/core/linter';
import { loadDialect } from '../../src/dialects/index';
import { positionAt } from '../../src/core/positions';
import type { LintMessage, RuleDefinition } from '../../src/core/rule';
import { defaultSettings } from '../../src/core/settings';
import { SourceCache } from '../../src/core/source';
import { applyEdits, selectFixes } from '../../src/core/fixes';
import { heartbeatSetting, type RawHeartbeat } from '../../src/core/config';

export interface CaseInput {
  code: string;
  /** Name of the file `code` is written to (default: `test.conf`, a fragment for nginx). */
  filename?: string;
  /** More files, relative to the same directory. */
  files?: Record<string, string>;
  targets?: Partial<Record<DialectName, string>>;
  options?: Record<string, unknown>;
  websocket?: { paths?: string[]; ports?: number[]; heartbeat?: RawHeartbeat };
  /** Main configs (relative names) to lint `filename` in the context of. */
  roots?: string[];
}

export interface CaseMessage {
  ruleId: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  file: string;
  fatal?: boolean;
  raw: LintMessage;
}

export interface CaseResult {
  dir: string;
  file: string;
  messages: CaseMessage[];
  /** The main file's text after one pass of all offered fixes (safe and unsafe). */
  output: string;
  /** Texts of every file changed by that pass, by relative name. */
  outputs: Record<string, string>;
  hasFix: boolean;
}

export function defaultFilename(dialect: DialectName): string {
  return { nginx: 'test.conf', apache: 'test.conf', squid: 'squid.conf', haproxy: 'haproxy.cfg' }[dialect];
}

export function lintCase(dialect: DialectName, rules: RuleDefinition<any>[], input: CaseInput): CaseResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proxylint-case-'));
  try {
    const filename = input.filename ?? defaultFilename(dialect);
    const written = { ...(input.files ?? {}), [filename]: input.code };
    for (const [name, text] of Object.entries(written)) {
      const p = path.join(dir, name);
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.writeFileSync(p, text);
    }
    const settings = defaultSettings();
    Object.assign(settings.targets, input.targets ?? {});
    for (const d of Object.keys(input.targets ?? {})) settings.assumedTargets[d as DialectName] = false;
    settings.websocket.paths = input.websocket?.paths ?? [];
    settings.websocket.ports = input.websocket?.ports ?? [];
    settings.websocket.heartbeat = heartbeatSetting('test case', input.websocket?.heartbeat);
    const config: FileConfig = {
      settings,
      roots: (input.roots ?? []).map((r) => path.join(dir, r)),
      ruleSetting: (rule) => {
        const own = rules.find((r) => r.id === rule.id);
        if (!own) return { severity: rule.id.startsWith('core/') ? rule.severity : 'off', options: {} };
        return { severity: own.severity, options: input.options ?? {} };
      },
    };
    const linter = new Linter({ cache: new SourceCache(), dialectFor: loadDialect, configFor: () => config, rulesFor: () => rules });
    const main = path.join(dir, filename);
    const outcomes = linter.lint([{ path: main, dialect }, ...config.roots.map((r) => ({ path: r, dialect }))]);
    // One finding once, whichever outcome carries it.
    const seen = new Set<string>();
    const all = outcomes
      .flatMap((o) => o.messages)
      .filter((m) => {
        const key = `${m.file.path}\0${m.ruleId}\0${m.start}\0${m.end}\0${m.message}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    const messages: CaseMessage[] = all
      .map((m) => {
        const s = positionAt(m.file, m.start);
        const e = positionAt(m.file, m.end);
        return {
          ruleId: m.ruleId,
          message: m.message,
          line: s.line,
          column: s.column,
          endLine: e.line,
          endColumn: e.column,
          file: path.relative(dir, m.file.path),
          fatal: m.fatal,
          raw: m,
        };
      })
      .sort((a, b) => fileOrder(a.file, b.file, filename) || a.line - b.line || a.column - b.column);
    const fixes = all.filter((m) => m.fix).map((m) => m.fix!);
    const selection = selectFixes(fixes);
    const outputs: Record<string, string> = {};
    for (const [file, edits] of selection.edits) outputs[path.relative(dir, file.path)] = applyEdits(file.text, edits);
    return { dir, file: filename, messages, output: outputs[filename] ?? input.code, outputs, hasFix: fixes.length > 0 };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The main file first, then the others by name: the order findings are listed and expected in. */
export function fileOrder(a: string, b: string, main: string): number {
  if (a === b) return 0;
  if (a === main) return -1;
  if (b === main) return 1;
  return a < b ? -1 : 1;
}

/**
 * One rule on `code` (an e2e fixture's exact text), as the lint half of an e2e test takes it: a
 * fatal (parse) message fails the test; the rule's findings as line, column and message.
 */
export function lintWithRule(dialect: DialectName, rule: RuleDefinition<any>, code: string, extra: Omit<CaseInput, 'code'> = {}): CaseResult & { findings: { line: number; column: number; message: string }[] } {
  const r = lintCase(dialect, [rule], { code, ...extra });
  expect(r.messages.filter((m) => m.fatal).map((m) => m.message)).toEqual([]);
  return { ...r, findings: r.messages.filter((m) => m.ruleId === rule.id).map(({ line, column, message }) => ({ line, column, message })) };
}
