/**
 * Server version targets against rule version ranges. Server versions are not always semver
 * ("5.7", "2.4.71", "1.22.1"): they are coerced ("5.7" → 5.7.0) before comparison.
 */
import coerce = require('semver/functions/coerce');
import satisfies = require('semver/functions/satisfies');

export function versionSatisfies(version: string, range: string): boolean {
  const v = coerce(version);
  if (!v) return true; // an unparsable target never silences a rule
  return satisfies(v, range);
}

export function versionAtLeast(version: string, min: string): boolean {
  return versionSatisfies(version, `>=${min}`);
}
