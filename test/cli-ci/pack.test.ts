/**
 * The install story the README tells (issue 10): `npm pack` gives a tarball that installs and runs
 * with npx — the CLI, `explain` pages of the core checks, and `require('proxylint')` (the
 * programmatic API that package.json `main`/`exports` point at). Needs the npm registry for the
 * dependencies (CI has it); skipped with a notice when PROXYLINT_PACK_TEST=0.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempTree } from '../support/cli';
import { REPO_ROOT } from '../support/paths';
import { BROKEN } from '../report/results';

const optedOut = process.env.PROXYLINT_PACK_TEST === '0';
// eslint-disable-next-line no-console
if (optedOut) console.warn('NOTICE: skipping the npm pack install test (PROXYLINT_PACK_TEST=0)');
const run = optedOut ? describe.skip : describe;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

jest.setTimeout(300_000);

function ok(r: SpawnSyncReturns<string>): SpawnSyncReturns<string> {
  if (r.status !== 0) throw new Error(`exit ${r.status}${r.error ? ` (${r.error.message})` : ''}\n${r.stdout}\n${r.stderr}`);
  return r;
}

run('npm pack → npm install → npx proxylint', () => {
  let t: ReturnType<typeof tempTree>;
  let project: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(() => {
    t = tempTree({ 'project/package.json': '{ "name": "consumer", "private": true }\n', 'project/nginx/conf.d/app.conf': BROKEN });
    project = path.join(t.dir, 'project');
    env = { ...process.env, GITHUB_ACTIONS: '', NO_COLOR: '1', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
    // --ignore-scripts: the tree is already built (npm test builds first); prepare would rebuild
    // dist/ under the feet of the suites running in parallel.
    const packed = ok(spawnSync(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', t.dir], { cwd: REPO_ROOT, env, encoding: 'utf8', shell: process.platform === 'win32' }));
    const [{ filename }] = JSON.parse(packed.stdout) as { filename: string }[];
    ok(spawnSync(npm, ['install', path.join(t.dir, filename)], { cwd: project, env, encoding: 'utf8', timeout: 240_000, shell: process.platform === 'win32' }));
  });
  afterAll(() => t?.cleanup());

  test('npx proxylint lints, with the findings and exit 1', () => {
    const r = spawnSync(npm, ['exec', '--', 'proxylint', 'lint', 'nginx'], { cwd: project, env, encoding: 'utf8', shell: process.platform === 'win32' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^nginx\/conf\.d\/app\.conf:3:5 {2}error {2}.*\(nginx\/websocket-upgrade-header\)$/m);
  });

  test('the packed files include the rule pages and the core checks\' pages', () => {
    const r = spawnSync(npm, ['exec', '--', 'proxylint', 'explain', 'core/include-not-found'], { cwd: project, env, encoding: 'utf8', shell: process.platform === 'win32' });
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('# core/include-not-found');
    const rule = spawnSync(npm, ['exec', '--', 'proxylint', 'explain', 'websocket-upgrade-header'], { cwd: project, env, encoding: 'utf8', shell: process.platform === 'win32' });
    expect(rule.stdout.split('\n')[0]).toBe('# nginx/websocket-upgrade-header');
  });

  test('init in the project points $schema at the installed schema, and the path resolves', () => {
    const r = spawnSync(npm, ['exec', '--', 'proxylint', 'init'], { cwd: project, env, encoding: 'utf8', shell: process.platform === 'win32' });
    expect(r.status).toBe(0);
    const m = /^# yaml-language-server: \$schema=(\S+)$/m.exec(fs.readFileSync(path.join(project, '.proxylint.yaml'), 'utf8'));
    expect(m?.[1]).toBe('./node_modules/proxylint/schema/proxylint.schema.json');
    expect(fs.existsSync(path.join(project, m![1]))).toBe(true);
    fs.rmSync(path.join(project, '.proxylint.yaml'));
  });

  test("require('proxylint') gives lintFiles and lintText with the JSON results", () => {
    const script = `const p = require('proxylint');
const files = p.lintFiles(['nginx']);
const text = p.lintText(require('fs').readFileSync('nginx/conf.d/app.conf', 'utf8'), { filePath: 'nginx/conf.d/app.conf' });
console.log(JSON.stringify({ keys: Object.keys(p).sort(), files, text }));`;
    const r = ok(spawnSync(process.execPath, ['-e', script], { cwd: project, env, encoding: 'utf8' }));
    const { keys, files, text } = JSON.parse(r.stdout);
    expect(keys).toEqual(['lintFiles', 'lintText']);
    expect(files).toHaveLength(1);
    expect(files[0].filePath).toBe(path.join(project, 'nginx/conf.d/app.conf'));
    expect(files[0].messages).toContainEqual(expect.objectContaining({ ruleId: 'nginx/websocket-upgrade-header', severity: 2, line: 3, column: 5 }));
    expect(text).toEqual(files);
    expect(fs.existsSync(path.join(project, 'node_modules', 'proxylint', 'docs', 'core', 'syntax-error.md'))).toBe(true);
  });
});
