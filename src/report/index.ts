/**
 * Formatters, loaded on demand by name: a run that prints stylish never loads the SARIF writer.
 */
import type { LintResult } from '../core/result';
import type { FormatContext } from './context';

export type { FormatContext } from './context';

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
