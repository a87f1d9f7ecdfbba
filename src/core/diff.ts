/** Unified diffs that `git apply` accepts: a/ and b/ paths relative to the working directory. */
import * as path from 'node:path';
import type { SourceFile } from './ast';
import { forDisplay } from './redact';

export function unifiedDiff(file: SourceFile, newText: string, cwd: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createTwoFilesPatch } = require('diff') as typeof import('diff');
  const rel = path.relative(cwd, file.path).split(path.sep).join('/');
  const patch = createTwoFilesPatch(`a/${rel}`, `b/${rel}`, file.text, newText, undefined, undefined, { context: 3 });
  // jsdiff starts with an "Index:"-less "===" header line; git wants the ---/+++ lines first.
  // Shown to people (--diff, --fix-dry-run, generate --check): context lines are config text, so
  // credentials are masked and controls escaped. A hunk whose context held a secret no longer
  // applies with `git apply`; that is the price of never printing it.
  return forDisplay(patch.replace(/^=+\n/, '').replace(/^Index: .*\n/, ''), { keepNewlines: true });
}
