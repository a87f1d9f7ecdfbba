/** A server path the repository's files are at, in a container: from a compose bind mount or a Dockerfile COPY. */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface Mount {
  /** Absolute path in the container; a directory ends in `/`. */
  server: string;
  /** Absolute tree path; a directory ends in `/` (path.sep). */
  tree: string;
}

/** Whether the path is a directory; undefined when it does not exist. */
export function isDir(p: string): boolean | undefined {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return undefined;
  }
}

/** The mount of tree path `tree` (which must exist) at absolute server path `server`, or undefined. */
export function mountOf(server: string, tree: string): Mount | undefined {
  const d = isDir(tree);
  if (d === undefined || !server.startsWith('/')) return undefined;
  const s = path.posix.normalize(server).replace(/\/$/, '');
  return d ? { server: s + '/', tree: tree.replace(/[\\/]$/, '') + path.sep } : { server: s, tree };
}

export function holds(m: Mount, file: string): boolean {
  return m.tree.endsWith(path.sep) ? file.startsWith(m.tree) : file === m.tree;
}
