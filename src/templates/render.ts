/**
 * A tiny, strict template renderer for templates/<dialect>/*.
 *
 * Why not Handlebars/Mustache/EJS: `generate` and the fixers that insert rendered blocks run in
 * pre-commit hooks where node's start-up dominates; a template library costs more to require
 * than this whole module, brings helpers/escaping rules made for HTML (wrong for configs), and is
 * lenient where we want errors (an unknown placeholder renders as "" in Mustache). Config
 * templates need only four things, each strict:
 *
 *   {{name}}                        a string or number parameter; missing, boolean, object or
 *                                   multi-line values are errors
 *   {{#if name}} … {{else}} … {{/if}}   truthy: true, a non-empty string, a non-zero number
 *   {{#unless name}} … {{/unless}}
 *   {{> partial}}                   another template of the same dialect with the same params;
 *                                   alone on its line, every line it renders gets that indentation
 *   {{! comment }}                  dropped
 *
 * A tag alone on its line (sections, `else`, comments, partials) takes the whole line with it,
 * so templates stay readable. Every name used must be a key of the params object (declared by the
 * template's schema), including the names tested by `#if`/`#unless`: a typo is an error, never
 * an empty string.
 */

export class TemplateError extends Error {
  name = 'TemplateError';
}

type Part =
  | { kind: 'text'; text: string }
  | { kind: 'var'; name: string; line: number }
  | { kind: 'if'; name: string; negate: boolean; then: Part[]; else: Part[]; line: number }
  | { kind: 'partial'; name: string; indent: string; line: number };

export interface Compiled {
  name: string;
  parts: Part[];
  /** Every parameter name the template (not its partials) refers to. */
  names: Set<string>;
  /** Partials it includes, by name. */
  partials: Set<string>;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const PARTIAL_NAME = /^[a-z0-9][a-z0-9._-]*$/;
const TAG = /\{\{([\s\S]*?)\}\}/g;
/** A line holding only one non-variable tag (and blanks). */
const STANDALONE = /^([ \t]*)\{\{\s*([#/!>]|else\b)[^{}]*\}\}[ \t]*$/;

export function compile(name: string, source: string): Compiled {
  const root: Part[] = [];
  const stack: { part: Extract<Part, { kind: 'if' }>; inElse: boolean; tag: string }[] = [];
  const names = new Set<string>();
  const partials = new Set<string>();
  const where = (line: number) => `${name}:${line}`;
  const target = (): Part[] => {
    const top = stack[stack.length - 1];
    return top ? (top.inElse ? top.part.else : top.part.then) : root;
  };
  const pushText = (text: string) => {
    if (!text) return;
    if (text.includes('{{') || text.includes('}}')) {
      throw new TemplateError(`${where(lineNo)}: unbalanced "{{" or "}}" in template text`);
    }
    target().push({ kind: 'text', text });
  };
  const handleTag = (raw: string, line: number, indent: string) => {
    const body = raw.trim();
    if (body.startsWith('!')) return;
    let m: RegExpExecArray | null;
    if ((m = /^#(if|unless)\s+(\S+)$/.exec(body))) {
      const [, kw, n] = m;
      if (!NAME.test(n)) throw new TemplateError(`${where(line)}: bad parameter name "${n}" in {{${body}}}`);
      names.add(n);
      const part: Extract<Part, { kind: 'if' }> = { kind: 'if', name: n, negate: kw === 'unless', then: [], else: [], line };
      target().push(part);
      stack.push({ part, inElse: false, tag: kw });
    } else if (body === 'else') {
      const top = stack[stack.length - 1];
      if (!top || top.inElse) throw new TemplateError(`${where(line)}: {{else}} outside an {{#if}}/{{#unless}}`);
      top.inElse = true;
    } else if ((m = /^\/(if|unless)$/.exec(body))) {
      const top = stack.pop();
      if (!top) throw new TemplateError(`${where(line)}: {{${body}}} closes nothing`);
      if (top.tag !== m[1]) {
        throw new TemplateError(`${where(line)}: {{${body}}} closes {{#${top.tag} ${top.part.name}}} of line ${top.part.line}`);
      }
    } else if ((m = /^>\s*(\S+)$/.exec(body))) {
      if (!PARTIAL_NAME.test(m[1])) throw new TemplateError(`${where(line)}: bad partial name "${m[1]}"`);
      partials.add(m[1]);
      target().push({ kind: 'partial', name: m[1], indent, line });
    } else if (NAME.test(body)) {
      names.add(body);
      target().push({ kind: 'var', name: body, line });
    } else {
      throw new TemplateError(`${where(line)}: unsupported tag {{${raw}}} (use {{name}}, {{#if name}}, {{#unless name}}, {{else}}, {{/if}}, {{/unless}}, {{> partial}}, {{! comment}})`);
    }
  };

  let lineNo = 0;
  const lines = source.split(/(?<=\n)/);
  for (const full of lines) {
    lineNo++;
    const content = full.replace(/\r?\n$/, '');
    const sa = STANDALONE.exec(content);
    if (sa) {
      const raw = content.slice(content.indexOf('{{') + 2, content.lastIndexOf('}}'));
      handleTag(raw, lineNo, sa[1]);
      continue;
    }
    let last = 0;
    TAG.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = TAG.exec(full))) {
      pushText(full.slice(last, m.index));
      const body = m[1].trim();
      if (body.startsWith('>')) throw new TemplateError(`${where(lineNo)}: a partial must stand alone on its line`);
      handleTag(m[1], lineNo, '');
      last = m.index + m[0].length;
    }
    pushText(full.slice(last));
  }
  const open = stack.pop();
  if (open) throw new TemplateError(`${where(open.part.line)}: {{#${open.tag} ${open.part.name}}} is never closed`);
  return { name, parts: root, names, partials };
}

export type Params = Record<string, unknown>;

export interface RenderContext {
  /** Compiled partials by name (same dialect). */
  partial(name: string): Compiled;
  /** Guards against a partial including itself. */
  depth?: number;
}

function truthy(v: unknown): boolean {
  return v === true || (typeof v === 'string' && v !== '') || (typeof v === 'number' && v !== 0);
}

export function render(t: Compiled, params: Params, ctx: RenderContext): string {
  const depth = ctx.depth ?? 0;
  if (depth > 8) throw new TemplateError(`${t.name}: partials nested more than 8 deep (a cycle?)`);
  const has = (n: string, line: number) => {
    if (!Object.prototype.hasOwnProperty.call(params, n) || params[n] === undefined) {
      throw new TemplateError(`${t.name}:${line}: unknown placeholder {{${n}}} (not a parameter of this template)`);
    }
  };
  const out: string[] = [];
  const walk = (parts: Part[]) => {
    for (const p of parts) {
      switch (p.kind) {
        case 'text':
          out.push(p.text);
          break;
        case 'var': {
          has(p.name, p.line);
          const v = params[p.name];
          if (typeof v !== 'string' && typeof v !== 'number') {
            throw new TemplateError(`${t.name}:${p.line}: {{${p.name}}} must be a string or number, got ${typeof v}`);
          }
          const s = String(v);
          if (/[\r\n]/.test(s)) throw new TemplateError(`${t.name}:${p.line}: {{${p.name}}} may not contain a line break`);
          out.push(s);
          break;
        }
        case 'if':
          has(p.name, p.line);
          walk(truthy(params[p.name]) !== p.negate ? p.then : p.else);
          break;
        case 'partial': {
          const text = render(ctx.partial(p.name), params, { ...ctx, depth: depth + 1 });
          out.push(p.indent ? text.replace(/^(?=[^\r\n])/gm, p.indent) : text);
          break;
        }
      }
    }
  };
  walk(t.parts);
  return out.join('');
}
