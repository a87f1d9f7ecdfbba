/**
 * The rule registry. Rules are loaded per dialect, on demand: linting one nginx file never loads
 * the Apache rules.
 */
import type { DialectName } from '../src/core/ast';
import type { RuleDefinition } from '../src/core/rule';

/* eslint-disable @typescript-eslint/no-require-imports */
const LOADERS: Record<DialectName, () => RuleDefinition<any>[]> = {
  nginx: () => require('./nginx/index').rules,
  apache: () => require('./apache/index').rules,
  squid: () => require('./squid/index').rules,
  haproxy: () => require('./haproxy/index').rules,
};

const loaded = new Map<DialectName, RuleDefinition<any>[]>();

export function rulesFor(dialect: DialectName): RuleDefinition<any>[] {
  let list = loaded.get(dialect);
  if (!list) loaded.set(dialect, (list = LOADERS[dialect]()));
  return list;
}

export function allRules(): RuleDefinition<any>[] {
  return (Object.keys(LOADERS) as DialectName[]).flatMap(rulesFor);
}

export function findRule(id: string): RuleDefinition<any> | undefined {
  const dialect = id.split('/')[0] as DialectName;
  if (!(dialect in LOADERS)) return undefined;
  return rulesFor(dialect).find((r) => r.id === id);
}
