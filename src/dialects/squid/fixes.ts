/** Fix helpers for squid rules: edits on whole logical lines (continuations included). */
import type { Directive } from '../../core/ast';
import type { Edit } from '../../core/rule';

/**
 * An edit removing the directive's line(s): from the start of its first physical line through the
 * terminator of its last (a trailing comment on that line goes with it).
 */
export function deleteDirectiveLines(d: Directive): Edit {
  const text = d.file.text;
  let s = d.start;
  while (s > 0 && text[s - 1] !== '\n') s--;
  let e = text.indexOf('\n', d.end);
  e = e === -1 ? text.length : e + 1;
  return { file: d.file, range: [s, e], text: '' };
}
