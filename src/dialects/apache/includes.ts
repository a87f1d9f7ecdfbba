/**
 * Which files an `Include` / `IncludeOptional` reads, following server/config.c
 * (ap_process_fnmatch_configs and ap_process_resource_config_nofnmatch):
 *
 * - a plain path naming a directory reads every entry of it, sorted by name (strcmp), dotfiles
 *   included, subdirectories recursively;
 * - wildcards (`*`, `?`, `[...]`) may appear in any path segment; each is matched with
 *   apr_fnmatch(APR_FNM_PERIOD), so a leading `.` must be matched literally; matched directories
 *   are read recursively like the plain case;
 * - for `Include`, a segment that matches nothing or a directory that cannot be opened is fatal;
 *   `IncludeOptional` skips both silently.
 *
 * Messages use httpd's words.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { hasGlobMagic, segmentMatcher } from '../../core/glob';

export interface IncludeResolution {
  files: string[];
  /** Set when httpd would refuse to start (only for non-optional includes). */
  problem?: { kind: 'missing' | 'unreadable'; message: string };
}

function hasWildcard(seg: string): boolean {
  return hasGlobMagic(seg);
}

function sortedEntries(dir: string): string[] {
  // httpd sorts with strcmp: byte order, not locale order.
  return fs.readdirSync(dir).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function isDir(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * A path without wildcards: a file, or a directory read recursively. Directories already being
 * read (same device and inode: a symlink pointing back up) are not entered again; httpd would
 * recurse until its nesting limit, we report nothing rather than hang.
 */
function expandPlain(p: string, out: string[], depth: number, active: Set<string> = new Set()): void {
  if (depth > 128) return;
  let st: fs.Stats | undefined;
  try {
    st = fs.statSync(p);
  } catch {
    st = undefined;
  }
  if (st?.isDirectory()) {
    const id = `${st.dev}:${st.ino}`;
    if (active.has(id)) return;
    let names: string[];
    try {
      names = sortedEntries(p);
    } catch {
      out.push(p); // reading it will report why
      return;
    }
    active.add(id);
    for (const n of names) expandPlain(path.join(p, n), out, depth + 1, active);
    active.delete(id);
  } else out.push(p);
}

export function resolveInclude(absPattern: string, optional: boolean): IncludeResolution {
  const files: string[] = [];
  const root = path.parse(absPattern).root;
  const segments = absPattern.slice(root.length).split('/').filter((s) => s !== '');
  const first = segments.findIndex(hasWildcard);
  if (first === -1) {
    if (!fs.existsSync(absPattern)) {
      return optional ? { files } : { files: [absPattern] }; // reading reports "Could not open"
    }
    expandPlain(absPattern, files, 0);
    return { files };
  }
  let problem: IncludeResolution['problem'];
  const walk = (dir: string, k: number): void => {
    if (problem) return;
    const seg = segments[k];
    const last = k === segments.length - 1;
    if (!hasWildcard(seg)) {
      const p = path.join(dir, seg);
      if (last) {
        if (fs.existsSync(p)) expandPlain(p, files, 0);
        else if (!optional) files.push(p);
      } else if (isDir(p)) walk(p, k + 1);
      else if (!optional) problem = { kind: 'missing', message: `Include/IncludeOptional: Could not open directory ${p}: No such file or directory` };
      return;
    }
    let names: string[];
    try {
      names = sortedEntries(dir);
    } catch (e) {
      if (!optional) {
        const code = (e as NodeJS.ErrnoException).code;
        problem = {
          kind: code === 'EACCES' ? 'unreadable' : 'missing',
          message: `Include/IncludeOptional: Could not open directory ${dir}: ${code === 'EACCES' ? 'Permission denied' : 'No such file or directory'}`,
        };
      }
      return;
    }
    const match = segmentMatcher(seg);
    const matched = names.filter((n) => n !== '.' && n !== '..' && match(n));
    let any = false;
    for (const n of matched) {
      const p = path.join(dir, n);
      if (last) {
        any = true;
        expandPlain(p, files, 0);
      } else if (isDir(p)) {
        any = true;
        walk(p, k + 1);
      }
    }
    if (!any && !optional && !problem) {
      problem = { kind: 'missing', message: `Include/IncludeOptional: No matches for the wildcard '${seg}' in '${dir}', failing` };
    }
  };
  walk(root + segments.slice(0, first).join('/'), first);
  return problem ? { files, problem } : { files };
}
