/**
 * Dialects are loaded on demand: a run that lints one nginx file never loads the Apache parser.
 */
import type { DialectName } from '../core/ast';
import type { Dialect } from '../core/dialect';

export const DIALECTS: readonly DialectName[] = ['nginx', 'apache', 'squid', 'haproxy'];

/* eslint-disable @typescript-eslint/no-require-imports */
// Static requires (not a template string) so that the bundler can follow them and keep them lazy.
const LOADERS: Record<DialectName, () => { dialect: Dialect }> = {
  nginx: () => require('./nginx/index'),
  apache: () => require('./apache/index'),
  squid: () => require('./squid/index'),
  haproxy: () => require('./haproxy/index'),
};

const loaded = new Map<DialectName, Dialect>();

export function loadDialect(name: DialectName): Dialect {
  let d = loaded.get(name);
  if (!d) {
    d = LOADERS[name]().dialect;
    loaded.set(name, d);
  }
  return d;
}

/** The dialects this process has loaded (the code cache notes them: bin/code-cache.js). */
export function loadedDialects(): DialectName[] {
  return [...loaded.keys()];
}
