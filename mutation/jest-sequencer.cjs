// The jest test sequencer of `npm run mutate`: for a mutant run (Stryker sets the active mutant in
// the environment), keep only the test files that reached that mutant in the dry run, through a
// test or while loading (see jest-environment.cjs). Any doubt (no map, a mutant no file reached)
// runs every file, as Stryker would.
const fs = require('fs');
const path = require('path');
const Sequencer = require('@jest/test-sequencer').default;

class MutantTestSequencer extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    const mutant = process.env.__STRYKER_ACTIVE_MUTANT__;
    if (mutant === undefined) return sorted;
    let coverage;
    try {
      coverage = JSON.parse(fs.readFileSync(path.join(process.cwd(), '.stryker-file-coverage.json'), 'utf8'));
    } catch {
      return sorted;
    }
    const reaching = sorted.filter((test) => coverage.files[test.path]?.includes(mutant));
    return reaching.length > 0 ? reaching : sorted;
  }
}

module.exports = MutantTestSequencer;
