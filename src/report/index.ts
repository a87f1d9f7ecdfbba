/**
 * Formatters, loaded on demand by name: a run that prints stylish never loads the SARIF writer.
 */
import type { LintResult, RuleMeta } from '../core/result';

export interface FormatContext {
  cwd: string;
  /** Metadata of the rules that could have reported (SARIF rules[], help links). */
  rulesMeta(): RuleMeta[];
  color: boolean;
  version: string;
  /** Said once per run under the findings (terminal format): the assumed server versions. */
  notes?: string[];
}

export type Formatter = (results: LintResult[], ctx: FormatContext) => string;

/* eslint-disable @typescript-eslint/no-require-imports */
const FORMATTERS: Record<string, () => Formatter> = {
  stylish: () => require('./stylish').format,
  json: () => require('./json').format,
  sarif: () => require('./sarif').format,
  github: () => require('./github').format,
  checkstyle: () => require('./checkstyle').format,
  junit: () => require('./junit').format,
  gitlab: () => require('./gitlab').format,
};

export const FORMAT_NAMES = Object.keys(FORMATTERS);

export function loadFormatter(name: string): Formatter {
  const f = FORMATTERS[name];
  if (!f) throw new Error(`unknown format "${name}" (expected one of: ${FORMAT_NAMES.join(', ')})`);
  return f();
}
