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
import { parseNginx } from './parser';

export interface IncludeResult {
  files: SourceFile[];
  errors: ParseError[];
  problems: IncludeProblem[];
}

const MAX_DEPTH = 64;

export function resolveIncludes(
  nodes: Node[],
  root: SourceFile,
  prefixes: string[],
  options: LoadOptions,
): IncludeResult {
  const result: IncludeResult = { files: [root], errors: [], problems: [] };
  const seen = new Set<string>([root.path]);
  const chain: string[] = [root.path];

  const candidates = (arg: string): string[] => {
    if (path.isAbsolute(arg)) return [arg];
    return prefixes.map((p) => path.join(p, arg));
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
    let paths: string[] = [];
    if (magic) {
      // A fragment has no known prefix: take the first candidate prefix that matches anything.
      for (const c of candidates(arg)) {
        paths = expandGlob(c);
        if (paths.length) break;
      }
    } else {
      const c = candidates(arg);
      const hit = c.find((p) => fs.existsSync(p));
      if (!hit) {
        result.problems.push({
          kind: 'missing',
          message: `include "${arg}" matches no file (nginx: open() "${c[0]}" failed (2: No such file or directory))`,
          directive: d,
        });
        return;
      }
      paths = [hit];
    }
    d.includes = [];
    for (const p of paths) {
      if (chain.includes(p)) {
        result.problems.push({ kind: 'cycle', message: `include cycle: ${[...chain, p].join(' -> ')}`, directive: d });
        continue;
      }
      if (chain.length > MAX_DEPTH) {
        result.problems.push({ kind: 'cycle', message: `includes nested deeper than ${MAX_DEPTH} levels`, directive: d });
        continue;
      }
      let file: SourceFile;
      try {
        file = options.readFile(p);
      } catch (e) {
        const err = e as NodeJS.ErrnoException;
        if (err.code === 'EISDIR') continue; // glob(3) returns directories too; nginx fails on them only when named
        result.problems.push({
          kind: err.code === 'EFBIG' ? 'too-large' : 'unreadable',
          message: `cannot read included file ${p}: ${err.message}`,
          directive: d,
        });
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
