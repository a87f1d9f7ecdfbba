/**
 * The GitHub Action as the runner runs it (issue 10): action.yml on node24 points at the committed
 * bundle action/dist/index.js, which runs from a plain checkout — no node_modules, no dist/, no
 * `npm ci` — with INPUT_* in and GITHUB_OUTPUT out; and the committed bundle is what the sources
 * build to (`npm run build:action`).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempTree } from '../support/cli';
import { REPO_ROOT } from '../support/paths';
import { BROKEN, GOOD } from '../report/results';

const WARN_ONLY = GOOD.replace('proxy_read_timeout 1h;', 'proxy_read_timeout 10s;');
let checkout: ReturnType<typeof tempTree>;

/** A checkout of the action the way `uses: owner/proxylint@sha` gets it: the tracked files only. */
beforeAll(() => {
  checkout = tempTree({});
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  for (const f of listed.stdout.split('\0').filter(Boolean)) {
    const src = path.join(REPO_ROOT, f);
    if (!fs.existsSync(src) || !fs.statSync(src).isFile()) continue;
    fs.mkdirSync(path.dirname(path.join(checkout.dir, f)), { recursive: true });
    fs.copyFileSync(src, path.join(checkout.dir, f));
  }
});
afterAll(() => checkout?.cleanup());

function runAction(inputs: Record<string, string>, files: Record<string, string>) {
  const t = tempTree(files);
  const out = path.join(t.dir, 'github-output');
  fs.writeFileSync(out, '');
  const env: NodeJS.ProcessEnv = { ...process.env, GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: t.dir, GITHUB_OUTPUT: out, NO_COLOR: '1' };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  const main = /main: (\S+)/.exec(fs.readFileSync(path.join(checkout.dir, 'action.yml'), 'utf8'))![1];
  // The runner starts `node <main>` in the workspace.
  const r = spawnSync(process.execPath, [path.join(checkout.dir, main)], { cwd: t.dir, env, encoding: 'utf8' });
  const outputs = Object.fromEntries(fs.readFileSync(out, 'utf8').trim().split('\n').map((l) => l.split(/=(.*)/s).slice(0, 2)));
  return { ...r, dir: t.dir, outputs, cleanup: t.cleanup };
}

test('action.yml runs node24 from the committed bundle; the checkout has no node_modules or dist/', () => {
  const yml = fs.readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8');
  expect(yml).toMatch(/using: node24\n\s+main: action\/dist\/index\.js/);
  for (const i of ['paths', 'args', 'format', 'sarif-file', 'failure-threshold']) expect(yml).toMatch(new RegExp(`^  ${i}:`, 'm'));
  expect(fs.existsSync(path.join(checkout.dir, 'action', 'dist', 'index.js'))).toBe(true);
  expect(fs.existsSync(path.join(checkout.dir, 'node_modules'))).toBe(false);
  expect(fs.existsSync(path.join(checkout.dir, 'dist'))).toBe(false);
});

test('the committed bundle is what the sources build to (npm run build:action)', async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { check } = require(path.join(REPO_ROOT, 'scripts', 'bundle-action.js'));
  const r = await check();
  if (!r.same) throw new Error('action/dist/index.js is stale: run `npm run build:action` and commit it');
  expect(r.same).toBe(true);
});

test('the action spawns nothing (no npm, no shell: nothing to break on Windows runners)', () => {
  expect(fs.readFileSync(path.join(REPO_ROOT, 'action', 'src', 'index.js'), 'utf8')).not.toMatch(/require\('(node:)?child_process'\)/);
});

test('annotates, writes SARIF, and fails on findings; paths globs are expanded', () => {
  const r = runAction({ paths: 'nginx/**/*.conf', 'sarif-file': 'reports/proxylint.sarif', args: '--max-warnings 100' }, { 'nginx/conf.d/app.conf': BROKEN });
  try {
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^::error file=nginx\/conf\.d\/app\.conf,line=3,col=5,/m);
    const sarif = JSON.parse(fs.readFileSync(path.join(r.dir, 'reports/proxylint.sarif'), 'utf8'));
    expect(sarif.runs[0].results.length).toBeGreaterThan(0);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('nginx/conf.d/app.conf');
    expect(r.outputs).toEqual({ 'exit-code': '1', 'sarif-file': 'reports/proxylint.sarif' });
  } finally {
    r.cleanup();
  }
});

test('passes on a clean tree; when warnings fail the step, the annotation says why', () => {
  const a = runAction({}, { 'nginx/conf.d/app.conf': WARN_ONLY });
  const b = runAction({ 'failure-threshold': 'warning' }, { 'nginx/conf.d/app.conf': WARN_ONLY });
  const c = runAction({ args: '--max-warnings 0' }, { 'nginx/conf.d/app.conf': WARN_ONLY });
  try {
    expect(a.status).toBe(0);
    expect(a.stdout).not.toMatch(/^::error title=/m);
    expect(b.status).toBe(1);
    expect(b.stdout).toMatch(/^::error title=proxylint::\d+ warnings? at or above --failure-threshold warning$/m);
    expect(c.status).toBe(1);
    expect(c.stdout).toMatch(/^::error title=proxylint::too many warnings \(\d+, max 0\)$/m);
    expect(c.stdout).not.toMatch(/at or above "error"/);
  } finally {
    a.cleanup();
    b.cleanup();
    c.cleanup();
  }
});

test('a usage mistake in args: exit 2 and its one-line reason as the annotation', () => {
  const r = runAction({ args: '--fromat json' }, { 'nginx/conf.d/app.conf': GOOD });
  try {
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/^::error title=proxylint::unknown option: --fromat \(did you mean --format\?\)$/m);
    expect(r.outputs['exit-code']).toBe('2');
  } finally {
    r.cleanup();
  }
});

test('quoted args are split like a shell would', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { splitArgs } = require(path.join(REPO_ROOT, 'action', 'dist', 'index.js'));
  expect(splitArgs(`--config "ci/my config.yaml"\n --max-warnings 0 'a b'`)).toEqual(['--config', 'ci/my config.yaml', '--max-warnings', '0', 'a b']);
});
