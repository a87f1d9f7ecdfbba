/**
 * Which files a `lint` run covers: named files (always, when their dialect is known or given),
 * and the config files found under named directories (ignores applied, unknown dialects skipped).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DialectName } from '../core/ast';
import { isIgnored, type ConfigResolver } from '../core/config';
import { detectDialect } from '../core/detect';
import type { FileRequest } from '../core/linter';
import { UsageError } from './errors';
import { closest, didYouMean } from '../core/suggest';

const SKIP_DIRS = new Set(['.git', 'node_modules', '.hg', '.svn']);
const SNIFF_BYTES = 65536;

function sniff(p: string): string | undefined {
  try {
    const fd = fs.openSync(p, 'r');
    try {
      const buf = Buffer.alloc(SNIFF_BYTES);
      const n = fs.readSync(fd, buf, 0, SNIFF_BYTES, 0);
      const text = buf.subarray(0, n).toString('utf8');
      return text.includes('\u0000') ? undefined : text; // binary
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

export interface CollectOptions {
  dialect?: DialectName;
  /** Apply config ignores to named files too (pre-commit passes files one by one). */
  forceExclude?: boolean;
}

/** A file to lint, and how to print its path: as the user gave it (absolute stays absolute). */
export interface CollectedFile extends FileRequest {
  display: string;
}

/** The commands, so that `proxylint lnt .` (taken as a path) can say what was probably meant. */
const COMMAND_NAMES = ['lint', 'rules', 'explain', 'init', 'generate', 'env', 'probe', 'help'];

function missingPath(arg: string, cwd: string): UsageError {
  let hint = '';
  if (!arg.includes('/') && !arg.includes(path.sep)) hint = didYouMean(arg, COMMAND_NAMES, (c) => `the command "${c}"`);
  if (!hint) {
    // A sibling with a close name: `ngnix.conf` → `nginx.conf`.
    const abs = path.resolve(cwd, arg);
    try {
      const near = closest(path.basename(abs), fs.readdirSync(path.dirname(abs)));
      if (near) hint = ` (did you mean "${path.join(path.dirname(arg), near)}"?)`;
    } catch {
      // the parent is missing too: nothing to suggest
    }
  }
  return new UsageError(`no such file or directory: ${arg}${hint}`);
}

export function collectFiles(paths: string[], cwd: string, configs: ConfigResolver, opts: CollectOptions): CollectedFile[] {
  const out: CollectedFile[] = [];
  const seen = new Set<string>();
  const add = (p: string, display: string, dialect: DialectName | undefined) => {
    if (!dialect || seen.has(p)) return;
    seen.add(p);
    out.push({ path: p, dialect, display });
  };
  const walkDir = (dir: string, shown: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = path.join(dir, e.name);
      const show = shown === '.' ? e.name : path.join(shown, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) walkDir(p, show);
      } else if (e.isFile() || e.isSymbolicLink()) {
        if (isIgnored(configs.configOfDir(dir), p)) continue;
        const d = detectDialect(p, () => sniff(p));
        if (d && (!opts.dialect || d === opts.dialect)) add(p, show, d);
      }
    }
  };
  for (const arg of paths) {
    const p = path.resolve(cwd, arg);
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch {
      throw missingPath(arg, cwd);
    }
    const shown = path.isAbsolute(arg) ? p : path.normalize(arg);
    if (st.isDirectory()) walkDir(p, shown);
    else {
      if (opts.forceExclude && isIgnored(configs.configOfDir(path.dirname(p)), p)) continue;
      add(p, shown, opts.dialect ?? detectDialect(p, () => sniff(p)));
    }
  }
  return out;
}
