/** `proxylint lint [paths..]`: collect, lint (and fix), format, decide the exit code. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DialectName } from '../core/ast';
import { ConfigResolver } from '../core/config';
import { Linter } from '../core/linter';
import { loadDialect } from '../dialects/index';
import type { LintResult, RuleMeta } from '../core/result';
import { toResult } from '../core/to-result';
import { SourceCache } from '../core/source';
import { allRules, rulesFor } from '../../rules/index';
import { collectFiles, type CollectedFile, type DetectedBy } from './collect';
import { FORMAT_NAMES, loadFormatter, type Formatter } from '../report/index';
import { runFixes } from '../core/fix-runner';
import { unifiedDiff } from '../core/diff';
import { writeAtomic } from '../core/write';
import { packageVersion } from '../core/package-root';
import { UsageError } from '../core/errors';
import { stdoutIsTTY, writeStdout } from './stdio';
import { didYouMean } from '../core/suggest';
import { detectDialect, dialectFromPath } from '../dialects/detect';
import type { FileConfig } from '../core/linter';
import type { Settings } from '../core/settings';
import type { Severity } from '../core/rule';
import { decode } from '../core/source';
import { detectKind, mayHoldProxyVariables, type FileKind } from '../env/kind';

interface LintArgs {
  paths?: string[];
  dialect?: string;
  format?: string;
  outputFile?: string;
  output?: string[];
  config?: string;
  maxWarnings?: number;
  failureThreshold: string;
  exitZero?: boolean;
  quiet?: boolean;
  fix?: boolean;
  unsafeFixes?: boolean;
  fixDryRun?: boolean;
  diff?: boolean;
  inlineConfig: boolean;
  reportUnusedDisableDirectives?: boolean;
  requireReason?: boolean;
  forceExclude?: boolean;
  printConfig?: string;
  color?: boolean;
  cache?: boolean;
  cacheLocation: string;
  stdin?: boolean;
  stdinFilename?: string;
  errorOnUnmatchedPattern?: boolean;
  select?: string[];
  ignore?: string[];
  rule?: string[];
  respectGitignore?: boolean;
  verbose?: boolean;
}

const SEVERITY_WORDS: Record<string, Severity | 'off'> = { error: 'error', '2': 'error', warning: 'warning', warn: 'warning', '1': 'warning', info: 'info', off: 'off', '0': 'off' };

/** A rule id, name or prefix given on the command line → a test on rule ids. */
function ruleMatcher(spec: string, flag: string): (id: string) => boolean {
  const s = spec.trim();
  if (['nginx', 'apache', 'squid', 'haproxy', 'env', 'core'].includes(s.replace(/\/$/, ''))) {
    const prefix = s.replace(/\/$/, '') + '/';
    return (id) => id.startsWith(prefix);
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const id = (require('./rules') as typeof import('./rules')).resolveRuleId(s, `${flag} rule`);
  return (x) => x === id;
}

/**
 * --select / --ignore (Ruff) and --rule ID=SEVERITY (ESLint) over each file's configuration:
 * the command line wins, as it does in both tools.
 */
export function cliRuleOverrides(args: Pick<LintArgs, 'select' | 'ignore' | 'rule'>): ((cfg: FileConfig) => FileConfig) | undefined {
  const split = (list?: string[]) => (list ?? []).flatMap((x) => x.split(',')).filter((x) => x.trim());
  const select = split(args.select).map((x) => ruleMatcher(x, '--select'));
  const ignore = split(args.ignore).map((x) => ruleMatcher(x, '--ignore'));
  const set = (args.rule ?? []).map((spec) => {
    const m = /^([^=:]+)[=:]\s*(\S+)$/.exec(spec.trim());
    const sev = m && SEVERITY_WORDS[m[2]];
    if (!m || !sev) throw new UsageError(`--rule expects ID=error|warning|info|off, got "${spec}"`);
    return { match: ruleMatcher(m[1], '--rule'), severity: sev };
  });
  if (!select.length && !ignore.length && !set.length) return undefined;
  return (cfg) => ({
    ...cfg,
    ruleSetting(rule) {
      const s = cfg.ruleSetting(rule);
      let severity = s.severity;
      let configured = s.configured === true;
      if (select.length && !select.some((f) => f(rule.id))) severity = 'off';
      if (ignore.some((f) => f(rule.id))) severity = 'off';
      for (const r of set) {
        if (r.match(rule.id)) {
          severity = r.severity;
          configured = true;
        }
      }
      return { severity, options: s.options, configured };
    },
  });
}

/** Names that mean standard input: `-` (ESLint, Ruff), and the device paths a pipe hides behind. */
const STDIN_PATHS = new Set(['-', '/dev/stdin', '/dev/fd/0', '/proc/self/fd/0']);

function formatterFor(name: string, flag: string): Formatter {
  if (!FORMAT_NAMES.includes(name)) {
    throw new UsageError(`${flag}: unknown format "${name}"${didYouMean(name, FORMAT_NAMES)} (expected one of: ${FORMAT_NAMES.join(', ')})`);
  }
  return loadFormatter(name);
}

/**
 * Standard input as one file (`-`, `--stdin`, `/dev/stdin`): read once and seeded into the cache,
 * because a pipe cannot be read twice (dialect sniffing, then parsing). Its name is
 * --stdin-filename (dialect, config lookup and includes as for that path) or `<stdin>`.
 */
function stdinRequest(args: LintArgs, cwd: string, cache: SourceCache): CollectedFile {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(0);
  } catch (e) {
    throw new UsageError(`cannot read standard input: ${(e as Error).message}`);
  }
  const { text, encoding } = decode(bytes);
  const display = args.stdinFilename ?? '<stdin>';
  const abs = path.resolve(cwd, display);
  const dialect = (args.dialect as DialectName | undefined) ?? detectDialect(args.stdinFilename ?? '', () => text);
  if (!dialect) {
    throw new UsageError(`cannot tell which server ${display} configures: pass --dialect nginx|apache|squid|haproxy or --stdin-filename NAME`);
  }
  cache.set({ path: abs, text, encoding });
  return { path: abs, dialect, display };
}

export function rulesMeta(): RuleMeta[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./rules').allRuleMeta();
}

export async function runLint(raw: Record<string, unknown>): Promise<number> {
  const args = raw as unknown as LintArgs;
  if (args.maxWarnings !== undefined && !(Number.isInteger(args.maxWarnings) && args.maxWarnings >= -1)) {
    throw new UsageError(`--max-warnings expects a whole number, got "${(raw as { ['max-warnings']?: unknown })['max-warnings'] ?? args.maxWarnings}"`);
  }
  // Conflicting flags are said, not resolved silently (ESLint refuses --fix with --fix-dry-run too).
  if (args.fix && args.diff) throw new UsageError('--fix and --diff cannot be combined: --diff prints the changes without writing them');
  if (args.fix && args.fixDryRun) throw new UsageError('--fix and --fix-dry-run cannot be combined');
  if (args.printConfig === '') throw new UsageError('--print-config needs a FILE: the file whose configuration to print');
  if (args.stdinFilename === '') throw new UsageError('--stdin-filename needs a NAME');
  if (args.failureThreshold === 'warn') args.failureThreshold = 'warning'; // as in config files
  const cwd = process.cwd();
  const configs = new ConfigResolver(args.config, allRules, cwd);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (args.printConfig) return require('./print-config').printConfig(configs, path.resolve(cwd, args.printConfig));

  const formatName = args.format ?? (process.env.GITHUB_ACTIONS === 'true' ? 'github' : 'stylish');
  // Validate the formats before doing any work.
  const formatter = formatterFor(formatName, '--format');
  const extraOutputs = (args.output ?? []).map((spec) => {
    const m = /^([a-z]+)=(.+)$/.exec(spec);
    if (!m) throw new UsageError(`--output expects FORMAT=FILE (FILE "-" is standard output), got "${spec}"`);
    return { name: m[1], formatter: formatterFor(m[1], '--output'), file: m[2] };
  });
  // Where the main report goes. `--output json=-` replaces the default report on stdout;
  // two reports on stdout would be unreadable, so that is a usage error.
  const toStdout = extraOutputs.filter((o) => o.file === '-').length;
  const primary: 'stdout' | 'file' | 'none' =
    args.outputFile && args.outputFile !== '-' ? 'file' : args.outputFile === '-' ? 'stdout' : args.diff || (toStdout && args.format === undefined) ? 'none' : 'stdout';
  if (toStdout + (primary === 'stdout' ? 1 : 0) > 1) throw new UsageError('only one report can go to standard output: give the others a FILE');

  const given = args.paths ?? [];
  const stdinWanted = !!args.stdin || given.some((p) => STDIN_PATHS.has(p));
  if (args.stdinFilename !== undefined && !stdinWanted) throw new UsageError('--stdin-filename only applies with --stdin (or "-")');
  if (stdinWanted && args.fix) throw new UsageError('--fix cannot write to standard input: use --fix-dry-run --format json, or --diff');
  const filePaths = given.filter((p) => !STDIN_PATHS.has(p));
  const override = cliRuleOverrides(args);
  const fileConfigs = new Map<string, FileConfig>();
  const configFor = (p: string): FileConfig => {
    if (!override) return configs.forFile(p);
    let c = fileConfigs.get(p);
    if (!c) fileConfigs.set(p, (c = override(configs.forFile(p))));
    return c;
  };
  // Env-bearing files (Dockerfile, compose, .env, units, …): taken by name, kept when their text
  // can set a proxy variable, linted by the env rules. Not with --dialect (one server was named).
  const envFiles: { file: string; kind: FileKind; display: string }[] = [];
  const onSkipped = args.dialect
    ? undefined
    : (p: string, display: string) => {
        const kind = detectKind(p);
        if (kind && mayHoldProxyVariables(p)) envFiles.push({ file: p, kind, display });
      };
  const verbose = args.verbose
    ? (shown: string, dialect: DialectName | undefined, by: DetectedBy) =>
        process.stderr.write(
          dialect
            ? `proxylint: ${shown}: ${dialect} (${by === 'dialect flag' ? '--dialect' : `from its ${by}`})\n`
            : !args.dialect && detectKind(shown)
              ? `proxylint: ${shown}: env (from its name; linted when it sets proxy variables)\n`
              : `proxylint: ${shown}: skipped (no known dialect)\n`,
        )
    : undefined;
  const cache = new SourceCache();
  const requests: CollectedFile[] = [];
  // Named files and walked directories that cannot be read: reported, then exit 2 (issue 14).
  const unreadable: Array<{ path: string; display: string; what: 'file' | 'directory'; reason: string }> = [];
  const onUnreadable = (p: string, display: string, what: 'file' | 'directory', err: NodeJS.ErrnoException) =>
    unreadable.push({ path: p, display, what, reason: (err.code && WRITE_REASONS[err.code]) || err.message });
  if (stdinWanted) {
    const req = stdinRequest(args, cwd, cache);
    verbose?.(req.display, req.dialect, args.dialect ? 'dialect flag' : args.stdinFilename && dialectFromPath(req.path) === req.dialect ? 'path' : 'content');
    requests.push(req);
  }
  if (filePaths.length || !stdinWanted) {
    requests.push(
      ...collectFiles(filePaths.length ? filePaths : ['.'], cwd, configs, {
        dialect: args.dialect as DialectName | undefined,
        sources: cache,
        forceExclude: args.forceExclude,
        gitignore: args.respectGitignore,
        errorOnUnmatched: args.errorOnUnmatchedPattern,
        onFile: verbose,
        onSkipped,
        onUnreadable,
      }),
    );
  }
  if (requests.length === 0 && envFiles.length === 0 && unreadable.length === 0 && args.errorOnUnmatchedPattern !== false) {
    // A green CI job that linted nothing is the worst outcome: say so, and fail (ESLint's exit 2).
    const where = filePaths.length ? filePaths.join(' ') : '.';
    process.stderr.write(
      `proxylint: no file to lint in ${where}: nothing there looks like an nginx, Apache httpd, Squid or HAProxy config ` +
        `(name the dialect with --dialect, or pass --no-error-on-unmatched-pattern)\n`,
    );
    return 2;
  }
  const displayOf = new Map(requests.map((r) => [r.path, r.display]));
  const shown = (p: string) => displayOf.get(p) ?? displayPath(cwd, p);
  // The linted tree (with each config's and each main config's directory): what may be read
  // without an includes.map entry. Not the named files: `lint .` and `lint app.conf` must agree.
  // A named directory is the tree of the files below it, though: `lint path/to/repo` from
  // elsewhere reads the repository as `lint .` inside it does (templates/, rootfs/etc/nginx/
  // beside the root), nothing more, and whatever else is named beside it.
  const tree = cwd === path.parse(cwd).root ? [] : [cwd];
  const namedTrees = namedDirectories(filePaths, cwd);
  const linter = new Linter({
    cache,
    dialectFor: loadDialect,
    configFor,
    rulesFor,
    tree,
    namedTrees,
    unitOptions: {
      inlineConfig: args.inlineConfig,
      reportUnusedDisable: args.reportUnusedDisableDirectives ? 'warning' : 'off',
      requireReason: args.requireReason,
    },
  });

  let results: LintResult[];
  let diffText = '';
  let fixSummary = '';
  let notWritten = 0;
  const fixing = args.fix || args.fixDryRun || args.diff;
  if (fixing) {
    const run = runFixes(linter, cache, requests, !!args.unsafeFixes);
    results = run.outcomes.map((o) => toResult(o.path, o.source, o.messages));
    if (args.diff || args.fixDryRun) {
      diffText = [...run.changed].map(([file, text]) => unifiedDiff(file, text, cwd)).join('');
    }
    if (args.fixDryRun) {
      const byPath = new Map([...run.changed].map(([f, t]) => [f.path, t]));
      for (const r of results) if (byPath.has(r.filePath)) r.output = byPath.get(r.filePath);
    }
    if (args.fix) {
      // One file that cannot be written (read-only, edited meanwhile, EACCES, a full disk) is
      // reported and skipped; the others are still fixed, the report still printed, exit 2.
      for (const [file, text] of run.changed) {
        try {
          writeAtomic(file, text);
        } catch (e) {
          notWritten++;
          const err = e as NodeJS.ErrnoException;
          const why = err.name === 'FixNotWritten' ? err.message : `${WRITE_REASONS[err.code ?? ''] ?? err.code ?? err.message} (${err.syscall ?? 'write'})`;
          process.stderr.write(`proxylint: ${shown(file.path)}: not fixed: ${why}\n`);
        }
      }
    }
    for (const r of run.rejected) process.stderr.write(`proxylint: a fix for ${shown(r.file)} was not applied: its result would not parse (${r.message})\n`);
    const verb = args.fix ? 'fixed' : 'would fix';
    fixSummary = notWritten
      ? `fixed ${plural(run.changed.size - notWritten, 'file')}; ${plural(notWritten, 'file')} not written`
      : `${verb} ${plural(run.fixed, 'problem')} in ${plural(run.changed.size, 'file')}`;
  } else if (args.cache && !stdinWanted && !override) {
    // (--select/--ignore/--rule change results without changing any file the cache keys on.)
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { lintWithCache } = require('./cache') as typeof import('./cache');
    const unitOptions = { inlineConfig: args.inlineConfig, reportUnusedDisable: args.reportUnusedDisableDirectives ? 'warning' : 'off', requireReason: args.requireReason };
    results = lintWithCache(
      { linter, sources: cache, configFor, rulesFor, unitOptions, location: path.resolve(cwd, args.cacheLocation), version: packageVersion() },
      requests,
    ).results;
  } else {
    results = linter.lint(requests).map((o) => toResult(o.path, o.source, o.messages));
  }
  if (envFiles.length) {
    // dist/env.js, loaded only now: a tree without env-bearing files never compiles it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { lintEnvFiles } = require('./env') as typeof import('./env');
    for (const f of envFiles) displayOf.set(f.file, f.display);
    results.push(...lintEnvFiles(envFiles, { configFor, inlineConfig: args.inlineConfig, tree }));
  }
  for (const u of unreadable) {
    const file = { path: u.path, text: '', encoding: 'utf8' as const };
    results.push(toResult(u.path, undefined, [{ ruleId: '', severity: 'error', message: `cannot read ${u.what}: ${u.reason}`, file, start: 0, end: 0, fatal: true }]));
    displayOf.set(u.path, u.display);
  }
  for (const r of results) r.displayPath = shown(r.filePath);

  // The exit code counts every finding, even those --quiet hides (as ESLint's --max-warnings does).
  const verdict = exitCode(results, args);
  if (args.quiet) {
    for (const r of results) {
      r.messages = r.messages.filter((m) => m.severity === 'error');
      r.warningCount = r.infoCount = r.fixableWarningCount = 0;
    }
  }

  const color = colorWanted(args.color);
  const assumed = assumedTargetsNote(results, requests, (p) => linter.settingsOf(p) ?? configFor(p).settings);
  const ctx = { cwd, rulesMeta, color, version: packageVersion(), notes: assumed ? [assumed] : [], verbose: args.verbose === true };
  // CI formats name files relative to the root the CI system maps paths from.
  const ctxFor = (name: string) => ({ ...ctx, cwd: WORKSPACE_FORMATS.has(name) ? workspaceRoot(name, cwd) : cwd });
  if (primary !== 'none') {
    const report = formatter(results, { ...ctxFor(formatName), color: primary === 'file' ? false : color });
    if (primary === 'file') writeReport(args.outputFile!, report, cwd);
    else writeStdout(report);
  }
  if (args.diff) writeStdout(diffText);
  if (args.fixDryRun && diffText && formatName === 'stylish') writeStdout(diffText);
  for (const o of extraOutputs) {
    const text = o.formatter(results, { ...ctxFor(o.name), color: false });
    if (o.file === '-') writeStdout(text);
    else writeReport(o.file, text, cwd);
  }
  if (fixSummary) process.stderr.write(`proxylint: ${fixSummary}\n`);

  // A file that could not be read (named, in a walk, or included) was not linted: exit 2, as a
  // failed write is, after the report.
  const readFailed = results.some((r) => r.messages.some((m) => m.fatal && /^cannot read (file|directory): /.test(m.message)));
  if (notWritten || readFailed) return 2;
  if (args.diff && diffText) return 1;
  if (verdict.reason) process.stderr.write(`proxylint: ${verdict.reason}\n`);
  return verdict.code;
}

/**
 * Said once per run, not in every finding: the server versions assumed because `targets` does
 * not name them, for the dialects that had findings (their truth may depend on the version).
 */
function assumedTargetsNote(results: LintResult[], requests: CollectedFile[], settingsFor: (p: string) => Settings): string {
  const dialectOf = new Map(requests.map((r) => [r.path, r.dialect]));
  const notes = new Map<string, string>();
  for (const r of results) {
    const d = dialectOf.get(r.filePath) ?? requests[0]?.dialect;
    if (!d || r.messages.every((m) => m.fatal)) continue;
    const settings = settingsFor(r.filePath);
    if (settings.assumedTargets[d] && !notes.has(d)) notes.set(d, `${d} ${settings.targets[d]}`);
  }
  if (notes.size === 0) return '';
  const keys = [...notes.keys()].map((d) => `targets.${d}`).join(', ');
  return `assumed ${[...notes.values()].join(', ')} (Debian 12's); set ${keys} in .proxylint.yaml if yours differ`;
}

/** Words for the I/O errors a read or a write meets. */
const WRITE_REASONS: Record<string, string> = {
  EIO: 'input/output error',
  ELOOP: 'too many levels of symbolic links',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  ENOENT: 'the file vanished',
  EISDIR: 'is a directory',
};

const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;

/** Relative to the cwd when inside it, absolute otherwise (never `../../../etc/…`). */
export function displayPath(cwd: string, p: string): string {
  const rel = path.relative(cwd, p);
  return !rel || rel.startsWith('..') || path.isAbsolute(rel) ? p : rel;
}

const WORKSPACE_FORMATS = new Set(['github', 'gitlab', 'sarif']);

/** GitHub maps annotation and SARIF paths from $GITHUB_WORKSPACE, GitLab from $CI_PROJECT_DIR. */
export function workspaceRoot(format: string, cwd: string): string {
  const gh = process.env.GITHUB_WORKSPACE;
  const gl = process.env.CI_PROJECT_DIR;
  const pick = format === 'gitlab' ? gl || gh : gh || gl;
  return pick ? path.resolve(cwd, pick) : cwd;
}

/** --color/--no-color, then FORCE_COLOR and NO_COLOR (force-color.org, no-color.org), then the TTY. */
export function colorWanted(flag: boolean | undefined, env: NodeJS.ProcessEnv = process.env, isTTY = stdoutIsTTY()): boolean {
  if (flag !== undefined) return flag;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  if (env.NO_COLOR) return false;
  return isTTY;
}

function writeReport(file: string, text: string, cwd: string): void {
  const p = path.resolve(cwd, file);
  try {
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
  } catch (e) {
    // A failed write (ENOSPC on /dev/full, EIO) carries no path of its own: name the file as given.
    const err = e as NodeJS.ErrnoException;
    if (err && typeof err === 'object' && !err.path) err.path = file;
    throw err;
  }
}

export function exitCode(
  results: LintResult[],
  args: Pick<LintArgs, 'maxWarnings' | 'failureThreshold' | 'exitZero'>,
): { code: number; reason?: string } {
  if (args.exitZero) return { code: 0 };
  const errors = results.reduce((n, r) => n + r.errorCount, 0);
  const warnings = results.reduce((n, r) => n + r.warningCount, 0);
  const infos = results.reduce((n, r) => n + r.infoCount, 0);
  if (errors > 0) return { code: 1 };
  if (args.failureThreshold === 'warning' && warnings > 0) return { code: 1, reason: `${plural(warnings, 'warning')} at or above --failure-threshold warning` };
  if (args.failureThreshold === 'info' && warnings + infos > 0) {
    return { code: 1, reason: `${plural(warnings + infos, 'finding')} at or above --failure-threshold info` };
  }
  if (args.maxWarnings !== undefined && args.maxWarnings >= 0 && warnings > args.maxWarnings) {
    return { code: 1, reason: `too many warnings (${warnings}, max ${args.maxWarnings})` };
  }
  return { code: 0 };
}

/** The named paths that are directories (as given and real), other than the filesystem root: each is a linted tree of its own. */
function namedDirectories(paths: readonly string[], cwd: string): string[] {
  const dirs: string[] = [];
  for (const p of paths) {
    try {
      const given = path.resolve(cwd, p);
      const real = fs.realpathSync(given);
      if (real === path.parse(real).root || !fs.statSync(real).isDirectory()) continue;
      // Both names: files are read by their real path, includes resolved under the one given.
      for (const d of [given, real]) if (!dirs.includes(d)) dirs.push(d);
    } catch {
      // a glob or a missing path: collectFiles reports it
    }
  }
  return dirs;
}
