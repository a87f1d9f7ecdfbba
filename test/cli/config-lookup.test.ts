/**
 * Configuration lookup trusts only the project: it stops at the version-control root (or the
 * current directory when there is none), and a configuration in a directory anyone can write
 * counts only when it is the user's own. Otherwise another user drops `ignores: ["**"]` into
 * /tmp or a shared parent directory and silences the run.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli, useTempTrees } from '../support/cli';
import { BROKEN } from '../report/results';

const tree = useTempTrees();
// What a planted config would say (ignores: ["**"] silences as well; a run that lints nothing now exits 2).
const SILENCE = 'rules:\n  nginx/websocket-upgrade-header: off\n';
const isRoot = process.getuid?.() === 0;
const rootOnly = isRoot ? it : it.skip;
if (!isRoot) console.warn('NOTICE: not root; skipping the config-lookup cases that need a file owned by another user');

/** Rule ids reported for the linted tree (the broken fragment has an upgrade-header error). */
function ruleIds(cwd: string, args: string[] = ['.']): { code: number | null; ids: string[]; stderr: string } {
  const r = runCli(['lint', '-f', 'json', ...args], cwd);
  const ids = r.stdout ? (JSON.parse(r.stdout) as { messages: { ruleId: string }[] }[]).flatMap((f) => f.messages.map((m) => m.ruleId)) : [];
  return { code: r.code, ids, stderr: r.stderr };
}

it('a configuration above the version-control root is not used', () => {
  const dir = tree({ '.proxylint.yaml': SILENCE, 'repo/.git/HEAD': 'ref: refs/heads/main\n', 'repo/nginx/conf.d/app.conf': BROKEN });
  const r = ruleIds(path.join(dir, 'repo'));
  expect(r.ids).toContain('nginx/websocket-upgrade-header');
  expect(r.code).toBe(1);
});

it('a .git file (worktree, submodule) marks the root too', () => {
  const dir = tree({ '.proxylint.yaml': SILENCE, 'repo/.git': 'gitdir: /elsewhere\n', 'repo/nginx/conf.d/app.conf': BROKEN });
  expect(ruleIds(path.join(dir, 'repo')).ids).toContain('nginx/websocket-upgrade-header');
});

it('the configuration at the version-control root applies when linting from a subdirectory', () => {
  const dir = tree({ 'repo/.proxylint.yaml': SILENCE, 'repo/.git/HEAD': 'ref: refs/heads/main\n', 'repo/sub/nginx/conf.d/app.conf': BROKEN });
  expect(ruleIds(path.join(dir, 'repo', 'sub'), ['nginx/conf.d/app.conf']).ids).not.toContain('nginx/websocket-upgrade-header');
});

it('without version control, lookup stops at the current directory', () => {
  const dir = tree({ '.proxylint.yaml': SILENCE, 'proj/nginx/conf.d/app.conf': BROKEN });
  expect(ruleIds(path.join(dir, 'proj')).ids).toContain('nginx/websocket-upgrade-header');
  // From the parent, the same file is inside the project and the configuration applies.
  expect(ruleIds(dir, ['proj/nginx/conf.d/app.conf']).ids).not.toContain('nginx/websocket-upgrade-header');
});

it('a file outside the current directory (no version control) uses only a configuration in its own directory', () => {
  const dir = tree({ '.proxylint.yaml': SILENCE, 'other/app.conf': BROKEN, 'other2/.proxylint.yaml': SILENCE, 'other2/app.conf': BROKEN, 'cwd/x': '' });
  expect(ruleIds(path.join(dir, 'cwd'), ['--dialect', 'nginx', '../other/app.conf']).ids).toContain('nginx/websocket-upgrade-header');
  expect(ruleIds(path.join(dir, 'cwd'), ['--dialect', 'nginx', '../other2/app.conf']).ids).not.toContain('nginx/websocket-upgrade-header');
});

describe('a directory anyone can write', () => {
  rootOnly("ignores another user's configuration there, and says so", () => {
    for (const mode of [0o777, 0o1777]) {
      const dir = tree({ '.proxylint.yaml': SILENCE, 'nginx/conf.d/app.conf': BROKEN });
      fs.chmodSync(dir, mode);
      fs.chownSync(path.join(dir, '.proxylint.yaml'), 65534, 65534);
      const r = ruleIds(dir);
      expect(r.ids).toContain('nginx/websocket-upgrade-header');
      expect(r.stderr).toBe(`proxylint: ignoring ${path.join(dir, '.proxylint.yaml')}: its directory is writable by anyone and the file is not yours\n`);
    }
  });

  it("uses the user's own configuration there", () => {
    const dir = tree({ '.proxylint.yaml': SILENCE, 'nginx/conf.d/app.conf': BROKEN });
    fs.chmodSync(dir, 0o1777);
    const r = ruleIds(dir);
    expect(r.ids).not.toContain('nginx/websocket-upgrade-header');
    expect(r.stderr).toBe('');
  });

  rootOnly('an extends into such a directory, to a file not ours, is an error', () => {
    const dir = tree({ '.proxylint.yaml': 'extends: shared/base.yaml\n', 'shared/base.yaml': SILENCE, 'nginx/conf.d/app.conf': BROKEN });
    fs.chmodSync(path.join(dir, 'shared'), 0o777);
    fs.chownSync(path.join(dir, 'shared', 'base.yaml'), 65534, 65534);
    const r = runCli(['lint', '.'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`cannot read configuration ${path.join(dir, 'shared', 'base.yaml')}: its directory is writable by anyone and the file is not yours`);
  });
});

describe('configuration files that are not files', () => {
  it('a FIFO named .proxylint.yaml is a one-line error, not a hang', () => {
    const dir = tree({ 'nginx/conf.d/app.conf': BROKEN });
    expect(require('node:child_process').spawnSync('mkfifo', [path.join(dir, '.proxylint.yaml')]).status).toBe(0);
    const r = runCli(['lint', '.'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^proxylint: cannot read configuration .*\.proxylint\.yaml: not a regular file\n$/);
  });

  it('a YAML alias bomb is a one-line error', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill('*' + String.fromCharCode(96 + i)).join(',')}]`);
    const dir = tree({ '.proxylint.yaml': lines.join('\n') + '\n', 'nginx/conf.d/app.conf': BROKEN });
    const r = runCli(['lint', '.'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^proxylint: cannot parse .*\.proxylint\.yaml: Excessive alias count.*\n$/);
  });
});
