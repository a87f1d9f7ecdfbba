/** -o / --output FORMAT=FILE (several formats in one run), thresholds, and exit codes 0/1/2. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli, useTempTrees } from '../support/cli';
import { BROKEN, GOOD } from '../report/results';

// Only a warning: a WebSocket location correct in every way but a 60 s read timeout.
const WARN_ONLY = GOOD.replace('proxy_read_timeout 1h;', 'proxy_read_timeout 10s;');

const tree = useTempTrees();

describe('report files', () => {
  it('-o writes the main report to a file and nothing to stdout', () => {
    const dir = tree({ 'nginx/conf.d/app.conf': BROKEN });
    const r = runCli(['lint', '-f', 'json', '-o', 'out/report.json', '.'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'out/report.json'), 'utf8'));
    expect(report[0].errorCount).toBeGreaterThan(0);
  });

  it('--output FORMAT=FILE, repeated, writes every format in one run beside stdout', () => {
    const dir = tree({ 'nginx/conf.d/app.conf': BROKEN });
    const r = runCli(
      ['lint', '--output', 'sarif=r/p.sarif', '--output', 'gitlab=r/gl.json', '--output', 'junit=r/junit.xml', '--output', 'checkstyle=r/cs.xml', '--output', 'github=r/gh.txt', '.'],
      dir,
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/nginx\/conf\.d\/app\.conf:3:5 {2}error/); // stylish still on stdout
    const read = (f: string) => fs.readFileSync(path.join(dir, 'r', f), 'utf8');
    const sarif = JSON.parse(read('p.sarif'));
    const n = sarif.runs[0].results.length;
    expect(n).toBeGreaterThan(0);
    expect(JSON.parse(read('gl.json'))).toHaveLength(n);
    expect(read('junit.xml').match(/<failure /g)).toHaveLength(n);
    expect(read('cs.xml').match(/<error /g)).toHaveLength(n);
    expect(read('gh.txt').match(/^::error /gm)!.length).toBeGreaterThan(0);
    expect(read('gh.txt')).not.toContain('\u001b['); // no colour in files
  });

  it('an unknown format, or a malformed --output, exits 2 before linting', () => {
    const dir = tree({ 'nginx/conf.d/app.conf': BROKEN });
    const a = runCli(['lint', '-f', 'xml', '.'], dir);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/unknown format "xml".*sarif/);
    const b = runCli(['lint', '--output', 'sarif', '.'], dir);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('--output expects FORMAT=FILE');
  });

  it('GITHUB_ACTIONS=true makes github the default format', () => {
    const dir = tree({ 'nginx/conf.d/app.conf': BROKEN });
    const r = runCli(['lint', '.'], dir, { GITHUB_ACTIONS: 'true' });
    expect(r.stdout.split('\n')[0]).toBe('::group::nginx/conf.d/app.conf');
    expect(r.stdout).toMatch(/^::error file=nginx\/conf\.d\/app\.conf,line=3,col=5,/m);
  });
});

describe('thresholds and exit codes', () => {
  let dirs: { bad: string; warn: string; good: string };
  beforeEach(() => {
    dirs = {
      bad: tree({ 'nginx/conf.d/app.conf': BROKEN }),
      warn: tree({ 'nginx/conf.d/app.conf': WARN_ONLY }),
      good: tree({ 'nginx/conf.d/app.conf': GOOD }),
    };
  });
  const code = (dir: string, ...args: string[]) => runCli(['lint', '-f', 'json', ...args, '.'], dir).code;

  it('the fixtures are what they claim', () => {
    const warn = JSON.parse(runCli(['lint', '-f', 'json', '.'], dirs.warn).stdout)[0];
    expect(warn.errorCount).toBe(0);
    expect(warn.warningCount).toBeGreaterThan(0);
  });

  it.each([
    ['bad', [], 1],
    ['warn', [], 0],
    ['good', [], 0],
    ['warn', ['--failure-threshold', 'warning'], 1],
    ['warn', ['--failure-threshold', 'info'], 1],
    ['good', ['--failure-threshold', 'info'], 0],
    ['bad', ['--failure-threshold', 'error'], 1],
    ['warn', ['--max-warnings', '0'], 1],
    ['warn', ['--max-warnings', '100'], 0],
    ['bad', ['--max-warnings', '100'], 1],
    ['bad', ['--exit-zero'], 0],
    ['warn', ['--exit-zero', '--max-warnings', '0'], 0],
    // --quiet hides warnings but they still count (ESLint: "rules marked as warn will still be run").
    ['warn', ['--quiet', '--max-warnings', '0'], 1],
    ['warn', ['-q', '--failure-threshold', 'warning'], 1],
    ['warn', ['--failure-threshold', 'warn'], 1],
    ['bad', ['--failure-threshold', 'fatal'], 2],
    ['bad', ['--max-warnings', 'many'], 2],
    ['bad', ['--no-such-option'], 2],
  ] as const)('%s %j exits %d', (which, args, expected) => {
    expect(code(dirs[which], ...args)).toBe(expected);
  });

  it('--exit-zero does not hide a configuration error (exit 2)', () => {
    fs.writeFileSync(path.join(dirs.bad, '.proxylint.yaml'), 'rulez: {}\n');
    expect(code(dirs.bad, '--exit-zero')).toBe(2);
  });

  it('a syntax error is a finding (exit 1), a missing path is a usage error (exit 2)', () => {
    const dir = tree({ 'nginx/conf.d/app.conf': 'server {\n' });
    expect(code(dir)).toBe(1);
    expect(runCli(['lint', 'nope.conf'], dir).code).toBe(2);
  });
});
