/**
 * Paths in reports (issue 10): the terminal prints a path as it was given (absolute stays
 * absolute, relative to the cwd otherwise; never `../../../etc/…` for an absolute argument), and
 * the CI formats name files relative to the root their CI system maps paths from:
 * $GITHUB_WORKSPACE (github, sarif), $CI_PROJECT_DIR (gitlab), else the cwd.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runCli, useTempTrees } from '../support/cli';
import { BROKEN } from '../report/results';

const tree = useTempTrees();

function setup(): { dir: string; work: string; abs: string } {
  const dir = tree({ 'deploy/nginx/app.conf': BROKEN, 'work/.keep': '' });
  return { dir, work: path.join(dir, 'work'), abs: path.join(dir, 'deploy/nginx/app.conf') };
}

const firstLocation = (stdout: string) => stdout.split('\n')[0].replace(/:\d+:\d+ .*$/, '');

describe('stylish prints paths as given', () => {
  it.each([
    ['an absolute path stays absolute', (s: ReturnType<typeof setup>) => [s.work, s.abs, s.abs]],
    ['an absolute path inside the cwd stays absolute', (s: ReturnType<typeof setup>) => [s.dir, s.abs, s.abs]],
    ['a relative path stays relative, even above the cwd', (s: ReturnType<typeof setup>) => [s.work, '../deploy/nginx/app.conf', '../deploy/nginx/app.conf']],
    ['a file found under a named directory: that directory as given', (s: ReturnType<typeof setup>) => [s.work, '../deploy', '../deploy/nginx/app.conf']],
    ['a file found under an absolute directory: absolute', (s: ReturnType<typeof setup>) => [s.work, path.join(s.dir, 'deploy'), s.abs]],
    ['./ is dropped', (s: ReturnType<typeof setup>) => [s.dir, './deploy/', 'deploy/nginx/app.conf']],
  ])('%s', (_n, pick) => {
    const s = setup();
    const [cwd, arg, shown] = pick(s);
    const r = runCli(['lint', arg], cwd);
    expect(r.code).toBe(1);
    expect(firstLocation(r.stdout)).toBe(shown);
  });
});

describe('CI formats: relative to the workspace root', () => {
  it('github: file= relative to $GITHUB_WORKSPACE, wherever the command runs', () => {
    const s = setup();
    const r = runCli(['lint', '--format', 'github', s.abs], s.work, { GITHUB_WORKSPACE: s.dir });
    expect(r.stdout).toMatch(/^::error file=deploy\/nginx\/app\.conf,line=3,col=5,/m);
    // Outside the workspace a relative path would map to nothing: absolute.
    const out = runCli(['lint', '--format', 'github', s.abs], s.work, { GITHUB_WORKSPACE: s.work });
    expect(out.stdout).toContain(`::error file=${s.abs},line=3,col=5,`);
    expect(out.stdout).not.toContain('file=..');
    // No workspace set: the cwd.
    expect(runCli(['lint', '--format', 'github', 'deploy'], s.dir).stdout).toMatch(/^::error file=deploy\/nginx\/app\.conf,/m);
  });

  it('gitlab: location.path relative to $CI_PROJECT_DIR', () => {
    const s = setup();
    const r = runCli(['lint', '--format', 'gitlab', '../deploy'], s.work, { CI_PROJECT_DIR: s.dir });
    const report = JSON.parse(r.stdout) as { location: { path: string } }[];
    expect(report.length).toBeGreaterThan(0);
    expect(new Set(report.map((x) => x.location.path))).toEqual(new Set(['deploy/nginx/app.conf']));
  });

  it('sarif: uri relative to %SRCROOT% = $GITHUB_WORKSPACE', () => {
    const s = setup();
    const r = runCli(['lint', '--format', 'sarif', '--output', `sarif=${path.join(s.dir, 'out.sarif')}`, s.abs], s.work, { GITHUB_WORKSPACE: s.dir });
    for (const text of [r.stdout, fs.readFileSync(path.join(s.dir, 'out.sarif'), 'utf8')]) {
      const run = JSON.parse(text).runs[0];
      expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe(pathToFileURL(s.dir + '/').href);
      expect(run.results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'deploy/nginx/app.conf', uriBaseId: '%SRCROOT%' });
    }
  });
});
