/** Turning a file's lint messages into the result formatters print. */
import type { SourceFile } from './ast';
import { positionAt } from './positions';
import type { LintMessage } from './rule';
import type { LintResult, ResultCounts, ResultMessage } from './result';
import { SYNTAX_ERROR_ID } from './core-rules';
import { redact } from './redact';

export function toResult(filePath: string, source: SourceFile | undefined, messages: LintMessage[]): LintResult {
  const out: ResultMessage[] = messages.map((m) => {
    const s = positionAt(m.file, m.start);
    const e = m.end > m.start ? positionAt(m.file, m.end) : s;
    const r: ResultMessage = {
      // A fatal message (parse error, unreadable file) has no rule, but it has an id in every format.
      ruleId: m.ruleId || (m.fatal ? SYNTAX_ERROR_ID : null),
      severity: m.severity,
      // Masked here, once, for every format and the lint cache: messages quote config text.
      message: redact(m.message),
      line: s.line,
      column: s.column,
      endLine: e.line,
      endColumn: e.column,
    };
    if (m.fix) r.fix = m.fix;
    if (m.fatal) r.fatal = true;
    // The detail quotes config text (paths, header values): masked like the message.
    if (m.signal) r.signal = { ...m.signal, detail: redact(m.signal.detail) };
    return r;
  });
  out.sort((a, b) => a.line - b.line || a.column - b.column || (a.ruleId ?? '').localeCompare(b.ruleId ?? ''));
  return { filePath, source, messages: out, ...messageCounts(out) };
}

/** A result's counts of its messages, by severity and fixability. */
export function messageCounts(messages: ResultMessage[]): ResultCounts {
  const count = (sev: string, fixable = false) => messages.filter((m) => m.severity === sev && (!fixable || m.fix)).length;
  return {
    errorCount: count('error'),
    warningCount: count('warning'),
    infoCount: count('info'),
    fixableErrorCount: count('error', true),
    fixableWarningCount: count('warning', true),
  };
}
