/**
 * The programmatic API (`require('proxylint')`): lint files or a text and get the same results
 * `proxylint lint --format json` prints (ESLint's LintResult shape: filePath, messages with
 * ruleId/severity 2|1|0/line/column/endLine/endColumn/fix?, counts).
 *
 *   const { lintFiles, lintText } = require('proxylint');
 *   const results = lintFiles(['deploy/nginx']);
 *   const [one] = lintText('server { … }', { filePath: 'nginx/conf.d/app.conf' });
 *
 * Configuration is found as the CLI finds it (.proxylint.yaml above each file, or `config`).
 * Bad input (a missing path, a text of no known dialect, an invalid config) throws an Error
 * whose message is the CLI's one-line explanation.
 */
import * as path from 'node:path';
import type { DialectName } from './core/ast';
import { ConfigResolver } from './core/config';
import { detectDialect } from './dialects/detect';
import { Linter, type FileRequest } from './core/linter';
import { loadDialect } from './dialects/index';
import { toResult } from './core/to-result';
import { SourceCache } from './core/source';
import { allRules, rulesFor } from '../rules/index';
import { collectFiles } from './cli/collect';
import { toJson, type JsonResult } from './report/json';

export interface LintOptions {
  /** Base for relative paths and config lookup (default: process.cwd()). */
  cwd?: string;
  /** A configuration file to use instead of looking one up. */
  config?: string;
  /** Treat the files (or the text) as this dialect instead of detecting it. */
  dialect?: DialectName;
}

export type { JsonFix, JsonMessage, JsonResult } from './report/json';

function run(requests: FileRequest[], cache: SourceCache, configs: ConfigResolver): JsonResult[] {
  const linter = new Linter({ cache, dialectFor: loadDialect, configFor: (p) => configs.forFile(p), rulesFor });
  return toJson(linter.lint(requests).map((o) => toResult(o.path, o.source, o.messages)));
}

/** Lint files and directories (directories are walked; files of no known dialect are skipped). */
export function lintFiles(paths: string[], options: LintOptions = {}): JsonResult[] {
  const cwd = options.cwd ?? process.cwd();
  const configs = new ConfigResolver(options.config, allRules, cwd);
  const requests = collectFiles(paths, cwd, configs, { dialect: options.dialect });
  return run(requests, new SourceCache(), configs);
}

/**
 * Lint a text as if it were the file `filePath` (dialect, config and includes as for that path;
 * default `<text>` in cwd, dialect from the content). Returns one result.
 */
export function lintText(text: string, options: LintOptions & { filePath?: string } = {}): JsonResult[] {
  const cwd = options.cwd ?? process.cwd();
  const abs = path.resolve(cwd, options.filePath ?? '<text>');
  const dialect = options.dialect ?? detectDialect(options.filePath ?? '', () => text);
  if (!dialect) throw new Error(`cannot tell which server ${options.filePath ?? 'the text'} configures: pass dialect or a filePath`);
  const cache = new SourceCache();
  cache.set({ path: abs, text, encoding: 'utf8' });
  return run([{ path: abs, dialect }], cache, new ConfigResolver(options.config, allRules, cwd)).filter((r) => r.filePath === abs);
}
