/**
 * Fix helpers shared by the squid rules: inserting a whole line after a directive's line, with
 * that line's indentation and line ending, so everything else stays byte-identical.
 */
import type { Directive } from '../../core/ast';
import type { Edit } from '../../core/rule';

/** End of the physical line holding offset `at` (before `\r\n`/`\n`). */
export function lineEndAt(text: string, at: number): number {
  let e = text.indexOf('\n', at);
  if (e === -1) e = text.length;
  if (e > 0 && text.charCodeAt(e - 1) === 13) e--;
  return e;
}

export function indentOf(text: string, at: number): string {
  const s = text.lastIndexOf('\n', at - 1) + 1;
  return /^[ \t]*/.exec(text.slice(s, at))![0];
}

export function eolOf(text: string): string {
  return /\r\n/.test(text) ? '\r\n' : '\n';
}

/** Insert `line` as a new line right after the (last physical) line of `d`. */
export function insertLineAfter(d: Directive, line: string): Edit {
  const text = d.file.text;
  const at = lineEndAt(text, d.end);
  return { file: d.file, range: [at, at], text: eolOf(text) + indentOf(text, d.start) + line };
}
