/**
 * What each dialect folder exports (src/dialects/<name>/index.ts), loaded lazily by name.
 */
import type { DialectName, IncludedFile, ParsedUnit, SourceFile } from './ast';
import type { DeployLink, IncludeSettings } from './include-paths';
import type { Settings } from './settings';
import type { LintMessage } from './rule';

export interface LoadOptions {
  /** Reads a file (through the shared cache) or throws a NodeJS.ErrnoException. */
  readFile(path: string): SourceFile;
  /** Settings (targets matter to Apache's <IfVersion>). */
  settings: Settings;
  /** Include mapping and hermetic mode (the linter always passes them; absent: every path is read as is). */
  includes?: IncludeSettings;
  /**
   * Directory relative includes resolve against (nginx's conf prefix, Apache's ServerRoot,
   * Squid's working directory), when configured or when the root was reached through a symlink.
   */
  prefix?: string;
  /** The path a file is known by (symlinks resolved), for cycle checks and de-duplication. */
  canonical?(path: string): string;
  /** A link the deploy makes in an `-enabled` directory the tree lacks (core/include-paths DeployLink): includes of it read the file. */
  deployLink?: DeployLink;
}

export interface Dialect<A = unknown> {
  name: DialectName;
  /** Parse one file, no includes. Never throws on bad input: errors come back in `error`. */
  parse(file: SourceFile): IncludedFile;
  /** Parse a root file and everything it includes, the way the server would. */
  load(root: SourceFile, options: LoadOptions): ParsedUnit;
  /** Shared analyses for rules (lazy inside: computing nothing until a rule asks). */
  analyze(unit: ParsedUnit, settings: Settings): A;
  /**
   * The main config that includes `path`, when one can be found beside or above it (nginx's
   * nginx.conf, Debian's apache2.conf): a fragment is then linted in its real context.
   */
  discoverRoot?(path: string): string | undefined;
  /**
   * For a fragment linted without its main config: what could not be checked for lack of it
   * (one clause, e.g. `$connection_upgrade is not defined here, so nginx/undefined-variable did
   * not run`), or undefined when the fragment needs nothing from a main config.
   */
  contextGap?(unit: ParsedUnit): string | undefined;
  /**
   * For a fragment that is the body of a block its server reads elsewhere (nginx: a file of
   * `location` blocks, included inside a `server`): what is unknown about that block (one
   * clause), or undefined. Everything the block passes down (proxy_set_header, timeouts) is
   * unknown, so the engine reports at info each finding that block could change; undefined for a
   * finding that holds whatever it says (a location with its own proxy_set_header list inherits none).
   */
  unknownEnclosure?(unit: ParsedUnit, finding: LintMessage): string | undefined;
}

/**
 * The first of `names` in the directory of `file` or up to `levels` directories above it (the
 * main config that includes a fragment: Debian's sites-enabled/x → ../apache2.conf).
 */
export function findAbove(file: string, names: string[], levels = 4): string | undefined {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fs = require('node:fs') as typeof import('node:fs');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const path = require('node:path') as typeof import('node:path');
  let dir = path.dirname(file);
  for (let i = 0; i < levels; i++) {
    for (const n of names) {
      const candidate = path.join(dir, n);
      if (candidate !== file && fs.existsSync(candidate)) return candidate;
    }
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return undefined;
}
