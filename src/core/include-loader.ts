/**
 * The one include loader of every dialect. What is the same in nginx, httpd and Squid lives
 * here: the chain of files being read (nesting limit and cycles, files known by their real path
 * so a symlink back to a file being read is a cycle too), reading through the run's source cache
 * (only regular files; a directory, a device, a FIFO are refused by the cache and reported or
 * skipped as the server does), the unit's file list in reading order with each file once, its
 * syntax errors, and the include problems (`unmapped`, `absent`, `missing`, `cycle`,
 * `unreadable`, `too-large`) with the mapping rules of core/include-paths.
 *
 * What differs is a small policy (IncludePolicy): how deep the server nests, its words for a
 * cycle or an unreadable file, how one file is parsed, and how the includes inside it are
 * found. Where an include's argument points (nginx's prefix and globs, httpd's ServerRoot,
 * directories and IncludeOptional, Squid's working directory and patterns) stays in the
 * dialect's includes.ts, which hands the loader the sorted list of paths to read.
 */
import * as fs from 'node:fs';
import type { Directive, IncludeProblem, IncludedFile, ParseError, SourceFile } from './ast';
import type { LoadOptions } from './dialect';
import * as path from 'node:path';
import { absentKind, inferTailMapping, locate, renderedFrom, renderedMessage, unmappedMessage, type Mapped } from './include-paths';

/** Why a file an include resolved to could not be read (the source cache's error, classified). */
export interface ReadFailure {
  /** The path the include resolved to, and the real path it is known by. */
  found: string;
  path: string;
  /** `directory` (EISDIR), `missing` (ENOENT/ENOTDIR), `too-large` (EFBIG), `denied` (EACCES/EPERM), else `other` (a device, a FIFO: ENOTREG). */
  reason: 'directory' | 'missing' | 'too-large' | 'denied' | 'other';
  error: NodeJS.ErrnoException;
  /** The include was reached through a directory mapping: a file the tree lacks is unknown (core/include-paths absentKind). */
  absent: boolean;
}

type Problem = Omit<IncludeProblem, 'directive'>;

export interface IncludePolicy {
  /**
   * Files being read at once (the root counted) at which the server refuses to open another:
   * nginx has no limit (a bound against stack exhaustion), httpd AP_MAX_INCLUDE_DEPTH, Squid 16
   * nested includes below the root.
   */
  maxChain: number;
  /** The server's words when `maxChain` is reached; `stop`: the directive's remaining files are not tried either. */
  tooDeep(d: Directive, path: string, chain: readonly string[]): { message: string; stop: boolean };
  /** The server's words for a file that is already being read. */
  cycle(d: Directive, path: string, chain: readonly string[]): string;
  /** The problem for a file that could not be read, or undefined when the server reads past it silently. */
  unreadable(d: Directive, failure: ReadFailure): Problem | undefined;
  /**
   * Parse one file in the context of its include directive (null for the root). A dialect whose
   * includes take effect mid-file (httpd: Define, ServerRoot, <IfModule> after LoadModule) loads
   * them from inside the parse through IncludeLoader.include.
   */
  parse(file: SourceFile, parent: Directive | null): IncludedFile;
  /** Load the includes a parsed file names, in reading order (nginx, Squid); absent where `parse` does. */
  follow?(included: IncludedFile): void;
}

function reasonOf(e: NodeJS.ErrnoException): ReadFailure['reason'] {
  switch (e.code) {
    case 'EISDIR':
      return 'directory';
    case 'ENOENT':
    case 'ENOTDIR':
      return 'missing';
    case 'EFBIG':
      return 'too-large';
    case 'EACCES':
    case 'EPERM':
      return 'denied';
    default:
      return 'other';
  }
}

export class IncludeLoader {
  /** Every file that took part, root first, each once, in the order the server reads them. */
  readonly files: SourceFile[];
  readonly errors: ParseError[] = [];
  readonly problems: IncludeProblem[] = [];
  /** Real paths of the files being read right now, outermost first. */
  readonly chain: string[] = [];
  private readonly seen: Set<string>;

  constructor(
    readonly root: SourceFile,
    readonly options: LoadOptions,
    private readonly policy: IncludePolicy,
  ) {
    this.files = [root];
    this.seen = new Set([root.path]);
  }

  /** Parse the root (unless the dialect already did, to learn what kind of file it is) and everything it includes. */
  load(parsed?: IncludedFile): IncludedFile {
    return this.read(this.root, null, parsed);
  }

  private read(file: SourceFile, parent: Directive | null, done?: IncludedFile): IncludedFile {
    this.chain.push(file.path);
    const parsed = done ?? this.policy.parse(file, parent);
    if (parsed.error) this.errors.push(parsed.error);
    this.policy.follow?.(parsed);
    this.chain.pop();
    return parsed;
  }

  /**
   * Read, parse and follow the files `d` resolved to, in the order given (the dialect sorts as
   * its server does), attaching each to `d.includes`. `where`: how the pattern was mapped into
   * the tree, which decides whether a file the tree lacks is unknown or missing.
   */
  include(d: Directive, paths: readonly string[], where?: Mapped): void {
    d.includes ??= [];
    for (const given of paths) {
      const found = this.throughLink(d, given);
      if (found === undefined) continue;
      const p = this.options.canonical?.(found) ?? found;
      if (this.chain.length >= this.policy.maxChain) {
        const { message, stop } = this.policy.tooDeep(d, p, this.chain);
        this.problem(d, 'cycle', message);
        if (stop) break;
        continue;
      }
      if (this.chain.includes(p)) {
        this.problem(d, 'cycle', this.policy.cycle(d, p, this.cycleOf(p)));
        continue;
      }
      let file: SourceFile;
      try {
        file = this.options.readFile(found);
      } catch (e) {
        const error = e as NodeJS.ErrnoException;
        const template = reasonOf(error) === 'missing' && absentKind(where) === 'missing' ? renderedFrom(found, this.options.includes?.tree, (q) => fs.existsSync(q)) : undefined;
        if (template) {
          this.problem(d, 'absent', renderedMessage(d.args[0] ?? found, template, path.dirname(this.root.path)));
          continue;
        }
        const problem = this.policy.unreadable(d, { found, path: p, reason: reasonOf(error), error, absent: absentKind(where) === 'absent' });
        if (problem) this.problems.push({ ...problem, directive: d });
        continue;
      }
      // Without options.canonical the read tells the real path: a symlink back up is a cycle too.
      if (file.path !== p && this.chain.includes(file.path)) {
        this.problem(d, 'cycle', this.policy.cycle(d, file.path, this.cycleOf(file.path)));
        continue;
      }
      if (!this.seen.has(file.path)) {
        this.seen.add(file.path);
        this.files.push(file);
      }
      d.includes.push(this.read(file, d.parent));
    }
  }

  /**
   * A file of the tree that is a symlink to an absolute server path (a repository copy of
   * /etc/nginx made with `ln -s /etc/nginx/sites-available/app sites-enabled/`): on the server
   * the link resolves there; here it dangles, or worse, reads this machine's /etc. Hermetic
   * means the target is mapped like an include (includes.map, or the tail the tree holds:
   * core/include-paths inferTailMapping): the path to read, or undefined when the target lies
   * outside every mapping (reported unmapped: unknown, not unreadable).
   */
  private throughLink(d: Directive, found: string): string | undefined {
    const s = this.options.includes;
    if (!s || !s.hermetic) return found;
    let target: string;
    try {
      if (!fs.lstatSync(found).isSymbolicLink()) return found;
      target = path.resolve(path.dirname(found), fs.readlinkSync(found));
    } catch {
      return found;
    }
    const m = locate(target, s);
    if (!('outside' in m)) return found === target ? found : m.path;
    const exists = (q: string) => fs.existsSync(q);
    const inferred = inferTailMapping(target, [path.dirname(found), path.dirname(this.root.path)], s.tree, exists);
    if (inferred) return path.join(inferred.to, target.slice(inferred.from.length));
    d.includes ??= [];
    this.problem(d, 'unmapped', `${path.basename(found)} links to ${target}, outside the linted tree: set includes.map`);
    return undefined;
  }

  /**
   * The files of the cycle `p` closes, from p's first reading: the same whichever root reached
   * it, so linting site.conf and the looping snippet beside it (`lint .`) reports it once.
   */
  private cycleOf(p: string): string[] {
    return this.chain.slice(this.chain.indexOf(p));
  }

  problem(d: Directive, kind: IncludeProblem['kind'], message: string, inert?: boolean): void {
    this.problems.push({ kind, message, directive: d, ...(inert ? { inert } : {}) });
  }

  /** An include whose server path lies outside the linted tree and every mapping: not read (hermetic). */
  unmapped(d: Directive, arg: string, outside: string, rootDir: string, inert?: boolean): void {
    d.includes ??= [];
    // The hint maps onto the tree: a ServerRoot /etc/apache2 from the config is this machine's directory, not the repository's.
    const s = this.options.includes!;
    const inTree = s.tree.some((t) => rootDir === t || rootDir.startsWith(t.endsWith('/') ? t : t + '/'));
    const hintDir = inTree ? rootDir : path.dirname(this.root.path);
    this.problem(d, 'unmapped', unmappedMessage(arg, outside, s, hintDir, (q) => fs.existsSync(q)), inert);
  }
}
