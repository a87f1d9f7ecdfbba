/**
 * Dialects are loaded on demand: a run that lints one nginx file never loads the Apache parser.
 */
import type { DialectName } from '../core/ast';
import type { Dialect } from '../core/dialect';

export const DIALECTS: readonly DialectName[] = ['nginx', 'apache', 'squid', 'haproxy'];

const loaded = new Map<DialectName, Dialect>();

export function loadDialect(name: DialectName): Dialect {
  let d = loaded.get(name);
  if (!d) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    d = (require(`./${name}/index`) as { dialect: Dialect }).dialect;
    loaded.set(name, d);
  }
  return d;
}
