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

export function collectFiles(paths: string[], cwd: string, configs: ConfigResolver, opts: CollectOptions): FileRequest[] {
  const out: FileRequest[] = [];
  const seen = new Set<string>();
  const add = (p: string, dialect: DialectName | undefined) => {
    if (!dialect || seen.has(p)) return;
    seen.add(p);
    out.push({ path: p, dialect });
  };
  const walkDir = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) walkDir(p);
      } else if (e.isFile() || e.isSymbolicLink()) {
        if (isIgnored(configs.configOfDir(dir), p)) continue;
        const d = detectDialect(p, () => sniff(p));
        if (d && (!opts.dialect || d === opts.dialect)) add(p, d);
      }
    }
  };
  for (const arg of paths) {
    const p = path.resolve(cwd, arg);
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch {
      throw new UsageError(`no such file or directory: ${arg}`);
    }
    if (st.isDirectory()) walkDir(p);
    else {
      if (opts.forceExclude && isIgnored(configs.configOfDir(path.dirname(p)), p)) continue;
      add(p, opts.dialect ?? detectDialect(p, () => sniff(p)));
    }
  }
  return out;
}
