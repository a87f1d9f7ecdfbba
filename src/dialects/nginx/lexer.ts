/**
 * nginx's tokenizer, following ngx_conf_read_token() in src/core/ngx_conf_file.c statement by
 * statement, so that what nginx accepts we accept and what it rejects we reject at the same
 * character. One call reads one statement: its words (with raw ranges) and what ended it.
 *
 * The rules people trip over, all from that function:
 * - `#` starts a comment only where a new token could start ("a#b" is one word);
 * - `}` does not end an unquoted word ("a}" is one word); `{` does, unless it follows `$` (`${var}`);
 * - quotes open only at a token start, and after the closing quote only space, `;`, `{` or `)` may follow;
 * - `\` escapes the next character; in values `\"`, `\'`, `\\`, `\t`, `\r`, `\n` are unescaped.
 */

export const enum Stop {
  /** `;` ended a simple directive. */
  Semicolon,
  /** `{` opened a block. */
  BlockStart,
  /** `}` closed a block (no words before it). */
  BlockEnd,
  /** End of input with no pending words. */
  Eof,
  /** A syntax error: see `errorMessage` / `errorOffset`. */
  Error,
}

export interface CommentSink {
  (start: number, end: number): void;
}

export class NginxLexer {
  pos = 0;
  /**
   * Raw ranges of the statement just read, flat [s0, e0, s1, e1, ...] (quotes included), in a
   * scratch array reused for every statement; `count` words. Values are made from the ranges
   * only when read (node.ts wordValue).
   */
  spans = new Int32Array(64);
  count = 0;
  /** A word of the statement holds a backslash (its value is unescaped when made). */
  escaped = false;
  /** Offset of the character that ended the statement (`;`, `{`, `}`), or the text length. */
  stopOffset = 0;
  errorMessage = '';
  errorOffset = 0;

  constructor(
    readonly text: string,
    private readonly onComment: CommentSink,
    /** The file was decoded as latin1 (not valid UTF-8): one character per byte. */
    private readonly latin1 = false,
  ) {
    // A UTF-8 byte-order mark is not part of the first token.
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
  }

  private fail(message: string, offset: number): Stop {
    this.errorMessage = message;
    this.errorOffset = offset;
    return Stop.Error;
  }

  /** Read the next statement: its word ranges are in `spans[0, 2 * count)`. */
  next(): Stop {
    const text = this.text;
    const len = text.length;
    this.count = 0;
    this.escaped = false;
    let needSpace = false;
    let lastSpace = true;
    let variable = false;
    let dQuoted = false;
    let sQuoted = false;
    let start = 0;
    let pos = this.pos;

    for (;;) {
      if (pos >= len) {
        this.pos = pos;
        this.stopOffset = len;
        if (this.count > 0 || !lastSpace) {
          // A word (or an open quote) running to the end of the file: every byte was read with it.
          if (!lastSpace && !needSpace && len - start > SHORT) {
            const q = dQuoted || sQuoted ? 1 : 0;
            if (this.tooLong(start + q, len - 1, dQuoted ? 34 : sQuoted ? 39 : 0, len) === Stop.Error) return Stop.Error;
          }
          return this.fail('unexpected end of file, expecting ";" or "}"', len);
        }
        return Stop.Eof;
      }
      const ch = text.charCodeAt(pos++);

      if (needSpace) {
        if (ch === 32 || ch === 9 || ch === 13 || ch === 10) {
          lastSpace = true;
          needSpace = false;
          continue;
        }
        if (ch === 59 /* ; */) return this.stop(Stop.Semicolon, pos);
        if (ch === 123 /* { */) return this.stop(Stop.BlockStart, pos);
        if (ch === 41 /* ) */) {
          lastSpace = true;
          needSpace = false;
          // nginx then re-examines ')' as a token start: it begins a new word.
        } else {
          this.pos = pos;
          return this.fail(`unexpected "${String.fromCharCode(ch)}"`, pos - 1);
        }
      }

      if (lastSpace) {
        start = pos - 1;
        if (ch === 32 || ch === 9 || ch === 13 || ch === 10) continue;
        switch (ch) {
          case 59: // ;
          case 123: // {
            if (this.count === 0) {
              this.pos = pos;
              return this.fail(`unexpected "${ch === 59 ? ';' : '{'}"`, pos - 1);
            }
            return this.stop(ch === 123 ? Stop.BlockStart : Stop.Semicolon, pos);
          case 125: // }
            if (this.count !== 0) {
              this.pos = pos;
              return this.fail('unexpected "}"', pos - 1);
            }
            return this.stop(Stop.BlockEnd, pos);
          case 35: {
            // # comment to the end of the line
            let e = text.indexOf('\n', pos);
            if (e === -1) e = len;
            const end = e > start && text.charCodeAt(e - 1) === 13 ? e - 1 : e;
            // nginx reads a comment into its token buffer from the `#` to the newline.
            if (e - start > SHORT && this.tooLong(start, e < len ? e : len - 1, 0, 0) === Stop.Error) return Stop.Error;
            this.onComment(start, end);
            pos = e;
            continue;
          }
          case 92: // backslash: the next character is literal
            this.escaped = true;
            lastSpace = false;
            pos++;
            continue;
          case 34: // "
            dQuoted = true;
            lastSpace = false;
            continue;
          case 39: // '
            sQuoted = true;
            lastSpace = false;
            continue;
          case 36: // $
            variable = true;
            lastSpace = false;
            continue;
          default:
            lastSpace = false;
            continue;
        }
      }

      // Inside a word.
      if (ch === 123 && variable) continue;
      variable = false;
      if (ch === 92) {
        this.escaped = true;
        pos++;
        continue;
      }
      if (ch === 36) {
        variable = true;
        continue;
      }
      let found = false;
      if (dQuoted) {
        if (ch === 34) {
          dQuoted = false;
          needSpace = true;
          found = true;
        }
      } else if (sQuoted) {
        if (ch === 39) {
          sQuoted = false;
          needSpace = true;
          found = true;
        }
      } else if (ch === 32 || ch === 9 || ch === 13 || ch === 10 || ch === 59 || ch === 123) {
        lastSpace = true;
        found = true;
      }
      if (found) {
        const quoted = needSpace; // the word ended with its closing quote
        const rawEnd = pos - (quoted ? 0 : 1);
        const vs = quoted ? start + 1 : start;
        const ve = pos - 1;
        // The buffer limit, checked once per word and only for long ones (see tooLong).
        if (pos - start > SHORT) {
          // nginx's token start stays put until the next character is read after the word (two
          // after a closing quote followed by a space): those count against the limit too.
          const after = quoted ? pos : ch === 59 || ch === 123 ? pos - 1 : pos;
          const spaced = quoted && pos < len && isSpace(text.charCodeAt(pos)) ? 1 : 0;
          if (this.tooLong(vs, Math.min(after + spaced, len - 1), quoted ? text.charCodeAt(start) : 0, ve) === Stop.Error) return Stop.Error;
        }
        this.push(start, rawEnd);
        if (ch === 59) return this.stop(Stop.Semicolon, pos);
        if (ch === 123) return this.stop(Stop.BlockStart, pos);
      }
    }
  }

  /**
   * nginx reads a file through a 4096-byte buffer (NGX_CONF_BUFFER) and keeps the token being
   * read in it: ngx_conf_read_token() fails when refilling the buffer would drop the token's
   * start, i.e. when it is about to read the byte 4096 bytes after `start` (the first byte of the
   * word, after an opening quote, or a `#`) while `start` has not moved, and that byte exists.
   * `start` moves only when the character after the word (and its terminating space) is read, so
   * `last` is the last character read with it. Inside the quotes the message names the missing
   * quote; otherwise it quotes the token's first 10 bytes. Observed on nginx 1.22.1: a 4095-byte
   * word passes before `;` and fails before a space; a 4094-byte quoted value fails before ` ;`.
   */
  private tooLong(start: number, last: number, quote: number, closeQuote: number): Stop | undefined {
    const text = this.text;
    const bytes = (a: number, b: number) => (this.latin1 ? b - a : utf8Length(text, a, b));
    if (bytes(start, last + 1) <= NGX_CONF_BUFFER) return undefined;
    const at = quote ? start - 1 : start;
    if (quote && (closeQuote === this.text.length || bytes(start, closeQuote) >= NGX_CONF_BUFFER)) {
      this.pos = last + 1;
      return this.fail(`too long parameter, probably missing terminating "${String.fromCharCode(quote)}" character`, at);
    }
    const head = Buffer.from(text.slice(start, start + 10), this.latin1 ? 'latin1' : 'utf8').subarray(0, 10);
    this.pos = last + 1;
    return this.fail(`too long parameter "${head.toString(this.latin1 ? 'latin1' : 'utf8')}..." started`, at);
  }

  private push(start: number, end: number): void {
    let spans = this.spans;
    const k = this.count * 2;
    if (k + 2 > spans.length) {
      spans = new Int32Array(spans.length * 2);
      spans.set(this.spans);
      this.spans = spans;
    }
    spans[k] = start;
    spans[k + 1] = end;
    this.count++;
  }

  private stop(kind: Stop, pos: number): Stop {
    this.pos = pos;
    this.stopOffset = pos - 1;
    return kind;
  }

  /**
   * Skip a Lua block body (`content_by_lua_block { ... }`) the way lua-nginx-module reads it:
   * braces balance outside Lua strings, comments and long brackets. Returns the offset of the
   * closing `}` or -1 at end of input.
   */
  skipLuaBlock(): number {
    const text = this.text;
    const len = text.length;
    let depth = 1;
    let p = this.pos;
    while (p < len) {
      const ch = text.charCodeAt(p);
      if (ch === 123) depth++;
      else if (ch === 125) {
        if (--depth === 0) {
          this.pos = p + 1;
          return p;
        }
      } else if (ch === 34 || ch === 39) {
        p++;
        while (p < len) {
          const c = text.charCodeAt(p);
          if (c === 92) p += 2;
          else if (c === ch || c === 10) break;
          else p++;
        }
      } else if (ch === 45 && text.charCodeAt(p + 1) === 45) {
        // -- comment, or --[[ long comment ]]
        const level = longBracketLevel(text, p + 2);
        if (level >= 0) p = closeLongBracket(text, p + 2, level);
        else {
          const e = text.indexOf('\n', p);
          p = e === -1 ? len : e;
        }
        continue;
      } else if (ch === 91) {
        const level = longBracketLevel(text, p);
        if (level >= 0) {
          p = closeLongBracket(text, p, level);
          continue;
        }
      }
      p++;
    }
    this.pos = len;
    return -1;
  }
}

/** ngx_conf_file.c's buffer size: a token must fit in it with the character read after it. */
const NGX_CONF_BUFFER = 4096;
/** A span of at most this many UTF-16 units is under 4096 bytes whatever it holds (3 bytes per unit at most). */
const SHORT = Math.floor(NGX_CONF_BUFFER / 3) - 1;

function isSpace(ch: number): boolean {
  return ch === 32 || ch === 9 || ch === 13 || ch === 10;
}

/** UTF-8 length of text[a, b): a surrogate pair is 4 bytes, other units 1 to 3. */
function utf8Length(text: string, a: number, b: number): number {
  let n = 0;
  for (let i = a; i < b; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n++;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < b) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** `[[`, `[=[`, `[==[`…: the number of `=`, or -1 when `p` does not open a long bracket. */
function longBracketLevel(text: string, p: number): number {
  if (text.charCodeAt(p) !== 91) return -1;
  let q = p + 1;
  while (text.charCodeAt(q) === 61) q++;
  return text.charCodeAt(q) === 91 ? q - p - 1 : -1;
}

function closeLongBracket(text: string, p: number, level: number): number {
  const close = ']' + '='.repeat(level) + ']';
  const e = text.indexOf(close, p + level + 2);
  return e === -1 ? text.length : e + close.length;
}
