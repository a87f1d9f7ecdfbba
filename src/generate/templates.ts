/**
 * Template files: templates/<dialect>/<name>.<ext> with <name>.schema.yaml beside each.
 * Loaded on first use and cached; the schema is parsed with `yaml` and compiled with `ajv`
 * (both required lazily, so `proxylint lint` never pays for them).
 *
 * Schema conventions (JSON Schema draft-07 in YAML):
 *   - `properties` declares every parameter the template (and its partials) may use;
 *     `additionalProperties: false`; `default`s are filled in by ajv.
 *   - `x-option: --upstream` names the CLI option a parameter comes from, so an error can say
 *     which option is wrong; `x-hint` is the human explanation of what is expected.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DialectName } from '../core/ast';
import { compile, render, TemplateError, type Compiled, type Params } from '../templates/render';
import { TEMPLATE_EXT as EXT, templatesDir } from '../templates';

export { templatesDir };

export interface SchemaProperty {
  type?: string | string[];
  description?: string;
  pattern?: string;
  default?: unknown;
  enum?: unknown[];
  'x-option'?: string;
  'x-hint'?: string;
  [k: string]: unknown;
}

export interface TemplateSchema {
  title?: string;
  description?: string;
  type: 'object';
  required?: string[];
  properties: Record<string, SchemaProperty>;
  additionalProperties?: boolean;
}

export interface Template {
  dialect: DialectName;
  name: string;
  file: string;
  source: string;
  compiled: Compiled;
  schema: TemplateSchema;
  validate: ((params: Params) => boolean) & { errors?: unknown[] | null };
}

/** One invalid parameter: its name, the CLI option it comes from, and what is wrong. */
export interface ParamProblem {
  param: string;
  option?: string;
  value: unknown;
  message: string;
}

export class ParamError extends Error {
  name = 'ParamError';
  constructor(public problems: ParamProblem[]) {
    super(problems.map(formatProblem).join('\n'));
  }
}

function formatProblem(p: ParamProblem): string {
  const who = p.option ?? `parameter "${p.param}"`;
  const got = p.value === undefined ? 'missing' : `got ${JSON.stringify(p.value)}`;
  return `invalid ${who}: ${p.message} (${got})`;
}

let ajv: any;
function getAjv(): any {
  if (!ajv) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Ajv = require('ajv').default;
    ajv = new Ajv({ allErrors: true, useDefaults: true, strict: true });
    ajv.addKeyword({ keyword: 'x-option', schemaType: 'string' });
    ajv.addKeyword({ keyword: 'x-hint', schemaType: 'string' });
  }
  return ajv;
}

const cache = new Map<string, Template>();

export function templateNames(dialect: DialectName): string[] {
  const dir = path.join(templatesDir(), dialect);
  const ext = `.${EXT[dialect]}`;
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(ext) && !f.endsWith('.schema.yaml'))
    .map((f) => f.slice(0, -ext.length))
    .sort();
}

export function loadTemplate(dialect: DialectName, name: string): Template {
  const key = `${dialect}/${name}`;
  let t = cache.get(key);
  if (t) return t;
  if (!/^[a-z0-9][a-z0-9._-]*$/.test(name)) throw new TemplateError(`bad template name "${name}"`);
  const file = path.join(templatesDir(), dialect, `${name}.${EXT[dialect]}`);
  const schemaFile = path.join(templatesDir(), dialect, `${name}.schema.yaml`);
  let source: string;
  let schemaText: string;
  try {
    source = fs.readFileSync(file, 'utf8');
  } catch {
    throw new TemplateError(`no template ${key} (looked for ${file})`);
  }
  try {
    schemaText = fs.readFileSync(schemaFile, 'utf8');
  } catch {
    throw new TemplateError(`template ${key} has no schema (looked for ${schemaFile})`);
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const schema = (require('yaml') as typeof import('yaml')).parse(schemaText) as TemplateSchema;
  if (!schema || schema.type !== 'object' || typeof schema.properties !== 'object') {
    throw new TemplateError(`${schemaFile}: a template schema must be an object schema with properties`);
  }
  const compiled = compile(`templates/${dialect}/${name}.${EXT[dialect]}`, source);
  t = { dialect, name, file, source, compiled, schema, validate: getAjv().compile(schema) };
  cache.set(key, t);
  return t;
}

/**
 * Validates params against the template's schema (filling defaults; keys the schema does not
 * declare are dropped first, so callers may pass a superset) and returns the params to render.
 */
export function checkParams(t: Template, params: Params): Params {
  const picked: Params = {};
  for (const k of Object.keys(t.schema.properties)) if (params[k] !== undefined) picked[k] = params[k];
  if (!t.validate(picked)) {
    const problems: ParamProblem[] = [];
    const seen = new Set<string>();
    for (const e of t.validate.errors as { instancePath: string; keyword: string; params: any; message: string }[]) {
      const param = e.keyword === 'required' ? e.params.missingProperty : e.instancePath.replace(/^\//, '').split('/')[0];
      if (seen.has(param)) continue;
      seen.add(param);
      const prop = t.schema.properties[param] ?? {};
      problems.push({
        param,
        option: prop['x-option'],
        value: picked[param],
        message: prop['x-hint'] ?? `${e.message}`,
      });
    }
    throw new ParamError(problems);
  }
  return picked;
}

/** Renders templates/<dialect>/<name> with params (validated against its schema first). */
export function renderTemplate(dialect: DialectName, name: string, params: Params): string {
  const t = loadTemplate(dialect, name);
  const checked = checkParams(t, params);
  return render(t.compiled, checked, { partial: (n) => loadTemplate(dialect, n).compiled });
}
