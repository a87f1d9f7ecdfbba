/**
 * Squid's config reader (cache_cf.cc parseOneConfigFile, squid 5.7), lossless:
 *
 * - one directive per line; leading whitespace skipped; a line whose first non-blank is `#` is a
 *   comment; a `#` at the start of a later token ends the line (`acl a port 80 # c` works, while
 *   `80#c` is one token: `squid -k parse` rejects it as a number);
 * - a trailing `\` (the very last character: a blank after it breaks the continuation) joins the
 *   next line with NO separator, after that line's leading blanks are dropped; blank and comment
 *   lines in between are skipped;
 * - `"…"` tokens are quoted (`\"` and `\\` escapes); the arg value is unquoted, the span keeps
 *   the quotes (an acl value in quotes names a file);
 * - `if` / `else` / `endif` become a block directive `if` whose children are the if-branch plus
 *   one `else` block directive holding the else-branch. Conditions are evaluated by squid's
 *   rules (conditions.ts); the tree keeps both branches regardless.
 *
 * Directive names are not checked here (the target release decides: squid/unknown-directive);
 * an alias is keyed by the directive it stands for.
 *
 * Errors carry squid's message at the line squid names (or, for a missing `endif`, which squid
 * reports at end of file, at the unclosed `if`).
 */
import { FileComment } from '../../core/comment';
import { encodingProblem } from '../../core/encoding';
import type { Comment, Directive, IncludedFile, Node, ParseError, SourceFile } from '../../core/ast';
import { evalCondition } from './conditions';
import { canonicalName } from './directives';

interface Frame {
  ifDirective: Directive;
  /** The `else` block while in the else-branch. */
  elseDirective: Directive | null;
}

function isBlank(c: number): boolean {
  // squid's skip_ws/w_space: space, tab, and the other isspace() characters
  return c === 32 || c === 9 || c === 11 || c === 12 || c === 13;
}

/** One logical line: its text and, per character, the file offset it came from. */
interface Logical {
  text: string;
  /** offsets[k] = file offset of text[k]; offsets[text.length] = end of the last character + 1. */
  offsets: number[] | null;
  /** Single-segment lines map k -> base + k without an array. */
  base: number;
}

function at(l: Logical, k: number): number {
  return l.offsets ? l.offsets[k] : l.base + k;
}

/** End offset (exclusive) of the character at k. */
function endAt(l: Logical, k: number): number {
  return l.offsets ? l.offsets[k - 1] + 1 : l.base + k;
}

/**
 * Squid keeps `if` nesting on a stack with no limit (10,000 levels pass `squid -k parse`), but no
 * real config nests more than a few; past this depth we stop with an error rather than let the
 * recursive walks over the tree overflow the stack. The same limit as the nginx and Apache parsers.
 */
export const MAX_NESTING = 200;

/** fgets(config_input_line, BUFSIZ): the longest physical line Squid reads whole (5.7, Linux BUFSIZ 8192). */
export const SQUID_LINE_MAX = 8191;

export function parseSquid(file: SourceFile): IncludedFile {
  const enc = encodingProblem(file.text, 'squid');
  if (enc) return { file, nodes: [], error: { message: enc, file, offset: 0 } };
  const text = file.text;
  const n = text.length;
  const top: Node[] = [];
  const stack: Frame[] = [];
  let error: ParseError | undefined;
  const fail = (message: string, offset: number): void => {
    if (!error) error = { message, file, offset };
  };
  const current = (): Node[] => {
    const f = stack[stack.length - 1];
    if (!f) return top;
    return (f.elseDirective ?? f.ifDirective).children!;
  };
  const parentOf = (): Directive | null => {
    const f = stack[stack.length - 1];
    return f ? f.elseDirective ?? f.ifDirective : null;
  };
  const comment = (start: number, end: number): Comment => ({
    type: 'comment',
    text: text.slice(start + 1, end),
    start,
    end,
    file,
    parent: parentOf(),
  });

  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let fatal = false;
  // fgets reads a line into a C string, and parseOneConfigFile then cuts it at the first CR: a
  // NUL or a CR anywhere ends what Squid sees of that physical line (the rest up to the line feed
  // is dropped; a `\` right before it still continues, as in CRLF files). Observed on 5.7:
  // `http_access deny all\0 x` is read as `http_access deny all`, `http_access\r deny x` as
  // `http_access`.
  const scan: Scan = { text, file, nul: text.indexOf('\0', pos), cr: text.indexOf('\r', pos) };
  const contentEnd = (from: number, end: number): number => lineContentEnd(scan, from, end);
  while (pos < n && !fatal) {
    // Runs of comment and blank lines (most of a stock squid.conf) in a small loop of their own.
    pos = inertLines(scan, pos, current(), parentOf());
    if (pos >= n) break;
    let eol = text.indexOf('\n', pos);
    if (eol === -1) eol = n;
    // Squid reads physical lines with fgets into a BUFSIZ (8192) buffer: past 8191 characters the
    // rest is read as a line of its own (observed on 5.7: "unrecognized: 'x'" for a long acl line).
    if (eol - pos > SQUID_LINE_MAX) fail(`line longer than ${SQUID_LINE_MAX} characters: Squid reads the rest, from here, as a line of its own`, pos + SQUID_LINE_MAX);
    let lineEnd = eol;
    if (lineEnd > pos && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    lineEnd = contentEnd(pos, lineEnd);
    let i = pos;
    while (i < lineEnd && isBlank(text.charCodeAt(i))) i++;
    if (i === lineEnd) {
      pos = eol + 1;
      continue;
    }
    if (text.charCodeAt(i) === 35) {
      current().push(comment(i, lineEnd));
      pos = eol + 1;
      continue;
    }
    // Gather the logical line: segments [start, end) with continuation backslashes removed.
    const segs: number[] = [];
    const skipped: Comment[] = [];
    let segStart = i;
    let segEnd = lineEnd;
    for (;;) {
      if (text.charCodeAt(segEnd - 1) !== 92) {
        segs.push(segStart, segEnd);
        pos = eol + 1;
        break;
      }
      segs.push(segStart, segEnd - 1);
      pos = eol + 1;
      // Find the next non-blank, non-comment line (squid skips those while continuing).
      let found = false;
      while (pos < n) {
        eol = text.indexOf('\n', pos);
        if (eol === -1) eol = n;
        lineEnd = eol;
        if (eol - pos > SQUID_LINE_MAX) fail(`line longer than ${SQUID_LINE_MAX} characters: Squid reads the rest, from here, as a line of its own`, pos + SQUID_LINE_MAX);
        if (lineEnd > pos && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
        lineEnd = contentEnd(pos, lineEnd);
        let j = pos;
        while (j < lineEnd && isBlank(text.charCodeAt(j))) j++;
        if (j === lineEnd) {
          pos = eol + 1;
          continue;
        }
        if (text.charCodeAt(j) === 35) {
          skipped.push(comment(j, lineEnd));
          pos = eol + 1;
          continue;
        }
        segStart = j;
        segEnd = lineEnd;
        found = true;
        break;
      }
      // A continuation at end of file: squid silently drops the line; we keep it so it can be seen.
      if (!found) break;
    }
    const logical = buildLogical(text, segs);
    fatal = handleLine(logical);
    for (const c of skipped) current().push(c);
  }
  while (stack.length && !fatal) {
    const f = stack.pop()!;
    fail("if-statement without 'endif'", f.ifDirective.start);
    closeBlock(f, f.ifDirective.children!.length ? lastEnd(f) : f.ifDirective.bodyStart!, null);
  }
  if (stack.length) for (const f of stack.reverse()) closeBlock(f, lastEnd(f), null);
  return error ? { file, nodes: top, error } : { file, nodes: top };

  function lastEnd(f: Frame): number {
    const kids = (f.elseDirective ?? f.ifDirective).children!;
    const last = kids[kids.length - 1];
    return last ? last.end : (f.elseDirective ?? f.ifDirective).bodyStart!;
  }

  function closeBlock(f: Frame, bodyEnd: number, endif: Directive | null): void {
    const d = f.ifDirective;
    d.bodyEnd = bodyEnd;
    d.end = endif ? endif.end : bodyEnd;
    if (f.elseDirective) {
      f.elseDirective.bodyEnd = bodyEnd;
      f.elseDirective.end = bodyEnd;
    }
  }

  /** Tokenise one logical line and place it in the tree. Returns true on a fatal error. */
  function handleLine(l: Logical): boolean {
    const s = l.text;
    let len = s.length;
    while (len > 0 && isBlank(s.charCodeAt(len - 1))) len--;
    const spans: number[] = [];
    const args: string[] = [];
    let name = '';
    let trailing: Comment | null = null;
    // What follows the name, raw: squid evaluates `if` on this (a `#` there is NOT a comment).
    let rest = '';
    let k = 0;
    let first = true;
    while (k < len) {
      while (k < len && isBlank(s.charCodeAt(k))) k++;
      if (k >= len) break;
      const c = s.charCodeAt(k);
      if (c === 35 && !first) {
        trailing = comment(at(l, k), endAt(l, len));
        trailing.text = s.slice(k + 1, len);
        break;
      }
      const t0 = k;
      let value = '';
      if (c === 34 && !first) {
        k++;
        let closed = false;
        while (k < len) {
          const q = s.charCodeAt(k);
          if (q === 92 && k + 1 < len) {
            value += s[k + 1];
            k += 2;
          } else if (q === 34) {
            k++;
            closed = true;
            break;
          } else {
            value += s[k++];
          }
        }
        // An unterminated quote stays a plain token: squid reads it as text.
        if (!closed) value = s.slice(t0, k);
        while (k < len && !isBlank(s.charCodeAt(k))) value += s[k++];
      } else {
        while (k < len && !isBlank(s.charCodeAt(k))) k++;
        value = s.slice(t0, k);
      }
      spans.push(at(l, t0), endAt(l, k));
      if (first) {
        name = value;
        let r = k;
        while (r < len && isBlank(s.charCodeAt(r))) r++;
        rest = s.slice(r, len);
      } else args.push(value);
      first = false;
    }
    const d: Directive = {
      type: 'directive',
      name,
      key: canonicalName(name),
      args,
      spans,
      start: spans[0],
      end: spans[spans.length - 1],
      file,
      parent: parentOf(),
    };
    const place = (): void => {
      current().push(d);
      if (trailing) {
        trailing.parent = d.parent;
        current().push(trailing);
      }
    };
    if (name === 'if') {
      place();
      d.children = [];
      d.bodyStart = d.end;
      if (stack.length >= MAX_NESTING) {
        fail(`proxylint: if-statements nested deeper than ${MAX_NESTING} levels`, d.start);
        return true;
      }
      const cond = evalCondition(rest);
      if ('error' in cond) {
        fail(cond.error, d.start);
        return true;
      }
      stack.push({ ifDirective: d, elseDirective: null });
      return false;
    }
    if (name === 'else') {
      const f = stack[stack.length - 1];
      if (!f) {
        place();
        fail("'else' without 'if'", d.start);
        return true;
      }
      // A second `else` flips squid's state again: another block under the same `if`.
      d.parent = f.ifDirective;
      if (f.elseDirective) {
        f.elseDirective.bodyEnd = f.elseDirective.end = lastEnd(f);
      }
      f.ifDirective.children!.push(d);
      if (trailing) {
        trailing.parent = f.ifDirective;
        f.ifDirective.children!.push(trailing);
      }
      d.children = [];
      d.bodyStart = d.end;
      f.elseDirective = d;
      return false;
    }
    if (name === 'endif') {
      const f = stack.pop();
      if (!f) {
        place();
        fail("'endif' without 'if'", d.start);
        return true;
      }
      closeBlock(f, d.start, d);
      // The endif line belongs to the if block (like `}`): its trailing comment too.
      if (trailing) {
        trailing.parent = f.ifDirective.parent;
        current().push(trailing);
      }
      return false;
    }
    place();
    // Names squid does not know are a finding (squid/unknown-directive), not a parse error: squid
    // reads on past them, and a line in a false `if` branch is never looked at.
    return false;
  }
}

/** The text being read, and where its next NUL and CR are (each cuts the line it is on). */
interface Scan {
  text: string;
  file: SourceFile;
  nul: number;
  cr: number;
}

/** Where what squid sees of the physical line [from, end) ends: at a NUL or a CR, if one is in it. */
function lineContentEnd(s: Scan, from: number, end: number): number {
  if (s.nul !== -1 && s.nul < from) s.nul = s.text.indexOf('\0', from);
  if (s.cr !== -1 && s.cr < from) s.cr = s.text.indexOf('\r', from);
  if (s.nul !== -1 && s.nul < end) end = s.nul;
  return s.cr !== -1 && s.cr < end ? s.cr : end;
}

/**
 * Blank and comment lines from `pos` on, each comment pushed to `out`; returns the start of the
 * first other line (or one longer than squid's line buffer, which the caller reports), or the
 * end of the text. A function of its own so that the optimising compiler, when this loop gets
 * hot, compiles this loop and not the whole parser (≈ 80 ms of compiler time on Debian's
 * squid.conf, 8,694 comment lines of 9,164).
 */
function inertLines(s: Scan, pos: number, out: Node[], parent: Directive | null): number {
  const text = s.text;
  const n = text.length;
  while (pos < n) {
    let eol = text.indexOf('\n', pos);
    if (eol === -1) eol = n;
    if (eol - pos > SQUID_LINE_MAX) return pos;
    let lineEnd = eol;
    if (lineEnd > pos && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    lineEnd = lineContentEnd(s, pos, lineEnd);
    let i = pos;
    while (i < lineEnd && isBlank(text.charCodeAt(i))) i++;
    if (i < lineEnd) {
      if (text.charCodeAt(i) !== 35) return pos;
      out.push(new FileComment(i, lineEnd, s.file, parent));
    }
    pos = eol + 1;
  }
  return pos;
}

function buildLogical(text: string, segs: number[]): Logical {
  if (segs.length === 2) return { text: text.slice(segs[0], segs[1]), offsets: null, base: segs[0] };
  let s = '';
  const offsets: number[] = [];
  for (let i = 0; i < segs.length; i += 2) {
    s += text.slice(segs[i], segs[i + 1]);
    for (let o = segs[i]; o < segs[i + 1]; o++) offsets.push(o);
  }
  offsets.push(segs[segs.length - 1]);
  return { text: s, offsets, base: 0 };
}
