// The jest environment of `npm run mutate` (stryker.config.mjs). During Stryker's dry run it
// records which mutants each test file's tests reach, in <sandbox>/.stryker-file-coverage.json,
// so that jest-sequencer.cjs can run only those files for a mutant. Stryker's own jest runner
// filters by test name only, so jest would load every test file of the dialect (and the whole
// instrumented source with each) for every mutant, to run the one or two tests that matter.
const fs = require('fs');
const path = require('path');
const NodeEnvironment = require('jest-environment-node').TestEnvironment;

const ACTIVE_MUTANT = '__STRYKER_ACTIVE_MUTANT__';
const MAP_FILE = path.join(process.cwd(), '.stryker-file-coverage.json');
// Shared by every test file of the dry run (the environment module is loaded once per process).
const fileCoverage = { files: {}, static: [] };

// The test id Stryker gives a test (its mixin's fullName): describe titles and the test name.
function fullName(test) {
  const names = [];
  for (let block = test.parent; block && block.parent; block = block.parent) names.unshift(block.name);
  return [...names, test.name].join(' ').trim();
}

class MutationCoverageEnvironment extends NodeEnvironment {
  constructor(config, context) {
    super(config, context);
    this.testPath = context.testPath;
    this.testIds = new Set();
  }

  async handleTestEvent(event) {
    if (event.name === 'test_start') this.testIds.add(fullName(event.test));
    // jest-circus sends test_start and then test_skip / test_todo with no test_done, and Stryker
    // clears the current test only on test_done: what the next test file loads (a rule's
    // metadata, at import) would count as covered by the skipped test alone, and its mutants
    // would run only that test. Cleared here, it is static coverage, which runs every test.
    if ((event.name === 'test_skip' || event.name === 'test_todo') && this.global.__stryker__) this.global.__stryker__.currentTestId = undefined;
  }

  async teardown() {
    const coverage = this.global.__stryker__?.mutantCoverage;
    if (process.env[ACTIVE_MUTANT] === undefined && coverage?.perTest) {
      const mutants = new Set(fileCoverage.files[this.testPath] ?? []);
      for (const id of this.testIds) for (const mutant of Object.keys(coverage.perTest[id] ?? {})) mutants.add(mutant);
      fileCoverage.files[this.testPath] = [...mutants];
      fileCoverage.static = Object.keys(coverage.static ?? {});
      fs.writeFileSync(MAP_FILE, JSON.stringify(fileCoverage));
    }
    await super.teardown();
  }
}

module.exports = MutationCoverageEnvironment;
