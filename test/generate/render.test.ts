/** The template renderer: what it renders, and everything it refuses. */
import { compile, render, TemplateError, type Compiled } from '../../src/templates/render';

function r(source: string, params: Record<string, unknown>, partials: Record<string, string> = {}): string {
  const compiled: Record<string, Compiled> = {};
  for (const [n, s] of Object.entries(partials)) compiled[n] = compile(n, s);
  return render(compile('t', source), params, {
    partial: (n) => {
      if (!compiled[n]) throw new TemplateError(`no partial ${n}`);
      return compiled[n];
    },
  });
}

describe('renderer: what it renders', () => {
  test('placeholders take strings and numbers', () => {
    expect(r('listen {{port}};\nserver_name {{name}};\n', { port: 8080, name: 'example.com' })).toBe('listen 8080;\nserver_name example.com;\n');
  });

  test('#if / else / unless, inline and as standalone lines (which vanish with their newline)', () => {
    const src = 'a\n{{#if on}}\non\n{{else}}\noff\n{{/if}}\n{{#unless on}}\nnot-on\n{{/unless}}\nlisten 80{{#if on}} ssl{{/if}};\n';
    expect(r(src, { on: true })).toBe('a\non\nlisten 80 ssl;\n');
    expect(r(src, { on: false })).toBe('a\noff\nnot-on\nlisten 80;\n');
  });

  test('truthiness: true, non-empty strings and non-zero numbers', () => {
    const src = '{{#if v}}yes{{else}}no{{/if}}';
    expect([true, false, 'x', '', 1, 0].map((v) => r(src, { v }))).toEqual(['yes', 'no', 'yes', 'no', 'yes', 'no']);
  });

  test('a standalone partial is indented line by line; blank lines stay blank', () => {
    const out = r('http {\n    {{> inner}}\n}\n', { v: 'x' }, { inner: 'map {\n    a {{v}};\n\n}\n' });
    expect(out).toBe('http {\n    map {\n        a x;\n\n    }\n}\n');
  });

  test('comments are dropped', () => {
    expect(r('{{! a note }}\nkeep {{! inline }}me\n', {})).toBe('keep me\n');
  });
});

describe('renderer: strictness', () => {
  const fails = (source: string, params: Record<string, unknown>, message: RegExp, partials?: Record<string, string>) =>
    expect(() => r(source, params, partials)).toThrow(message);

  test('an unknown placeholder is an error, not an empty string', () => {
    fails('listen {{port}};\n', {}, /t:1: unknown placeholder \{\{port\}\}/);
    fails('{{#if tls}}ssl{{/if}}', {}, /unknown placeholder \{\{tls\}\}/);
    fails('{{#if tls}}ssl{{/if}}', { tls: undefined }, /unknown placeholder/);
  });

  test('a placeholder must be a one-line string or a number', () => {
    fails('{{v}}', { v: true }, /must be a string or number, got boolean/);
    fails('{{v}}', { v: { a: 1 } }, /must be a string or number, got object/);
    fails('{{v}}', { v: 'a;\nevil on' }, /may not contain a line break/);
  });

  test('sections must be closed, and closed by their own kind', () => {
    fails('{{#if a}}x', { a: true }, /\{\{#if a\}\} is never closed/);
    fails('{{#if a}}x{{/unless}}', { a: true }, /\{\{\/unless\}\} closes \{\{#if a\}\}/);
    fails('x{{/if}}', {}, /closes nothing/);
    fails('{{else}}', {}, /\{\{else\}\} outside/);
    fails('{{#if a}}1{{else}}2{{else}}3{{/if}}', { a: true }, /\{\{else\}\} outside/);
  });

  test('unsupported tags and stray braces are errors', () => {
    fails('{{#each items}}{{/each}}', {}, /unsupported tag/);
    fails('{{ a b }}', {}, /unsupported tag/);
    fails('{{{raw}}}', { raw: 'x' }, /unsupported tag|unbalanced/);
    fails('a {{b\n', { b: 'x' }, /unbalanced/);
  });

  test('partials: must stand alone on their line, must exist, must not recurse forever', () => {
    fails('a {{> p}} b\n', {}, /must stand alone/, { p: 'x\n' });
    fails('{{> missing}}\n', {}, /no partial missing/);
    fails('{{> p}}\n', {}, /nested more than 8 deep/, { p: '{{> p}}\n' });
  });

  test('errors carry the template name and line', () => {
    fails('ok\nok\n{{nope}}\n', {}, /^t:3: /);
  });
});
