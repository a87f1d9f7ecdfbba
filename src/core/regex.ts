/**
 * Regexes written in configs (Apache ProxyPassMatch, <LocationMatch>, RewriteRule/RewriteCond
 * and <IfVersion ~>, nginx map keys, Squid url_regex and friends, `websocket.paths` `~` entries),
 * evaluated with a linear-time engine: RE2 (re2js, the JavaScript port of Google's RE2). V8's
 * backtracking RegExp took over 60 s on a hostile `(a+)+b` against a 40-character path; RE2 is
 * linear in pattern × input by construction (issue 14).
 *
 * RE2's syntax is Perl's/PCRE's without backreferences, lookaround and possessive quantifiers,
 * which is closer to what httpd and nginx (PCRE) and Squid (POSIX ERE) accept than JS RegExp is:
 * `(?i)`, `(?P<n>…)` and `[[:alpha:]]` work. A pattern RE2 cannot run is `null`, the same answer
 * as an invalid one: callers already treat that as "cannot tell". re2js (~21 ms to require) is
 * loaded on the first pattern, so a config without regexes never pays for it.
 */
import type * as Re2 from 're2js';

export interface Pattern {
  /** Does the pattern match anywhere in `s` (RegExp.prototype.test semantics)? */
  test(s: string): boolean;
}

let engine: typeof Re2.RE2JS | undefined;
function re2(): typeof Re2.RE2JS {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  engine ??= (require('re2js') as typeof Re2).RE2JS;
  return engine;
}

// Configs repeat the same few patterns across thousands of entries; a bound keeps a hostile file
// of distinct patterns from holding them all.
const MAX_CACHED = 4096;
const cache = new Map<string, Pattern | null>();

export function compilePattern(src: string, opts: { caseless?: boolean } = {}): Pattern | null {
  const key = (opts.caseless ? 'i:' : ':') + src;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  let p: Pattern | null;
  try {
    const R = re2();
    const compiled = R.compile(src, opts.caseless ? R.CASE_INSENSITIVE : 0);
    p = { test: (s: string) => compiled.matcher(s).find() };
  } catch {
    p = null;
  }
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(key, p);
  return p;
}
