/**
 * Flags behave the same everywhere and say what they decided (issue 10): `warn` is accepted by
 * --failure-threshold as in config files, `-`/`--output FORMAT=-` is stdout, a run failed by
 * warnings says why on stderr, and a run says what it did when it succeeds or fixes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli, useTempTrees } from '../support/cli';
import { BROKEN, GOOD } from '../report/results';

const tree = useTempTrees();
const WARN_ONLY = GOOD.replace('proxy_read_timeout 1h;', 'proxy_read_timeout 10s;');

function warnings(dir: string): number {
  return JSON.parse(runCli(['lint', '--format', 'json', '.'], dir).stdout).reduce((n: number, r: { warningCount: number }) => n + r.warningCount, 0);
}

describe('the reason a run failed is one line on stderr', () => {
  it.each([
    [['--max-warnings', '0'], (n: number) => `proxylint: too many warnings (${n}, max 0)\n`],
    [['--failure-threshold', 'warning'], (n: number) => `proxylint: ${n} warning${n === 1 ? '' : 's'} at or above --failure-threshold warning\n`],
    [['--failure-threshold', 'warn', '--quiet'], (n: number) => `proxylint: ${n} warning${n === 1 ? '' : 's'} at or above --failure-threshold warning\n`],
  ])('%j', (args, reason) => {
    const dir = tree({ 'nginx/app.conf': WARN_ONLY });
    const n = warnings(dir);
    expect(n).toBeGreaterThan(0);
    const r = runCli(['lint', '--format', 'json', ...args, '.'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(reason(n));
  });

  it('no reason line when the run passes, or errors already say it', () => {
    const dir = tree({ 'nginx/app.conf': WARN_ONLY, 'bad/nginx/app.conf': BROKEN });
    expect(runCli(['lint', '--format', 'json', 'nginx'], dir)).toMatchObject({ code: 0, stderr: '' });
    expect(runCli(['lint', '--format', 'json', 'bad'], dir)).toMatchObject({ code: 1, stderr: '' });
  });
});

describe('a run says what it did', () => {
  it('stylish says so when nothing was found', () => {
    const dir = tree({ 'nginx/a.conf': GOOD, 'nginx/b.conf': GOOD });
    expect(runCli(['lint', 'nginx'], dir)).toMatchObject({ code: 0, stdout: '✔ no problems in 2 files\n', stderr: '' });
  });

  it('--fix ends with "fixed N problems in M files"; --fix-dry-run says "would fix"', () => {
    const dir = tree({ 'nginx/a.conf': BROKEN, 'nginx/b.conf': BROKEN, 'nginx/c.conf': GOOD });
    const dry = runCli(['lint', '--fix-dry-run', '--format', 'json', 'nginx'], dir);
    const fixed = runCli(['lint', '--fix', '--format', 'json', 'nginx'], dir);
    const m = /^proxylint: fixed (\d+) problems in 2 files\n$/.exec(fixed.stderr);
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThanOrEqual(4); // Upgrade + Connection (+ version) in each of a and b
    expect(dry.stderr).toBe(`proxylint: would fix ${m![1]} problems in 2 files\n`);
    expect(fs.readFileSync(path.join(dir, 'nginx/c.conf'), 'utf8')).toBe(GOOD);
    expect(runCli(['lint', '--fix', 'nginx'], dir).stderr).toBe('proxylint: fixed 0 problems in 0 files\n');
  });
});

describe('assumed targets are said once per run', () => {
  it('under the stylish findings, once however many findings; not when targets are set', () => {
    const dir = tree({ 'nginx/a.conf': BROKEN, 'nginx/b.conf': BROKEN });
    const out = runCli(['lint', 'nginx'], dir).stdout;
    const note = "  assumed nginx 1.22.1 (Debian 12's); set targets.nginx in .proxylint.yaml if yours differ";
    expect(out.split('\n').filter((l) => l === note)).toHaveLength(1);
    expect(out.trimEnd().endsWith(note)).toBe(true);
    fs.writeFileSync(path.join(dir, '.proxylint.yaml'), 'targets:\n  nginx: "1.22.1"\n');
    expect(runCli(['lint', 'nginx'], dir).stdout).not.toContain('assumed');
  });
  it("not for a file judged with its image's release (a Dockerfile's FROM nginx:1.27 copies it in: core/layout/image-release)", () => {
    const dir = tree({ 'nginx/a.conf': BROKEN, 'nginx/Dockerfile': 'FROM nginx:1.27-alpine\nCOPY a.conf /etc/nginx/conf.d/\n' });
    const out = runCli(['lint', 'nginx'], dir).stdout;
    expect(out).toContain('nginx/a.conf');
    expect(out).not.toContain('assumed');
  });
});

describe('standard output as a FILE', () => {
  it('--output json=- writes JSON to stdout instead of the default report; -o - too', () => {
    const dir = tree({ 'nginx/app.conf': BROKEN });
    const r = runCli(['lint', '--output', 'json=-', '.'], dir);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)[0].errorCount).toBeGreaterThan(0);
    expect(fs.existsSync(path.join(dir, '-'))).toBe(false);
    const o = runCli(['lint', '-f', 'json', '-o', '-', '.'], dir);
    expect(JSON.parse(o.stdout)[0].errorCount).toBeGreaterThan(0);
    expect(fs.existsSync(path.join(dir, '-'))).toBe(false);
    // With --format given as well, both would go to stdout: refused.
    expect(runCli(['lint', '-f', 'stylish', '--output', 'json=-', '.'], dir).code).toBe(2);
  });
});
