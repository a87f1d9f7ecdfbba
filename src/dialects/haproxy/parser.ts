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
import { IDLE_TIMEOUT_LIMIT_MS } from '../../core/duration';
import { encodingProblem } from '../../core/encoding';
import { INTERN_MAX, intern } from '../../core/intern';
import { SpanTable } from '../../core/span-table';
import { HaproxyDirective, HaproxySection } from './node';

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

/** cfgparse.h MAX_LINE_ARGS: the words parse_line keeps. */
export const MAX_LINE_ARGS = 64;

const TIME_UNITS_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, '': 1 };

/** `timeout X V` with V over HAProxy's timer range: haproxy -c's own words (checked on 2.6.12). */
function timerOverflow(d: Directive): ParseError | undefined {
  if (d.name !== 'timeout' || d.args.length < 2) return undefined;
  const m = /^(\d+)(us|ms|s|m|h|d)?$/.exec(d.args[1]);
  if (!m || BigInt(m[1]) * BigInt(Math.round(TIME_UNITS_MS[m[2] ?? ''] * 1000)) <= IDLE_TIMEOUT_LIMIT_MS.haproxy.max * 1000n) return undefined;
  return {
    message: `timer overflow in argument '${d.args[1]}' to 'timeout ${d.args[0]}' (maximum value is 2147483647 ms or ~24.8 days)`,
    file: d.file,
    offset: d.spans[4],
  };
}

/**
 * `$` inside double quotes starts an environment variable (cfgparse.c parse_line, 2.6): the name
 * must start with a letter or `_`; with braces it ends at `}`, `-default}` or `[*]}`. Returns the
 * offset and words of the error haproxy -c reports, or undefined.
 */
function envVarError(text: string, at: number, lineEnd: number): { offset: number; message: string } | undefined {
  let j = at + 1;
  const brace = text[j] === '{' ? j++ : -1;
  if (!/[A-Za-z_]/.test(text[j] ?? '') || j >= lineEnd) return { offset: j, message: 'forbidden first char in environment variable name' };
  while (j < lineEnd && /[A-Za-z0-9_]/.test(text[j])) j++;
  if (brace < 0) return undefined;
  if (text.startsWith('[*]', j)) j += 3;
  else if (text[j] === '-') {
    const close = text.indexOf('}', j);
    if (close !== -1 && close < lineEnd) return undefined;
  }
  return text[j] === '}' ? undefined : { offset: brace, message: 'unmatched brace in environment variable name' };
}

/**
 * One file being read. The work per line is split into small methods: on a 66k-line config the
 * optimising compiler compiled the one big loop four times (on-stack replacement, then again after
 * each deoptimisation on a path its first compile had no feedback for), and the quoted-word path
 * and the error paths, never taken on most lines, were compiled in every time.
 */
class Reader {
  readonly top: Node[] = [];
  section: Directive | null = null;
  error: ParseError | undefined = undefined;
  conds = 0;
  /** Per open `.if`: whether its `.else` was seen. */
  readonly elses: boolean[] = [];
  // The first NUL at or after the current line, found once and searched again only past it: a
  // search per line from the line's start to the end of the text made a 66k-line file quadratic.
  nextNul: number;
  // Per-line scratch, copied out at the exact size: a fresh array per line grows to 17 slots for
  // 4-6 words, and on a 66k-line file the slack was megabytes the garbage collector copied. The
  // ranges go to the file's span table, which the directives are views over.
  spans = new Int32Array(2 * MAX_LINE_ARGS);
  /** Numbers used in `spans` (two per word). */
  nSpans = 0;
  readonly words: string[] = [];
  readonly table: SpanTable;
  /** A comment ending the current line. */
  comment: Comment | null = null;

  constructor(
    readonly file: SourceFile,
    readonly text: string,
    from: number,
  ) {
    this.nextNul = text.indexOf('\0', from);
    this.table = new SpanTable(text.length >> 2);
  }

  /** The first problem is the one haproxy -c reports. */
  fail(message: string, offset: number): void {
    if (!this.error) this.error = { message, file: this.file, offset };
  }

  closeSection(): void {
    const section = this.section;
    if (!section) return;
    // Copied at its length: pushed to line by line, it had up to half again as many slots (6,000
    // sections kept ~0.5 MiB of them).
    const kids = (section.children = section.children!.slice());
    let end = section.bodyStart!;
    for (let i = 0; i < kids.length; i++) if (kids[i].end > end) end = kids[i].end;
    section.bodyEnd = end;
    section.end = end;
  }

  /** Reads the line starting at `lineStart`; returns where the next one starts. */
  line(lineStart: number): number {
    const text = this.text;
    const n = text.length;
    let eol = text.indexOf('\n', lineStart);
    if (eol === -1) eol = n;
    let lineEnd = eol;
    if (lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    // haproxy reads lines with fgets: a NUL ends the line's text there, and a last line without
    // LF is refused ("file might have been truncated"), both as this message (checked on 2.6.12).
    if (this.nextNul !== -1 && this.nextNul < lineStart) this.nextNul = text.indexOf('\0', lineStart);
    const nul = this.nextNul;
    if (!this.error && ((nul !== -1 && nul < lineEnd) || eol === n)) {
      const at = nul !== -1 && nul < lineEnd ? nul : lineEnd;
      this.fail(`Missing LF on last line, file might have been truncated at position ${at - lineStart + 1}.`, at);
    }
    this.nSpans = 0;
    this.words.length = 0;
    this.comment = null;
    this.splitWords(lineStart, lineEnd);
    if (this.nSpans) this.directive();
    else if (this.comment) this.place(this.comment);
    return eol + 1;
  }

  /** Splits [lineStart, lineEnd) into words (into `spans` and `words`) and a trailing comment. */
  private splitWords(lineStart: number, lineEnd: number): void {
    const text = this.text;
    let i = lineStart;
    while (i < lineEnd) {
      while (i < lineEnd && isBlank(text.charCodeAt(i))) i++;
      if (i >= lineEnd) break;
      if (text.charCodeAt(i) === 35) {
        this.comment = { type: 'comment', text: text.slice(i + 1, lineEnd), start: i, end: lineEnd, file: this.file, parent: null };
        break;
      }
      // Most words have no quote or backslash: one slice instead of a string built per character.
      const j = plainWordEnd(text, i, lineEnd);
      if (j !== -1) {
        this.pushSpan(i, j);
        // Keywords and most arguments repeat (`server`, `check`, `if`): one string each per run.
        this.words.push(j - i <= INTERN_MAX ? intern(text, i, j) : text.slice(i, j));
        i = j;
      } else i = this.quotedWord(i, lineStart, lineEnd);
    }
  }

  /** A word with quotes or backslashes, from `i`: pushed; returns where it ends. */
  private quotedWord(i: number, lineStart: number, lineEnd: number): number {
    const text = this.text;
    const t0 = i;
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
        } else if (e === 'x') {
          this.fail(`truncated or invalid hexadecimal sequence at position ${i - lineStart + 1}`, i);
          value += c + e;
          i += 2;
        } else {
          value += c + e;
          i += 2;
        }
      } else if (c === "'" && dquote < 0) {
        squote = squote < 0 ? i : -1;
        i++;
      } else if (c === '$' && dquote >= 0) {
        const bad = this.error ? undefined : envVarError(text, i, lineEnd);
        if (bad) this.fail(`${bad.message} at position ${bad.offset - lineStart + 1}`, bad.offset);
        value += c;
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
    if (open >= 0) this.fail(`unmatched quote at position ${open - lineStart + 1}`, open);
    this.pushSpan(t0, i);
    this.words.push(value);
    return i;
  }

  private pushSpan(start: number, end: number): void {
    if (this.nSpans + 2 > this.spans.length) {
      // More words than parse_line keeps (an error, reported below): room for them all.
      const grown = new Int32Array(this.spans.length * 2);
      grown.set(this.spans);
      this.spans = grown;
    }
    this.spans[this.nSpans++] = start;
    this.spans[this.nSpans++] = end;
  }

  /** The line's words as a directive, placed in the tree (a section keyword opens a section). */
  private directive(): void {
    const { spans, words, file } = this;
    // parse_line keeps MAX_LINE_ARGS (64) words: a 65th is an error naming the 64th word and its
    // 1-based offset in the unquoted output (each word followed by a NUL), as haproxy -c 2.6 does.
    if (words.length > MAX_LINE_ARGS && !this.error) {
      let at = 1;
      for (let k = 0; k < MAX_LINE_ARGS - 1; k++) at += words[k].length + 1;
      this.fail(`too many words, truncating after word ${MAX_LINE_ARGS}, position ${at}: <${words[MAX_LINE_ARGS - 1]}>.`, spans[2 * (MAX_LINE_ARGS - 1)]);
    }
    const name = words[0];
    if (name.charCodeAt(0) === 46 /* . */) this.condition(name);
    const isSection = SECTION_KEYWORDS.has(name);
    const spanAt = this.table.push(spans, this.nSpans);
    const args = words.slice(1);
    const d = isSection ? new HaproxySection(name, args, file, this.table, spanAt) : new HaproxyDirective(name, args, file, this.table, spanAt);
    if (!this.error) this.error = timerOverflow(d);
    if (isSection) {
      this.closeSection();
      this.top.push(d);
      this.section = d;
    } else {
      d.parent = this.section;
      (this.section ? this.section.children! : this.top).push(d);
    }
    if (this.comment) this.place(this.comment);
  }

  private place(comment: Comment): void {
    comment.parent = this.section;
    (this.section ? this.section.children! : this.top).push(comment);
  }

  /** cfgparse.c's conditional stack (checked with haproxy -c 2.6.12). */
  private condition(name: string): void {
    const spans = this.spans;
    const elses = this.elses;
    if (name === '.if') {
      if (++this.conds >= MAX_NESTED_CONDS) this.fail(`too many nested '.if', max is ${MAX_NESTED_CONDS}.`, spans[0]);
      elses.push(false);
    } else if (name === '.endif' || name === '.else' || name === '.elif') {
      if (!elses.length) {
        this.fail(`lone '${name}' with no matching '.if'.`, spans[0]);
      } else if (name === '.endif') {
        elses.pop();
        this.conds--;
      } else if (elses[elses.length - 1]) {
        this.fail(`'${name}' after '.else' is not permitted.`, spans[0]);
      } else if (name === '.else') elses[elses.length - 1] = true;
    }
  }
}

/** The end of a word from `i` without quotes or backslashes, or -1 when it has one. */
function plainWordEnd(text: string, i: number, lineEnd: number): number {
  for (let j = i; j < lineEnd; j++) {
    const c = text.charCodeAt(j);
    if (c === 32 || c === 9 || c === 35) return j;
    if (c === 92 || c === 39 || c === 34) return -1;
  }
  return lineEnd;
}

export function parseHaproxy(file: SourceFile): IncludedFile {
  const text = file.text;
  const enc = encodingProblem(text, 'haproxy');
  if (enc) return { file, nodes: [], error: { message: enc, file, offset: 0 } };
  const n = text.length;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const r = new Reader(file, text, pos);
  while (pos < n) pos = r.line(pos);
  r.closeSection();
  r.table.trim();
  // An `.if` still open at the end: haproxy names the last line it read.
  if (r.elses.length && !r.error) {
    const lastLine = text.endsWith('\n') ? text.lastIndexOf('\n', n - 2) + 1 : text.lastIndexOf('\n') + 1;
    r.fail("non-terminated '.if' block.", lastLine);
  }
  return r.error ? { file, nodes: r.top, error: r.error } : { file, nodes: r.top };
}
