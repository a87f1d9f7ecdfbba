/**
 * The conveniences users expect from ESLint and Ruff (issue 10): rule selection on the command
 * line (--select/--ignore as Ruff, --rule ID=SEVERITY as ESLint), FORCE_COLOR/NO_COLOR,
 * .gitignore respected when walking (--no-respect-gitignore), glob arguments expanded when the
 * shell did not, --verbose naming each file's dialect, and a shell completion script.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli, useTempTrees } from '../support/cli';
import { REPO_ROOT } from '../support/paths';
import { BROKEN, GOOD } from '../report/results';

const tree = useTempTrees();
type Msg = { ruleId: string; severity: number };
const ruleIds = (stdout: string) => [...new Set((JSON.parse(stdout) as { messages: Msg[] }[]).flatMap((r) => r.messages.map((m) => m.ruleId)))].sort();
const files = (stdout: string) => (JSON.parse(stdout) as { filePath: string }[]).map((r) => r.filePath);

describe('rule selection on the command line', () => {
  const ALL = ['nginx/proxy-http-version', 'nginx/websocket-connection-header', 'nginx/websocket-read-timeout', 'nginx/websocket-upgrade-header'];
  it('finds these four on the broken config (the baseline the cases below narrow)', () => {
    const dir = tree({ 'nginx/app.conf': BROKEN });
    expect(ruleIds(runCli(['lint', '-f', 'json', '.'], dir).stdout)).toEqual(ALL);
  });

  it.each([
    [['--select', 'nginx/websocket-upgrade-header'], ['nginx/websocket-upgrade-header']],
    [['--select', 'websocket-upgrade-header,proxy-http-version'], ['nginx/proxy-http-version', 'nginx/websocket-upgrade-header']],
    [['--select', 'nginx'], ALL],
    [['--select', 'apache'], []],
    [['--ignore', 'nginx/websocket-read-timeout', '--ignore', 'proxy-http-version'], ['nginx/websocket-connection-header', 'nginx/websocket-upgrade-header']],
    [['--select', 'nginx', '--ignore', 'websocket-upgrade-header'], ALL.filter((x) => x !== 'nginx/websocket-upgrade-header')],
    [['--rule', 'nginx/websocket-read-timeout=off'], ALL.filter((x) => x !== 'nginx/websocket-read-timeout')],
  ])('%j', (args, expected) => {
    const dir = tree({ 'nginx/app.conf': BROKEN });
    expect(ruleIds(runCli(['lint', '-f', 'json', ...args, '.'], dir).stdout)).toEqual(expected);
  });

  it('--rule sets the severity over the config file; bad ids and severities are usage errors', () => {
    const dir = tree({ 'nginx/app.conf': GOOD.replace('        proxy_read_timeout 1h;\n', ''), '.proxylint.yaml': 'rules:\n  nginx/websocket-read-timeout: warning\n' });
    expect(runCli(['lint', '.'], dir).code).toBe(0);
    const r = runCli(['lint', '-f', 'json', '--rule', 'websocket-read-timeout=error', '.'], dir);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)[0].messages.map((m: Msg) => [m.ruleId, m.severity])).toEqual([['nginx/websocket-read-timeout', 2]]);
    expect(runCli(['lint', '--select', 'nginx/websocket-upgrade-heder', '.'], dir)).toMatchObject({
      code: 2,
      stderr: 'proxylint: no --select rule "nginx/websocket-upgrade-heder" (did you mean "nginx/websocket-upgrade-header"?); "proxylint rules" lists them\n',
    });
    expect(runCli(['lint', '--rule', 'nginx/websocket-read-timeout=loud', '.'], dir)).toMatchObject({
      code: 2,
      stderr: 'proxylint: --rule expects ID=error|warning|info|off, got "nginx/websocket-read-timeout=loud"\n',
    });
  });
});

describe('colour', () => {
  const ESC = '\u001b[';
  it.each([
    [{ FORCE_COLOR: '1' }, [], true],
    [{ FORCE_COLOR: '0' }, [], false],
    [{ NO_COLOR: '1' }, [], false],
    [{ FORCE_COLOR: '1' }, ['--no-color'], false],
    [{ NO_COLOR: '1' }, ['--color'], true],
    [{}, [], false], // not a TTY
  ])('%j %j → colour %s', (env, args, colour) => {
    const dir = tree({ 'nginx/app.conf': BROKEN });
    const r = runCli(['lint', ...args, '.'], dir, { NO_COLOR: '', FORCE_COLOR: '', ...env });
    expect(r.stdout.includes(ESC)).toBe(colour);
  });
});

describe('.gitignore and globs', () => {
  const TREE = {
    '.git/HEAD': 'ref: refs/heads/main\n',
    '.gitignore': 'build/\n*.generated.conf\n',
    'deploy/nginx/app.conf': BROKEN,
    'deploy/nginx/app.generated.conf': BROKEN,
    'deploy/.gitignore': 'nginx/local.conf\n',
    'deploy/nginx/local.conf': BROKEN,
    'build/nginx/app.conf': BROKEN,
    'deploy/apache/site.conf': '<VirtualHost *:80>\n    ServerName a\n</VirtualHost>\n',
  };

  it('walks skip what .gitignore files ignore (root and nested; also when linting a subdirectory)', () => {
    const dir = tree(TREE);
    expect(files(runCli(['lint', '-f', 'json', '.'], dir).stdout)).toEqual([path.join(dir, 'deploy/apache/site.conf'), path.join(dir, 'deploy/nginx/app.conf')]);
    expect(files(runCli(['lint', '-f', 'json', 'nginx'], path.join(dir, 'deploy')).stdout)).toEqual([path.join(dir, 'deploy/nginx/app.conf')]);
  });

  it('--no-respect-gitignore lints them; a named file is linted whatever .gitignore says', () => {
    const dir = tree(TREE);
    expect(files(runCli(['lint', '-f', 'json', '--no-respect-gitignore', '.'], dir).stdout)).toHaveLength(5);
    expect(files(runCli(['lint', '-f', 'json', 'build/nginx/app.conf'], dir).stdout)).toEqual([path.join(dir, 'build/nginx/app.conf')]);
  });

  it('a quoted glob is expanded (ignores applied); one that matches nothing is an error', () => {
    const dir = tree(TREE);
    expect(files(runCli(['lint', '-f', 'json', 'deploy/**/*.conf'], dir).stdout)).toEqual([path.join(dir, 'deploy/apache/site.conf'), path.join(dir, 'deploy/nginx/app.conf')]);
    expect(files(runCli(['lint', '-f', 'json', 'deploy/nginx/*.conf'], dir).stdout)).toEqual([path.join(dir, 'deploy/nginx/app.conf')]);
    const r = runCli(['lint', 'deploy/*.cfg'], dir);
    expect(r).toMatchObject({ code: 2, stderr: 'proxylint: no config file matches the pattern "deploy/*.cfg"\n' });
  });
});

describe('--verbose', () => {
  it('names each file with its dialect and how it was decided, and the skipped ones', () => {
    const dir = tree({ 'nginx/conf.d/app.conf': GOOD, 'site.conf': '<VirtualHost *:80>\n</VirtualHost>\n', 'supervisord.conf': '[program:x]\n', 'mime.types': 'types {\n}\n' });
    const r = runCli(['lint', '--verbose', '.'], dir);
    expect(r.stderr).toBe(
      [
        'proxylint: mime.types: skipped (no known dialect)',
        'proxylint: nginx/conf.d/app.conf: nginx (from its path)',
        'proxylint: site.conf: apache (from its content)',
        'proxylint: supervisord.conf: skipped (no known dialect)',
        '',
      ].join('\n'),
    );
    expect(runCli(['lint', '--verbose', '--dialect', 'nginx', 'mime.types'], dir).stderr).toBe('proxylint: mime.types: nginx (--dialect)\n');
  });
});

describe('shell completion', () => {
  it('prints yargs\' completion script, and the script\'s callback completes commands and options', () => {
    const dir = tree({});
    const script = runCli(['completion'], dir);
    expect(script.code).toBe(0);
    expect(script.stderr).toBe('');
    expect(script.stdout).toContain('complete -o bashdefault -o default -F _proxylint_yargs_completions proxylint');
    const cmds = runCli(['--get-yargs-completions', 'ex'], dir).stdout.split('\n');
    expect(cmds).toEqual(expect.arrayContaining(['lint', 'explain', 'rules', 'generate']));
    const opts = runCli(['--get-yargs-completions', 'lint', '--fo'], dir).stdout.split('\n');
    expect(opts).toEqual(expect.arrayContaining(['--format', '--fix', '--stdin-filename', '--select']));
    // The script really runs in bash and completes.
    const shimDir = tree({ proxylint: `#!/bin/sh\nexec "${process.execPath}" "${path.join(REPO_ROOT, 'bin', 'proxylint.js')}" "$@"\n` });
    fs.chmodSync(path.join(shimDir, 'proxylint'), 0o755);
    const bash = spawnSync('bash', ['-c', `${script.stdout}\nCOMP_WORDS=(proxylint expl); COMP_CWORD=1; _proxylint_yargs_completions; printf '%s\\n' "\${COMPREPLY[@]}"`], {
      encoding: 'utf8',
      env: { ...process.env, PATH: `${shimDir}:${process.env.PATH}` },
    });
    expect(bash.stdout.split('\n')).toContain('explain');
  });
});
