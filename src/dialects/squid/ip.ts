/**
 * IP address matching for `src`/`dst` acls, in the forms squid's ACLIP parser accepts:
 * `all`, `addr`, `addr/bits`, `addr/dotted-mask`, `lo-hi` and `lo-hi/mask`, IPv4 and IPv6.
 * Addresses become bigints in one 128-bit space (IPv4 as ::ffff:a.b.c.d, as squid stores them),
 * so a v4 and a v6 range compare correctly.
 */

// node:net's isIPv4/isIPv6 (lib/internal/net.js, node 18-22), written out: loading node:net
// for two regular expressions cost a Squid run its socket modules (test/dialects/squid/ip.test
// compares them with node:net's).
const V4_SEG = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])';
const V4_STR = `(?:${V4_SEG}\\.){3}${V4_SEG}`;
const IPV4 = new RegExp(`^${V4_STR}$`);
const V6_SEG = '(?:[0-9a-fA-F]{1,4})';
const IPV6 = new RegExp(
  '^(?:' +
    `(?:${V6_SEG}:){7}(?:${V6_SEG}|:)|` +
    `(?:${V6_SEG}:){6}(?:${V4_STR}|:${V6_SEG}|:)|` +
    `(?:${V6_SEG}:){5}(?::${V4_STR}|(?::${V6_SEG}){1,2}|:)|` +
    `(?:${V6_SEG}:){4}(?:(?::${V6_SEG}){0,1}:${V4_STR}|(?::${V6_SEG}){1,3}|:)|` +
    `(?:${V6_SEG}:){3}(?:(?::${V6_SEG}){0,2}:${V4_STR}|(?::${V6_SEG}){1,4}|:)|` +
    `(?:${V6_SEG}:){2}(?:(?::${V6_SEG}){0,3}:${V4_STR}|(?::${V6_SEG}){1,5}|:)|` +
    `(?:${V6_SEG}:){1}(?:(?::${V6_SEG}){0,4}:${V4_STR}|(?::${V6_SEG}){1,6}|:)|` +
    `(?::(?:(?::${V6_SEG}){0,5}:${V4_STR}|(?::${V6_SEG}){1,7}|:))` +
    ')(?:%[0-9a-zA-Z-.:]{1,})?$',
);

export function isIPv4(s: string): boolean {
  return IPV4.test(s);
}

export function isIPv6(s: string): boolean {
  return IPV6.test(s);
}

const V4_PREFIX = 0xffffn << 32n;
const ALL128 = (1n << 128n) - 1n;

function v4(s: string): bigint {
  const p = s.split('.').map(Number);
  return V4_PREFIX | BigInt(((p[0] << 24) >>> 0) + (p[1] << 16) + (p[2] << 8) + p[3]);
}

function v6(s: string): bigint {
  let str = s;
  // Embedded dotted quad (::ffff:1.2.3.4)
  const dot = str.lastIndexOf(':');
  if (str.includes('.')) {
    const tail = v4(str.slice(dot + 1)) & 0xffffffffn;
    str = str.slice(0, dot + 1) + (tail >> 16n).toString(16) + ':' + (tail & 0xffffn).toString(16);
  }
  const [head, rest] = str.split('::');
  const h = head ? head.split(':') : [];
  const r = rest !== undefined && rest !== '' ? rest.split(':') : [];
  const groups = rest === undefined ? h : [...h, ...Array(8 - h.length - r.length).fill('0'), ...r];
  let n = 0n;
  for (const g of groups) n = (n << 16n) | BigInt(parseInt(g || '0', 16));
  return n;
}

export function parseIp(s: string): bigint | null {
  if (isIPv4(s)) return v4(s);
  if (isIPv6(s)) return v6(s);
  return null;
}

export interface IpRange {
  lo: bigint;
  hi: bigint;
}

function maskFromBits(bits: number, isV4: boolean): bigint {
  const total = isV4 ? 32 : 128;
  if (bits < 0 || bits > total) return -1n;
  const hostBits = BigInt(total - bits);
  return ALL128 ^ ((1n << hostBits) - 1n);
}

/** Parse one acl value; null when it is not an address form (a host name, a typo). */
export function parseIpAcl(value: string): IpRange | 'all' | null {
  if (value === 'all') return 'all';
  let addr = value;
  let mask: bigint | null = null;
  const slash = value.lastIndexOf('/');
  if (slash !== -1) {
    addr = value.slice(0, slash);
    const m = value.slice(slash + 1);
    const isV4 = !addr.includes(':');
    if (/^\d+$/.test(m)) mask = maskFromBits(Number(m), isV4);
    else {
      const mm = parseIp(m);
      if (mm === null) return null;
      mask = isV4 ? mm | (ALL128 ^ 0xffffffffn) : mm;
    }
    if (mask < 0n) return null;
  }
  const dash = addr.indexOf('-');
  if (dash !== -1) {
    const lo = parseIp(addr.slice(0, dash));
    const hi = parseIp(addr.slice(dash + 1));
    if (lo === null || hi === null) return null;
    return mask === null ? { lo, hi } : { lo: lo & mask, hi: hi | (ALL128 ^ mask) };
  }
  const a = parseIp(addr);
  if (a === null) return null;
  if (mask === null) return { lo: a, hi: a };
  return { lo: a & mask, hi: (a & mask) | (ALL128 ^ mask) };
}

export function ipInRange(ip: bigint, r: IpRange | 'all'): boolean {
  return r === 'all' || (ip >= r.lo && ip <= r.hi);
}
