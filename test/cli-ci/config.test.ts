/**
 * .proxylint.yaml through the CLI: validation errors (exit 2, the key's path, the expected
 * keys), rule options, overrides by glob, extends (and a cycle), --print-config's assumed
 * targets, `init` never overwriting, and the published schema working for editors.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli, useTempTrees } from '../support/cli';
import { REPO_ROOT } from '../support/paths';
import { BROKEN, GOOD } from '../report/results';

const WARN_ONLY = GOOD.replace('proxy_read_timeout 1h;', 'proxy_read_timeout 10s;');

const tree = useTempTrees();
type Json = { filePath: string; messages: { ruleId: string; severity: number }[] }[];
const lintJson = (dir: string, ...args: string[]) => {
  const r = runCli(['lint', '-f', 'json', ...args, '.'], dir);
  return { ...r, results: r.code === 2 ? [] : (JSON.parse(r.stdout) as Json) };
};
const rulesOf = (results: Json, file: string) =>
  results.find((r) => r.filePath.endsWith(file))!.messages.map((m) => `${m.ruleId}:${m.severity}`).sort();

describe('validation', () => {
  it('an unknown top-level key exits 2 naming it and the expected keys', () => {
    const dir = tree({ '.proxylint.yaml': 'rulez:\n  nginx/websocket-upgrade-header: off\n', 'nginx/conf.d/app.conf': BROKEN });
    const r = runCli(['lint', '.'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(path.join(dir, '.proxylint.yaml'));
    expect(r.stderr).toContain('Top level: unexpected property "rulez". Expected properties:');
    expect(r.stderr).toContain('"rules"');
    expect(r.stderr).toContain('"targets"');
  });

  it('an unknown nested key names its path and the keys expected there', () => {
    const dir = tree({ '.proxylint.yaml': 'targets:\n  ngnix: "1.22.1"\n', 'nginx/conf.d/app.conf': BROKEN });
    const r = runCli(['lint', '.'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Key "targets": unexpected property "ngnix". Expected properties: "nginx", "apache", "squid", "haproxy".');
  });

  it('an unknown key inside an override names overrides.N', () => {
    const dir = tree({ '.proxylint.yaml': 'overrides:\n  - files: "*.conf"\n    rule: {}\n', 'nginx/conf.d/app.conf': BROKEN });
    const r = runCli(['lint', '.'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Key "overrides.0": unexpected property "rule". Expected properties: "files", "rules".');
  });

  it('a wrong value (bad severity, bad version) says what is allowed', () => {
    const dir = tree({ '.proxylint.yaml': 'targets:\n  nginx: latest\nrules:\n  nginx/websocket-upgrade-header: loud\n', 'nginx/conf.d/app.conf': BROKEN });
    const r = runCli(['lint', '.'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Key "targets.nginx"');
    expect(r.stderr).toMatch(/Key "rules\.nginx\/websocket-upgrade-header".*"off".*"error"/);
  });

  it('an unknown rule id exits 2 naming it', () => {
    const dir = tree({ '.proxylint.yaml': 'rules:\n  nginx/no-such-rule: error\n', 'nginx/conf.d/app.conf': BROKEN });
    const r = runCli(['lint', '.'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Key "rules.nginx/no-such-rule": unknown rule');
  });

  it('a bad rule option exits 2 naming the option and the options the rule takes', () => {
    const dir = tree({ '.proxylint.yaml': 'rules:\n  nginx/websocket-read-timeout: [warning, { minimun: 10m }]\n', 'nginx/conf.d/app.conf': BROKEN });
    const r = runCli(['lint', '.'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Key "rules.nginx/websocket-read-timeout[1]": unexpected property "minimun". Expected properties: "minimum", "suggested".');
  });

  it('a badly typed rule option exits 2 naming it', () => {
    const dir = tree({ '.proxylint.yaml': 'rules:\n  nginx/websocket-read-timeout: [warning, { minimum: forever }]\n', 'nginx/conf.d/app.conf': BROKEN });
    const r = runCli(['lint', '.'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Key "rules.nginx/websocket-read-timeout[1].minimum"');
  });

  it('options for a rule that takes none exit 2', () => {
    const dir = tree({ '.proxylint.yaml': 'rules:\n  nginx/websocket-upgrade-header: [error, { x: 1 }]\n', 'nginx/conf.d/app.conf': BROKEN });
    const r = runCli(['lint', '.'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Key "rules.nginx/websocket-upgrade-header": this rule takes no options.');
  });

  it('YAML that does not parse exits 2 with the file', () => {
    const dir = tree({ '.proxylint.yaml': 'rules: [\n', 'nginx/conf.d/app.conf': BROKEN });
    const r = runCli(['lint', '.'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot parse');
  });

  it('a valid option changes the finding (minimum 5s accepts an explicit 10s)', () => {
    const dir = tree({ '.proxylint.yaml': 'rules:\n  nginx/websocket-read-timeout: [warning, { minimum: 5s }]\n', 'nginx/conf.d/app.conf': WARN_ONLY });
    const r = lintJson(dir);
    expect(r.code).toBe(0);
    expect(rulesOf(r.results, 'app.conf')).toEqual([]);
  });
});

describe('overrides, extends', () => {
  it('overrides apply by glob, relative to the config file, later ones winning', () => {
    const dir = tree({
      '.proxylint.yaml': [
        'rules:',
        '  nginx/websocket-read-timeout: off',
        'overrides:',
        '  - files: "nginx/legacy/**"',
        '    rules:',
        '      nginx/websocket-upgrade-header: off',
        '      nginx/websocket-read-timeout: error',
        '  - files: "*.conf"', // no slash: matches the base name anywhere
        '    rules:',
        '      nginx/websocket-connection-header: warn',
        '',
      ].join('\n'),
      'nginx/conf.d/app.conf': BROKEN,
      'nginx/legacy/old.conf': BROKEN,
    });
    const r = lintJson(dir);
    const app = rulesOf(r.results, 'app.conf');
    const old = rulesOf(r.results, 'old.conf');
    expect(app).toContain('nginx/websocket-upgrade-header:2');
    expect(app).toContain('nginx/websocket-connection-header:1');
    expect(app.some((x) => x.startsWith('nginx/websocket-read-timeout'))).toBe(false);
    expect(old.some((x) => x.startsWith('nginx/websocket-upgrade-header'))).toBe(false);
    expect(old).toContain('nginx/websocket-read-timeout:2');
    expect(old).toContain('nginx/websocket-connection-header:1');
  });

  it('extends: the parent applies, the child wins, paths are relative to each file', () => {
    const dir = tree({
      'base/team.yaml': 'targets:\n  nginx: "1.18.0"\nrules:\n  nginx/websocket-read-timeout: off\n  nginx/websocket-connection-header: warning\n',
      '.proxylint.yaml': 'extends: ./base/team.yaml\nrules:\n  nginx/websocket-connection-header: error\n',
      'nginx/conf.d/app.conf': BROKEN,
    });
    const r = lintJson(dir);
    const app = rulesOf(r.results, 'app.conf');
    expect(app.some((x) => x.startsWith('nginx/websocket-read-timeout'))).toBe(false);
    expect(app).toContain('nginx/websocket-connection-header:2');
    const printed = JSON.parse(runCli(['lint', '--print-config', 'nginx/conf.d/app.conf'], dir).stdout);
    expect(printed.targets.nginx).toBe('1.18.0');
  });

  it('an extends cycle exits 2 and shows the cycle', () => {
    const dir = tree({
      '.proxylint.yaml': 'extends: [./a.yaml]\n',
      'a.yaml': 'extends: ./b.yaml\n',
      'b.yaml': 'extends: ./a.yaml\n',
      'nginx/conf.d/app.conf': BROKEN,
    });
    const r = runCli(['lint', '.'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/extends cycle: .*a\.yaml -> .*b\.yaml -> .*a\.yaml/);
  });

  it('an extends that names a missing file exits 2', () => {
    const dir = tree({ '.proxylint.yaml': 'extends: ./nope.yaml\n', 'nginx/conf.d/app.conf': BROKEN });
    const r = runCli(['lint', '.'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nope.yaml');
  });

  it('the closest configuration wins; --config turns lookup off', () => {
    const dir = tree({
      '.proxylint.yaml': 'rules:\n  nginx/websocket-upgrade-header: off\n',
      'nginx/.proxylint.yaml': 'rules:\n  nginx/websocket-connection-header: off\n',
      'nginx/conf.d/app.conf': BROKEN,
      'other.yaml': 'rules:\n  nginx/proxy-http-version: off\n',
    });
    const near = rulesOf(lintJson(dir).results, 'app.conf');
    expect(near.some((x) => x.startsWith('nginx/websocket-connection-header'))).toBe(false);
    expect(near.some((x) => x.startsWith('nginx/websocket-upgrade-header'))).toBe(true);
    const named = rulesOf(lintJson(dir, '--config', 'other.yaml').results, 'app.conf');
    expect(named.some((x) => x.startsWith('nginx/proxy-http-version'))).toBe(false);
    expect(named.some((x) => x.startsWith('nginx/websocket-connection-header'))).toBe(true);
  });
});

describe('--print-config and init', () => {
  it('--print-config says which targets are assumed and which are set', () => {
    const dir = tree({ '.proxylint.yaml': 'targets:\n  nginx: "1.25.3"\n', 'nginx/conf.d/app.conf': BROKEN });
    const r = runCli(['lint', '--print-config', 'nginx/conf.d/app.conf'], dir);
    expect(r.code).toBe(0);
    const cfg = JSON.parse(r.stdout);
    expect(cfg.configFile).toBe(path.join(dir, '.proxylint.yaml'));
    expect(cfg.targets.nginx).toBe('1.25.3');
    for (const d of ['apache', 'squid', 'haproxy']) expect(cfg.targets[d]).toMatch(/^\d[\d.]* \(assumed: Debian stable; set targets\.\w+\)$/);
    expect(cfg.rules['nginx/websocket-upgrade-header']).toBe('error');
  });

  it('--print-config without any configuration assumes every target', () => {
    const dir = tree({ 'nginx/conf.d/app.conf': BROKEN });
    const cfg = JSON.parse(runCli(['lint', '--print-config', 'nginx/conf.d/app.conf'], dir).stdout);
    expect(cfg.configFile).toBeNull();
    for (const v of Object.values(cfg.targets)) expect(v).toContain('(assumed');
  });

  it('init writes a starter that validates, then refuses to overwrite it (exit 2, file unchanged)', () => {
    const dir = tree({ 'nginx/conf.d/app.conf': BROKEN });
    const first = runCli(['init'], dir);
    expect(first.code).toBe(0);
    const p = path.join(dir, '.proxylint.yaml');
    const text = fs.readFileSync(p, 'utf8');
    // proxylint is not installed in this project: no $schema path that would resolve to nothing.
    expect(text).not.toMatch(/^# yaml-language-server: \$schema=/m);
    expect(text).toContain('node_modules/proxylint/schema/proxylint.schema.json');
    expect(runCli(['lint', '-f', 'json', '.'], dir).code).toBe(1); // the starter is a valid config
    fs.appendFileSync(p, '# mine\n');
    const second = runCli(['init'], dir);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain('already exists');
    expect(fs.readFileSync(p, 'utf8')).toBe(text + '# mine\n');
  });

  it('init refuses when a .proxylint.json exists too', () => {
    const dir = tree({ '.proxylint.json': '{}' });
    expect(runCli(['init'], dir).code).toBe(2);
    expect(fs.existsSync(path.join(dir, '.proxylint.yaml'))).toBe(false);
  });
});

describe('the published schema', () => {
  const schemaPath = path.join(REPO_ROOT, 'schema', 'proxylint.schema.json');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Ajv = require('ajv').default;
  // strict mode, knowing VS Code's markdownDescription annotation.
  const compile = () =>
    new Ajv({ allErrors: true, strict: true, strictTuples: false }).addKeyword({ keyword: 'markdownDescription', schemaType: 'string' }).compile(JSON.parse(fs.readFileSync(schemaPath, 'utf8')));

  it('compiles under ajv strict mode (what editors and CI validators expect)', () => {
    expect(compile).not.toThrow();
  });

  it('accepts a $schema key (JSON configs) and every documented key, and documents every key', () => {
    const v = compile();
    const full = {
      $schema: './node_modules/proxylint/schema/proxylint.schema.json',
      extends: ['./base.yaml'],
      targets: { nginx: '1.22.1', apache: '2.4.71', squid: '5.7', haproxy: '2.6.12' },
      rules: { 'nginx/websocket-read-timeout': ['warning', { minimum: '10m' }], 'nginx/missing-forwarded-proto': 'off', 'core/include-not-found': 1 },
      overrides: [{ files: ['legacy/**'], rules: { 'nginx/websocket-upgrade-header': 'off' } }],
      ignores: ['vendor/**'],
      roots: ['nginx/nginx.conf'],
      websocket: { paths: ['/live/', '~^/api/.*/events$'], ports: [8080] },
    };
    expect(v(full)).toBe(true);
    // Editors also see each rule's own options and flag a misspelt one.
    expect(v({ rules: { 'nginx/websocket-read-timeout': ['warning', { minimun: '10m' }] } })).toBe(false);
    const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
    for (const [k, p] of Object.entries(schema.properties as Record<string, { description?: string }>)) expect([k, p.description]).toEqual([k, expect.any(String)]);
  });

  it('a yaml-language-server modeline is a comment, and a $schema key in YAML is accepted by the CLI', () => {
    const dir = tree({
      '.proxylint.yaml': '# yaml-language-server: $schema=./node_modules/proxylint/schema/proxylint.schema.json\n$schema: https://proxylint.dev/schema/proxylint.schema.json\nrules:\n  nginx/websocket-read-timeout: off\n',
      'nginx/conf.d/app.conf': BROKEN,
    });
    expect(runCli(['lint', '-f', 'json', '.'], dir).code).toBe(1);
  });

  it('the JSON form of the config works with $schema', () => {
    const dir = tree({ '.proxylint.json': JSON.stringify({ $schema: '../schema/proxylint.schema.json', rules: { 'nginx/websocket-read-timeout': 'off' } }), 'nginx/conf.d/app.conf': WARN_ONLY });
    expect(runCli(['lint', '-f', 'json', '.'], dir).code).toBe(0);
  });
});
