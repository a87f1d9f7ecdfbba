import * as nodePath from 'node:path';
import { basename } from 'node:path';
import type { SourceFile } from './ast';

/** 1-based line, 1-based UTF-16 column: what editors, SARIF and GitHub annotations expect. */
export interface Position {
  line: number;
  column: number;
}

/**
 * `file.lineStarts`, extended until it holds a line start past `offset` or `lines` starts, or
 * the text ends: found as far as asked only (a finding near the top of a 9,000-line squid.conf
 * scanned the whole file).
 */
function lineStarts(file: SourceFile, offset: number, lines = 0): number[] {
  let starts = file.lineStarts;
  if (!starts) file.lineStarts = starts = [0];
  const text = file.text;
  let last = starts[starts.length - 1];
  while (last <= offset || starts.length < lines) {
    const i = text.indexOf('\n', last);
    if (i === -1) break;
    starts.push((last = i + 1));
  }
  return starts;
}

export function positionAt(file: SourceFile, offset: number): Position {
  const starts = lineStarts(file, offset);
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  let column = offset - starts[lo] + 1;
  // A byte-order mark is not a column anyone can see.
  if (lo === 0 && file.text.charCodeAt(0) === 0xfeff && offset > 0) column -= 1;
  return { line: lo + 1, column };
}

/** The text of a 1-based line without its line terminator. */
export function lineText(file: SourceFile, line: number): string {
  const starts = lineStarts(file, -1, line + 1);
  const s = starts[line - 1] ?? file.text.length;
  let e = line < starts.length ? starts[line] - 1 : file.text.length;
  if (e > s && file.text.charCodeAt(e - 1) === 13) e--;
  let text = file.text.slice(s, e);
  if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text;
}

/**
 * Where a directive is, for a finding in `from`: "line 12", or "proxy_params:3" when it is in
 * another file (named by `fileName`: the base name, or the whole path where a dialect's
 * messages give it).
 */
export function whereIs(d: { file: SourceFile; start: number }, from?: SourceFile, fileName: (f: SourceFile) => string = (f) => basename(f.path)): string {
  const line = positionAt(d.file, d.start).line;
  if (!from || from === d.file) return `line ${line}`;
  return `${fileName(d.file)}:${line}`;
}

/**
 * A file of a unit named for a message, machine-independently: its path relative to the deepest
 * directory that holds every file of the unit (`sites-available/site.conf` beside
 * `conf-fragments/proxy.conf`; `sites-enabled/x.conf` under apache2.conf's directory), never the
 * absolute path of the machine that linted it. POSIX separators, as configs write them.
 */
export function unitRelativePath(files: readonly SourceFile[], file: SourceFile): string {
  const p = nodePath.resolve(file.path);
  let base = nodePath.dirname(p);
  for (const f of files) {
    const q = nodePath.resolve(f.path);
    while (base !== nodePath.dirname(base) && !q.startsWith(base + nodePath.sep)) base = nodePath.dirname(base);
  }
  return nodePath.relative(base, p).split(nodePath.sep).join('/') || basename(p);
}
