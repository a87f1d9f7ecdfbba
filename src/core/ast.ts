/**
 * Dialect-agnostic syntax tree. Every dialect's parser produces these nodes, so the engine,
 * suppression comments, reporters and fixes work the same for nginx, Apache, Squid and HAProxy.
 *
 * Positions are UTF-16 offsets into `SourceFile.text` (what JS strings index); line and column
 * are computed on demand from `SourceFile`'s line index (see positions.ts).
 */

export type DialectName = 'nginx' | 'apache' | 'squid' | 'haproxy';

export interface SourceFile {
  /** Absolute path on disk (or a pseudo path for in-memory text). */
  path: string;
  text: string;
  /** 'utf8', or 'latin1' when the bytes were not valid UTF-8 (kept so a fix writes them back unchanged). */
  encoding: 'utf8' | 'latin1';
  /** Built by positions.ts as far as it was asked: offset of the first character of each line, in order. */
  lineStarts?: number[];
}

export interface Directive {
  type: 'directive';
  /** Name as written (after unquoting). */
  name: string;
  /** Lookup key: the name as the server compares it (lower-cased for Apache, as is for nginx). */
  key: string;
  /** Argument values after unquoting and unescaping. */
  args: string[];
  /**
   * Raw source ranges, flat: [nameStart, nameEnd, arg0Start, arg0End, ...]. Ranges include quotes.
   * Numbers, not objects, so a 70k-line file allocates one array per directive.
   */
  spans: number[];
  /** From the first character of the name to just after the terminating `;`, newline or `}`/`</Section>`. */
  start: number;
  end: number;
  /** Block body, present only for block directives (nginx `{}`, Apache `<Section>`, HAProxy sections). */
  children?: Node[];
  /** Offset just after the block opener (`{` or `>`), and of the block closer (`}` or `</`). */
  bodyStart?: number;
  bodyEnd?: number;
  file: SourceFile;
  parent: Directive | null;
  /** For include directives: the files they pulled in, parsed in this directive's context. */
  includes?: IncludedFile[];
}

export interface Comment {
  type: 'comment';
  /** Text after the `#`, untrimmed. */
  text: string;
  /** Offset of the `#`. */
  start: number;
  /** Offset of the end of the line (before `\r\n`/`\n`). */
  end: number;
  file: SourceFile;
  parent: Directive | null;
}

export type Node = Directive | Comment;

export interface IncludedFile {
  file: SourceFile;
  nodes: Node[];
  /** A syntax error inside the included file (its nodes hold what parsed before it). */
  error?: ParseError;
}

export interface ParseError {
  message: string;
  file: SourceFile;
  /** Offset the server reports the error at. */
  offset: number;
}

/** One parsed file with its include tree resolved. */
export interface ParsedUnit {
  dialect: DialectName;
  root: SourceFile;
  nodes: Node[];
  /** Every file that took part, root first, in the order the server reads them. */
  files: SourceFile[];
  /** Fatal syntax errors (in the root or any included file). */
  errors: ParseError[];
  /** Non-fatal problems met while resolving includes: missing files, cycles, unreadable files. */
  includeProblems: IncludeProblem[];
  /** True when the root is a fragment (not a main config): its context is guessed from its contents. */
  fragment: boolean;
}

export interface IncludeProblem {
  /**
   * `unmapped`: an absolute path outside the linted tree, not read (hermetic mode). `absent`: a
   * path mapped into the tree through a directory mapping whose file the tree does not hold
   * (the deploy may create it: see core/include-paths absentKind).
   */
  kind: 'missing' | 'cycle' | 'unreadable' | 'too-large' | 'unmapped' | 'absent';
  message: string;
  /**
   * The file is one whose content is known to set nothing a rule reads (nginx's mime.types):
   * not reading it leaves the including scope known.
   */
  inert?: boolean;
  directive: Directive;
}

/** Range [start, end) of the name (i = -1) or the i-th argument. */
export function argRange(d: Directive, i: number): [number, number] {
  const k = (i + 1) * 2;
  return [d.spans[k], d.spans[k + 1]];
}
