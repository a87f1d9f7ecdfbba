/**
 * Squid access lists (`http_access`, `*_header_access`, `http_upgrade_request_protocols`): lines
 * are checked in order, each line's acls are ANDed (`!` negates), the first line whose acls all
 * match decides. With unknown facts a line may "possibly match": the decision is then reported
 * as not certain, with the lines that might have decided earlier.
 */
import type { Directive } from '../../core/ast';
import { matchAcl, type AclDef, type SquidRequest } from './acl';
import type { Tristate } from './conditions';

export interface AclRef {
  name: string;
  negated: boolean;
}

export interface AccessRule {
  directive: Directive;
  /** `allow` or `deny` (anything else is kept as written). */
  action: string;
  acls: AclRef[];
}

export interface AccessDecision {
  action: 'allow' | 'deny';
  /** The line that decided; null when the list's default decided. */
  directive: Directive | null;
  /** True when no earlier line might have matched given the unknown facts. */
  certain: boolean;
  /** No line matched: squid applied the list's default. */
  implicit: boolean;
  /** Earlier lines whose acls might match (depend on facts the request leaves out). */
  uncertain: Directive[];
}

/** Parse `allow|deny [!]acl …` starting at argument `from`. */
export function accessRule(d: Directive, from: number): AccessRule {
  const acls: AclRef[] = [];
  for (let i = from + 1; i < d.args.length; i++) {
    const a = d.args[i];
    if (a.startsWith('!')) acls.push({ name: a.slice(1), negated: true });
    else acls.push({ name: a, negated: false });
  }
  return { directive: d, action: d.args[from] ?? '', acls };
}

export function ruleMatches(acls: Map<string, AclDef>, rule: AccessRule, req: SquidRequest): Tristate {
  let unknown = false;
  for (const ref of rule.acls) {
    let r = matchAcl(acls, ref.name, req);
    if (r !== 'unknown' && ref.negated) r = !r;
    if (r === false) return false;
    if (r === 'unknown') unknown = true;
  }
  return unknown ? 'unknown' : true;
}

/**
 * Evaluate in order. `fallback` is what squid does when nothing matched: for most lists the
 * opposite of the last line's action (and `deny` for an empty http_access).
 */
export function evaluate(
  rules: AccessRule[],
  acls: Map<string, AclDef>,
  req: SquidRequest,
  fallback: 'opposite-of-last' | 'deny',
  emptyDefault: 'allow' | 'deny',
): AccessDecision {
  const uncertain: Directive[] = [];
  for (const rule of rules) {
    const m = ruleMatches(acls, rule, req);
    if (m === true) {
      return {
        action: rule.action === 'allow' ? 'allow' : 'deny',
        directive: rule.directive,
        certain: uncertain.length === 0,
        implicit: false,
        uncertain,
      };
    }
    if (m === 'unknown') uncertain.push(rule.directive);
  }
  let action: 'allow' | 'deny' = emptyDefault;
  if (rules.length && fallback === 'opposite-of-last') action = rules[rules.length - 1].action === 'allow' ? 'deny' : 'allow';
  else if (rules.length) action = 'deny';
  return { action, directive: null, certain: uncertain.length === 0, implicit: true, uncertain };
}
