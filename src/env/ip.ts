/**
 * IP and CIDR matching through ipaddr.js, loaded on first use: nothing of env runs on the lint
 * path, and even `env explain` only needs it when a NO_PROXY entry looks like an address.
 */
import type * as IpaddrNs from 'ipaddr.js';

let lib: typeof IpaddrNs | undefined;
function ipaddr(): typeof IpaddrNs {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (lib ??= require('ipaddr.js') as typeof IpaddrNs);
}

/** `127.0.0.0/8`, `::1/128` → a matcher; null when `entry` is not CIDR notation. */
export function cidrContains(entry: string, host: string): boolean | null {
  if (!entry.includes('/')) return null;
  const { isValidCIDR, parseCIDR, parse, isValid } = ipaddr();
  if (!isValidCIDR(entry)) return null;
  if (!isValid(host)) return false;
  const [net, bits] = parseCIDR(entry);
  let addr = parse(host);
  if (addr.kind() !== net.kind()) {
    if (addr.kind() === 'ipv6' && (addr as IpaddrNs.IPv6).isIPv4MappedAddress()) addr = (addr as IpaddrNs.IPv6).toIPv4Address();
    else return false;
  }
  return addr.match(net, bits);
}

export function isCidr(entry: string): boolean {
  return entry.includes('/') && ipaddr().isValidCIDR(entry);
}

/** Strict dotted-quad or IPv6 address (what Go's net.ParseIP and inet_pton accept). */
export function ipKind(s: string): 0 | 4 | 6 {
  const { IPv4, IPv6 } = ipaddr();
  if (IPv4.isValidFourPartDecimal(s)) return 4;
  if (s.includes(':') && IPv6.isValid(s)) return 6;
  return 0;
}

export function sameIp(a: string, b: string): boolean {
  const { isValid, parse } = ipaddr();
  if (!isValid(a) || !isValid(b)) return false;
  const x = parse(a);
  const y = parse(b);
  return x.kind() === y.kind() && x.toNormalizedString() === y.toNormalizedString();
}
