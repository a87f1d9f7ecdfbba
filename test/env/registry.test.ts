/**
 * The env rules are first-class in the one registry: `rules`, `explain`, config severities and
 * overrides, --select/--ignore/--rule, suppression comments and SARIF metadata work for them as
 * for the server rules, under `proxylint env` and under `lint` (which lints a tree's env-bearing
 * files). And the lint bundle holds none of the env engine.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules, findRule } from '../../rules/index';
import { envRules } from '../../rules/env';
import { runCli, useTempTrees } from '../support/cli';
import { REPO_ROOT } from '../support/paths';

const tree = useTempTrees();

const DOCKERFILE = ['FROM node:22', 'ENV HTTPS_PROXY=http://proxy.corp.example:8080', 'ENV NO_PROXY=10.0.0.0/8', ''].join('\n');
const NGINX = 'events {}\nhttp { server { listen 8080; location / { root /srv; } } }\n';

interface Msg {
  ruleId: string;
  severity: number;
  line: number;
  column: number;
}
const found = (stdout: string) =>
  (JSON.parse(stdout) as { filePath: string; messages: Msg[] }[])
    .flatMap((f) => f.messages.map((m) => `${path.basename(f.filePath)}:${m.line}:${m.column} ${m.ruleId} ${m.severity}`))
    .sort();

describe('registry', () => {
  test('allRules() holds every env rule once, as dialect env; findRule finds them', () => {
    const ids = allRules().map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of envRules) {
      expect(ids.filter((i) => i === r.id)).toHaveLength(1);
      expect(findRule(r.id)).toBe(r);
      expect(r.dialect).toBe('env');
      expect(fs.existsSync(path.join(REPO_ROOT, 'rules', r.id, 'README.md'))).toBe(true);
    }
  });

  test('`rules --format json` lists them; `explain` prints the README, by id or by name', () => {
    const dir = tree({});
    const r = runCli(['rules', '--format', 'json'], dir);
    expect(r.code).toBe(0);
    const rows = (JSON.parse(r.stdout) as { id: string; dialect: string; severity: string }[]).filter((x) => x.dialect === 'env');
    expect(rows.map((x) => x.id).sort()).toEqual(envRules.map((x) => x.id).sort());
    expect(rows.find((x) => x.id === 'env/proxy-credentials')!.severity).toBe('error');
    for (const spec of ['env/no-proxy-loopback', 'no-proxy-loopback']) {
      const e = runCli(['explain', spec], dir);
      expect(e.code).toBe(0);
      expect(e.stdout.split('\n')[0]).toBe('# env/no-proxy-loopback');
    }
  });

  test('docs/rules.md has a section per env rule', () => {
    const doc = fs.readFileSync(path.join(REPO_ROOT, 'docs', 'rules.md'), 'utf8');
    for (const r of envRules) expect(doc).toContain(`## ${r.id}`);
  });

  test('SARIF from `env` and from `lint` carries the env rules in driver.rules', () => {
    const dir = tree({ Dockerfile: DOCKERFILE, 'nginx.conf': NGINX });
    for (const cmd of ['env', 'lint']) {
      const r = runCli([cmd, '.', '--format', 'sarif'], dir);
      expect(r.code).toBe(0); // warnings only
      const sarif = JSON.parse(r.stdout);
      const rules = sarif.runs[0].tool.driver.rules as { id: string; shortDescription: { text: string } }[];
      const loop = rules.find((x) => x.id === 'env/no-proxy-loopback');
      expect(loop?.shortDescription.text).toBe(envRules.find((x) => x.id === 'env/no-proxy-loopback')!.docs.summary);
      const results = sarif.runs[0].results as { ruleId: string; locations: { physicalLocation: { region: { startLine: number; startColumn: number } } }[] }[];
      expect(results.filter((x) => x.ruleId.startsWith('env/')).map((x) => `${x.ruleId} ${x.locations[0].physicalLocation.region.startLine}:${x.locations[0].physicalLocation.region.startColumn}`).sort()).toEqual([
        'env/no-proxy-ignored-entry 3:14',
        'env/no-proxy-loopback 3:14',
      ]);
    }
  });
});

describe.each(['env', 'lint'])('`%s .`: configuration and flags', (cmd) => {
  test('.proxylint.yaml sets an env rule severity, turns one off, and overrides by file', () => {
    const dir = tree({
      Dockerfile: DOCKERFILE,
      '.env': 'HTTPS_PROXY=http://proxy.corp.example:8080\nNO_PROXY=10.0.0.0/8\n',
      '.proxylint.yaml': 'rules:\n  env/no-proxy-loopback: error\n  env/no-proxy-ignored-entry: off\noverrides:\n  - files: .env\n    rules:\n      env/no-proxy-loopback: info\n',
    });
    const r = runCli([cmd, '.', '--format', 'json'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(found(r.stdout)).toEqual(['.env:2:10 env/no-proxy-loopback 0', 'Dockerfile:3:14 env/no-proxy-loopback 2']);
  });

  test('an unknown env rule in the config is exit 2 naming it', () => {
    const dir = tree({ Dockerfile: DOCKERFILE, '.proxylint.yaml': 'rules:\n  env/no-proxy-loopbak: error\n' });
    const r = runCli([cmd, '.'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Key "rules\.env\/no-proxy-loopbak": unknown rule \(did you mean "env\/no-proxy-loopback"\?\)/);
  });

  test.each([
    [['--select', 'env/no-proxy-loopback'], ['Dockerfile:3:14 env/no-proxy-loopback 1']],
    [['--select', 'no-proxy-ignored-entry'], ['Dockerfile:3:14 env/no-proxy-ignored-entry 1']],
    [['--ignore', 'env'], []],
    [['--ignore', 'env/no-proxy-loopback'], ['Dockerfile:3:14 env/no-proxy-ignored-entry 1']],
    [['--rule', 'env/no-proxy-loopback=error', '--ignore', 'no-proxy-ignored-entry'], ['Dockerfile:3:14 env/no-proxy-loopback 2']],
  ])('%j', (flags, want) => {
    const dir = tree({ Dockerfile: DOCKERFILE });
    const r = runCli([cmd, '.', '--format', 'json', ...flags], dir);
    expect(r.stderr).toBe('');
    expect(found(r.stdout)).toEqual(want);
  });

  test('suppression comments: next line, and disable-file for a prefix', () => {
    const dir = tree({
      Dockerfile: DOCKERFILE.replace('ENV NO_PROXY', '# proxylint-disable-next-line env/no-proxy-ignored-entry -- our clients are curl and Go\nENV NO_PROXY'),
      '.env': '# proxylint-disable-file env/\nHTTPS_PROXY=http://proxy.corp.example:8080\nNO_PROXY=10.0.0.0/8\n',
    });
    const r = runCli([cmd, '.', '--format', 'json'], dir);
    expect(found(r.stdout)).toEqual(['Dockerfile:4:14 env/no-proxy-loopback 1']);
  });
});

describe('`lint .` and env-bearing files', () => {
  test('a tree with a server config and a Dockerfile: both linted; --dialect nginx: the server config only', () => {
    const dir = tree({ Dockerfile: DOCKERFILE, 'nginx.conf': NGINX });
    const all = runCli(['lint', '.', '--format', 'json'], dir);
    expect((JSON.parse(all.stdout) as { filePath: string }[]).map((f) => path.basename(f.filePath)).sort()).toEqual(['Dockerfile', 'nginx.conf']);
    const nginx = runCli(['lint', '.', '--dialect', 'nginx', '--format', 'json'], dir);
    expect((JSON.parse(nginx.stdout) as { filePath: string }[]).map((f) => path.basename(f.filePath))).toEqual(['nginx.conf']);
  });

  test('env-bearing files that set no proxy variable are not linted: nothing to lint is still exit 2', () => {
    const dir = tree({ 'ci.yml': 'jobs:\n  build:\n    env:\n      NODE_ENV: production\n', Dockerfile: 'FROM node:22\nENV PORT=3000\n' });
    const r = runCli(['lint', '.'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no file to lint/);
  });

  test('a named Dockerfile is linted; --verbose says why each file was taken', () => {
    const dir = tree({ Dockerfile: DOCKERFILE, 'notes.txt': 'proxy' });
    const r = runCli(['lint', 'Dockerfile', 'notes.txt', '--verbose', '--format', 'json'], dir);
    expect(found(r.stdout)).toEqual(['Dockerfile:3:14 env/no-proxy-ignored-entry 1', 'Dockerfile:3:14 env/no-proxy-loopback 1']);
    expect(r.stderr).toContain('proxylint: Dockerfile: env (from its name');
    expect(r.stderr).toContain('proxylint: notes.txt: skipped');
  });

  test('the lint bundle holds none of the env engine (it loads dist/env.js on demand)', () => {
    const bundle = fs.readFileSync(path.join(REPO_ROOT, 'dist', 'proxylint.js'), 'utf8');
    for (const name of ['extractYaml', 'extractDockerfile', 'decideProxy', 'defineEnvRule', 'function lintEnvFiles']) expect({ name, inBundle: bundle.includes(name) }).toEqual({ name, inBundle: false });
    expect(fs.existsSync(path.join(REPO_ROOT, 'dist', 'env.js'))).toBe(true);
    expect(fs.existsSync(path.join(REPO_ROOT, 'dist', 'env-rules.js'))).toBe(true);
  });
});

describe('referenced env files: EnvironmentFile= and env_file:', () => {
  test('compose env_file (relative to the compose file, string and list forms): findings at the line and column in that file', () => {
    const dir = tree({
      'deploy/compose.yaml': [
        'services:',
        '  web:',
        '    image: nginx',
        '    env_file: ../env/web.env',
        '    environment:',
        '      - HTTPS_PROXY=http://proxy.corp.example:8080',
        '  api:',
        '    image: api',
        '    env_file:',
        '      - path: ./api.env',
        '        required: false',
        '      - ./missing.env',
        '',
      ].join('\n'),
      'env/web.env': '# proxy exemptions\nNO_PROXY=*.corp.example,localhost,127.0.0.1\nHTTPS_PROXY=http://ignored.corp.example:1\n',
      'deploy/api.env': 'HTTP_PROXY=proxy.corp.example:3128\n',
    });
    const r = runCli(['env', 'deploy', '--format', 'json'], dir);
    expect(r.stderr).toBe('');
    const got = (JSON.parse(r.stdout) as { filePath: string; messages: Msg[] }[]).flatMap((f) => f.messages.map((m) => `${path.relative(dir, f.filePath)}:${m.line}:${m.column} ${m.ruleId}`));
    // web.env's HTTPS_PROXY is overridden by compose's environment (no conflict finding); its NO_PROXY is read.
    expect(got.sort()).toEqual(['deploy/api.env:1:12 env/proxy-url-scheme', 'env/web.env:2:10 env/no-proxy-ignored-entry'].sort());
  });

  test('systemd EnvironmentFile= via includes.map, "-" optional and missing is fine; later files override Environment=', () => {
    const dir = tree({
      'units/app.service': [
        '[Service]',
        'Environment=HTTPS_PROXY=http://old.corp.example:8080 https_proxy=http://proxy.corp.example:8080',
        'EnvironmentFile=/etc/app/proxy.env',
        'EnvironmentFile=-/etc/app/optional.env',
        'ExecStart=/usr/bin/app',
        '',
      ].join('\n'),
      'rootfs/etc/app/proxy.env': 'HTTPS_PROXY=http://proxy.corp.example:8080\nNO_PROXY=10.0.0.0/8,localhost,127.0.0.1\n',
      '.proxylint.yaml': 'includes:\n  map:\n    /etc/app/: rootfs/etc/app/\n',
    });
    const r = runCli(['env', 'units', '--format', 'json'], dir);
    expect(r.stderr).toBe('');
    const got = (JSON.parse(r.stdout) as { filePath: string; messages: Msg[] }[]).flatMap((f) => f.messages.map((m) => `${path.relative(dir, f.filePath)}:${m.line}:${m.column} ${m.ruleId}`));
    // The unit's own HTTPS_PROXY is overridden by the file's, which agrees with https_proxy: no case conflict.
    expect(got).toEqual(['rootfs/etc/app/proxy.env:2:10 env/no-proxy-ignored-entry']);
  });

  test('an EnvironmentFile= outside the tree and unmapped is not read (hermetic)', () => {
    const dir = tree({ 'app.service': '[Service]\nEnvironmentFile=/etc/environment\nEnvironment=HTTPS_PROXY=http://proxy.corp.example:8080 NO_PROXY=localhost,127.0.0.1\n' });
    const r = runCli(['env', '.', '--format', 'json'], dir);
    expect(r.stderr).toBe('');
    expect((JSON.parse(r.stdout) as { filePath: string }[]).map((f) => path.basename(f.filePath))).toEqual(['app.service']);
  });
});
