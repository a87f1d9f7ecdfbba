import * as net from 'node:net';
import { isIPv4, isIPv6, parseIpAcl } from '../../../src/dialects/squid/ip';

// ip.ts writes out node:net's address tests so a Squid run need not load node:net: they must
// agree with node's on every string, valid or not.
const CASES = [
  '127.0.0.1',
  '0.0.0.0',
  '255.255.255.255',
  '256.1.1.1',
  '01.2.3.4',
  '1.2.3',
  '1.2.3.4.5',
  '1.2.3.4 ',
  '',
  '::',
  '::1',
  '1::',
  '::ffff:1.2.3.4',
  '::1.2.3.4',
  '1:2:3:4:5:6:7:8',
  '1:2:3:4:5:6:7:8:9',
  '1:2:3:4:5:6:1.2.3.4',
  '1::2::3',
  'fe80::1%eth0',
  'fe80::1%',
  'FFFF::abcd',
  '12345::1',
  'g::1',
  'localhost',
];

function random(seed: number): () => number {
  let s = seed;
  return () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
}

describe("squid ip: node:net's isIPv4/isIPv6 written out", () => {
  test.each(CASES)('%j', (s) => {
    expect([isIPv4(s), isIPv6(s)]).toEqual([net.isIPv4(s), net.isIPv6(s)]);
  });

  test('20,000 generated near-addresses agree', () => {
    const r = random(13);
    const pick = (xs: string) => xs[Math.floor(r() * xs.length)];
    let agreed = 0;
    let valid = 0;
    for (let k = 0; k < 20000; k++) {
      const dotted = r() < 0.5;
      const parts: string[] = [];
      const n = dotted ? 3 + Math.floor(r() * 3) : 2 + Math.floor(r() * 8);
      for (let j = 0; j < n; j++) parts.push(r() < 0.1 ? '' : dotted ? String(Math.floor(r() * 300)) : Math.floor(r() * 0x11000).toString(16));
      let s = parts.join(dotted ? '.' : ':');
      if (r() < 0.2) s = s.replace(/[^:]*$/, `${Math.floor(r() * 300)}.1.2.${Math.floor(r() * 300)}`);
      if (r() < 0.3) s = s.replace(':', '::');
      if (r() < 0.1) s += pick('%e.:z ');
      if (isIPv4(s) === net.isIPv4(s) && isIPv6(s) === net.isIPv6(s)) agreed++;
      if (net.isIPv4(s) || net.isIPv6(s)) valid++;
    }
    expect(agreed).toBe(20000);
    // The generator reaches both answers (a test of only invalid strings would prove little).
    expect(valid).toBeGreaterThan(1000);
  });

  test('acl values parse as before', () => {
    expect(parseIpAcl('10.0.0.0/8')).toEqual({ lo: (0xffffn << 32n) | 0x0a000000n, hi: (0xffffn << 32n) | 0x0affffffn });
    expect(parseIpAcl('fc00::/7')).toEqual({ lo: 0xfc00n << 112n, hi: (0xfe00n << 112n) - 1n });
    expect(parseIpAcl('example.com')).toBeNull();
  });
});
