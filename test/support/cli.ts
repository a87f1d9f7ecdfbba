/** Run the built CLI (bin/proxylint.js → dist/proxylint.js) as users do: a real process. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from './paths';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], cwd: string, env: Record<string, string | undefined> = {}, input?: string): CliRun {
  const merged: NodeJS.ProcessEnv = { ...process.env, GITHUB_ACTIONS: '', NO_COLOR: '1', FORCE_COLOR: undefined, ...env };
  // An empty value means unset (no-color.org); node itself warns when both are present.
  for (const k of ['FORCE_COLOR', 'NO_COLOR']) if (!merged[k]) delete merged[k];
  const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'proxylint.js'), ...args], {
    cwd,
    env: merged,
    encoding: 'utf8',
    input,
    timeout: 60000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A temp directory with the given files; removed by the returned cleanup. */
export function tempTree(files: Record<string, string | Buffer>): { dir: string; cleanup(): void } {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'proxylint-cli-')));
  for (const [name, text] of Object.entries(files)) {
    const p = path.join(dir, name);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
  }
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * `tree(files)` for a test file: each call makes a temp tree, removed after the test that made it.
 * Call at the top level of a test file (it registers an afterEach).
 */
export function useTempTrees(): (files: Record<string, string | Buffer>) => string {
  let cleanup: (() => void)[] = [];
  afterEach(() => {
    cleanup.forEach((c) => c());
    cleanup = [];
  });
  return (files) => {
    const t = tempTree(files);
    cleanup.push(t.cleanup);
    return t.dir;
  };
}

const SEVERITY = ['info', 'warning', 'error'];

/**
 * `proxylint lint --format json <args>` in `dir`, one `file:line:column ruleId severity` line per
 * finding (sorted), after one line per file linted outside the tree (this machine's /etc shows as
 * an absolute or ../ path, messages or not).
 */
export function lintTree(dir: string, args: string[]): string[] {
  const r = runCli(['lint', '--format', 'json', ...args], dir);
  const results: { filePath: string; messages: { ruleId: string; severity: number; line: number; column: number }[] }[] = JSON.parse(r.stdout);
  const outside = results.map((f) => path.relative(dir, f.filePath)).filter((f) => f.startsWith('..') || path.isAbsolute(f));
  return [...outside.map((f) => `linted outside the tree: ${f}`), ...results.flatMap((f) => f.messages.map((m) => `${path.relative(dir, f.filePath)}:${m.line}:${m.column} ${m.ruleId} ${SEVERITY[m.severity]}`)).sort()];
}
