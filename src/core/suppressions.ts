/**
 * Suppression comments, the same in every dialect (all four use `#`):
 *   # proxylint-disable-next-line rule-a, rule-b -- reason
 *   # proxylint-disable-line rule            (nginx only: the comment trails the directive)
 *   # proxylint-disable [rules]  …  # proxylint-enable [rules]
 *   # proxylint-disable-file [rules]
 * Without rule ids a directive covers every rule. Unused directives can be reported.
 */
import type { Comment, SourceFile } from './ast';
import type { LintMessage } from './rule';
import { positionAt } from './positions';

export type DirectiveKind = 'disable-next-line' | 'disable-line' | 'disable' | 'enable' | 'disable-file';

export interface SuppressionDirective {
  kind: DirectiveKind;
  /** Rule ids; empty means all rules. */
  rules: string[];
  reason: string;
  comment: Comment;
  /** Lines covered (1-based, inclusive) for line-scoped kinds. */
  line: number;
  used: boolean;
}

const RE = /^\s*proxylint-(disable-next-line|disable-line|disable-file|disable|enable)\b(.*)$/;

export function parseSuppression(comment: Comment): SuppressionDirective | undefined {
  const m = RE.exec(comment.text);
  if (!m) return undefined;
  const [rulesPart, ...reasonParts] = m[2].split(/\s--\s?|\s--$/);
  const rules = rulesPart
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  const reason = reasonParts.join(' -- ').trim();
  return { kind: m[1] as DirectiveKind, rules, reason, comment, line: positionAt(comment.file, comment.start).line, used: false };
}

function covers(d: SuppressionDirective, ruleId: string): boolean {
  return d.rules.length === 0 || d.rules.includes(ruleId) || d.rules.some((r) => ruleId.startsWith(r.endsWith('/') ? r : r + '/'));
}

/**
 * Remove suppressed messages. `directives` are those of one file, in order. Fatal messages
 * (syntax errors) and messages without a rule id are never suppressed.
 */
export function applySuppressions(file: SourceFile, messages: LintMessage[], directives: SuppressionDirective[]): LintMessage[] {
  if (directives.length === 0) return messages;
  const fileWide = directives.filter((d) => d.kind === 'disable-file');
  const ranges = directives.filter((d) => d.kind === 'disable' || d.kind === 'enable');
  return messages.filter((m) => {
    if (m.fatal || !m.ruleId) return true;
    const line = positionAt(file, m.start).line;
    for (const d of fileWide) {
      if (covers(d, m.ruleId)) return !(d.used = true);
    }
    for (const d of directives) {
      if ((d.kind === 'disable-next-line' && line === coveredLine(d)) || (d.kind === 'disable-line' && line === d.line)) {
        if (covers(d, m.ruleId)) return !(d.used = true);
      }
    }
    // disable/enable: the last range directive before the message that mentions the rule decides.
    let disabledBy: SuppressionDirective | undefined;
    for (const d of ranges) {
      if (d.comment.start > m.start) break;
      if (!covers(d, m.ruleId)) continue;
      disabledBy = d.kind === 'disable' ? d : undefined;
    }
    if (disabledBy) return !(disabledBy.used = true);
    return true;
  });
}

/** The line a `disable-next-line` comment covers: the next line (blank lines are not skipped, as in ESLint). */
function coveredLine(d: SuppressionDirective): number {
  return d.line + 1;
}
