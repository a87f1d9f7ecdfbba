/**
 * The command line. yargs parses; each command lives in its own module, loaded only when used,
 * so `proxylint lint one.conf` does not load the generator, and `--version` loads nothing.
 */
import type { Argv } from 'yargs';
import { UsageError } from '../core/errors';
import { didYouMean } from '../core/suggest';
import { packageVersion } from '../core/package-root';
import { guardStderr } from '../core/redact';
import { deferStdio } from './stdio';

/**
 * `proxylint rules | head -1`: the reader went away. Stop writing quietly, as cat and grep do
 * (no EPIPE stack); the run still ends with its own exit code.
 */
function quietOnEpipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') throw e;
    stream.destroy();
  });
}

/** What this run used, for the code cache (bin/code-cache.js): its command path and dialects. */
const runTags: string[] = [];
export function cacheTags(): string[] {
  // Loaded lazily: a --version run has no dialect to name.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return [...runTags, ...(require('../dialects/index') as typeof import('../dialects/index')).loadedDialects()];
}

/** For bin/proxylint.js: the V8 flags a large input set are undone before the code cache is made. */
export { restoreV8Defaults } from '../core/heap';

export async function main(argv: string[]): Promise<number> {
  // Every error message quotes config text or arguments: credentials masked, controls escaped.
  // Both are installed when a stream is first made (making one costs ~2 ms: stdio.ts).
  deferStdio({ stdout: quietOnEpipe, stderr: (s) => guardStderr(s) });
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
    process.stdout.write(packageVersion() + '\n');
    return 0;
  }
  const COMMANDS = ['rules', 'explain', 'init', 'generate', 'probe', 'env', 'help', 'completion'];
  if (!COMMANDS.includes(argv[0]) && !argv.some((a) => a === '--help' || a === '-h' || a === '--version' || a === '--get-yargs-completions')) {
    // The hot path: lint without yargs (see lint-options.ts). Anything unusual falls through.
    const args = require('./lint-options').fastParseLint(argv);
    if (args) {
      runTags.push('lint');
      try {
        return await require('./lint').runLint(args);
      } catch (e) {
        return reportError(e);
      }
    }
  }
  runTags.push(`yargs:${COMMANDS.includes(argv[0]) ? argv[0] : 'lint'}`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const yargs = require('yargs/yargs') as (args: string[]) => Argv;
  let code = 0;
  // Each command's module is loaded only when it runs; its exit code is the process's.
  const run = (f: (args: Record<string, unknown>) => Promise<number> | number) => async (args: Record<string, unknown>) => {
    code = await f(args);
  };
  const parser = yargs(argv)
    .scriptName('proxylint')
    .usage('$0 <command> [options]\n\nLint nginx, Apache httpd, Squid and HAProxy configs for what breaks WebSockets.')
    .command(
      ['lint [paths..]', '$0'],
      'lint configuration files and directories',
      (y) => require('./lint-options').lintOptions(y),
      run((args) => require('./lint').runLint(args)),
    )
    .command(
      'generate <dialect>',
      'print a WebSocket-ready snippet or (--standalone) complete config',
      (y) => require('./generate').generateOptions(y),
      run((args) => require('./generate').runGenerate(args)),
    )
    .command(
      'probe <url>',
      'live WebSocket handshake through the proxies on the way; names the broken hop and the lint rules',
      (y) => require('./probe').probeCommandOptions(y),
      run((args) => require('./probe').runProbeCommand(args)),
    )
    .command(
      'env [args..]',
      'lint proxy variables where they are set (none: the environment); env explain URL: direct or which proxy, per client',
      (y) => require('./env').envCommandOptions(y),
      // The registry and rule metadata come from this bundle, so dist/env.js holds no server rules.
      run((args) =>
        require('./env').runEnvCommand(args, {
          allRules: require('../../rules/index').allRules,
          rulesMeta: () => require('./rules').allRuleMeta(),
          overrides: () => require('./lint').cliRuleOverrides(args),
        }),
      ),
    )
    .command(
      'rules',
      'list the rules (and the core checks)',
      (y) => y.option('format', { alias: 'f', type: 'string', default: 'text', describe: 'text | json' }),
      run((args) => require('./rules').listRules(String(args.format))),
    )
    .command(
      'explain <rule>',
      "print a rule's documentation",
      (y) => y.positional('rule', { type: 'string', demandOption: true }),
      run((args) => require('./rules').explainRule(String(args.rule))),
    )
    .command(
      'init',
      'write a starter .proxylint.yaml here (never overwrites)',
      {},
      run(() => require('./init').runInit()),
    )
    // `proxylint completion >> ~/.bashrc` (bash; zsh via bashcompinit): yargs' own script.
    .completion('completion', 'print a shell completion script (bash, zsh)')
    .strictCommands()
    .strictOptions()
    .version(packageVersion())
    .help()
    .alias('h', 'help')
    .wrap(null)
    .exitProcess(false)
    .fail((msg, err) => {
      // yargs' own instance, which holds the options of the command being parsed.
      throw err ?? new UsageError(withSuggestion(msg, parser));
    });
  if (argv[0] === 'completion' && argv.length === 1) {
    // yargs prints the script and then, with exitProcess(false), would go on to run `lint`.
    parser.showCompletionScript();
    return 0;
  }
  try {
    await parser.parseAsync();
  } catch (e) {
    return reportError(e);
  }
  return code;
}

/** yargs' "Unknown argument: fromat" gains "(did you mean --format?)" from the command's own options. */
function withSuggestion(msg: string, y: Argv): string {
  const m = /^Unknown arguments?: (.+)$/.exec(msg);
  if (!m) return msg;
  let known: string[] = [];
  try {
    known = Object.keys((y as unknown as { getOptions(): { key: Record<string, unknown> } }).getOptions().key).filter((k) => k.length > 1 && !/[A-Z]/.test(k));
  } catch {
    return msg;
  }
  const words = m[1].split(', ');
  const hints = words.map((w) => didYouMean(w, known, (c) => `--${c}`)).filter(Boolean);
  return `unknown option${words.length > 1 ? 's' : ''}: ${words.map((w) => (w.length > 1 ? `--${w}` : `-${w}`)).join(', ')}${hints.join('')}`;
}

export function reportError(e: unknown): number {
  const err = e as Error;
  if (err instanceof UsageError || err?.name === 'YError') {
    // One line, as git and ESLint do; `proxylint --help` lists the options.
    process.stderr.write(`proxylint: ${err.message.replace(/\s*\n\s*/g, ' ')}\n`);
    return 2;
  }
  if (err?.name === 'ConfigError' || err?.constructor?.name === 'ConfigError') {
    process.stderr.write(`proxylint: ${err.message}\n`);
    return 2;
  }
  // A file system refusal (a missing directory for -o, a read-only target) is the user's to fix:
  // one line, no stack.
  const sys = err as NodeJS.ErrnoException;
  if (typeof sys?.code === 'string' && typeof sys.syscall === 'string' && /^E[A-Z]+$/.test(sys.code)) {
    const where = sys.path ? `${sys.path}: ` : '';
    process.stderr.write(`proxylint: cannot ${sys.syscall} ${where}${SYS_REASONS[sys.code] ?? sys.code}\n`);
    return 2;
  }
  process.stderr.write(`proxylint: internal error: ${err?.stack ?? String(e)}\n`);
  return 2;
}

const SYS_REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory',
  ENOTDIR: 'a parent is not a directory',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EEXIST: 'already exists',
};
