/**
 * The options of `proxylint lint`, declared once: yargs builds help and errors from this table,
 * and the hot path (pre-commit, CI) parses argv with it directly, because yargs alone costs
 * about 40 ms — more than half of node's own start-up — on every run.
 */
import type { Argv } from 'yargs';

interface OptionSpec {
  type: 'string' | 'boolean' | 'number';
  array?: boolean;
  alias?: string;
  choices?: string[];
  default?: unknown;
  describe: string;
}

export const LINT_OPTIONS: Record<string, OptionSpec> = {
  dialect: { type: 'string', choices: ['nginx', 'apache', 'squid', 'haproxy'], describe: 'treat named files as this dialect' },
  format: { type: 'string', alias: 'f', describe: 'stylish | json | sarif | github | checkstyle | junit | gitlab' },
  'output-file': { type: 'string', alias: 'o', describe: 'write the report to a file (- is standard output)' },
  output: { type: 'string', array: true, describe: 'also write FORMAT=FILE (repeatable; FILE - is standard output)' },
  stdin: { type: 'boolean', describe: 'lint the text on standard input (also: - as a path)' },
  'stdin-filename': { type: 'string', describe: 'with --stdin: the path it stands for (dialect, config, includes, reports)' },
  select: { type: 'string', array: true, describe: 'only these rules (ids, names or prefixes such as nginx; comma-separated, repeatable)' },
  ignore: { type: 'string', array: true, describe: 'turn these rules off (ids, names or prefixes; comma-separated, repeatable)' },
  rule: { type: 'string', array: true, describe: 'set a rule\'s severity: ID=error|warning|info|off (repeatable)' },
  'respect-gitignore': { type: 'boolean', default: true, describe: 'skip what .gitignore ignores when walking directories (--no-respect-gitignore)' },
  verbose: { type: 'boolean', describe: 'list each file on stderr with its dialect and how it was detected, and name the WebSocket signal behind each finding' },
  'error-on-unmatched-pattern': { type: 'boolean', default: true, describe: 'exit 2 when no file was linted (--no-error-on-unmatched-pattern)' },
  config: { type: 'string', alias: 'c', describe: 'use this configuration file (no lookup)' },
  'max-warnings': { type: 'number', describe: 'fail when there are more warnings than this' },
  'failure-threshold': { type: 'string', choices: ['error', 'warning', 'warn', 'info'], default: 'error', describe: 'lowest severity that fails the run' },
  'exit-zero': { type: 'boolean', describe: 'exit 0 even with findings (errors still exit 2)' },
  quiet: { type: 'boolean', alias: 'q', describe: 'report errors only' },
  fix: { type: 'boolean', describe: 'apply safe fixes to the files' },
  'unsafe-fixes': { type: 'boolean', describe: 'with --fix/--diff, apply unsafe fixes too' },
  'fix-dry-run': { type: 'boolean', describe: 'compute fixes and print what would change, write nothing' },
  diff: { type: 'boolean', describe: 'print fixes as a unified diff (git apply); exit 1 when there is one' },
  'inline-config': { type: 'boolean', default: true, describe: 'honour proxylint-disable comments (--no-inline-config)' },
  'report-unused-disable-directives': { type: 'boolean', describe: 'report suppressions that suppress nothing' },
  'require-reason': { type: 'boolean', describe: 'suppressions must say why ("-- reason")' },
  'force-exclude': { type: 'boolean', describe: 'apply config ignores to named files too' },
  'print-config': { type: 'string', describe: 'print the configuration that applies to a file' },
  color: { type: 'boolean', describe: 'force colour on or off' },
  cache: { type: 'boolean', describe: 'only re-lint files that changed (or whose includes or config changed)' },
  'cache-location': { type: 'string', default: '.proxylintcache', describe: 'where --cache keeps its results' },
};

export function lintOptions(y: Argv): Argv {
  let out = y.positional('paths', { type: 'string', array: true, describe: 'files and directories (default: .)' }) as Argv;
  for (const [name, spec] of Object.entries(LINT_OPTIONS)) out = out.option(name, spec);
  return out;
}

const camel = (s: string) => s.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * Parse `lint` arguments with the table, or return undefined to let yargs handle the line
 * (help, unknown options, bad values: yargs words the error).
 */
export function fastParseLint(argv: string[]): Record<string, unknown> | undefined {
  const byAlias = new Map<string, string>();
  for (const [name, spec] of Object.entries(LINT_OPTIONS)) if (spec.alias) byAlias.set(spec.alias, name);
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(LINT_OPTIONS)) if (spec.default !== undefined) out[camel(name)] = spec.default;
  const paths: string[] = [];
  let i = argv[0] === 'lint' ? 1 : 0;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      paths.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      paths.push(a);
      continue;
    }
    let name: string;
    let inline: string | undefined;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      name = eq === -1 ? a.slice(2) : a.slice(2, eq);
      inline = eq === -1 ? undefined : a.slice(eq + 1);
    } else {
      if (a.length !== 2) return undefined;
      const full = byAlias.get(a.slice(1));
      if (!full) return undefined;
      name = full;
    }
    let negated = false;
    if (!LINT_OPTIONS[name] && name.startsWith('no-') && LINT_OPTIONS[name.slice(3)]?.type === 'boolean') {
      name = name.slice(3);
      negated = true;
    }
    const spec = LINT_OPTIONS[name];
    if (!spec) return undefined;
    const key = camel(name);
    if (spec.type === 'boolean') {
      if (inline !== undefined && inline !== 'true' && inline !== 'false') return undefined;
      out[key] = negated ? false : inline !== 'false';
      continue;
    }
    if (negated) return undefined;
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith('-') && value !== '-')) return undefined;
    if (spec.choices && !spec.choices.includes(value)) return undefined;
    let v: unknown = value;
    if (spec.type === 'number') {
      v = Number(value);
      if (!Number.isFinite(v as number)) return undefined;
    }
    if (spec.array) out[key] = [...((out[key] as unknown[]) ?? []), v];
    else out[key] = v;
  }
  out.paths = paths;
  return out;
}
