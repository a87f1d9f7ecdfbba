/**
 * Lossless parser for httpd config files, modelled on server/config.c:
 *
 * - ap_build_config: one build per file, a stack of open `<Section>`s; a `</X>` must match the
 *   innermost open section ("Expected </A> but saw </X>", "</X> without matching <X> section");
 *   sections still open at the end of the file are "<X> was not closed.".
 * - The conditional containers (`<IfModule>`, `<IfDefine>`, `<IfVersion>`, `<IfFile>`,
 *   `<IfDirective>`, `<IfSection>`) run while the file is read (EXEC_ON_READ). When their
 *   condition holds, their body is a nested build (ap_build_cont_config) with a fresh section
 *   stack that ends at a line reading exactly `</IfModule>`, and that does not complain at the end
 *   of the file. When it does not hold, the body is skipped by ap_soak_end_container, which only
 *   matches container names and reports at the conditional's own line. We keep the nodes either
 *   way (the tree stays lossless) and reproduce the errors each path produces.
 * - Errors httpd raises only when it later processes a section (`<Directory /x` without `>`, a
 *   section without arguments) are reported only when the file has no build error, as httpd
 *   never gets that far otherwise.
 */
import { encodingProblem } from '../../core/encoding';
import type { Comment, Directive, IncludedFile, Node, ParseError, SourceFile } from '../../core/ast';
import { type LogicalLine, logicalLines, nextWord, rawEnd, rawOffset, type Word, words, isSpace } from './lexer';
import { canonicalSectionName, NEEDS_ARGS } from './sections';

/** Containers httpd evaluates while reading (their bodies are built or skipped on the spot). */
export const CONDITIONAL_SECTIONS = new Set(['ifmodule', 'ifdefine', 'ifversion', 'iffile', 'ifdirective', 'ifsection']);

export interface ParseHooks {
  /**
   * Decide a conditional container when its opener has been read (in read order): true, false,
   * or undefined when unknown (treated as true, as a fragment's author expects it to apply).
   */
  evaluate?(section: Directive): boolean | undefined;
  /** Called in read order for every non-container directive in a region httpd processes. */
  directive?(d: Directive): void;
}

/**
 * httpd has no nesting limit, but no real config nests more than a handful of sections; past this
 * depth we stop with an error rather than let every recursive walk (ours, the engine's, the
 * rules') overflow the stack on hostile input.
 */
export const MAX_NESTING = 200;

class BuildError extends Error {
  constructor(public readonly error: ParseError) {
    super(error.message);
  }
}

interface OpenSection {
  d: Directive;
  line: LogicalLine;
}

class Parser {
  private lines: LogicalLine[];
  private i = 0;
  /** Where the line nextLine returned has its first non-space character. */
  private s = 0;
  /** First error found while "processing" (only reported when the build succeeds). */
  private processError: ParseError | null = null;
  /** Sections open right now, across nested builds and soaks. */
  private depth = 0;
  /** Outcome of each conditional container we met. */
  readonly activity = new Map<Directive, boolean>();

  constructor(private file: SourceFile, private hooks: ParseHooks) {
    this.lines = logicalLines(file.text);
  }

  run(): IncludedFile {
    const nodes: Node[] = [];
    try {
      this.build(nodes, null, null, true, true);
    } catch (e) {
      if (e instanceof BuildError) return { file: this.file, nodes, error: e.error };
      throw e;
    }
    return this.processError ? { file: this.file, nodes, error: this.processError } : { file: this.file, nodes };
  }

  /**
   * One ap_build_config (top = true) or ap_build_cont_config (terminator = '</ifmodule>' etc).
   * `active` says whether httpd would process what is built here.
   */
  private build(out: Node[], parent: Directive | null, terminator: string | null, top: boolean, active: boolean): void {
    const stack: OpenSection[] = [];
    const target = (): Node[] => (stack.length ? stack[stack.length - 1].d.children! : out);
    const currentParent = (): Directive | null => (stack.length ? stack[stack.length - 1].d : parent);
    for (let line: LogicalLine | null; (line = this.nextLine()); ) {
      const text = line.text;
      const s = this.s;
      if (text.charCodeAt(s) === 35 /* # */) {
        target().push(this.comment(line, s, currentParent()));
        continue;
      }
      if (terminator !== null && stack.length === 0 && trimEnd(text.slice(s)).toLowerCase() === terminator) {
        const closing = nextWord(text, s)!;
        parent!.bodyEnd = rawOffset(line, closing.start);
        parent!.end = rawEnd(line, closing.end);
        return;
      }
      const w0 = nextWord(text, s)!;
      const name = w0.value;
      if (name.startsWith('</')) {
        this.close(line, w0, stack);
        continue;
      }
      if (name.startsWith('<')) {
        const d = this.opener(line, w0, currentParent(), active);
        target().push(d);
        this.enter(line, d);
        if (CONDITIONAL_SECTIONS.has(d.key)) {
          const verdict = active ? this.hooks.evaluate?.(d) : false;
          if (active) this.activity.set(d, verdict !== false);
          if (active && verdict !== false) this.build(d.children!, d, `</${d.key}>`, false, true);
          else this.soak(d, line, d.name, active);
          this.depth--;
        } else stack.push({ d, line });
        continue;
      }
      const d = this.plain(line, w0, currentParent());
      target().push(d);
      if (active) this.hooks.directive?.(d);
    }
    if (top && stack.length) {
      // httpd lists every open section, innermost first, and names the outermost's line.
      const parts: string[] = [];
      for (let k = stack.length - 1; k >= 0; k--) {
        const { d, line } = stack[k];
        d.end = this.lastContentEnd();
        const prefix = k === 0 ? '' : `line ${line.lastLine + 1}: `;
        parts.push(`${prefix}<${canonicalSectionName(d.name)}> was not closed.`);
      }
      throw new BuildError(this.errorAt(stack[0].line, stack[0].d.start, parts.join(' ')));
    }
    // A nested build that reaches the end of the file ends silently, as in httpd; the sections
    // left open in it end where the file's content ends.
    for (const { d } of stack) d.end = this.lastContentEnd();
    this.depth -= stack.length;
    if (parent && terminator !== null) parent.end = this.lastContentEnd();
  }

  /** The next logical line that is not blank (ap_cfg_getline skips them), or null at the end. */
  private nextLine(): LogicalLine | null {
    while (this.i < this.lines.length) {
      const line = this.lines[this.i++];
      const text = line.text;
      let s = 0;
      while (s < text.length && isSpace(text.charCodeAt(s))) s++;
      if (s < text.length) {
        this.s = s;
        return line;
      }
    }
    return null;
  }

  /** ap_soak_end_container: skip to the matching closer, matching names only. */
  private soak(section: Directive, reportLine: LogicalLine, written: string, active: boolean): void {
    // The error names the container as httpd registered it at the top, as written below it.
    const stack: { d: Directive; name: string }[] = [{ d: section, name: written }];
    const fail = (message: string): never => {
      throw new BuildError(this.errorAt(reportLine, section.start, message));
    };
    for (let line: LogicalLine | null; (line = this.nextLine()); ) {
      const text = line.text;
      const s = this.s;
      const top = stack[stack.length - 1];
      if (text.charCodeAt(s) === 35) {
        top.d.children!.push(this.comment(line, s, top.d));
        continue;
      }
      const w0 = nextWord(text, s)!;
      const name = w0.value;
      if (name.startsWith('</')) {
        // httpd drops the last character, whatever it is, before comparing.
        const closeName = name.slice(2, -1);
        const expected = stack.length === 1 ? canonicalSectionName(top.name) : top.name;
        if (closeName.toLowerCase() !== top.name.toLowerCase()) {
          if (active) fail(`Expected </${expected}> but saw </${closeName}>`);
          // Not read by httpd at all (an enclosing region is skipped): keep going, lossless.
        }
        top.d.bodyEnd = rawOffset(line, w0.start);
        top.d.end = rawEnd(line, lastWordEnd(line, w0));
        stack.pop();
        if (stack.length === 0) return;
        this.depth--;
        continue;
      }
      if (name.startsWith('<')) {
        const d = this.opener(line, w0, top.d, false);
        top.d.children!.push(d);
        this.enter(line, d);
        const rest = text.slice(w0.end).trim();
        const nested = rest === '' && name.endsWith('>') ? name.slice(1, -1) : name.slice(1);
        stack.push({ d, name: nested });
        continue;
      }
      top.d.children!.push(this.plain(line, w0, top.d));
    }
    for (const { d } of stack) d.end = this.lastContentEnd();
    this.depth -= stack.length - 1;
    if (active) {
      const innermost = stack[stack.length - 1];
      const name = stack.length === 1 ? canonicalSectionName(innermost.name) : innermost.name;
      fail(`Expected </${name}> before end of configuration`);
    }
  }

  private enter(line: LogicalLine, d: Directive): void {
    if (++this.depth > MAX_NESTING) {
      throw new BuildError(this.errorAt(line, d.start, `proxylint: sections nested deeper than ${MAX_NESTING} levels`));
    }
  }

  private close(line: LogicalLine, w0: Word, stack: OpenSection[]): void {
    const name = w0.value;
    const at = (message: string) => new BuildError(this.errorAt(line, rawOffset(line, w0.start), message));
    if (stack.length === 0) throw at(`${name} without matching <${name.slice(2)} section`);
    if (!name.endsWith('>')) throw at(`${name}> directive missing closing '>'`);
    const top = stack[stack.length - 1].d;
    if (name.slice(2, -1).toLowerCase() !== top.key) {
      throw at(`Expected </${canonicalSectionName(top.name)}> but saw ${name}`);
    }
    top.bodyEnd = rawOffset(line, w0.start);
    top.end = rawEnd(line, lastWordEnd(line, w0));
    stack.pop();
    this.depth--;
  }

  /** A `<Section args>` opener: args are the words before the line's last `>`, as httpd takes them. */
  private opener(line: LogicalLine, w0: Word, parent: Directive | null, active: boolean): Directive {
    const text = line.text;
    let name = w0.value.slice(1);
    let nameEndLogical = w0.end;
    const restIsEmpty = nextWord(text, w0.end) === null;
    let gt: number;
    // httpd strips a `>` ending the name token (`<Directory>`), arguments or not.
    if (name.endsWith('>')) {
      name = name.slice(0, -1);
      if (text.charCodeAt(w0.end - 1) === 62) nameEndLogical = w0.end - 1;
    }
    if (w0.value.endsWith('>') && restIsEmpty) {
      gt = w0.end - 1;
    } else {
      gt = text.lastIndexOf('>');
      if (gt < w0.end) gt = -1;
    }
    const argWords = gt === -1 ? words(text, w0.end) : words(text, w0.end, gt);
    const spans = [rawOffset(line, w0.start), rawEnd(line, nameEndLogical)];
    const args: string[] = [];
    for (const w of argWords) {
      args.push(w.value);
      spans.push(rawOffset(line, w.start), rawEnd(line, w.end));
    }
    const key = name.toLowerCase();
    const d: Directive = {
      type: 'directive',
      name,
      key,
      args,
      spans,
      start: spans[0],
      end: gt === -1 ? rawEnd(line, lastEnd(argWords, w0.end)) : rawEnd(line, gt + 1),
      children: [],
      bodyStart: gt === -1 ? line.end : rawEnd(line, gt + 1),
      bodyEnd: undefined,
      file: this.file,
      parent,
    };
    if (active) {
      const canonical = canonicalSectionName(name);
      let message: string | null = null;
      // invoke_cmd checks for arguments before the section's handler looks for its `>`
      // (`<Location` alone: "requires additional arguments", observed on 2.4.71).
      if (args.length === 0 && NEEDS_ARGS.has(key)) message = `<${canonical}> directive requires additional arguments`;
      else if (gt === -1) message = `<${canonical}> directive missing closing '>'`;
      if (message) {
        const err = this.errorAt(line, d.start, message);
        // Conditionals fail while the file is read; other sections only when processed later.
        if (CONDITIONAL_SECTIONS.has(key)) throw new BuildError(err);
        this.processError ??= err;
      }
    }
    return d;
  }

  private plain(line: LogicalLine, w0: Word, parent: Directive | null): Directive {
    const argWords = words(line.text, w0.end);
    const spans = [rawOffset(line, w0.start), rawEnd(line, w0.end)];
    const args: string[] = [];
    for (const w of argWords) {
      args.push(w.value);
      spans.push(rawOffset(line, w.start), rawEnd(line, w.end));
    }
    return {
      type: 'directive',
      name: w0.value,
      key: w0.value.toLowerCase(),
      args,
      spans,
      start: spans[0],
      end: spans[spans.length - 1],
      file: this.file,
      parent,
    };
  }

  private comment(line: LogicalLine, s: number, parent: Directive | null): Comment {
    const start = rawOffset(line, s);
    return { type: 'comment', text: this.file.text.slice(start + 1, line.end), start, end: line.end, file: this.file, parent };
  }

  /**
   * httpd names the last physical line of the logical line it was reading. The offset is the
   * directive's start when it is on that line, else the first character of that line.
   */
  private errorAt(line: LogicalLine, directiveStart: number, message: string): ParseError {
    let offset = directiveStart;
    const b = line.breaks;
    if (b.length) {
      offset = rawOffset(line, b[b.length - 2]);
      const t = this.file.text;
      while (offset < line.end && (t.charCodeAt(offset) === 32 || t.charCodeAt(offset) === 9)) offset++;
    }
    return { message, file: this.file, offset };
  }

  private lastContentEnd(): number {
    for (let k = this.lines.length - 1; k >= 0; k--) {
      const l = this.lines[k];
      if (l.text.trim() !== '') return rawEnd(l, trimEnd(l.text).length);
    }
    return 0;
  }
}

function trimEnd(s: string): string {
  let e = s.length;
  while (e > 0 && isSpace(s.charCodeAt(e - 1))) e--;
  return s.slice(0, e);
}

function lastEnd(ws: Word[], fallback: number): number {
  return ws.length ? ws[ws.length - 1].end : fallback;
}

/** End of the last word on the line (a closing tag may carry ignored words). */
function lastWordEnd(line: LogicalLine, w0: Word): number {
  return lastEnd(words(line.text, w0.end), w0.end);
}

/** Parse one file. Never throws on bad input. */
export function parseApache(file: SourceFile, hooks: ParseHooks = {}): IncludedFile & { activity: Map<Directive, boolean> } {
  const enc = encodingProblem(file.text, 'apache');
  if (enc) return { file, nodes: [], error: { message: enc, file, offset: 0 }, activity: new Map() };
  const p = new Parser(file, hooks);
  const result = p.run();
  return Object.assign(result, { activity: p.activity });
}
