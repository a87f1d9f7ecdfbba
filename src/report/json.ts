/** ESLint-shaped JSON: one entry per linted file, with or without messages. */
import type { LintResult, ResultCounts, ResultMessage } from '../core/result';
import { SEVERITY_NUMBER } from '../core/result';
import type { FormatContext } from './context';
import { jsonSafe, redact } from '../core/redact';
import type { FindingSignal } from '../core/rule';

/** A fix as JSON: one edit of the message's own file, or edits naming their files. */
export type JsonFix =
  | { range: [number, number]; text: string; applicability: 'safe' | 'unsafe' }
  | { applicability: 'safe' | 'unsafe'; edits: { filePath: string; range: [number, number]; text: string }[] };

/** One message of `--format json` and of the programmatic API (severity 2 error, 1 warning, 0 info). */
export interface JsonMessage {
  ruleId: string | null;
  severity: 0 | 1 | 2;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fix?: JsonFix;
  fatal?: true;
  signal?: FindingSignal;
}

/** One file's entry of `--format json` and of the programmatic API. */
export interface JsonResult extends ResultCounts {
  filePath: string;
  messages: JsonMessage[];
  /** `--fix-dry-run`: the file's text with the fixes applied. */
  output?: string;
}

function fixJson(m: ResultMessage, filePath: string): JsonFix {
  const fix = m.fix!;
  const applicability = fix.applicability ?? 'safe';
  if (fix.edits.length === 1 && fix.edits[0].file.path === filePath) {
    return { range: fix.edits[0].range, text: redact(fix.edits[0].text), applicability };
  }
  return { applicability, edits: fix.edits.map((e) => ({ filePath: e.file.path, range: e.range, text: redact(e.text) })) };
}

export function toJson(results: LintResult[]): JsonResult[] {
  return results.map((r) => ({
    filePath: r.filePath,
    messages: r.messages.map((m) => ({
      ruleId: m.ruleId,
      severity: SEVERITY_NUMBER[m.severity],
      message: redact(m.message),
      line: m.line,
      column: m.column,
      endLine: m.endLine,
      endColumn: m.endColumn,
      ...(m.fix ? { fix: fixJson(m, r.filePath) } : {}),
      ...(m.fatal ? { fatal: true } : {}),
      ...(m.signal ? { signal: m.signal } : {}),
    })),
    errorCount: r.errorCount,
    warningCount: r.warningCount,
    infoCount: r.infoCount,
    fixableErrorCount: r.fixableErrorCount,
    fixableWarningCount: r.fixableWarningCount,
    // --fix-dry-run's text of the whole file: shown, so masked like every other output.
    ...(r.output !== undefined ? { output: redact(r.output) } : {}),
  }));
}

export function format(results: LintResult[], _ctx: FormatContext): string {
  return jsonSafe(JSON.stringify(toJson(results))) + '\n';
}
