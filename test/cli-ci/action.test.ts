/** The GitHub Action entry (action/index.js) run as the runner would: INPUT_* in, GITHUB_OUTPUT out. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempTree } from '../support/cli';
import { REPO_ROOT } from '../support/paths';
import { BROKEN, GOOD } from '../report/results';

function runAction(inputs: Record<string, string>, files: Record<string, string>) {
  const t = tempTree(files);
  const out = path.join(t.dir, 'github-output');
  fs.writeFileSync(out, '');
  const env: NodeJS.ProcessEnv = { ...process.env, GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: t.dir, GITHUB_OUTPUT: out };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'action', 'index.js')], { cwd: REPO_ROOT, env, encoding: 'utf8' });
  const outputs = Object.fromEntries(fs.readFileSync(out, 'utf8').trim().split('\n').map((l) => l.split(/=(.*)/s).slice(0, 2)));
  return { ...r, dir: t.dir, outputs, cleanup: t.cleanup };
}

test('action.yml runs node20 with action/index.js and declares the inputs', () => {
  const yml = fs.readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8');
  expect(yml).toMatch(/using: node20\n\s+main: action\/index\.js/);
  for (const i of ['paths', 'args', 'format', 'sarif-file', 'failure-threshold']) expect(yml).toMatch(new RegExp(`^  ${i}:`, 'm'));
});

test('annotates, writes SARIF, and fails on findings', () => {
  const r = runAction({ paths: 'nginx', 'sarif-file': 'reports/proxylint.sarif', args: '--max-warnings 100' }, { 'nginx/conf.d/app.conf': BROKEN });
  try {
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^::error file=nginx\/conf\.d\/app\.conf,line=3,col=5,/m);
    const sarif = JSON.parse(fs.readFileSync(path.join(r.dir, 'reports/proxylint.sarif'), 'utf8'));
    expect(sarif.runs[0].results.length).toBeGreaterThan(0);
    expect(r.outputs).toEqual({ 'exit-code': '1', 'sarif-file': 'reports/proxylint.sarif' });
  } finally {
    r.cleanup();
  }
});

test('passes on a clean tree; failure-threshold warning makes warnings fail', () => {
  const warnOnly = GOOD.replace('        proxy_read_timeout 1h;\n', '');
  const a = runAction({}, { 'nginx/conf.d/app.conf': warnOnly });
  const b = runAction({ 'failure-threshold': 'warning' }, { 'nginx/conf.d/app.conf': warnOnly });
  try {
    expect(a.status).toBe(0);
    expect(b.status).toBe(1);
  } finally {
    a.cleanup();
    b.cleanup();
  }
});

test('quoted args are split like a shell would', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { splitArgs } = require(path.join(REPO_ROOT, 'action', 'index.js'));
  expect(splitArgs(`--config "ci/my config.yaml"\n --max-warnings 0 'a b'`)).toEqual(['--config', 'ci/my config.yaml', '--max-warnings', '0', 'a b']);
});
