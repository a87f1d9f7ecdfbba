/** The page of a core finding: docs/core/<name>.md, shipped with the package. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { packageRoot } from './package-root';

export function corePagePath(id: string): string {
  return path.join(packageRoot(), 'docs', 'core', `${id.replace(/^core\//, '')}.md`);
}

export function coreReadme(id: string): string | undefined {
  try {
    return fs.readFileSync(corePagePath(id), 'utf8');
  } catch {
    return undefined;
  }
}
