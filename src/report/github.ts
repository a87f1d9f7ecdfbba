/**
 * GitHub Actions workflow commands (github/docs workflow-commands; actions/toolkit
 * packages/core/src/command.ts): one `::error|warning|notice file=…,line=…::message` per finding,
 * grouped per file with `::group::`. `col`/`endColumn` only when the finding is on one line.
 * GitHub shows at most 10 annotations of each kind per step: upload SARIF for the full list.
 */
import type { LintResult, ResultMessage } from '../core/result';
import type { FormatContext } from './context';
import { relPath, ruleIdOf } from './common';
import { escapeControls, redact } from '../core/redact';

/**
 * Text for a workflow command: credentials masked, controls other than CR/LF made visible
 * (ESC would colour the log), CR/LF left to escapeData's %0D/%0A as GitHub's rules say.
 */
function commandText(s: string): string {
  return redact(s)
    .split(/(\r\n|\r|\n)/)
    .map((part, i) => (i % 2 ? part : escapeControls(part)))
    .join('');
}

/** Escaping of a command's message (toolkit `escapeData`). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping of a property value (toolkit `escapeProperty`). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

export function annotation(file: string, m: ResultMessage): string {
  const props: [string, string | number][] = [['file', file], ['line', m.line]];
  if (m.line === m.endLine) props.push(['col', m.column]);
  props.push(['endLine', m.endLine]);
  if (m.line === m.endLine) props.push(['endColumn', m.endColumn]);
  props.push(['title', `proxylint ${ruleIdOf(m)}`]);
  const list = props.map(([k, v]) => `${k}=${escapeProperty(commandText(String(v)))}`).join(',');
  return `::${COMMAND[m.severity]} ${list}::${escapeData(commandText(m.message))}`;
}

export function format(results: LintResult[], ctx: FormatContext): string {
  const out: string[] = [];
  for (const r of results) {
    if (r.messages.length === 0) continue;
    const file = relPath(ctx, r.filePath);
    out.push(`::group::${escapeData(commandText(file))}`);
    for (const m of r.messages) out.push(annotation(file, m));
    out.push('::endgroup::');
  }
  return out.length ? out.join('\n') + '\n' : '';
}
