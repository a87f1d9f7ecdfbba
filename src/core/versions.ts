/**
 * Server version targets against rule version ranges ("<1.29.7", ">=2.4.47", ">=5",
 * ">=1.2 <2 || >=3"). Server versions are not semver ("5.7", "2.4.71"): the first
 * `major[.minor[.patch]]` in the string counts, missing parts are 0.
 *
 * Hand-written rather than the `semver` package: rules only need comparators, and semver builds
 * some forty regexes when loaded — a measurable share of a one-file run's start-up.
 */

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
