/**
 * Applying fixes: each fix is a set of text edits applied all together or not at all. Fixes are
 * taken in source order; one that overlaps an edit already taken waits for the next pass (the
 * driver re-parses and re-lints between passes, so the later fix is recomputed on fresh text).
 */
import type { Directive, SourceFile } from './ast';
import type { Edit, Fix } from './rule';

export interface FixSelection {
  /** Per file: the edits to apply, sorted, non-overlapping. */
  edits: Map<SourceFile, Edit[]>;
  appliedFixes: number;
  skippedFixes: number;
}

function overlaps(a: Edit, b: Edit): boolean {
  const [as, ae] = a.range;
  const [bs, be] = b.range;
  if (as === ae && bs === be) return as === bs; // two insertions at one point: order would be a guess
  if (as === ae) return bs < as && as < be; // an insertion strictly inside a replacement
  if (bs === be) return as < bs && bs < ae;
  return as < be && bs < ae;
}

export function selectFixes(fixes: Fix[]): FixSelection {
  const sorted = [...fixes].sort((x, y) => (x.edits[0]?.range[0] ?? 0) - (y.edits[0]?.range[0] ?? 0));
  const edits = new Map<SourceFile, Edit[]>();
  let appliedFixes = 0;
  let skippedFixes = 0;
  for (const fix of sorted) {
    if (fix.edits.length === 0) continue;
    const clash = fix.edits.some((e) => (edits.get(e.file) ?? []).some((t) => overlaps(t, e)));
    if (clash) {
      skippedFixes++;
      continue;
    }
    for (const e of fix.edits) {
      let list = edits.get(e.file);
      if (!list) edits.set(e.file, (list = []));
      list.push(e);
    }
    appliedFixes++;
  }
  for (const list of edits.values()) list.sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  return { edits, appliedFixes, skippedFixes };
}

/** Apply sorted, non-overlapping edits to a text. Everything outside them stays byte-identical. */
export function applyEdits(text: string, edits: Edit[]): string {
  let out = '';
  let last = 0;
  for (const e of edits) {
    out += text.slice(last, e.range[0]) + e.text;
    last = e.range[1];
  }
  return out + text.slice(last);
}

/** The line terminator a file uses (CRLF if its first line ends so), for inserted lines. */
export function eolOf(file: SourceFile): string {
  const i = file.text.indexOf('\n');
  return i > 0 && file.text[i - 1] === '\r' ? '\r\n' : '\n';
}

/** Leading whitespace of the line containing `offset`. */
export function indentAt(file: SourceFile, offset: number): string {
  const text = file.text;
  let s = offset;
  while (s > 0 && text[s - 1] !== '\n') s--;
  let e = s;
  while (e < text.length && (text[e] === ' ' || text[e] === '\t')) e++;
  return text.slice(s, e);
}

/** Offset of the end of the line containing `offset` (before its terminator). */
export function lineEndAt(file: SourceFile, offset: number): number {
  const text = file.text;
  let e = text.indexOf('\n', offset);
  if (e === -1) e = text.length;
  if (e > 0 && text[e - 1] === '\r') e--;
  return e;
}

/**
 * An edit inserting whole lines after the line that contains `offset`, each indented with
 * `indent` and ended with the file's line terminator.
 */
export function insertLinesAfter(file: SourceFile, offset: number, lines: string[], indent: string): Edit {
  const eol = eolOf(file);
  const at = lineEndAt(file, offset);
  return { file, range: [at, at], text: lines.map((l) => eol + indent + l).join('') };
}

/** An edit inserting whole lines before the (first physical) line of `d`, each indented like `d`. */
export function insertLinesBefore(d: Directive, lines: string[]): Edit {
  const at = d.file.text.lastIndexOf('\n', d.start - 1) + 1;
  const indent = indentAt(d.file, d.start);
  const eol = eolOf(d.file);
  return { file: d.file, range: [at, at], text: lines.map((l) => indent + l + eol).join('') };
}

/** An edit inserting `line` as a new line right after the (last physical) line of `d`, indented like `d`. */
export function insertLineAfter(d: Directive, line: string): Edit {
  return insertLinesAfter(d.file, d.end, [line], indentAt(d.file, d.start));
}

/** The whole lines of `d`: from the start of its first physical line through the line break after its end. */
export function directiveLines(d: Directive): [number, number] {
  const text = d.file.text;
  const start = text.lastIndexOf('\n', d.start - 1) + 1;
  const nl = text.indexOf('\n', d.end);
  return [start, nl === -1 ? text.length : nl + 1];
}

/** An edit removing the directive's whole lines (a trailing comment on its last line goes with it). */
export function deleteDirectiveLines(d: Directive): Edit {
  return { file: d.file, range: directiveLines(d), text: '' };
}

/** The indentation one level deeper than `outer`, guessed from the file (4 spaces, 2 spaces or a tab). */
export function innerIndent(file: SourceFile, outer: string): string {
  const m = /\n([ \t]+)\S/.exec(file.text);
  const unit = m ? (m[1].startsWith('\t') ? '\t' : m[1].length % 4 === 0 ? '    ' : m[1].length % 2 === 0 ? '  ' : m[1]) : '    ';
  return outer + unit;
}
