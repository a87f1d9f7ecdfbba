/**
 * `http_upgrade_request_protocols` (squid ≥ 5): for an offered protocol P the rules naming P
 * (exact, case-sensitive) apply; only when none names P do the `OTHER` rules apply; with neither,
 * or when no applicable rule matches, squid removes P from the Upgrade header. A versioned rule
 * `P/V` applies only to an offer of that version.
 */
import type { Directive } from '../../core/ast';
import { accessRule, ruleMatches, type AccessRule } from './access';
import type { AclDef, SquidRequest } from './acl';
import type { Tristate } from './conditions';

export interface UpgradeRule extends AccessRule {
  /** Protocol name as written (`websocket`, `WebSocket`, `OTHER`). */
  protocol: string;
  version: string | null;
}

export interface UpgradeDecision {
  /** Whether squid forwards the offer. */
  allowed: Tristate;
  via: 'named' | 'other' | 'none';
  /** The rule that decided (null when none matched or none applied). */
  directive: Directive | null;
}

export function upgradeRule(d: Directive): UpgradeRule {
  const spec = d.args[0] ?? '';
  const slash = spec.indexOf('/');
  return {
    ...accessRule(d, 1),
    protocol: slash === -1 ? spec : spec.slice(0, slash),
    version: slash === -1 ? null : spec.slice(slash + 1),
  };
}

/** Offer is `name` or `name/version` as the client writes it (browsers send `websocket`). */
export function upgradeDecision(rules: UpgradeRule[], acls: Map<string, AclDef>, offer: string, req: SquidRequest): UpgradeDecision {
  const slash = offer.indexOf('/');
  const name = slash === -1 ? offer : offer.slice(0, slash);
  const version = slash === -1 ? null : offer.slice(slash + 1);
  const named = rules.filter((r) => r.protocol === name && r.protocol !== 'OTHER');
  const [set, via]: [UpgradeRule[], UpgradeDecision['via']] = named.length
    ? [named, 'named']
    : [rules.filter((r) => r.protocol === 'OTHER' && r.version === null), 'other'];
  if (!set.length) return { allowed: false, via: 'none', directive: null };
  let unknown = false;
  for (const r of set) {
    if (r.version !== null && r.version !== version) continue;
    const m = ruleMatches(acls, r, req);
    if (m === true) return { allowed: unknown ? 'unknown' : r.action === 'allow', via, directive: r.directive };
    if (m === 'unknown') unknown = true;
  }
  return { allowed: unknown ? 'unknown' : false, via, directive: null };
}
