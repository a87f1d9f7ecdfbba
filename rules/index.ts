/**
 * The rule registry: one list for every kind of rule, the four server dialects and `env` (proxy
 * variables, run by src/env rather than the directive engine). Rules are loaded per kind, on
 * demand: linting one nginx file never loads the Apache rules, and the env rules load only when
 * asked for (in the CLI bundle they are their own file, dist/env-rules.js: scripts/bundle.js).
 */
import type { DialectName } from '../src/core/ast';
import type { RuleDefinition } from '../src/core/rule';
import type { EnvRule } from '../src/env/rule';

/** What a rule is registered as: a server dialect, or `env`. */
export type RuleKind = DialectName | 'env';
export const RULE_KINDS: RuleKind[] = ['nginx', 'apache', 'squid', 'haproxy', 'env'];

/** Any registered rule: ids, dialect, severity, fixability, docs (and options) are common to both kinds. */
export type RegisteredRule = RuleDefinition<any> | EnvRule;

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

let env: EnvRule[] | undefined;
/** The env rules (`proxylint env`, and env-bearing files under `lint`). */
export function envRules(): EnvRule[] {
  return (env ??= require('./env/index').rules as EnvRule[]);
}

export function allRules(): RegisteredRule[] {
  return [...(Object.keys(LOADERS) as DialectName[]).flatMap(rulesFor), ...envRules()];
}

export function findRule(id: string): RegisteredRule | undefined {
  const kind = id.split('/')[0];
  if (kind === 'env') return envRules().find((r) => r.id === id);
  if (!(kind in LOADERS)) return undefined;
  return rulesFor(kind as DialectName).find((r) => r.id === id);
}
