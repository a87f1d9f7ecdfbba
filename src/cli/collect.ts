/**
 * Which files a `lint` run covers: named files (always, when their dialect is known or given),
 * and the config files found under named directories (ignores applied, unknown dialects skipped).
 */
import { TEMP_NAME } from '../core/write';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DialectName } from '../core/ast';
import { isIgnored, type ConfigResolver } from '../core/config';
import { detectDialect, dialectFromPath } from '../dialects/detect';
import { hasGlobMagic } from '../core/glob';
import type { FileRequest } from '../core/linter';
import type { SourceCache } from '../core/source';
import { UsageError } from '../core/errors';
import { closest, didYouMean } from '../core/suggest';

const SKIP_DIRS = new Set(['.git', 'node_modules', '.hg', '.svn']);
const SNIFF_BYTES = 65536;

/** One sniff buffer per process (issue 13): a fresh 64 KB per file was 512 MB of churn at 8,000 files. */
let sniffBuffer: Buffer | undefined;

function sniff(p: string, sources?: SourceCache): string | undefined {
  if (sources) {
    // A small regular file is read whole into the run's source cache: its lint reads it from there.
    try {
      const small = sources.readSmall(p, SNIFF_BYTES);
      if (small) {
        const text = small.bytes.toString('utf8');
        return text.includes('\u0000') ? undefined : text; // binary
      }
    } catch {
      return undefined;
    }
  }
  try {
    const fd = fs.openSync(p, 'r');
    try {
      const buf = (sniffBuffer ??= Buffer.allocUnsafe(SNIFF_BYTES));
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
  /** The run's source cache: files read for sniffing are kept there for the lint. */
  sources?: SourceCache;
  /** Apply config ignores to named files too (pre-commit passes files one by one). */
  forceExclude?: boolean;
  /** Skip what .gitignore files ignore when walking directories and globs (default true). */
  gitignore?: boolean;
  /** A glob that matches no config is an error (default true). */
  errorOnUnmatched?: boolean;
  /** Called for each file considered (--verbose): its dialect, or undefined when it is skipped. */
  onFile?(display: string, dialect: DialectName | undefined, by: DetectedBy): void;
  /** Called for each file taken by no dialect (lint hands these to the env-bearing file check). */
  onSkipped?(path: string, display: string): void;
  /**
   * Called for a named file, or a directory met in a walk, that cannot be read (EACCES, EIO, …):
   * lint reports it as a finding and exits 2 instead of skipping it silently (issue 14).
   */
  onUnreadable?(path: string, display: string, what: 'file' | 'directory', err: NodeJS.ErrnoException): void;
}

/** Can this process open `p` for reading? The error when not (root reads everything). */
function readError(p: string): NodeJS.ErrnoException | undefined {
  try {
    fs.closeSync(fs.openSync(p, 'r'));
    return undefined;
  } catch (e) {
    return e as NodeJS.ErrnoException;
  }
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

/** How a file's dialect was decided, for --verbose. */
export type DetectedBy = 'dialect flag' | 'path' | 'content';

type GitIgnore = { base: string; ig: { ignores(p: string): boolean } };

/** The .gitignore of one directory, parsed once (the `ignore` package: ESLint's and Prettier's matcher). */
function gitignoreOf(dir: string, cache: Map<string, GitIgnore | null>): GitIgnore | null {
  let hit = cache.get(dir);
  if (hit !== undefined) return hit;
  hit = null;
  try {
    const text = fs.readFileSync(path.join(dir, '.gitignore'), 'utf8');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ignore = require('ignore') as typeof import('ignore');
    hit = { base: dir, ig: ignore().add(text) };
  } catch {
    hit = null;
  }
  cache.set(dir, hit);
  return hit;
}

/**
 * The .gitignore files that apply above a walked directory: its ancestors up to the repository
 * root (the directory holding .git). Outside a repository, none: git would not read them either.
 */
function ancestorIgnores(dir: string, cache: Map<string, GitIgnore | null>): GitIgnore[] {
  const chain: string[] = [];
  for (let d = path.dirname(dir); ; d = path.dirname(d)) {
    chain.push(d);
    if (fs.existsSync(path.join(d, '.git'))) {
      return chain.map((c) => gitignoreOf(c, cache)).filter((g): g is GitIgnore => !!g);
    }
    if (path.dirname(d) === d) return [];
  }
}

function gitIgnored(list: GitIgnore[], p: string, isDir: boolean): boolean {
  for (const g of list) {
    const rel = path.relative(g.base, p).split(path.sep).join('/');
    if (rel && !rel.startsWith('..') && g.ig.ignores(isDir ? rel + '/' : rel)) return true;
  }
  return false;
}

/** The directory a glob starts from: its leading segments without magic. */
function globBase(pattern: string): string {
  const segs = pattern.split(/[\\/]/);
  const i = segs.findIndex((s) => hasGlobMagic(s));
  const base = segs.slice(0, i).join('/');
  return base === '' ? (pattern.startsWith('/') ? '/' : '.') : base;
}

export function collectFiles(paths: string[], cwd: string, configs: ConfigResolver, opts: CollectOptions): CollectedFile[] {
  const out: CollectedFile[] = [];
  const seen = new Set<string>();
  const ignoreCache = new Map<string, GitIgnore | null>();
  const respectGitignore = opts.gitignore !== false;
  const add = (p: string, display: string, dialect: DialectName | undefined, by: DetectedBy) => {
    if (seen.has(p)) return;
    opts.onFile?.(display, dialect, by);
    if (!dialect) return opts.onSkipped?.(p, display);
    seen.add(p);
    out.push({ path: p, dialect, display });
  };
  const detect = (p: string): [DialectName | undefined, DetectedBy] => {
    const d = detectDialect(p, () => sniff(p, opts.sources));
    return [d, d && dialectFromPath(p) === d ? 'path' : 'content'];
  };
  /**
   * A symlink in the walked tree to a file outside it (a repository copy of /etc/nginx made with
   * `ln -s /etc/nginx/sites-available/app sites-enabled/`): hermetic, so this machine's file is
   * not linted. The config that includes the link reads it through the mappings
   * (core/include-loader throughLink), as the server would read its own /etc.
   */
  const linksOutOfTree = (p: string, dir: string): boolean => {
    const cfg = configs.configOfDir(dir);
    if (cfg.includes.hermetic === false) return false;
    let real: string;
    try {
      real = fs.realpathSync.native(p);
    } catch {
      // Dangling: a link to a server path (absent here) is the includer's to map; one that
      // points into the tree and is broken is reported by the read.
      try {
        real = path.resolve(path.dirname(p), fs.readlinkSync(p));
      } catch {
        return false;
      }
    }
    const inside = (root: string) => real === root || real.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
    const roots = [cwd, cfg.dir, ...paths.map((a) => path.resolve(cwd, a))].map((r) => {
      try {
        return fs.realpathSync.native(r);
      } catch {
        return r;
      }
    });
    return !roots.some(inside);
  };
  /** Walk a directory; `match` (a glob's matcher on cwd-relative paths) narrows the files taken. */
  const walkDir = (dir: string, shown: string, ignores: GitIgnore[], match?: (rel: string) => boolean) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      // A directory that vanished mid-walk is not there to lint; one we may not read is a finding.
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') opts.onUnreadable?.(dir, shown, 'directory', e as NodeJS.ErrnoException);
      return;
    }
    const own = respectGitignore ? gitignoreOf(dir, ignoreCache) : null;
    const active = own ? [...ignores, own] : ignores;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = path.join(dir, e.name);
      const show = shown === '.' ? e.name : path.join(shown, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name) && !gitIgnored(active, p, true)) walkDir(p, show, active, match);
      } else if (e.isFile() || e.isSymbolicLink()) {
        // A --fix temp file left by a killed run is never a config to lint.
        if (TEMP_NAME.test(e.name)) continue;
        if (e.isSymbolicLink() && linksOutOfTree(p, dir)) {
          opts.onSkipped?.(p, show);
          continue;
        }
        if (match && !match(path.relative(cwd, p).split(path.sep).join('/'))) continue;
        if (gitIgnored(active, p, false) || isIgnored(configs.configOfDir(dir), p)) continue;
        const [d, by] = detect(p);
        if (match && opts.dialect) add(p, show, opts.dialect, 'dialect flag');
        else if (!d || !opts.dialect || d === opts.dialect) add(p, show, d, by);
      }
    }
  };
  for (const arg of paths) {
    const p = path.resolve(cwd, arg);
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch {
      if (hasGlobMagic(arg)) {
        // A glob the shell did not expand (quoted, or Windows): expanded here, as ESLint and Ruff do.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const picomatch = require('picomatch') as typeof import('picomatch');
        const base = globBase(arg);
        const absBase = path.resolve(cwd, base);
        const pattern = path.relative(cwd, path.resolve(cwd, arg)).split(path.sep).join('/');
        const before = out.length;
        if (fs.existsSync(absBase)) {
          walkDir(absBase, path.isAbsolute(arg) ? absBase : path.normalize(base), respectGitignore ? ancestorIgnores(absBase, ignoreCache) : [], picomatch(pattern.startsWith('..') || path.isAbsolute(pattern) ? arg : pattern, { dot: false }));
        }
        if (out.length === before && opts.errorOnUnmatched !== false) throw new UsageError(`no config file matches the pattern "${arg}"`);
        continue;
      }
      throw missingPath(arg, cwd);
    }
    const shown = path.isAbsolute(arg) ? p : path.normalize(arg);
    if (st.isDirectory()) walkDir(p, shown, respectGitignore ? ancestorIgnores(p, ignoreCache) : []);
    else {
      if (opts.forceExclude && isIgnored(configs.configOfDir(path.dirname(p)), p)) continue;
      // A named file that cannot be read is an I/O failure, not "nothing to lint" (issue 14).
      const unreadable = st.isFile() ? readError(p) : undefined;
      if (unreadable) {
        opts.onUnreadable?.(p, shown, 'file', unreadable);
        continue;
      }
      if (opts.dialect) add(p, shown, opts.dialect, 'dialect flag');
      else add(p, shown, ...detect(p));
    }
  }
  return out;
}
