/**
 * Where squid's `include` looks (cache_cf.cc parseManyConfigFiles): every argument is a glob(3)
 * pattern, results sorted per pattern and appended; a pattern matching nothing is fatal in squid
 * ("Unable to find configuration file"). Squid resolves a relative pattern against its working
 * directory (checked with `squid -k parse` from two directories); a linter has none that means
 * anything, so we use the root config's directory, the usual cwd in practice for `-f`.
 *
 * A tree copied elsewhere (a repository, a test corpus) still names its installed location in
 * absolute includes (`/etc/squid/conf.d/*.conf`): when the root is not in that directory, the
 * pattern's trailing components are tried under the root's directory first, so the copy is
 * linted as the tree it is and not mixed with whatever /etc holds on this machine.
 */
import * as path from 'node:path';
import { expandGlob, hasGlobMagic } from '../../core/glob';
import { locate, type IncludeSettings } from '../../core/include-paths';

/** Matches of one pattern, or the server path that lies outside the linted tree (hermetic). */
export function resolveIncludePattern(pattern: string, rootDir: string, includes?: IncludeSettings): string[] | { outside: string } {
  if (!path.isAbsolute(pattern)) return expandGlob(path.resolve(rootDir, pattern));
  // An explicit includes.map entry wins over the guess below.
  const where = locate(pattern, includes);
  if ('path' in where && where.mapped) return expandGlob(where.path);
  const literalHere = pattern.startsWith(rootDir.endsWith('/') ? rootDir : rootDir + '/');
  if (!literalHere) {
    const parts = pattern.split('/').filter(Boolean);
    for (let k = 1; k < parts.length; k++) {
      // A bare file-name wildcard (`*.conf`) beside the root would match the root itself and
      // whatever else lies there: only a literal name may be looked for without its directory.
      if (k === parts.length - 1 && hasGlobMagic(parts[k])) break;
      const found = expandGlob(path.join(rootDir, ...parts.slice(k)));
      if (found.length) return found;
    }
  }
  if ('outside' in where) return where;
  return expandGlob(pattern);
}
