/**
 * Runs `node bin/proxylint.js …` (the bundle, as users do). The bundle is rebuilt first when it
 * is older than the sources it bundles from this command's side (a `tsc`-only build leaves it
 * stale).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../../..');
const BIN = path.join(ROOT, 'bin', 'proxylint.js');
const BUNDLE = path.join(ROOT, 'dist', 'proxylint.js');

let fresh = false;
function ensureBundle(): void {
  if (fresh) return;
  const mtime = (p: string) => (fs.existsSync(p) ? fs.statSync(p).mtimeMs : 0);
  const sources = [
    ...fs.readdirSync(path.join(ROOT, 'src', 'generate')).map((f) => path.join(ROOT, 'src', 'generate', f)),
    path.join(ROOT, 'src', 'cli', 'generate.ts'),
    path.join(ROOT, 'src', 'cli', 'main.ts'),
  ];
  if (Math.max(...sources.map(mtime)) > mtime(BUNDLE)) {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'bundle.js')], { cwd: ROOT, stdio: 'pipe', timeout: 60_000 });
  }
  fresh = true;
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function proxylint(args: string[], cwd = ROOT): Run {
  ensureBundle();
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
