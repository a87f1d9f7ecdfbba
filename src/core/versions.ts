/**
 * Server versions: the facts (which release we assume, which release changed what a config
 * does) and comparing a target against them. Every server version the generator, the rules and
 * the messages use is written here once (test/core/version-facts.test.ts fails on a restated
 * one), so a gate and the message that names it cannot drift apart.
 *
 * Server versions are not semver ("5.7", "2.4.71"): the first `major[.minor[.patch]]` in the
 * string counts, missing parts are 0. Hand-written rather than the `semver` package: rules only
 * need comparators, and semver builds some forty regexes when loaded — a measurable share of a
 * one-file run's start-up.
 */
import type { DialectName } from './ast';

/** Debian stable (12, bookworm): what we assume when `targets` is not configured. */
export const DEFAULT_TARGETS: Readonly<Record<DialectName, string>> = {
  nginx: '1.22.1',
  apache: '2.4.71',
  squid: '5.7',
  haproxy: '2.6.12',
};

/** The first release with each behaviour the rules and the generator depend on. */
export const SINCE = {
  nginx: {
    /** WebSocket proxying (Upgrade/Connection passed through to the upstream). */
    websocketProxy: '1.3.13',
    /** `http2 on;`, and cleartext ports sniff the HTTP/2 preface (HTTP/1.x clients still served). */
    http2Directive: '1.25.1',
    /** proxy_http_version defaults to 1.1. */
    proxyHttp11Default: '1.29.7',
  },
  apache: {
    /** mod_proxy_http tunnels upgrades (ProxyPass … upgrade=websocket; ws:// without mod_proxy_wstunnel). */
    upgradeParam: '2.4.47',
  },
  squid: {
    /** http_upgrade_request_protocols: Squid forwards an Upgrade at all. */
    upgradeProtocols: '5',
  },
  haproxy: {
    /** `timeout tunnel` (since 1.5-dev10). */
    timeoutTunnel: '1.5',
  },
} as const;

/** A rule's `versions` range: this release and later / the releases before it. */
export const sinceRange = (v: string): string => `>=${v}`;
export const beforeRange = (v: string): string => `<${v}`;

export interface Version {
  major: number;
  minor: number;
  patch: number;
}

export function coerceVersion(s: string): Version | undefined {
  const m = /(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(s);
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2] ?? 0), patch: Number(m[3] ?? 0) };
}

export function compareVersions(a: Version, b: Version): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

const COMPARATOR = /^(<=|>=|<|>|=)?\s*v?(\d+(?:\.\d+){0,2})$/;

function satisfiesComparator(v: Version, comparator: string): boolean {
  const m = COMPARATOR.exec(comparator);
  if (!m) throw new Error(`bad version range "${comparator}" (expected e.g. ">=2.4.47")`);
  const c = compareVersions(v, coerceVersion(m[2])!);
  switch (m[1] ?? '=') {
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    case '>=':
      return c >= 0;
    default:
      return c === 0;
  }
}

export function versionSatisfies(version: string, range: string): boolean {
  const v = coerceVersion(version);
  if (!v) return true; // an unparsable target never silences a rule
  return range.split('||').some((set) =>
    set
      .trim()
      .replace(/(<=|>=|<|>|=)\s+/g, '$1')
      .split(/\s+/)
      .filter(Boolean)
      .every((c) => satisfiesComparator(v, c)),
  );
}

export function versionAtLeast(version: string, min: string): boolean {
  return versionSatisfies(version, `>=${min}`);
}
