/**
 * The template files (templates/<dialect>/<name>.<ext>) and the fixers' renderer: the floor below
 * both `proxylint generate` (src/generate adds schemas and parameter checks) and the dialects'
 * fixers, so neither imports the other.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DialectName } from '../core/ast';
import { packageRoot } from '../core/package-root';
import { compile, render, type Compiled, type Params } from './render';

/** The templates/ folder of the package (found from package.json: works from dist/src and the bundle). */
export function templatesDir(): string {
  return path.join(packageRoot(), 'templates');
}

export const TEMPLATE_EXT: Record<DialectName, string> = { nginx: 'conf', apache: 'conf', squid: 'conf', haproxy: 'cfg' };

const fixCache = new Map<string, Compiled>();

/**
 * Renders a template for a fixer. Fixes are computed on every lint that finds a fixable problem,
 * so this reads only the template (no YAML schema, no ajv: ~80 ms of start-up): the params come
 * from proxylint's own code, and the strict renderer still rejects an unknown placeholder.
 */
export function renderFixTemplate(dialect: DialectName, name: string, params: Params): string {
  const load = (n: string): Compiled => {
    const key = `${dialect}/${n}`;
    let c = fixCache.get(key);
    if (!c) {
      const file = path.join(templatesDir(), dialect, `${n}.${TEMPLATE_EXT[dialect]}`);
      fixCache.set(key, (c = compile(`templates/${key}.${TEMPLATE_EXT[dialect]}`, fs.readFileSync(file, 'utf8'))));
    }
    return c;
  };
  return render(load(name), params, { partial: load });
}

