// Mutation testing (issue 15): `npm run mutate` (MUTATE=rules/haproxy by default; one folder at a
// time, e.g. MUTATE=rules/nginx, MUTATE=rules/nginx/websocket-read-timeout or
// MUTATE=src/dialects/squid). Incremental: results are kept in reports/stryker-incremental-*.json,
// so a rerun tests only mutants of changed code or tests. Not in CI. (Not committed: 12 MB for the
// eight folders, and a change to a test file re-tests every mutant its tests reach, so a rerun
// after new table rows reused 24 of 1,301 results; a whole folder takes 2-10 minutes anyway.)
//
// Stryker places every mutant in the TypeScript sources behind a runtime switch, the sandbox is
// compiled once with tsc (the tests run on dist/, as `npm test` does), and jest runs only the
// tests of the mutated folder's dialect (coverage per test picks the ones that reach a mutant, and
// mutation/jest-sequencer.cjs loads only the test files that hold them).
const target = (process.env.MUTATE ?? 'rules/haproxy').replace(/\/$/, '');
// rules/<dialect>[/<rule>], src/dialects/<dialect>, or one source file of it
// (src/dialects/nginx/analysis/variables.ts: its dialect's tests, its mutants only; several
// files of one dialect separated by commas).
const dialect = target.startsWith('rules/') ? target.split('/')[1] : target.split('/')[2];
const mutate = target.endsWith('.ts')
  ? target.split(',')
  : target.startsWith('rules/')
    ? [`${target}/**/index.ts`]
    : [`${target}/analysis.ts`, `${target}/analysis/**/*.ts`, `${target}/analysis-*.ts`];
// The tests that can see the folder's mutants: its dialect's rule tables and dialect tests; for a
// rules folder also the rule-docs meta-test (README examples run as tests, docs/rules.md and the
// schema rendered from each rule's metadata: a mutated summary or options schema shows there).
// Env rules keep their tests in test/env (but for the two that run the CLI bundle, which the
// sandbox does not build: a mutant there would not reach them).
const tests =
  dialect === 'env'
    ? ['<rootDir>/dist/test/env/!(lint|registry).test.js']
    : [`<rootDir>/dist/rules/${dialect}/**/*.test.js`, `<rootDir>/dist/test/dialects/${dialect}/**/*.test.js`];
if (target.startsWith('rules/')) tests.push('<rootDir>/dist/test/cli-ci/rule-docs.test.js');
// Fuzz suites only catch crashes and hangs (a hang is a Stryker timeout anyway), run hundreds of
// lints per mutant, and assert a wall-clock bound that the instrumented sandbox on a loaded
// machine misses (squid's 500 random inputs: 33 s against its 20 s bound, failing the dry run).
tests.push('!**/fuzz*.test.js', '!**/*-fuzz.test.js');

export default {
  testRunner: 'jest',
  packageManager: 'npm',
  mutate,
  buildCommand: 'npx tsc -p tsconfig.json',
  // TypeScript 7 (the native tsc) has no JS API for Stryker's tsconfig rewriting; the sandbox
  // keeps the project's tsconfig.json as it is (it has no project references to rewrite).
  tsconfigFile: 'tsconfig.stryker-none.json',
  coverageAnalysis: 'perTest',
  incremental: true,
  incrementalFile: `reports/stryker-incremental-${target.replace(/\//g, '_')}.json`,
  concurrency: Number(process.env.MUTATE_CONCURRENCY ?? 1),
  timeoutMS: 20000,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: `reports/mutation-${target.replace(/\//g, '_')}.json` },
  // test/realworld/cases: no mutation test reads them, and they keep checked-in absolute /etc
  // symlinks (layout cases) that dangle here and stop the sandbox copy (ENOENT).
  ignorePatterns: ['dist', 'reports', '.stryker-tmp', 'action/dist', 'test/realworld/cases'],
  // Pure metadata (a rule's docs.evidence) is not mutated: see stryker-ignore-metadata.mjs.
  plugins: ['@stryker-mutator/*', './stryker-ignore-metadata.mjs'],
  ignorers: ['rule-evidence'],
  jest: {
    projectType: 'custom',
    config: {
      // Node's environment, recording in the dry run which test files reach which mutants, and a
      // sequencer that runs only those files for each mutant (Stryker's jest runner would load
      // every test file of the run and filter by test name).
      // (Paths from the sandbox root: jest resolves them from rootDir, Stryker from its cwd.)
      testEnvironment: './mutation/jest-environment.cjs',
      testSequencer: './mutation/jest-sequencer.cjs',
      roots: ['<rootDir>/dist'],
      testMatch: tests,
      testTimeout: 30000,
    },
    enableFindRelatedTests: false,
  },
};
