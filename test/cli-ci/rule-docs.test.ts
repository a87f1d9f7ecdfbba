/**
 * The meta-test: every rule folder (whatever has landed) has a README with `## Bad` and
 * `## Good` fenced examples that really trip / really pass that rule, an index.test.ts, complete
 * metadata, and a place in its dialect's registry. And docs/rules.md (plus the rule entries of
 * the published schema) is regenerated and compared: stale docs fail.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import type { DialectName } from '../../src/core/ast';
import { rulesFor } from '../../rules/index';
import { REPO_ROOT } from '../support/paths';
import { lintCase } from '../support/lint-case';

const DIALECTS: DialectName[] = ['nginx', 'apache', 'squid', 'haproxy'];
const RULES_DIR = path.join(REPO_ROOT, 'rules');

const folders: [string, DialectName, string][] = DIALECTS.flatMap((d) => {
  const dir = path.join(RULES_DIR, d);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(dir, e.name, 'index.ts')))
    .map((e) => [`${d}/${e.name}`, d, path.join(dir, e.name)] as [string, DialectName, string]);
});

interface Example {
  code: string;
  filename?: string;
}

/** Fenced blocks of a `## <title>` section: ```lang [file=name] … ```. */
export function examples(readme: string, title: string): Example[] {
  const m = new RegExp(`^## ${title}[^\\n]*\\n([\\s\\S]*?)(?=^## |(?![\\s\\S]))`, 'm').exec(readme);
  if (!m) return [];
  const out: Example[] = [];
  const fence = /^(```|~~~)([^\n]*)\n([\s\S]*?)^\1[ \t]*$/gm;
  let f: RegExpExecArray | null;
  while ((f = fence.exec(m[1]))) {
    const file = /\b(?:file|filename)=("?)([^"\s]+)\1/.exec(f[2]);
    out.push({ code: f[3], filename: file?.[2] });
  }
  return out;
}

/**
 * Settings an example needs, written in the README as
 * "(with `websocket: { ports: [8443] }` in `.proxylint.yaml`)": targets, websocket, rule options.
 */
export function exampleSettings(readme: string): { targets?: Record<string, string>; websocket?: { paths?: string[]; ports?: number[] }; options?: Record<string, unknown> } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const YAML = require('yaml') as typeof import('yaml');
  const out: ReturnType<typeof exampleSettings> = {};
  for (const m of readme.matchAll(/\(with `([^`]+)` in `\.proxylint\.ya?ml`\)/g)) {
    const cfg = YAML.parse(`{ ${m[1]} }`) as Record<string, any>;
    if (cfg.targets) out.targets = { ...out.targets, ...cfg.targets };
    if (cfg.websocket) out.websocket = { ...out.websocket, ...cfg.websocket };
    for (const v of Object.values((cfg.rules ?? {}) as Record<string, unknown>)) if (Array.isArray(v) && v[1]) out.options = { ...out.options, ...v[1] };
  }
  return out;
}

test('there are rules to check', () => {
  expect(folders.length).toBeGreaterThan(0);
});

describe.each(folders)('%s', (id, dialect, dir) => {
  const rule = () => rulesFor(dialect).find((r) => r.id === id);
  const readmePath = path.join(dir, 'README.md');
  const readme = () => fs.readFileSync(readmePath, 'utf8');

  test(`is registered in rules/${dialect}/index.ts with complete metadata`, () => {
    const r = rule();
    expect(r).toBeDefined();
    expect(r!.id).toBe(id);
    expect(r!.dialect).toBe(dialect);
    expect(['error', 'warning', 'info']).toContain(r!.severity);
    expect(['safe', 'unsafe', false]).toContain(r!.fixable);
    expect(r!.docs.summary).toMatch(/^\S.{10,}[.!)]$/s);
    expect(typeof r!.check).toBe('function');
    if (r!.versions) for (const [d, range] of Object.entries(r!.versions)) expect([d, typeof range]).toEqual([d, 'string']);
    if (r!.defaultOptions) {
      // The defaults must be options the rule's own schema accepts (config is validated against it).
      expect(r!.optionsSchema).toEqual(expect.objectContaining({ type: 'object' }));
      const validate = new Ajv({ strict: false }).compile(r!.optionsSchema as object);
      expect([validate(r!.defaultOptions), validate.errors ?? null]).toEqual([true, null]);
    }
  });

  test('has an index.test.ts', () => {
    expect(fs.existsSync(path.join(dir, 'index.test.ts'))).toBe(true);
  });

  test('has a README.md titled with its id, with Bad and Good examples', () => {
    expect(fs.existsSync(readmePath)).toBe(true);
    const text = readme();
    expect(text.split('\n')[0]).toBe(`# ${id}`);
    expect(examples(text, 'Bad').length).toBeGreaterThan(0);
    expect(examples(text, 'Good').length).toBeGreaterThan(0);
  });

  test('each Bad example trips the rule and each Good example lints clean with it', () => {
    if (!fs.existsSync(readmePath) || !rule()) return; // reported by the tests above
    const r = rule()!;
    const settings = exampleSettings(readme());
    for (const ex of examples(readme(), 'Bad')) {
      const res = lintCase(dialect, [r], { ...settings, code: ex.code, filename: ex.filename });
      expect({ example: ex.code, fired: res.messages.some((m) => m.ruleId === id), fatal: res.messages.filter((m) => m.fatal).map((m) => m.message) }).toEqual({
        example: ex.code,
        fired: true,
        fatal: [],
      });
    }
    for (const ex of examples(readme(), 'Good')) {
      const res = lintCase(dialect, [r], { ...settings, code: ex.code, filename: ex.filename });
      expect({ example: ex.code, messages: res.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`) }).toEqual({ example: ex.code, messages: [] });
    }
  });
});

describe('generated docs', () => {
  test('docs/rules.md and the schema rule entries are up to date (npm run docs)', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { render } = require(path.join(REPO_ROOT, 'scripts', 'build-rule-docs.js')) as { render(): Record<string, string> };
    for (const [file, text] of Object.entries(render())) {
      const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
      expect({ file: path.relative(REPO_ROOT, file), upToDate: current === text }).toEqual({ file: path.relative(REPO_ROOT, file), upToDate: true });
    }
  });

  test('docs/rules.md lists every registered rule', () => {
    const doc = fs.readFileSync(path.join(REPO_ROOT, 'docs', 'rules.md'), 'utf8');
    for (const d of DIALECTS) for (const r of rulesFor(d)) expect(doc).toContain(`## ${r.id}`);
  });
});
