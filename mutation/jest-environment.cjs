// The jest environment of `npm run mutate` (stryker.config.mjs). During Stryker's dry run it
// records which mutants each test file reaches, in <sandbox>/.stryker-file-coverage.json, so that
// jest-sequencer.cjs can run only those files for a mutant. Stryker's own jest runner filters by
// test name only, so jest would load every test file of the dialect (and the whole instrumented
// source with each) for every mutant, to run the one or two tests that matter.
//
// Per file, two sets: the mutants its tests reach (Stryker's per-test coverage of the file's
// tests) and the static mutants it reaches while no test runs (module-level code such as a rule's
// metadata, run when the file or a hook loads the module). Each test file has its own module
// registry, so a mutant can change the outcome only in files that reach it: a static mutant runs
// the files that load its module, not every file.
const fs = require('fs');
const path = require('path');
const NodeEnvironment = require('jest-environment-node').TestEnvironment;

const ACTIVE_MUTANT = '__STRYKER_ACTIVE_MUTANT__';
const MAP_FILE = path.join(process.cwd(), '.stryker-file-coverage.json');
// Shared by every test file of the dry run (the environment module is loaded once per process).
const fileCoverage = { files: {} };

// The test id Stryker gives a test (its mixin's fullName): describe titles and the test name.
function fullName(test) {
  const names = [];
  for (let block = test.parent; block && block.parent; block = block.parent) names.unshift(block.name);
  return [...names, test.name].join(' ').trim();
}

const dryRun = () => process.env[ACTIVE_MUTANT] === undefined;

class MutationCoverageEnvironment extends NodeEnvironment {
  constructor(config, context) {
    super(config, context);
    this.testPath = context.testPath;
    this.testIds = new Set();
    this.staticBefore = undefined;
  }

  async setup() {
    await super.setup();
    // Stryker's mixin has set the shared instrumenter context by now (in its constructor).
    this.staticBefore = { ...(this.global.__stryker__?.mutantCoverage?.static ?? {}) };
  }

  async handleTestEvent(event) {
    if (event.name === 'test_start') this.testIds.add(fullName(event.test));
    // jest-circus sends test_start and then test_skip / test_todo with no test_done, and Stryker
    // clears the current test only on test_done: what the next test file loads (a rule's
    // metadata, at import) would count as covered by the skipped test alone, and its mutants
    // would run only that test. Cleared here, it is static coverage.
    if ((event.name === 'test_skip' || event.name === 'test_todo') && this.global.__stryker__) this.global.__stryker__.currentTestId = undefined;
  }

  async teardown() {
    const coverage = this.global.__stryker__?.mutantCoverage;
    if (dryRun() && coverage?.perTest) {
      const mutants = new Set(fileCoverage.files[this.testPath] ?? []);
      for (const id of this.testIds) for (const mutant of Object.keys(coverage.perTest[id] ?? {})) mutants.add(mutant);
      // Static hits counted while this file ran (its module loads, beforeAll hooks).
      for (const [mutant, hits] of Object.entries(coverage.static ?? {})) if (hits > (this.staticBefore?.[mutant] ?? 0)) mutants.add(mutant);
      fileCoverage.files[this.testPath] = [...mutants];
      fs.writeFileSync(MAP_FILE, JSON.stringify(fileCoverage));
    }
    await super.teardown();
  }
}

module.exports = MutationCoverageEnvironment;
