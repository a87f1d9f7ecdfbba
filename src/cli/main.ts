/**
 * The command line. yargs parses; each command lives in its own module, loaded only when used,
 * so `proxylint lint one.conf` does not load the generator, and `--version` loads nothing.
 */
import type { Argv } from 'yargs';
import { UsageError } from './errors';
import { packageVersion } from '../core/package-root';

export async function main(argv: string[]): Promise<number> {
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
    process.stdout.write(packageVersion() + '\n');
    return 0;
  }
  const COMMANDS = ['rules', 'explain', 'init', 'generate', 'help'];
  if (!COMMANDS.includes(argv[0]) && !argv.some((a) => a === '--help' || a === '-h' || a === '--version')) {
    // The hot path: lint without yargs (see lint-options.ts). Anything unusual falls through.
    const args = require('./lint-options').fastParseLint(argv);
    if (args) {
      try {
        return await require('./lint').runLint(args);
      } catch (e) {
        return reportError(e);
      }
    }
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const yargs = require('yargs/yargs') as (args: string[]) => Argv;
  let code = 0;
  const run = (f: () => Promise<number> | number) => async () => {
    code = await f();
  };
  const parser = yargs(argv)
    .scriptName('proxylint')
    .usage('$0 <command> [options]\n\nLint nginx, Apache httpd, Squid and HAProxy configs for what breaks WebSockets.')
    .command(
      ['lint [paths..]', '$0'],
      'lint configuration files and directories',
      (y) => require('./lint-options').lintOptions(y),
      async (args) => {
        code = await require('./lint').runLint(args);
      },
    )
    .command(
      'generate <dialect>',
      'print a WebSocket-ready snippet or (--standalone) complete config',
      (y) => require('./generate').generateOptions(y),
      async (args) => {
        code = await require('./generate').runGenerate(args);
      },
    )
    .command('rules', 'list the rules', {}, run(() => require('./rules').listRules()))
    .command(
      'explain <rule>',
      "print a rule's documentation",
      (y) => y.positional('rule', { type: 'string', demandOption: true }),
      async (args) => {
        code = require('./rules').explainRule(String(args.rule));
      },
    )
    .command(
      'init',
      'write a starter .proxylint.yaml here (never overwrites)',
      {},
      run(() => require('./init').runInit()),
    )
    .strictCommands()
    .strictOptions()
    .version(packageVersion())
    .help()
    .alias('h', 'help')
    .wrap(null)
    .exitProcess(false)
    .fail((msg, err) => {
      throw err ?? new UsageError(msg);
    });
  try {
    await parser.parseAsync();
  } catch (e) {
    return reportError(e);
  }
  return code;
}

export function reportError(e: unknown): number {
  const err = e as Error;
  if (err instanceof UsageError || err?.name === 'YError') {
    process.stderr.write(`proxylint: ${err.message}\nRun "proxylint --help" for usage.\n`);
    return 2;
  }
  if (err?.name === 'ConfigError' || err?.constructor?.name === 'ConfigError') {
    process.stderr.write(`proxylint: ${err.message}\n`);
    return 2;
  }
  process.stderr.write(`proxylint: internal error: ${err?.stack ?? String(e)}\n`);
  return 2;
}
