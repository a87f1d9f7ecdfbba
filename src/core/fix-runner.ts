/**
 * --fix: lint, take the allowed fixes, apply them in memory, re-parse and re-lint, up to ten
 * passes. A pass whose result no longer parses is thrown away (nothing broken is ever
 * written). Returns the final texts of changed files; writing is the caller's choice.
 */
import type { SourceFile } from './ast';
import { applyEdits, selectFixes } from './fixes';
import type { FileOutcome, FileRequest, Linter } from './linter';
import type { Fix } from './rule';
import type { SourceCache } from './source';

export const MAX_FIX_PASSES = 10;

export interface FixRun {
  outcomes: FileOutcome[];
  /** Original file → final text, for files that changed. */
  changed: Map<SourceFile, string>;
  passes: number;
  /** Fixes applied over all passes that were kept (for "fixed N problems in M files"). */
  fixed: number;
  /** Fixes dropped because their result did not parse. */
  rejected: { file: string; message: string }[];
}

export function runFixes(linter: Linter, cache: SourceCache, requests: FileRequest[], allowUnsafe: boolean): FixRun {
  const originals = new Map<string, SourceFile>();
  const current = new Map<string, string>();
  const rejected: FixRun['rejected'] = [];
  let outcomes = linter.lint(requests);
  let passes = 0;
  let fixed = 0;
  const allowed = (f: Fix) => f.applicability !== 'unsafe' || allowUnsafe;

  for (; passes < MAX_FIX_PASSES; passes++) {
    const fixes = outcomes.flatMap((o) => o.messages.filter((m) => m.fix && !m.fatal && allowed(m.fix)).map((m) => m.fix!));
    if (fixes.length === 0) break;
    const selection = selectFixes(fixes);
    const before = new Map<string, SourceFile>();
    for (const [file, edits] of selection.edits) {
      if (!originals.has(file.path)) originals.set(file.path, file);
      before.set(file.path, file);
      const text = applyEdits(file.text, edits);
      current.set(file.path, text);
      cache.set({ path: file.path, text, encoding: file.encoding });
    }
    linter.reset();
    const next = linter.lint(requests);
    const broken = next.flatMap((o) => o.messages.filter((m) => m.fatal && before.has(m.file.path)));
    if (broken.length) {
      // Undo the whole pass: a fixed file must still parse.
      for (const [p, f] of before) {
        cache.set(f);
        if (f === originals.get(p)) current.delete(p);
        else current.set(p, f.text);
      }
      for (const m of broken) rejected.push({ file: m.file.path, message: m.message });
      linter.reset();
      outcomes = linter.lint(requests);
      break;
    }
    outcomes = next;
    fixed += selection.appliedFixes;
  }
  const changed = new Map<SourceFile, string>();
  for (const [p, text] of current) {
    const orig = originals.get(p)!;
    if (text !== orig.text) changed.set(orig, text);
  }
  return { outcomes, changed, passes, fixed, rejected };
}
