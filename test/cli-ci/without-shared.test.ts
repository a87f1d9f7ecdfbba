/**
 * `npm test` on a clone without ../shared (issue 10): the suites that read the shared corpus or
 * schema skip with a visible NOTICE instead of failing with ENOENT. Runs jest itself over those
 * suites with PROXYLINT_SHARED_DIR pointing at a directory that does not exist.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../support/paths';

/** The compiled suites that read ../shared (any that mention the corpus or the shared dir). */
function sharedSuites(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.test.js') && p !== __filename && /\b(CORPUS_DIR|SHARED_DIR|describeWithCorpus)\b/.test(fs.readFileSync(p, 'utf8'))) out.push(p);
    }
  };
  walk(path.join(REPO_ROOT, 'dist', 'test'));
  // Only the suites that need no server binary: e2e suites need the servers and skip on their own.
  return out.filter((p) => !p.includes(`${path.sep}e2e${path.sep}`)).sort();
}

function withoutCi(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { CI: _ci, ...rest } = env;
  return rest;
}

jest.setTimeout(300_000);

test('the suites that read ../shared skip with a notice when it is absent', () => {
  const suites = sharedSuites();
  expect(suites.length).toBeGreaterThanOrEqual(5);
  const missing = path.join(REPO_ROOT, 'no-such-shared-dir');
  const r = spawnSync(process.execPath, [require.resolve('jest/bin/jest'), '--ci', '--runTestsByPath', ...suites], {
    cwd: REPO_ROOT,
    // A developer's clone without ../shared, so not CI: under CI=true a missing schema is a failure by design (formats.test).
    env: { ...withoutCi(process.env), PROXYLINT_SHARED_DIR: missing },
    encoding: 'utf8',
    timeout: 280_000,
  });
  const out = r.stdout + r.stderr;
  expect(out).not.toMatch(/ENOENT|no such file or directory/);
  expect(r.status).toBe(0);
  expect(out).toContain(`NOTICE: ${path.join(missing, 'corpus')} is absent; skipping`);
  expect(out).toMatch(/Tests:.*skipped/);
});
