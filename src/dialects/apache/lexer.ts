/**
 * Apache httpd's view of a config file: logical lines and the words on them.
 *
 * httpd reads a file line by line (ap_cfg_getline): a `\` right before the line feed (or CR LF)
 * joins the next physical line, the backslash and the line break vanishing from the logical line.
 * It then trims the logical line and splits it into words with ap_getword_conf. We do the same
 * on the raw text, but keep raw offsets so every word maps back to the file exactly, including
 * words that straddle a continuation.
 */

/** One logical line: raw offsets of its content (terminator excluded) and where breaks were. */
export interface LogicalLine {
  /** Raw offset of the first character of the first physical line. */
  start: number;
  /** Raw offset just past the last content character (before `\r\n` / `\n`). */
  end: number;
  /** Joined text, continuations removed (what httpd sees). */
  text: string;
  /**
   * Continuation points, flat pairs [logicalIndex, rawSkip]: at logical index i, `rawSkip`
   * raw characters (`\`, optional CR, LF) were removed. Empty for the common one-line case.
   */
  breaks: number[];
  /** 0-based index of the first and last physical line. */
  firstLine: number;
  lastLine: number;
}

/** Splits text into logical lines. A BOM at offset 0 is skipped (not content). */
export function logicalLines(text: string): LogicalLine[] {
  const out: LogicalLine[] = [];
  const n = text.length;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let physical = 0;
  // httpd reads each physical line as a C string: a NUL ends its content, and what follows up to
  // the line feed is never seen; such a line never continues, even with a `\` right before the
  // NUL. Observed on 2.4.71: `ServerAdmin a@b\0 x y` passes apache2 -t.
  let nul = text.indexOf('\0', pos);
  while (pos < n) {
    const start = pos;
    const firstLine = physical;
    const breaks: number[] = [];
    let pieces: string[] | null = null;
    let segStart = pos;
    let logicalLen = 0;
    let end: number;
    for (;;) {
      let nl = text.indexOf('\n', pos);
      if (nl === -1) nl = n;
      let contentEnd = nl;
      if (nl < n && contentEnd > pos && text.charCodeAt(contentEnd - 1) === 13) contentEnd--;
      while (nul !== -1 && nul < pos) nul = text.indexOf('\0', pos);
      const cut = nul !== -1 && nul < contentEnd;
      if (cut) contentEnd = nul;
      // Continuation: `\` immediately before the line break, and there is a line break.
      if (!cut && nl < n && contentEnd > segStart && text.charCodeAt(contentEnd - 1) === 92) {
        const segEnd = contentEnd - 1;
        (pieces ??= []).push(text.slice(segStart, segEnd));
        logicalLen += segEnd - segStart;
        breaks.push(logicalLen, nl + 1 - segEnd);
        physical++;
        pos = nl + 1;
        segStart = pos;
        if (pos >= n) {
          end = segEnd;
          break;
        }
        continue;
      }
      end = contentEnd;
      pos = nl < n ? nl + 1 : n;
      if (pieces) pieces.push(text.slice(segStart, contentEnd));
      break;
    }
    const lineText = pieces ? pieces.join('') : text.slice(start, end);
    // A line that ends the file in a continuation keeps its `\` out of the content: the
    // logical text is what httpd sees; `end` is the raw end of real content.
    out.push({ start, end, text: lineText, breaks, firstLine, lastLine: physical });
    physical++;
    if (pos >= n) break;
  }
  return out;
}

/** Raw offset of the logical character at index i (i may equal text.length: the end). */
export function rawOffset(line: LogicalLine, i: number): number {
  let raw = line.start + i;
  const b = line.breaks;
  for (let k = 0; k < b.length; k += 2) {
    if (b[k] <= i) raw += b[k + 1];
    else break;
  }
  return raw;
}

/** Raw offset just past the logical character at index i - 1 (an exclusive end). */
export function rawEnd(line: LogicalLine, i: number): number {
  if (i <= 0) return line.start;
  return rawOffset(line, i - 1) + 1;
}

/** httpd's apr_isspace: space, \t, \n, \v, \f, \r. */
export function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

export interface Word {
  /** Value after unquoting, as ap_getword_conf returns it. */
  value: string;
  /** Logical indices [start, end) including quotes. */
  start: number;
  end: number;
}

/**
 * ap_getword_conf: skip spaces; a word starting with `"` or `'` runs to the matching quote
 * (`\<quote>` and `\\` are escapes; an unterminated quote runs to the end); otherwise it runs to
 * the next space, `\\` unescaping to `\`. Returns null at the end of `limit`.
 */
export function nextWord(text: string, from: number, limit = text.length): Word | null {
  let i = from;
  while (i < limit && isSpace(text.charCodeAt(i))) i++;
  if (i >= limit) return null;
  const start = i;
  const q = text.charCodeAt(i);
  if (q === 34 || q === 39) {
    let j = i + 1;
    let value = '';
    let seg = j;
    while (j < limit && text.charCodeAt(j) !== q) {
      if (text.charCodeAt(j) === 92 && j + 1 < limit && (text.charCodeAt(j + 1) === q || text.charCodeAt(j + 1) === 92)) {
        value += text.slice(seg, j);
        seg = j + 1;
        j += 2;
      } else j++;
    }
    value += text.slice(seg, j);
    if (j < limit) j++; // closing quote
    return { value, start, end: j };
  }
  let j = i;
  while (j < limit && !isSpace(text.charCodeAt(j))) j++;
  const raw = text.slice(i, j);
  const value = raw.indexOf('\\\\') === -1 ? raw : raw.replace(/\\\\/g, '\\');
  return { value, start, end: j };
}

/** All words of text[from, limit). */
export function words(text: string, from = 0, limit = text.length): Word[] {
  const out: Word[] = [];
  let w = nextWord(text, from, limit);
  while (w) {
    out.push(w);
    w = nextWord(text, w.end, limit);
  }
  return out;
}
