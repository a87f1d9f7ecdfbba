/**
 * Where proxylint's own files (package.json, schema/, rules/*\/README.md, templates/) are,
 * whether it runs from dist/src/... (tests) or from the single-file bundle dist/proxylint.js.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

let root: string | undefined;

export function packageRoot(): string {
  if (root) return root;
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`cannot find proxylint's package.json above ${__dirname}`);
    dir = up;
  }
  return (root = dir);
}

export function packageVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}
