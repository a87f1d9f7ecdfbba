import * as fs from 'node:fs';
import * as path from 'node:path';

/** Repository root, whether the test runs from dist/test or test/. */
export const REPO_ROOT = (() => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
})();

/**
 * The shared material beside the checkout (the real-world corpus, the SARIF schema): the
 * session's /work/shared, not part of the repository. PROXYLINT_SHARED_DIR points elsewhere
 * (the test that a clone without it still passes sets it to a missing directory).
 */
export const SHARED_DIR = process.env.PROXYLINT_SHARED_DIR ? path.resolve(process.env.PROXYLINT_SHARED_DIR) : path.resolve(REPO_ROOT, '..', 'shared');
export const CORPUS_DIR = path.join(SHARED_DIR, 'corpus');
export const FIXTURES_DIR = path.join(REPO_ROOT, 'fixtures');

/**
 * `describe` when the shared corpus is beside the checkout, otherwise a visibly skipped block
 * (CI always has it; a bare clone may not).
 */
export function describeWithCorpus(name: string, fn: () => void): void {
  if (fs.existsSync(CORPUS_DIR)) {
    describe(name, fn);
  } else {
    // eslint-disable-next-line no-console
    console.warn(`NOTICE: ${CORPUS_DIR} is absent; skipping "${name}"`);
    // Not describe.skip(name, fn): jest still runs a skipped block's body to collect its tests,
    // and the body reads the corpus: it would throw on a clone without ../shared.
    describe.skip(name, () => {
      it(`needs ${CORPUS_DIR}`, () => undefined);
    });
  }
}
