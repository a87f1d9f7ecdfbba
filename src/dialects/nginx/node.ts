/**
 * The nginx directive as rules see it: a thin view over one file's span table. The parser keeps
 * each word's raw range in a typed array shared by the whole file; the argument strings (quotes
 * removed, escapes undone) and the flat `spans` array are made only when something reads them,
 * so a 70k-line config holds one small object per directive instead of an object, two arrays
 * and a string per word (issue 13: GC was the largest single cost of a large run).
 */
import type { Comment, Directive, IncludedFile, Node, SourceFile } from '../../core/ast';
import { INTERN_MAX, intern } from '../../core/intern';
import type { SpanTable } from '../../core/span-table';

export class NginxDirective implements Directive {
  declare readonly type: 'directive';
  start: number;
  end: number;
  children: Node[] | undefined = undefined;
  bodyStart: number | undefined = undefined;
  bodyEnd: number | undefined = undefined;
  includes: IncludedFile[] | undefined = undefined;
  private argList: string[] | undefined = undefined;
  private spanList: number[] | undefined = undefined;

  /** nginx compares directive names as written: the same string as `name`. */
  readonly key: string;

  constructor(
    readonly name: string,
    readonly file: SourceFile,
    readonly parent: Directive | null,
    end: number,
    private readonly table: SpanTable,
    /** Index of the name's start in `table`; the words' ranges follow it. */
    private readonly at: number,
    /** Number of words, the name included. */
    readonly words: number,
    /** Some word holds a backslash: its arguments are unescaped once, into `args`. */
    private readonly escaped: boolean,
  ) {
    this.key = name;
    this.start = table.a[at];
    this.end = end;
  }

  get args(): string[] {
    let a = this.argList;
    if (a === undefined) {
      const n = this.words - 1;
      a = [];
      const t = this.table.a;
      const text = this.file.text;
      for (let i = 0, k = this.at + 2; i < n; i++, k += 2) a.push(wordValue(text, t[k], t[k + 1]));
      this.argList = a;
    }
    return a;
  }

  /** The i-th argument's value (quotes removed, escapes undone), without building `args`. */
  arg(i: number): string {
    if (this.argList !== undefined || this.escaped) return this.args[i];
    if (i < 0 || i >= this.words - 1) return undefined as unknown as string;
    const k = this.at + (i + 1) * 2;
    return plainValue(this.file.text, this.table.a[k], this.table.a[k + 1]);
  }

  /** Raw range of the name (i = -1) or the i-th argument, quotes included. */
  rawStart(i: number): number {
    return this.table.a[this.at + (i + 1) * 2];
  }

  rawEnd(i: number): number {
    return this.table.a[this.at + (i + 1) * 2 + 1];
  }

  get spans(): number[] {
    let s = this.spanList;
    if (s === undefined) {
      const n = this.words * 2;
      s = [];
      const a = this.table.a;
      for (let i = 0; i < n; i++) s.push(a[this.at + i]);
      this.spanList = s;
    }
    return s;
  }
}
// On the prototype: one field fewer per directive, the same value for all.
(NginxDirective.prototype as { type: string }).type = 'directive';

export function nginxComment(text: string, start: number, end: number, file: SourceFile, parent: Directive | null): Comment {
  return { type: 'comment', text: text.slice(start + 1, end), start, end, file, parent };
}

/**
 * A word's value from its raw range: a word that opens with a quote is quoted (nginx opens quotes
 * only at a token start, so an unquoted word never begins with one), and a backslash in it is an
 * escape (ngx_conf_read_token: `\"`, `\'`, `\\`, `\t`, `\r`, `\n` are unescaped, others kept).
 */
export function wordValue(text: string, rawStart: number, rawEnd: number): string {
  const c = text.charCodeAt(rawStart);
  const quoted = c === 34 || c === 39;
  const s = quoted ? rawStart + 1 : rawStart;
  const e = quoted ? rawEnd - 1 : rawEnd;
  for (let i = s; i < e; i++) if (text.charCodeAt(i) === 92) return unescape(text, s, e);
  return e - s <= INTERN_MAX ? intern(text, s, e) : text.slice(s, e);
}

/**
 * wordValue of a word known to hold no backslash, as a plain slice: the analyses ask for an
 * argument from code that runs once per run, mostly unoptimised, where one native slice costs
 * less than hashing the characters to find the interned copy.
 */
function plainValue(text: string, rawStart: number, rawEnd: number): string {
  const c = text.charCodeAt(rawStart);
  return c === 34 || c === 39 ? text.slice(rawStart + 1, rawEnd - 1) : text.slice(rawStart, rawEnd);
}

/** The runs between escapes are sliced whole. */
function unescape(text: string, s: number, e: number): string {
  let out = '';
  let run = s;
  let i = s;
  while (i < e - 1) {
    if (text.charCodeAt(i) !== 92) {
      i++;
      continue;
    }
    const n = text.charCodeAt(i + 1);
    const v = n === 34 ? '"' : n === 39 ? "'" : n === 92 ? '\\' : n === 116 ? '\t' : n === 114 ? '\r' : n === 110 ? '\n' : undefined;
    if (v === undefined) {
      // Any other escaped character stays as written, backslash and all (and is not an escape itself).
      i += 2;
      continue;
    }
    out += text.slice(run, i) + v;
    i += 2;
    run = i;
  }
  return out + text.slice(run, e);
}

/**
 * The i-th argument of a directive (undefined past the last) without building its `args` array:
 * the analyses read one or two arguments of tens of thousands of directives, and a short word
 * comes from the intern table without a new string.
 */
export function argAt(d: Directive, i: number): string | undefined {
  return d instanceof NginxDirective ? d.arg(i) : d.args[i];
}

export function argCount(d: Directive): number {
  return d instanceof NginxDirective ? d.words - 1 : d.args.length;
}

/**
 * The index of the first argument from `from` on that equals `word`, or -1
 * (`args.indexOf(word, from)` without building `args`).
 */
export function argIndex(d: Directive, word: string, from = 0): number {
  const n = argCount(d);
  for (let i = from; i < n; i++) if (argAt(d, i) === word) return i;
  return -1;
}

/** Does any argument equal `word`? (`args.includes(word)` without building `args`.) */
export function hasArg(d: Directive, word: string): boolean {
  return argIndex(d, word) >= 0;
}

/**
 * The first argument of `listen` that can be a parameter: nginx reads the first one as the address
 * always, so `listen http2;` is a host named http2 (nginx 1.22.1 -t: host not found in "http2" of
 * the "listen" directive), not the option.
 */
const LISTEN_PARAMS = 1;

/** Where a `listen` parameter (`ssl`, `http2`, `quic`, …) is, or -1: see LISTEN_PARAMS. */
export function listenParamIndex(listen: Directive, word: string): number {
  return argIndex(listen, word, LISTEN_PARAMS);
}

/** Does a `listen` carry the parameter `word`? */
export function hasListenParam(listen: Directive, word: string): boolean {
  return listenParamIndex(listen, word) !== -1;
}

