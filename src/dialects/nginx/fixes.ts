/**
 * Fix helpers shared by the nginx rules. They know nginx's inheritance rules so that a fix never
 * silently changes what a level inherits: adding one `proxy_set_header` to a location that
 * inherited its list from the server would drop every inherited header, so the inherited lines
 * are copied along with the new one.
 *
 * Every helper returns text edits only (minimal, indentation and line endings copied from the
 * neighbouring lines); nothing outside the edited ranges changes.
 */
import type { Directive } from '../../core/ast';
import { eolOf, indentAt, innerIndent, lineEndAt } from '../../core/fixes';
import type { Edit } from '../../core/rule';
import { directivesOf } from '../../core/walk';
import type { NginxAnalysis } from './analysis';

/** Where lines go in a block: after `anchor`'s line, or just inside the opening `{`. */
interface InsertionPoint {
  anchor: Directive | null;
}

/**
 * Insert whole directive lines (`proxy_read_timeout 1h;`) into `block`'s body, in the block's
 * own file: after the last directive of `after` keys found there (in order of preference), else
 * after the first directive of the body, else just after the opening `{`.
 */
export function insertDirectiveLines(block: Directive, lines: string[], after: string[] = []): Edit {
  const own = directivesOf(block.children).filter((d) => d.file === block.file);
  let anchor: Directive | null = null;
  for (const key of after) {
    const hits = own.filter((d) => d.key === key);
    if (hits.length) {
      anchor = hits[hits.length - 1];
      break;
    }
  }
  if (!anchor && own.length) anchor = own[0];
  return insertAt(block, { anchor }, lines);
}

function insertAt(block: Directive, at: InsertionPoint, lines: string[]): Edit {
  const file = block.file;
  const eol = eolOf(file);
  const bodyEnd = block.bodyEnd ?? block.end;
  const after = at.anchor ? at.anchor.end : (block.bodyStart ?? block.end);
  const lineEnd = lineEndAt(file, after);
  const indent = at.anchor && !sameLine(file.text, block.start, at.anchor.start)
    ? indentAt(file, at.anchor.start)
    : innerIndent(file, indentAt(file, block.start));
  if (lineEnd > bodyEnd || !/^\s*(#.*)?$/.test(file.text.slice(after, lineEnd))) {
    // The block closes (or more code follows) on the same line: `location /ws { proxy_pass …; }`.
    // Stay on that line rather than moving the `}`.
    return { file, range: [after, after], text: lines.map((l) => ' ' + l).join('') };
  }
  return { file, range: [lineEnd, lineEnd], text: lines.map((l) => eol + indent + l).join('') };
}

function sameLine(text: string, a: number, b: number): boolean {
  const [lo, hi] = a < b ? [a, b] : [b, a];
  return !text.slice(lo, hi).includes('\n');
}

/** The source text of a directive as written (quotes kept), on one line. */
export function directiveText(d: Directive): string {
  return d.file.text.slice(d.start, d.end).replace(/\s*\r?\n\s*/g, ' ');
}

/**
 * Add `proxy_set_header` lines to `level` (a location, server, `if`, … block) without changing
 * anything else it receives:
 * - the level has its own list: the lines go after its last `proxy_set_header` (in its own file);
 * - the level inherits a list from an outer level: that list is copied into the level first
 *   (nginx inherits "if and only if there are no proxy_set_header directives defined on the
 *   current level"), then the new lines;
 * - nothing is set anywhere: the lines go after `proxy_pass` (or first in the body).
 *
 * `lines` are complete directives, e.g. `proxy_set_header X-Forwarded-Proto $scheme;`.
 */
export function insertProxySetHeaders(analysis: NginxAnalysis, level: Directive, lines: string[]): Edit {
  const effective = analysis.headersAt(level);
  const own = directivesOf(level.children).filter((d) => d.key === 'proxy_set_header');
  if (own.length) {
    const inFile = own.filter((d) => d.file === level.file);
    const anchor = inFile.length ? inFile[inFile.length - 1] : null;
    if (anchor) return insertAt(level, { anchor }, lines);
    return insertDirectiveLines(level, lines, ['proxy_pass']);
  }
  const copied = effective.inherited ? effective.headers.map((h) => directiveText(h.directive)) : [];
  return insertDirectiveLines(level, [...copied, ...lines], ['proxy_pass', 'proxy_http_version']);
}
