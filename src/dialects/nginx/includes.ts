/**
 * `include` as nginx resolves it: a relative path is relative to the prefix (the directory of
 * the main nginx.conf), a pattern with wildcards expands sorted and may match nothing, a plain
 * path that does not exist is nginx's `[emerg] open() failed` (a finding here, not a crash), and
 * an include cycle is reported instead of recursing forever. Each inclusion is parsed afresh
 * in the context of its `include` directive, as nginx does, so nodes have true parents.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Directive, IncludeProblem, Node, ParseError, SourceFile } from '../../core/ast';
import type { LoadOptions } from '../../core/dialect';
import { expandGlob, hasGlobMagic } from '../../core/glob';
import { locate, unmappedMessage } from '../../core/include-paths';
import { parseNginx } from './parser';

export interface IncludeResult {
  files: SourceFile[];
  errors: ParseError[];
  problems: IncludeProblem[];
}

/**
 * nginx itself has no include depth limit (a 200-deep chain passes `nginx -t`); this bound only
 * keeps a pathological tree from exhausting the stack. Cycles are found by path long before.
 */
const MAX_DEPTH = 1000;

export function resolveIncludes(
  nodes: Node[],
  root: SourceFile,
  prefixes: string[],
  options: LoadOptions,
  /** The root is a fragment: its prefix is a guess, so a relative include found under none of them is unknown. */
  fragment = false,
): IncludeResult {
  const result: IncludeResult = { files: [root], errors: [], problems: [] };
  const seen = new Set<string>([root.path]);
  const chain: string[] = [root.path];

  /** Where nginx would look, in tree paths, or the server path that lies outside the tree. */
  const candidates = (arg: string): { paths: string[]; outside?: string } => {
    if (!path.isAbsolute(arg)) return { paths: prefixes.map((p) => path.join(p, arg)) };
    const m = locate(arg, options.includes);
    return 'outside' in m ? { paths: [], outside: m.outside } : { paths: [m.path] };
  };
  const visit = (list: Node[]): void => {
    for (const n of list) {
      if (n.type !== 'directive') continue;
      if (n.key === 'include' && n.args.length === 1) includeOne(n);
      if (n.children) visit(n.children);
    }
  };

  const includeOne = (d: Directive): void => {
    const arg = d.args[0];
    const magic = hasGlobMagic(arg);
    const c = candidates(arg);
    if (c.outside !== undefined) {
      d.includes = [];
      result.problems.push({
        kind: 'unmapped',
        message: unmappedMessage(arg, c.outside, options.includes!, prefixes[0], (q) => fs.existsSync(q)),
        directive: d,
      });
      return;
    }
    let paths: string[] = [];
    if (magic) {
      // A fragment has no known prefix: take the first candidate prefix that matches anything.
      for (const p of c.paths) {
        paths = expandGlob(p);
        if (paths.length) break;
      }
    } else {
      const hit = c.paths.find((p) => fs.existsSync(p));
      if (!hit && fragment && !path.isAbsolute(arg) && !options.prefix) {
        result.problems.push({
          kind: 'unmapped',
          message: `include "${arg}" resolves against the unknown main config's directory: set includes.prefix or roots`,
          directive: d,
        });
        return;
      }
      if (!hit) {
        result.problems.push({
          kind: 'missing',
          message: `include "${arg}" matches no file, so nginx -t fails`,
          directive: d,
        });
        return;
      }
      paths = [hit];
    }
    d.includes = [];
    for (const found of paths) {
      if (chain.length > MAX_DEPTH) {
        result.problems.push({ kind: 'cycle', message: `includes nested deeper than ${MAX_DEPTH} levels`, directive: d });
        break;
      }
      let file: SourceFile;
      try {
        file = options.readFile(found);
      } catch (e) {
        const err = e as NodeJS.ErrnoException;
        if (err.code === 'EISDIR') {
          // glob(3) returns directories too and nginx skips them; a directory named outright fails.
          if (!magic) result.problems.push({ kind: 'unreadable', message: `include "${arg}" names a directory (nginx: pread() "${found}" failed (21: Is a directory))`, directive: d });
          continue;
        }
        // nginx reads a device as empty (its size is 0) and blocks forever on a FIFO: neither is config.
        result.problems.push({
          kind: err.code === 'EFBIG' ? 'too-large' : 'unreadable',
          message: `cannot read included file ${found}: ${err.message}`,
          directive: d,
        });
        continue;
      }
      // Known by its real path: a symlink back to a file being read is a cycle too.
      const p = file.path;
      if (chain.includes(p)) {
        result.problems.push({ kind: 'cycle', message: `include cycle: ${[...chain, p].join(' -> ')}`, directive: d });
        continue;
      }
      const parsed = parseNginx(file, d.parent);
      d.includes.push(parsed);
      if (!seen.has(p)) {
        seen.add(p);
        result.files.push(file);
      }
      if (parsed.error) result.errors.push(parsed.error);
      chain.push(p);
      visit(parsed.nodes);
      chain.pop();
    }
  };

  visit(nodes);
  return result;
}
