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

/**
 * Directives whose lines Squid parses with aclParseAccessLine, and the argument that holds the
 * action (after a peer, pool, service, header or protocol name). Observed on Squid 5.7 for each:
 * an action other than exactly `allow` or `deny` ("Allow", "DENY", a missing one) logs
 * "aclParseAccessLine: expecting 'allow' or 'deny', got 'Allow'." and the line is dropped from
 * the list (`squid -k parse` still exits 0). Keys are canonical names (aliases resolved).
 */
export const ACCESS_ACTION_ARG: ReadonlyMap<string, number> = new Map([
  ...'http_access adapted_http_access http_reply_access icp_access htcp_access htcp_clr_access miss_access ident_lookup_access cache send_hit store_miss follow_x_forwarded_for always_direct never_direct snmp_access url_rewrite_access store_id_access collapsed_forwarding_access proxy_protocol_access sslproxy_cert_error spoof_client_ip force_request_body_continuation'
    .split(' ')
    .map((k) => [k, 0] as const),
  ...'cache_peer_access delay_access client_delay_access response_delay_pool_access adaptation_access request_header_access reply_header_access http_upgrade_request_protocols'
    .split(' ')
    .map((k) => [k, 1] as const),
]);

/**
 * Squid keeps an access line only when its action is exactly `allow` or `deny` (case-sensitive)
 * and it names at least one acl ("Access line contains no ACL's, skipping", Squid 5.7).
 */
export function keptBySquid(rule: AccessRule): boolean {
  return (rule.action === 'allow' || rule.action === 'deny') && rule.acls.length > 0;
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
