/**
 * Which env-bearing kind a file is, by its name alone (no read): shared by `proxylint env` and by
 * `lint`'s directory walk, which must stay cheap (this module is all of env the lint bundle holds).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export type FileKind = 'dotenv' | 'shell' | 'dockerfile' | 'yaml' | 'systemd' | 'npmrc' | 'gitconfig';

export function detectKind(file: string): FileKind | undefined {
  const base = path.basename(file);
  const lower = base.toLowerCase();
  if (lower.startsWith('.proxylint.')) return undefined; // our own configuration
  if (lower === 'dockerfile' || lower.startsWith('dockerfile.') || lower.endsWith('.dockerfile') || lower === 'containerfile') return 'dockerfile';
  if (lower === '.env' || lower.startsWith('.env.') || lower.endsWith('.env') || lower === 'environment') return 'dotenv';
  if (/^(\.?(bash|zsh)rc|\.?profile|\.bash_profile|\.bash_login|\.zprofile|\.zshenv|bashrc)$/.test(lower) || lower.endsWith('.sh')) return 'shell';
  if (lower.endsWith('.yml') || lower.endsWith('.yaml')) return 'yaml';
  if (/\.(service|socket|timer)$/.test(lower) || lower.endsWith('.conf') && file.includes('.service.d')) return 'systemd';
  if (lower === '.npmrc' || lower === 'npmrc') return 'npmrc';
  if (lower === '.gitconfig' || lower === 'gitconfig' || (lower === 'config' && path.basename(path.dirname(file)) === '.git')) return 'gitconfig';
  return undefined;
}


/**
 * Can this file set a proxy variable (or name a file that does)? A cheap text test, so that `lint`
 * loads the env linter (and parses YAML) only for the few files it concerns, not every *.yml.
 */
const MAY_HOLD = /proxy|NODE_TLS_REJECT_UNAUTHORIZED|EnvironmentFile|env_file/i;
/** One buffer for every file of a walk (a tree of 2,000 manifests: no 2,000 allocations). */
let buf: Buffer | undefined;
const CHUNK = 65536;
const OVERLAP = 32; // longer than any MAY_HOLD word: a word split across two chunks is still seen

export function mayHoldProxyVariables(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const b = (buf ??= Buffer.allocUnsafe(CHUNK));
    let pos = 0;
    let carry = '';
    for (let n = 0; pos < 4 * 1024 * 1024; pos += n) {
      n = fs.readSync(fd, b, 0, CHUNK, pos);
      if (n <= 0) return false;
      const text = carry + b.toString('latin1', 0, n);
      if (MAY_HOLD.test(text)) return true;
      carry = text.slice(-OVERLAP);
    }
    return false;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
