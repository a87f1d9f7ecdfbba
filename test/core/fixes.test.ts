// The fix selector and applier on their own: which edits of several fixes are taken in one pass
// (source order, overlaps wait for the next pass, touching edits both apply), how they are
// applied (bytes outside the edits unchanged, several files at once), and the line helpers that
// fixes use for inserted lines (CRLF or LF as the file has, indentation of the neighbour).
import type { Directive, SourceFile } from '../../src/core/ast';
import { applyEdits, deleteDirectiveLines, directiveLines, eolOf, indentAt, innerIndent, insertLinesAfter, insertLinesBefore, lineEndAt, selectFixes } from '../../src/core/fixes';
import type { Edit, Fix } from '../../src/core/rule';

const file = (text: string, path = '/x/a.conf'): SourceFile => ({ path, text, encoding: 'utf8' });
const edit = (f: SourceFile, start: number, end: number, text: string): Edit => ({ file: f, range: [start, end], text });
const fix = (...edits: Edit[]): Fix => ({ edits });

/** The text of `f` after one selection pass over `fixes`. */
function onePass(f: SourceFile, fixes: Fix[]): { text: string; applied: number; skipped: number } {
  const sel = selectFixes(fixes);
  return { text: applyEdits(f.text, sel.edits.get(f) ?? []), applied: sel.appliedFixes, skipped: sel.skippedFixes };
}

describe('selectFixes: which fixes one pass takes', () => {
  const f = file('0123456789');
  it.each<[string, Fix[], string, number, number]>([
    ['one replacement', [fix(edit(f, 2, 4, 'AB'))], '01AB456789', 1, 0],
    ['disjoint, given out of order, applied in source order', [fix(edit(f, 6, 7, 'Y')), fix(edit(f, 1, 2, 'X'))], '0X2345Y789', 2, 0],
    ['overlapping replacements: the earlier one wins, the later waits', [fix(edit(f, 2, 5, 'A')), fix(edit(f, 4, 6, 'B'))], '01A56789', 1, 1],
    ['touching replacements [2,4) and [4,6) both apply', [fix(edit(f, 2, 4, 'A')), fix(edit(f, 4, 6, 'B'))], '01AB6789', 2, 0],
    ['insertion at the end of a replacement touches it: both apply', [fix(edit(f, 2, 4, 'A')), fix(edit(f, 4, 4, '+'))], '01A+456789', 2, 0],
    ['insertion at the start of a replacement: both apply, insertion first', [fix(edit(f, 4, 4, '+')), fix(edit(f, 4, 6, 'B'))], '0123+B6789', 2, 0],
    ['insertion strictly inside a replacement waits', [fix(edit(f, 2, 6, 'A')), fix(edit(f, 4, 4, '+'))], '01A6789', 1, 1],
    ['two insertions at one point: order would be a guess, the second waits', [fix(edit(f, 3, 3, 'a')), fix(edit(f, 3, 3, 'b'))], '012a3456789', 1, 1],
    ['a fix is all or nothing: one clashing edit holds back its other edits', [fix(edit(f, 0, 1, 'Z')), fix(edit(f, 0, 1, 'Q'), edit(f, 8, 9, 'Q'))], 'Z123456789', 1, 1],
    ['a fix with no edits counts as neither', [fix(), fix(edit(f, 9, 10, '!'))], '012345678!', 1, 0],
    ['deletion', [fix(edit(f, 3, 7, ''))], '012789', 1, 0],
  ])('%s', (_name, fixes, expected, applied, skipped) => {
    expect(onePass(f, fixes)).toEqual({ text: expected, applied, skipped });
  });

  it('keeps the edits of each file apart: the same offsets in two files do not clash', () => {
    const a = file('aaaa', '/x/a.conf');
    const b = file('bbbb', '/x/b.conf');
    const sel = selectFixes([fix(edit(a, 1, 2, 'A')), fix(edit(b, 1, 2, 'B'))]);
    expect(sel.appliedFixes).toBe(2);
    expect(applyEdits(a.text, sel.edits.get(a)!)).toBe('aAaa');
    expect(applyEdits(b.text, sel.edits.get(b)!)).toBe('bBbb');
  });

  it('takes one multi-file fix whole', () => {
    const a = file('aaaa', '/x/a.conf');
    const b = file('bbbb', '/x/b.conf');
    const sel = selectFixes([fix(edit(a, 0, 0, '>'), edit(b, 4, 4, '<'))]);
    expect([applyEdits(a.text, sel.edits.get(a)!), applyEdits(b.text, sel.edits.get(b)!)]).toEqual(['>aaaa', 'bbbb<']);
  });

  it('a clash in one file holds back the fix in every file', () => {
    const a = file('aaaa', '/x/a.conf');
    const b = file('bbbb', '/x/b.conf');
    const sel = selectFixes([fix(edit(a, 1, 3, 'X')), fix(edit(b, 3, 4, 'Y'), edit(a, 2, 3, 'Z'))]);
    expect(sel.edits.has(b)).toBe(false);
    expect(applyEdits(a.text, sel.edits.get(a)!)).toBe('aXa');
    expect([sel.appliedFixes, sel.skippedFixes]).toEqual([1, 1]);
  });
});

describe('applyEdits', () => {
  it('leaves every byte outside the edits as it was (CRLF, tabs, non-ASCII)', () => {
    const text = 'a\r\n\tb é\r\nc';
    expect(applyEdits(text, [edit(file(text), 4, 5, 'B')])).toBe('a\r\n\tB é\r\nc');
  });
  it('with no edits returns the text unchanged', () => {
    expect(applyEdits('x\ny', [])).toBe('x\ny');
  });
});

describe('line helpers for inserted lines', () => {
  it.each([
    ['LF file', 'a\nb\n', '\n'],
    ['CRLF file', 'a\r\nb\r\n', '\r\n'],
    ['one line, no terminator', 'a', '\n'],
  ])('eolOf: %s', (_n, text, eol) => {
    expect(eolOf(file(text))).toBe(eol);
  });

  it('indentAt gives the leading blanks of the line holding the offset', () => {
    const f = file('x\n  \ty z\n');
    expect(indentAt(f, f.text.indexOf('z'))).toBe('  \t');
    expect(indentAt(f, 0)).toBe('');
  });

  it('lineEndAt stops before CR LF and at the end of the text', () => {
    const f = file('ab\r\ncd');
    expect(lineEndAt(f, 0)).toBe(2);
    expect(lineEndAt(f, 4)).toBe(6);
  });

  it('insertLinesAfter copies the file line ending and the given indent, after the whole line', () => {
    const f = file('server {\r\n    listen 80;\r\n}\r\n');
    const at = f.text.indexOf('listen');
    const e = insertLinesAfter(f, at, ['a;', 'b;'], '    ');
    expect(applyEdits(f.text, [e])).toBe('server {\r\n    listen 80;\r\n    a;\r\n    b;\r\n}\r\n');
  });

  it.each([
    ['an indented line, CRLF', 'a\r\n  <VirtualHost *:80>\r\n    ProxyPass /ws ws://b/\r\n', 'ProxyPass', 'a\r\n  <VirtualHost *:80>\r\n    X 1\r\n    Y 2\r\n    ProxyPass /ws ws://b/\r\n'],
    ['the first line of the file', 'ProxyPass / http://b/\n', 'ProxyPass', 'X 1\nY 2\nProxyPass / http://b/\n'],
  ])('insertLinesBefore puts whole lines above the directive, indented like it: %s', (_n, text, key, out) => {
    const f = file(text);
    const start = f.text.indexOf(key);
    const d = { type: 'directive', file: f, start, end: f.text.indexOf('\n', start) } as unknown as Directive;
    expect(applyEdits(f.text, [insertLinesBefore(d, ['X 1', 'Y 2'])])).toBe(out);
  });

  it.each([
    ['four spaces', 'a {\n    b;\n}\n', '    '],
    ['two spaces', 'a {\n  b;\n}\n', '  '],
    ['tab', 'a {\n\tb;\n}\n', '\t'],
    ['no indented line: four spaces', 'a;\n', '    '],
  ])('innerIndent guesses one level from the file: %s', (_n, text, unit) => {
    expect(innerIndent(file(text), '  ')).toBe('  ' + unit);
  });
});

describe('whole-line helpers: a directive with its indentation and line break', () => {
  const directive = (f: SourceFile, start: number, end: number) => ({ type: 'directive', file: f, start, end }) as unknown as Directive;
  it('spans from the start of the first physical line through the break after the end', () => {
    const f = file('a 1\n  b 2 \\\n    3 # note\r\nc 3\n');
    const start = f.text.indexOf('b 2');
    const d = directive(f, start, f.text.indexOf('3 # note') + 1);
    expect(directiveLines(d)).toEqual([4, f.text.indexOf('c 3')]);
    expect(applyEdits(f.text, [deleteDirectiveLines(d)])).toBe('a 1\nc 3\n');
  });
  it('runs to the end of a file without a final line break', () => {
    const f = file('a 1\nb 2');
    expect(directiveLines(directive(f, 4, 7))).toEqual([4, 7]);
  });
});
