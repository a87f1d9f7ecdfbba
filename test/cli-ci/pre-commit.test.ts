/**
 * The pre-commit hooks, for real: a throw-away hook repository holding the current working tree
 * (committed in a temp dir), a throw-away project whose .pre-commit-config.yaml points at it,
 * and real `git commit`s through pre-commit's installed git hook. pre-commit installs the hook
 * the way users get it (`language: node`: npm install + the `prepare` build + npm pack + npm
 * install -g), so this needs the npm registry; it takes ~20 s.
 *
 * Skipped (with a notice) when git or pre-commit is missing, a failure when CI=true; set
 * PROXYLINT_PRECOMMIT_TEST=0 to skip it on purpose.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../support/paths';
import { BROKEN, GOOD } from '../report/results';

const have = (cmd: string) => spawnSync(cmd, ['--version'], { encoding: 'utf8' }).status === 0;
const missing = ['git', 'pre-commit'].filter((c) => !have(c));
const optedOut = process.env.PROXYLINT_PRECOMMIT_TEST === '0';
if (missing.length && process.env.CI === 'true' && !optedOut) {
  throw new Error(`pre-commit test: ${missing.join(' and ')} not installed (required when CI=true)`);
}
const run = missing.length || optedOut ? describe.skip : describe;
if (missing.length || optedOut) {
  // eslint-disable-next-line no-console
  console.warn(`NOTICE: skipping the pre-commit test (${optedOut ? 'PROXYLINT_PRECOMMIT_TEST=0' : `${missing.join(' and ')} not installed`})`);
}

jest.setTimeout(600_000);

let tmp: string;
let env: NodeJS.ProcessEnv;
let hookRepo: string;
let rev: string;
let project: string;
const timings: Record<string, number> = {};

function sh(cmd: string, args: string[], cwd: string, input?: string): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, env, encoding: 'utf8', input, timeout: 540_000 });
}
function ok(r: SpawnSyncReturns<string>): SpawnSyncReturns<string> {
  if (r.status !== 0) throw new Error(`exit ${r.status}${r.error ? ` (${r.error.message})` : ''}\n${r.stdout}\n${r.stderr}`);
  return r;
}
function writeConfig(hooks: string[]): void {
  fs.writeFileSync(
    path.join(project, '.pre-commit-config.yaml'),
    `repos:\n  - repo: ${hookRepo}\n    rev: ${rev}\n    hooks:\n${hooks.map((h) => `      - id: ${h}\n`).join('')}`,
  );
}
function put(file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
  fs.writeFileSync(path.join(project, file), text);
}
const commit = (...files: string[]) => {
  ok(sh('git', ['add', ...files], project));
  const r = sh('git', ['commit', '-m', `add ${files.join(' ')}`], project);
  // git hands a hook's output to stderr.
  return { status: r.status, out: r.stdout + r.stderr };
};

run('pre-commit hooks (.pre-commit-hooks.yaml)', () => {
  beforeAll(() => {
    tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'proxylint-precommit-')));
    env = {
      ...process.env,
      PRE_COMMIT_HOME: path.join(tmp, 'pre-commit-home'),
      GIT_AUTHOR_NAME: 'proxylint test',
      GIT_AUTHOR_EMAIL: 'test@example.invalid',
      GIT_COMMITTER_NAME: 'proxylint test',
      GIT_COMMITTER_EMAIL: 'test@example.invalid',
      GIT_CONFIG_GLOBAL: path.join(tmp, 'gitconfig'),
      GIT_CONFIG_NOSYSTEM: '1',
      GITHUB_ACTIONS: '',
      NO_COLOR: '1',
    };
    fs.writeFileSync(path.join(tmp, 'gitconfig'), '[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n');

    // The hook repository: the current working tree (tracked and untracked, minus ignored), committed.
    hookRepo = path.join(tmp, 'proxylint-hook');
    fs.mkdirSync(hookRepo);
    const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO_ROOT, encoding: 'utf8' });
    const files = listed.status === 0 ? listed.stdout.split('\0').filter(Boolean) : [];
    if (files.length === 0) throw new Error(`cannot list the working tree of ${REPO_ROOT}: ${listed.stderr}`);
    for (const f of files) {
      const src = path.join(REPO_ROOT, f);
      if (!fs.existsSync(src) || !fs.statSync(src).isFile()) continue; // deleted in the working tree
      fs.mkdirSync(path.dirname(path.join(hookRepo, f)), { recursive: true });
      fs.copyFileSync(src, path.join(hookRepo, f));
    }
    ok(sh('git', ['init', '-q'], hookRepo));
    ok(sh('git', ['add', '-A'], hookRepo));
    ok(sh('git', ['commit', '-q', '-m', 'working tree snapshot'], hookRepo));
    rev = ok(sh('git', ['rev-parse', 'HEAD'], hookRepo)).stdout.trim();
    ok(sh('pre-commit', ['validate-manifest', '.pre-commit-hooks.yaml'], hookRepo));

    project = path.join(tmp, 'project');
    fs.mkdirSync(project);
    ok(sh('git', ['init', '-q'], project));
    writeConfig(['proxylint']);
    ok(sh('pre-commit', ['validate-config'], project));
    ok(sh('pre-commit', ['install'], project));
    const t0 = Date.now();
    ok(sh('pre-commit', ['install-hooks'], project));
    timings.installHooks = Date.now() - t0;
    // eslint-disable-next-line no-console
    console.log(`pre-commit install-hooks (npm install + prepare build + pack + global install): ${timings.installHooks} ms`);
  });

  afterAll(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('a broken nginx config fails the commit, naming the rule and the place', () => {
    put('deploy/nginx/conf.d/app.conf', BROKEN);
    const t0 = Date.now();
    const r = commit('deploy/nginx/conf.d/app.conf');
    timings.failingCommit = Date.now() - t0;
    expect(r.status).not.toBe(0);
    expect(r.out).toMatch(/proxylint\.+Failed/);
    expect(r.out).toContain('deploy/nginx/conf.d/app.conf:3:5');
    expect(r.out).toContain('nginx/websocket-upgrade-header');
    expect(sh('git', ['rev-parse', '--verify', '-q', 'HEAD'], project).status).not.toBe(0); // nothing committed
  });

  test('a clean config passes, and files of no known dialect are skipped quietly', () => {
    ok(sh('git', ['reset', '-q'], project));
    fs.rmSync(path.join(project, 'deploy'), { recursive: true });
    put('deploy/nginx/conf.d/app.conf', GOOD);
    put('supervisord.conf', '[program:app]\ncommand=/usr/bin/app\n');
    put('conf.d/fail2ban-jail.conf', '[sshd]\nenabled = true\n');
    const r = commit('deploy/nginx/conf.d/app.conf', 'supervisord.conf', 'conf.d/fail2ban-jail.conf', '.pre-commit-config.yaml');
    expect(r.out).toMatch(/proxylint\.+Passed/);
    expect(r.status).toBe(0);
  });

  test('a commit of only files of no known dialect passes (the hook passes --no-error-on-unmatched-pattern)', () => {
    put('conf.d/logrotate-app.conf', '/var/log/app/*.log {\n    daily\n}\n');
    const r = commit('conf.d/logrotate-app.conf');
    expect(r.out).toMatch(/proxylint\.+Passed/);
    expect(r.status).toBe(0);
  });

  test('proxylint-fix repairs the file: the first commit fails by changing it, the second passes', () => {
    writeConfig(['proxylint-fix', 'proxylint']);
    ok(sh('git', ['add', '.pre-commit-config.yaml'], project));
    put('deploy/nginx/conf.d/chat.conf', BROKEN.replace('/ws/', '/chat/ws'));
    const first = commit('deploy/nginx/conf.d/chat.conf');
    expect(first.status).not.toBe(0);
    expect(first.out).toMatch(/proxylint \(fix\)\.+Failed/);
    expect(first.out).toContain('files were modified by this hook');
    const fixed = fs.readFileSync(path.join(project, 'deploy/nginx/conf.d/chat.conf'), 'utf8');
    expect(fixed).not.toBe(BROKEN.replace('/ws/', '/chat/ws'));
    expect(fixed).toMatch(/proxy_set_header\s+Upgrade\s+\$http_upgrade;/);
    expect(fixed).toMatch(/proxy_http_version\s+1\.1;/);
    const second = commit('deploy/nginx/conf.d/chat.conf');
    expect(second.out).toMatch(/proxylint \(fix\)\.+Passed/);
    expect(second.out).toMatch(/proxylint\.+Passed/);
    expect(second.status).toBe(0);
    // eslint-disable-next-line no-console
    console.log(`pre-commit timings (ms): ${JSON.stringify(timings)}`);
  });
});
