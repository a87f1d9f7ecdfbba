/** Unified diffs that `git apply` accepts: a/ and b/ paths relative to the working directory. */
import * as path from 'node:path';
import type { SourceFile } from './ast';

export function unifiedDiff(file: SourceFile, newText: string, cwd: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createTwoFilesPatch } = require('diff') as typeof import('diff');
  const rel = path.relative(cwd, file.path).split(path.sep).join('/');
  const patch = createTwoFilesPatch(`a/${rel}`, `b/${rel}`, file.text, newText, undefined, undefined, { context: 3 });
  // jsdiff starts with an "Index:"-less "===" header line; git wants the ---/+++ lines first.
  return patch.replace(/^=+\n/, '').replace(/^Index: .*\n/, '');
}
