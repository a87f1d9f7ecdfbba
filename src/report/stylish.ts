/**
 * The terminal format: `file:line:col  severity  message  rule`, then the source line with a
 * caret under the exact range (actionlint's snippets), then a summary.
 */
import * as path from 'node:path';
import { lineText } from '../core/positions';
import type { LintResult, ResultMessage } from '../core/result';
import type { FormatContext } from './context';
import { displaySnippetLine, displayText } from './common';

const ESC = '\u001b[';
const paint = (on: boolean, code: string, s: string) => (on ? `${ESC}${code}m${s}${ESC}0m` : s);

function snippet(r: LintResult, m: ResultMessage, color: boolean): string[] {
  if (!r.source || m.line < 1) return [];
  const raw = lineText(r.source, m.line).replace(/\t/g, ' ');
  if (raw.length > 200) return [];
  const end = m.endLine === m.line ? m.endColumn - 1 : raw.length;
  const { text, start, end: stop } = displaySnippetLine(raw, m.column - 1, end);
  const width = Math.max(1, stop - start);
  const gutter = String(m.line);
  const pad = ' '.repeat(gutter.length);
  return [
    `  ${paint(color, '2', gutter + ' |')} ${text}`,
    `  ${paint(color, '2', pad + ' |')} ${' '.repeat(Math.max(0, start))}${paint(color, m.severity === 'error' ? '31' : '33', '^' + '~'.repeat(width - 1))}`,
  ];
}

export function format(results: LintResult[], ctx: FormatContext): string {
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let fixableErrors = 0;
  let fixableWarnings = 0;
  let fixableInfos = 0;
  let unsafe = 0;
  for (const r of results) {
    if (r.messages.length === 0) continue;
    const rel = displayText(r.displayPath ?? (path.relative(ctx.cwd, r.filePath) || r.filePath));
    for (const m of r.messages) {
      const sev = m.severity === 'error' ? paint(ctx.color, '31', 'error') : m.severity === 'warning' ? paint(ctx.color, '33', 'warning') : paint(ctx.color, '36', 'info');
      const rule = m.ruleId ? paint(ctx.color, '2', `(${m.ruleId})`) : '';
      lines.push(`${paint(ctx.color, '4', `${rel}:${m.line}:${m.column}`)}  ${sev}  ${displayText(m.message)}${m.fatal ? '' : ''}  ${rule}`.trimEnd());
      lines.push(...snippet(r, m, ctx.color));
      if (ctx.verbose && m.signal) lines.push(`  ${paint(ctx.color, '2', `signal: ${m.signal.kind}: ${displayText(m.signal.detail)}${m.signal.app ? ` (${displayText(m.signal.app)})` : ''}`)}`);
    }
    lines.push('');
    errors += r.errorCount;
    warnings += r.warningCount;
    infos += r.infoCount;
    for (const m of r.messages) {
      if (!m.fix) continue;
      if (m.fix.applicability === 'unsafe') unsafe++;
      else if (m.severity === 'error') fixableErrors++;
      else if (m.severity === 'warning') fixableWarnings++;
      else fixableInfos++;
    }
  }
  const total = errors + warnings + infos;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  // Say that something was checked (Ruff's "All checks passed!"): silence looks like nothing ran.
  if (total === 0) return results.length ? paint(ctx.color, '32', `✔ no problems in ${plural(results.length, 'file')}`) + '\n' : '';
  lines.push(
    paint(ctx.color, errors ? '31;1' : '33;1', `✖ ${plural(total, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}${infos ? `, ${infos} info` : ''})`),
  );
  if (fixableErrors + fixableWarnings + fixableInfos > 0) {
    const counts = fixableInfos
      ? `${plural(fixableErrors, 'error')}, ${plural(fixableWarnings, 'warning')} and ${fixableInfos} info`
      : `${plural(fixableErrors, 'error')} and ${plural(fixableWarnings, 'warning')}`;
    lines.push(`  ${counts} potentially fixable with the \`--fix\` option.`);
  }
  if (unsafe > 0) lines.push(`  ${plural(unsafe, 'more problem')} fixable with \`--fix --unsafe-fixes\` (review those changes).`);
  for (const n of ctx.notes ?? []) lines.push(`  ${n}`);
  return lines.join('\n') + '\n';
}
