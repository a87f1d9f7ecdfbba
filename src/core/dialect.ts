/**
 * What each dialect folder exports (src/dialects/<name>/index.ts), loaded lazily by name.
 */
import type { DialectName, IncludedFile, ParsedUnit, SourceFile } from './ast';
import type { Settings } from './settings';

export interface LoadOptions {
  /** Reads a file (through the shared cache) or throws a NodeJS.ErrnoException. */
  readFile(path: string): SourceFile;
  /** Settings (targets matter to Apache's <IfVersion>). */
  settings: Settings;
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
}
