/**
 * Running the CLI as user `nobody` (uid 65534), for tests about permissions: root reads
 * everything, so an unreadable file is only unreadable to someone else.
 *
 * The checkout itself is often not traversable by nobody (CI clones under /root, mode 0700), which
 * used to make these tests skip exactly where they matter. So the CLI is run from a copy made for
 * the test file: a fresh 0755 temp dir holding what an installed package holds (bin/, the dist/
 * bundles, templates/, schema/, package.json) and the production dependency closure from
 * node_modules. Only a missing `setpriv` (util-linux) or a non-root run can stop it; with
 * CI=true that is a failure, elsewhere a skip with a NOTICE.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from './paths';

export const AS_NOBODY = ['--reuid=65534', '--regid=65534', '--clear-groups'];

export interface NobodyCli {
  /** Root of the copy (bin/proxylint.js is under it). */
  root: string;
  /** Runs `proxylint ARGS` as nobody in `cwd`. */
  run(args: string[], cwd: string, env?: Record<string, string>): SpawnSyncReturns<string>;
}

/** node_modules/<name> and, recursively, the packages it depends on (all hoisted by npm ci). */
function dependencyClosure(names: string[]): string[] {
  const seen = new Set<string>();
  const queue = [...names];
  while (queue.length) {
    const name = queue.shift()!;
    if (seen.has(name)) continue;
    const manifest = path.join(REPO_ROOT, 'node_modules', name, 'package.json');
    if (!fs.existsSync(manifest)) continue;
    seen.add(name);
    const deps = (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { dependencies?: Record<string, string> }).dependencies ?? {};
    queue.push(...Object.keys(deps));
  }
  return [...seen].sort();
}

function makeCopy(): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'proxylint-as-nobody-')));
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  fs.copyFileSync(path.join(REPO_ROOT, 'package.json'), path.join(root, 'package.json'));
  for (const d of ['bin', 'templates', 'schema', 'docs/core']) {
    if (fs.existsSync(path.join(REPO_ROOT, d))) fs.cpSync(path.join(REPO_ROOT, d), path.join(root, d), { recursive: true });
  }
  fs.mkdirSync(path.join(root, 'dist'));
  for (const f of fs.readdirSync(path.join(REPO_ROOT, 'dist'))) {
    if (f.endsWith('.js')) fs.copyFileSync(path.join(REPO_ROOT, 'dist', f), path.join(root, 'dist', f));
  }
  for (const name of dependencyClosure(Object.keys(pkg.dependencies))) {
    fs.cpSync(path.join(REPO_ROOT, 'node_modules', name), path.join(root, 'node_modules', name), { recursive: true });
  }
  // Everyone may read and traverse the copy (umask may be stricter); nobody may not write it.
  fs.chmodSync(root, 0o755);
  for (const e of fs.readdirSync(root, { recursive: true }) as string[]) {
    const p = path.join(root, e);
    const st = fs.lstatSync(p);
    if (!st.isSymbolicLink()) fs.chmodSync(p, st.isDirectory() || st.mode & 0o100 ? 0o755 : 0o644);
  }
  return root;
}

function runAsNobody(root: string, args: string[], cwd: string, env: Record<string, string> = {}): SpawnSyncReturns<string> {
  return spawnSync('setpriv', [...AS_NOBODY, process.execPath, path.join(root, 'bin', 'proxylint.js'), ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, HOME: '/nonexistent', NO_COLOR: '1', GITHUB_ACTIONS: '', CI: '', ...env },
  });
}

/**
 * For a test file: the copy (made now, removed after all its tests) when the CLI runs as nobody,
 * else undefined after a NOTICE, or a throw under CI=true (these cases must not skip in CI).
 */
export function useNobodyCli(what: string): NobodyCli | undefined {
  let why: string | undefined;
  let root: string | undefined;
  if (process.getuid?.() !== 0) why = 'not running as root';
  else if (spawnSync('setpriv', ['--version']).status !== 0) why = 'setpriv (util-linux) is missing';
  else {
    root = makeCopy();
    const probe = runAsNobody(root, ['--version'], os.tmpdir());
    if (probe.status !== 0) why = `the CLI copy does not run as nobody: ${(probe.stderr || probe.error?.message || '').trim().split('\n')[0]}`;
  }
  const made = root;
  if (made) afterAll(() => fs.rmSync(made, { recursive: true, force: true }));
  if (why) {
    if (process.env.CI === 'true') throw new Error(`cannot run ${what} as user nobody: ${why}`);
    // eslint-disable-next-line no-console
    console.warn(`NOTICE: ${why}; skipping ${what}`);
    return undefined;
  }
  return { root: made!, run: (args, cwd, env) => runAsNobody(made!, args, cwd, env) };
}
