/** ESLint-shaped JSON: one entry per linted file, with or without messages. */
import type { LintResult, ResultMessage } from '../core/result';
import { SEVERITY_NUMBER } from '../core/result';
import type { FormatContext } from './context';
import { jsonSafe, redact } from '../core/redact';

function fixJson(m: ResultMessage, filePath: string): unknown {
  const fix = m.fix!;
  const applicability = fix.applicability ?? 'safe';
  if (fix.edits.length === 1 && fix.edits[0].file.path === filePath) {
    return { range: fix.edits[0].range, text: redact(fix.edits[0].text), applicability };
  }
  return { applicability, edits: fix.edits.map((e) => ({ filePath: e.file.path, range: e.range, text: redact(e.text) })) };
}

export function toJson(results: LintResult[]): unknown[] {
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
