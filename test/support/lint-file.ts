/**
 * Lints one file on disk with every rule of its dialect at the rules' default severities, as the
 * suites that compare proxylint with a server's own checker need it (no .proxylint.yaml is read).
 */
import type { DialectName } from '../../src/core/ast';
import { Linter } from '../../src/core/linter';
import type { LintMessage } from '../../src/core/rule';
import { defaultSettings } from '../../src/core/settings';
import { SourceCache } from '../../src/core/source';
import { loadDialect } from '../../src/dialects/index';
import { rulesFor } from '../../rules/index';

/** `tree`: the directory the file's includes may read (default: none beyond the file's own). */
export function lintFileWithAllRules(file: string, dialect: DialectName, tree?: string): LintMessage[] {
  const settings = defaultSettings();
  const rules = rulesFor(dialect);
  const linter = new Linter({
    cache: new SourceCache(),
    dialectFor: loadDialect,
    configFor: () => ({ settings, roots: [], ruleSetting: (r) => ({ severity: r.severity, options: {} }) }),
    rulesFor: () => rules,
    ...(tree === undefined ? {} : { tree: [tree] }),
  });
  return linter.lint([{ path: file, dialect }]).flatMap((o) => o.messages);
}
