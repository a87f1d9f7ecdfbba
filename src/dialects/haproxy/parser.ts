/**
 * HAProxy's config reader (cfgparse.c parse_line, 2.6), lossless:
 *
 * - one statement per line; there is NO line continuation (a trailing `\` is a literal: checked
 *   with `haproxy -c`, the next line is a statement of its own);
 * - `#` outside quotes starts a comment anywhere, even inside a word (`default_backend b#x` uses
 *   backend `b`: checked with `haproxy -c`); `\#` is a literal `#`;
 * - `"…"` allows backslash escapes and `${VAR}` (kept as written: a linter does not know the
 *   environment); `'…'` is literal; quotes may start mid-word (`a"b c"` is one word `ab c`);
 * - `\` escapes outside single quotes: `\ `, `\\`, `\#`, `\'`, `\"`, `\$`, `\r`, `\n`, `\t`, `\xHH`;
 * - an unclosed quote is an error: "unmatched quote at position N" (N = 1-based column of the
 *   quote, as `haproxy -c` prints it).
 *
 * Keywords are multi-word in HAProxy (`timeout tunnel`, `option httplog`, `http-request set-header`):
 * the directive's name is the FIRST word and the rest are arguments (`timeout tunnel 1h` → name
 * `timeout`, args [`tunnel`, `1h`]). That keeps one shape for every line; analyses read args[0].
 *
 * A section keyword (`global`, `defaults`, `frontend`, …) opens a block directive whose children
 * are the lines up to the next section keyword (comments included). `.if`/`.else`/`.endif` are
 * kept as ordinary directives inside the section they appear in.
 */
import type { Comment, Directive, IncludedFile, Node, ParseError, SourceFile } from '../../core/ast';
import { encodingProblem } from '../../core/encoding';

export const SECTION_KEYWORDS: ReadonlySet<string> = new Set([
  'global',
  'defaults',
  'frontend',
  'backend',
  'listen',
  'resolvers',
  'peers',
  'userlist',
  'mailers',
  'program',
  'http-errors',
  'ring',
  'cache',
  'log-forward',
  'fcgi-app',
  'crt-store',
  'traces',
]);

const SIMPLE_ESCAPES: Record<string, string> = { ' ': ' ', '\\': '\\', '#': '#', "'": "'", '"': '"', $: '$', r: '\r', n: '\n', t: '\t' };

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

/** cfgparse.c MAXNESTEDCONDS: `haproxy -c` refuses the 100th nested `.if` (checked on 2.6.12). */
export const MAX_NESTED_CONDS = 100;

export function parseHaproxy(file: SourceFile): IncludedFile {
  const text = file.text;
  const enc = encodingProblem(text, 'haproxy');
  if (enc) return { file, nodes: [], error: { message: enc, file, offset: 0 } };
  const n = text.length;
  const top: Node[] = [];
  let section: Directive | null = null;
  let error: ParseError | undefined;
  let conds = 0;

  const closeSection = (): void => {
    if (!section) return;
    const kids = section.children!;
    let end = section.bodyStart!;
    for (const k of kids) if (k.end > end) end = k.end;
    section.bodyEnd = end;
    section.end = end;
  };

  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (pos < n) {
    let eol = text.indexOf('\n', pos);
    if (eol === -1) eol = n;
    let lineEnd = eol;
    if (lineEnd > pos && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    const lineStart = pos;
    pos = eol + 1;
    let i = lineStart;
    const spans: number[] = [];
    const words: string[] = [];
    let comment: Comment | null = null;
    while (i < lineEnd) {
      while (i < lineEnd && isBlank(text.charCodeAt(i))) i++;
      if (i >= lineEnd) break;
      if (text.charCodeAt(i) === 35) {
        comment = { type: 'comment', text: text.slice(i + 1, lineEnd), start: i, end: lineEnd, file, parent: null };
        break;
      }
      const t0 = i;
      // Most words have no quote or backslash: one slice instead of a string built per character.
      let j = i;
      for (; j < lineEnd; j++) {
        const c = text.charCodeAt(j);
        if (c === 32 || c === 9 || c === 35) break;
        if (c === 92 || c === 39 || c === 34) {
          j = -1;
          break;
        }
      }
      if (j !== -1) {
        spans.push(t0, j);
        words.push(text.slice(t0, j));
        i = j;
        continue;
      }
      let value = '';
      let squote = -1;
      let dquote = -1;
      while (i < lineEnd) {
        const c = text[i];
        if (squote < 0 && dquote < 0 && (c === ' ' || c === '\t' || c === '#')) break;
        if (c === '\\' && squote < 0 && i + 1 < lineEnd) {
          const e = text[i + 1];
          if (e in SIMPLE_ESCAPES) {
            value += SIMPLE_ESCAPES[e];
            i += 2;
          } else if (e === 'x' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 2, i + 4))) {
            value += String.fromCharCode(parseInt(text.slice(i + 2, i + 4), 16));
            i += 4;
          } else {
            value += c + e;
            i += 2;
          }
        } else if (c === "'" && dquote < 0) {
          squote = squote < 0 ? i : -1;
          i++;
        } else if (c === '"' && squote < 0) {
          dquote = dquote < 0 ? i : -1;
          i++;
        } else {
          value += c;
          i++;
        }
      }
      const open = squote >= 0 ? squote : dquote;
      if (open >= 0 && !error) {
        error = { message: `unmatched quote at position ${open - lineStart + 1}`, file, offset: open };
      }
      spans.push(t0, i);
      words.push(value);
    }
    if (!spans.length) {
      if (comment) {
        comment.parent = section;
        (section ? section.children! : top).push(comment);
      }
      continue;
    }
    const name = words[0];
    if (name === '.if') {
      if (++conds >= MAX_NESTED_CONDS && !error) error = { message: `too many nested '.if', max is ${MAX_NESTED_CONDS}.`, file, offset: spans[0] };
    } else if (name === '.endif' && conds > 0) conds--;
    const d: Directive = {
      type: 'directive',
      name,
      key: name,
      args: words.slice(1),
      spans,
      start: spans[0],
      end: spans[spans.length - 1],
      file,
      parent: null,
    };
    if (SECTION_KEYWORDS.has(name)) {
      closeSection();
      d.children = [];
      d.bodyStart = d.end;
      top.push(d);
      section = d;
    } else {
      d.parent = section;
      (section ? section.children! : top).push(d);
    }
    if (comment) {
      comment.parent = section;
      (section ? section.children! : top).push(comment);
    }
  }
  closeSection();
  return error ? { file, nodes: top, error } : { file, nodes: top };
}
