/** Paths the benchmark scripts share (bench/run.ts, bench/golden.ts): the checkout, its CLI, ../shared. */
import * as path from 'node:path';

/** The repository root (this file runs from dist/bench/). */
export const REPO = path.resolve(__dirname, '..', '..');
/** The CLI as users run it: bin/proxylint.js, the bundle through its code cache. */
export const CLI = path.join(REPO, 'bin', 'proxylint.js');
/** The real-world corpus beside the checkout (absent in a bare clone). */
export const SHARED_CORPUS = path.resolve(REPO, '..', 'shared', 'corpus');
