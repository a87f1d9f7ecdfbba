/**
 * `request_header_access` / `reply_header_access` (squid 5 HeaderManglers::find): rules naming
 * the header win; otherwise `Other` rules apply to headers squid does not know by name; otherwise
 * `All` rules; otherwise the header passes. Within the chosen list, first match wins and no
 * match means the opposite of the last line. Header names compare case-insensitively.
 */
import type { Directive } from '../../core/ast';
import { accessRule, evaluate, type AccessDecision, type AccessRule } from './access';
import type { AclDef, SquidRequest } from './acl';
import type { Tristate } from './conditions';

/** Headers squid 5 registers by name (RegisteredHeadersHash): `Other` does not apply to them. */
const KNOWN = new Set(
  (
    'accept accept-charset accept-encoding accept-language accept-ranges age allow alternate-protocol ' +
    'authentication-info authorization cache-control cdn-loop connection content-base content-disposition ' +
    'content-encoding content-language content-length content-location content-md5 content-range content-type ' +
    'cookie cookie2 date etag expect expires forwarded from front-end-https host http2-settings if-match ' +
    'if-modified-since if-none-match if-range if-unmodified-since keep-alive key last-modified link location ' +
    'max-forwards mime-version negotiate origin pragma proxy-authenticate proxy-authentication-info ' +
    'proxy-authorization proxy-connection proxy-support public range referer request-range retry-after server ' +
    'set-cookie set-cookie2 surrogate-capability surrogate-control te title trailer transfer-encoding translate ' +
    'unless-modified-since upgrade user-agent vary via warning www-authenticate x-cache x-cache-lookup ' +
    'x-forwarded-for x-request-uri x-squid-error x-accelerator-vary x-next-services'
  ).split(' '),
);

export interface HeaderRule extends AccessRule {
  /** The header name as written (`All`, `Other` or a header). */
  header: string;
}

export interface HeaderDecision {
  /** Whether squid keeps the header. */
  allowed: Tristate;
  /** Which rule set applied. */
  via: 'named' | 'other' | 'all' | 'none';
  decision: AccessDecision | null;
}

export function headerRule(d: Directive): HeaderRule {
  return { ...accessRule(d, 1), header: d.args[0] ?? '' };
}

export function isKnownHeader(name: string): boolean {
  return KNOWN.has(name.toLowerCase());
}

export function headerAccess(rules: HeaderRule[], acls: Map<string, AclDef>, header: string, req: SquidRequest): HeaderDecision {
  const h = header.toLowerCase();
  const named = rules.filter((r) => r.header.toLowerCase() === h);
  const other = isKnownHeader(h) ? [] : rules.filter((r) => r.header === 'Other');
  const all = rules.filter((r) => r.header === 'All');
  const [list, via]: [HeaderRule[], HeaderDecision['via']] = named.length
    ? [named, 'named']
    : other.length
      ? [other, 'other']
      : all.length
        ? [all, 'all']
        : [[], 'none'];
  if (!list.length) return { allowed: true, via, decision: null };
  const decision = evaluate(list, acls, req, 'opposite-of-last', 'allow');
  const allowed: Tristate = decision.certain ? decision.action === 'allow' : 'unknown';
  return { allowed, via, decision };
}
