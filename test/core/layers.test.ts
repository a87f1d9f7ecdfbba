/**
 * Import floors (issue 15, back-up arrows): a module imports only from its own floor or below.
 * core < templates < dialects (and rules/) < generate/report/env/probe < cli. The entry points
 * (src/cli, src/index.ts) hand the registries down: core's linter gets the dialect registry and
 * the rules from its caller. Checked on the TypeScript sources, type imports included (a type circle is still a circle: src/report's formatters once imported
 * FormatContext from the index that loads them).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../support/paths';

const SRC = path.join(REPO_ROOT, 'src');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

/** Every relative module a file imports or requires, resolved to a path under src/ (no extension). */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:\bfrom\s+|\brequire\(\s*|\bimport\(\s*)['"](\.[^'"]+)['"]/g)].map((m) => m[1]);
  return specs.map((s) => path.relative(SRC, path.resolve(path.dirname(file), s)).split(path.sep).join('/'));
}

const rel = (f: string) => path.relative(SRC, f).split(path.sep).join('/').replace(/\.ts$/, '');

test('src/ is where the floors are checked (the scan finds the modules it claims to check)', () => {
  const all = sources(SRC).map(rel);
  expect(all).toEqual(expect.arrayContaining(['dialects/nginx/fixes', 'templates/index', 'report/index', 'report/sarif', 'generate/templates']));
  expect(importsOf(path.join(SRC, 'dialects/nginx/fixes.ts'))).toContain('templates');
});

test.each([
  ['core', /^(\.\.\/rules|templates|dialects|generate|report|env|probe|cli)(\/|$)/],
  ['dialects', /^(\.\.\/rules|generate|cli|report|env|probe)(\/|$)/],
  ['generate', /^(\.\.\/rules|cli|report|env|probe)(\/|$)/],
  ['report', /^(\.\.\/rules|dialects|generate|cli|env|probe)(\/|$)/],
  // env is the floor rules/env builds on (env/rule): the env rules are handed in by src/cli/env.ts.
  ['env', /^(\.\.\/rules|cli|report|generate|probe|dialects|templates)(\/|$)/],
  ['probe', /^(cli)(\/|$)/],
  ['templates', /^(generate|cli|report|dialects)(\/|$)/],
])('%s/ imports nothing from a higher floor', (floor, higher) => {
  const bad = sources(path.join(SRC, floor)).flatMap((f) => importsOf(f).filter((i) => higher.test(i)).map((i) => `${rel(f)} -> ${i}`));
  expect(bad).toEqual([]);
});

test('no src/report module imports the report index (which loads them)', () => {
  const bad = sources(path.join(SRC, 'report'))
    .filter((f) => rel(f) !== 'report/index')
    .flatMap((f) => importsOf(f).filter((i) => i === 'report' || i === 'report/index').map((i) => `${rel(f)} -> ${i}`));
  expect(bad).toEqual([]);
});

test('rules/ import only core, dialects and env (never the CLI, the formatters, the generator or probe)', () => {
  const RULES = path.join(REPO_ROOT, 'rules');
  const bad = sources(RULES)
    .filter((f) => !f.endsWith('.test.ts'))
    .flatMap((f) => importsOf(f).filter((i) => /^(cli|report|generate|probe|templates)(\/|$)/.test(i)).map((i) => `${path.relative(REPO_ROOT, f)} -> ${i}`));
  expect(bad).toEqual([]);
  // The scan sees rules' imports at all (a rule reads its dialect's analyses).
  expect(importsOf(path.join(RULES, 'nginx/websocket-upgrade-header/index.ts')).some((i) => i.startsWith('dialects/nginx'))).toBe(true);
});
