import { lintUnit } from '../../src/core/engine';
import { applyEdits, selectFixes } from '../../src/core/fixes';
import type { LintMessage } from '../../src/core/rule';
import { defaultSettings } from '../../src/core/settings';
import { sourceFromText } from '../../src/core/source';
import { loadDialect } from '../../src/dialects/index';
import type { DialectName } from '../../src/core/ast';
import { rulesFor } from '../../rules/index';

/** Seeded mutation for fuzz tests: reproducible (a failure prints its seed and case). */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INTERESTING = ['{', '}', ';', '"', "'", '\\', '#', '$', '${', '\n', '\r\n', ' ', '\t', '<', '>', '</', '\u0000', '\ufeff', '(', ')', '*', '\\\n'];

export function mutate(text: string, rand: () => number): string {
  let out = text;
  const n = 1 + Math.floor(rand() * 6);
  for (let i = 0; i < n; i++) {
    const at = Math.floor(rand() * (out.length + 1));
    const op = rand();
    if (op < 0.35) out = out.slice(0, at) + INTERESTING[Math.floor(rand() * INTERESTING.length)] + out.slice(at);
    else if (op < 0.6) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(rand() * 20));
    else if (op < 0.75) out = out.slice(0, at);
    else if (op < 0.9) {
      const from = Math.floor(rand() * out.length);
      out = out.slice(0, at) + out.slice(from, from + Math.floor(rand() * 80)) + out.slice(at);
    } else out = out.slice(0, at) + String.fromCharCode(Math.floor(rand() * 0x3000)) + out.slice(at);
  }
  return out;
}

export function randomText(rand: () => number, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) {
    const r = rand();
    s += r < 0.5 ? INTERESTING[Math.floor(rand() * INTERESTING.length)] : String.fromCharCode(32 + Math.floor(rand() * 95));
  }
  return s;
}

const SEVERITIES = new Set(['error', 'warning', 'info']);

/**
 * Lint `text` with every rule of the dialect and check the result, not only that nothing threw:
 * each finding names a rule (or is a fatal syntax error), has a one-line message and a range inside
 * its file; each fix's edits lie inside their file, the fixer's selection applies, and the fixed
 * text lints again without a crash. Returns the findings so a caller can assert more.
 */
export function lintAndCheck(name: DialectName, text: string, filename: string): LintMessage[] {
  const settings = defaultSettings();
  const dialect = loadDialect(name);
  const lint = (src: string): LintMessage[] => {
    const file = sourceFromText(`/fuzz-${name}/${filename}`, src);
    const unit = dialect.load(file, { readFile: () => { throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' }); }, settings });
    const rules = rulesFor(name).map((rule) => ({ rule, severity: rule.severity, options: {} }));
    return lintUnit(unit, dialect, rules, settings, { reportUnusedDisable: 'warning' });
  };
  const messages = lint(text);
  for (const m of messages) {
    const where = `${m.ruleId || '(fatal)'} at ${m.start}-${m.end}: ${JSON.stringify(m.message)}`;
    if (!m.fatal && !/^[a-z]+\/[a-z0-9-]+$/.test(m.ruleId)) throw new Error(`finding without a rule id: ${where}`);
    if (!SEVERITIES.has(m.severity)) throw new Error(`bad severity ${m.severity}: ${where}`);
    if (!m.message || /[\r\n]/.test(m.message)) throw new Error(`empty or multi-line message: ${where}`);
    const len = m.file.text.length;
    if (!(m.start >= 0 && m.start <= m.end && m.end <= len)) throw new Error(`range outside its file of ${len}: ${where}`);
    for (const e of m.fix?.edits ?? []) {
      const l = e.file.text.length;
      if (!(e.range[0] >= 0 && e.range[0] <= e.range[1] && e.range[1] <= l)) throw new Error(`fix edit ${e.range} outside its file of ${l}: ${where}`);
    }
  }
  const fixes = messages.flatMap((m) => (m.fix && m.file.path.endsWith(`/${filename}`) ? [m.fix] : []));
  if (fixes.length) {
    const selection = selectFixes(fixes);
    const own = [...selection.edits].filter(([f]) => f.path.endsWith(`/${filename}`)).flatMap(([, edits]) => edits);
    if (selection.appliedFixes + selection.skippedFixes !== fixes.length) throw new Error('the fixer lost a fix');
    const fixed = applyEdits(text, own);
    if (typeof fixed !== 'string') throw new Error('fixer returned no text');
    lint(fixed);
  }
  return messages;
}
