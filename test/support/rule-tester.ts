/**
 * A strict rule tester in the manner of ESLint's RuleTester: tables of valid and invalid cases,
 * exact positions, the fixed output, and a check that the output parses and no longer trips
 * the rule. Strict where a lenient tester hides bugs (issue 15): findings of every file of the
 * unit are compared (an included file's finding is not dropped), every expected error names its
 * message and is checked for severity (the rule's default unless given), a case whose finding
 * offers a fix must give `output` (and `outputFiles` for every other file the fix changes), and
 * every message is one short sentence (test/support/message-shape.ts). A fix is applied the way the
 * case says (`fix`, default the rule's `fixable`): an unsafe fix marked safe would run under `--fix`.
 */
import type { RuleDefinition } from '../../src/core/rule';
import { fileOrder, lintCase, type CaseInput } from './lint-case';
import { messageShapeProblem } from './message-shape';

export interface ExpectedError {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** Required: the exact message, or a pattern for it. */
  message?: string | RegExp;
  /** The finding's severity (default: the rule's). */
  severity?: 'error' | 'warning' | 'info';
  /** Relative name of the file the error is in (default: the case's main file). */
  file?: string;
  /**
   * How the finding's fix is applied: `safe` by `--fix`, `unsafe` only with `--unsafe-fixes`
   * (default: the rule's `fixable`). Checked on every finding that offers a fix.
   */
  fix?: 'safe' | 'unsafe';
  /**
   * The finding's WebSocket signal (what --verbose and SARIF print as why the route carries
   * WebSockets), `null` for none. Once one expected error of a case gives it, every error of
   * that case is compared on it.
   */
  signal?: { kind: string; detail: string; app?: string } | null;
}

export interface ValidCase extends CaseInput {
  name?: string;
}

export interface InvalidCase extends CaseInput {
  name?: string;
  errors: ExpectedError[];
  /**
   * The main file after one fix pass; `null` asserts that no fix is offered. Required when the
   * rule offers a fix for the case (left out, the case fails).
   */
  output?: string | null;
  /** Other files the fix changes, by relative name: all of them (checked exactly). */
  outputFiles?: Record<string, string>;
}

function title(c: { name?: string; code: string }, i: number): string {
  if (c.name) return c.name;
  const line = c.code.split('\n').find((l) => /\S/.test(l) && !/^\s*#/.test(l)) ?? '';
  return `#${i} ${line.trim().slice(0, 60)}`;
}

export function ruleTester(rule: RuleDefinition<any>, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(rule.id, () => {
    it('has test cases of both kinds', () => {
      expect(cases.valid.length).toBeGreaterThan(0);
      expect(cases.invalid.length).toBeGreaterThan(0);
    });

    describe('valid', () => {
      cases.valid.forEach((c, i) => {
        it(title(c, i), () => {
          const r = lintCase(rule.dialect, [rule], c);
          expect(r.messages.filter((m) => m.fatal)).toEqual([]);
          expect(r.messages.filter((m) => m.ruleId === rule.id).map((m) => `${m.line}:${m.column} ${m.message}`)).toEqual([]);
        });
      });
    });

    describe('invalid', () => {
      cases.invalid.forEach((c, i) => {
        it(title(c, i), () => {
          expect(c.errors.length).toBeGreaterThan(0);
          // Strict, as ESLint's RuleTester: every expected error names its message; severity is
          // the rule's default unless the case says otherwise.
          const unnamed = c.errors.map((e, k) => (e.message === undefined ? `errors[${k}] (line ${e.line})` : '')).filter(Boolean);
          if (unnamed.length) throw new Error(`every expected error needs its message: ${unnamed.join(', ')}`);
          const r = lintCase(rule.dialect, [rule], c);
          expect(r.messages.filter((m) => m.fatal)).toEqual([]);
          const got = r.messages.filter((m) => m.ruleId === rule.id);
          const withEnd = c.errors.some((e) => e.endLine !== undefined);
          const withSignal = c.errors.some((e) => e.signal !== undefined);
          const gotErrors = got.map((m) => ({
            file: m.file,
            line: m.line,
            column: m.column,
            ...(withEnd ? { endLine: m.endLine, endColumn: m.endColumn } : {}),
            message: m.message,
            severity: m.raw.severity,
            ...(m.raw.fix ? { fix: m.raw.fix.applicability } : {}),
            ...(withSignal ? { signal: m.raw.signal ?? null } : {}),
          }));
          const fixed = new Set(got.filter((m) => m.raw.fix).map((m) => `${m.file}:${m.line}:${m.column}`));
          const wantErrors = c.errors
            .map((e) => ({
              file: e.file ?? r.file,
              line: e.line,
              column: e.column,
              ...(withEnd ? { endLine: e.endLine, endColumn: e.endColumn } : {}),
              message: e.message instanceof RegExp ? expect.stringMatching(e.message) : e.message,
              severity: e.severity ?? rule.severity,
              ...(fixed.has(`${e.file ?? r.file}:${e.line}:${e.column}`) ? { fix: e.fix ?? (rule.fixable || 'safe') } : {}),
              ...(withSignal ? { signal: e.signal ?? null } : {}),
            }))
            .sort((x, y) => fileOrder(x.file, y.file, r.file) || x.line - y.line || x.column - y.column);
          expect(gotErrors).toEqual(wantErrors);
          // Every message is one short sentence (the rule's page has the rest).
          expect(got.map((m) => ({ message: m.message, problem: messageShapeProblem(m.message) }))).toEqual(got.map((m) => ({ message: m.message, problem: undefined })));

          if (c.output === null) {
            expect(r.hasFix).toBe(false);
            return;
          }
          if (c.output === undefined) {
            if (r.hasFix) throw new Error(`${rule.id} offers a fix here: give the case its output (or output: null if none is meant)`);
            return;
          }
          expect(r.hasFix).toBe(true);
          expect(r.output).toBe(c.output);
          // Every other file the fix changes is listed, with its text.
          expect(withoutMain(r.outputs, r.file)).toEqual(c.outputFiles ?? {});
          // The fixed output must parse and no longer trip the rule (after as many passes as it takes).
          let input: CaseInput = { ...c, code: r.output, files: { ...c.files, ...withoutMain(r.outputs, r.file) } };
          for (let pass = 0; pass < 10; pass++) {
            const again = lintCase(rule.dialect, [rule], input);
            expect(again.messages.filter((m) => m.fatal)).toEqual([]);
            const left = again.messages.filter((m) => m.ruleId === rule.id);
            if (left.length === 0) return;
            if (!again.hasFix) {
              throw new Error(`the fixed output still trips ${rule.id}: ${left.map((m) => `${m.line}:${m.column} ${m.message}`).join('; ')}`);
            }
            input = { ...input, code: again.output, files: { ...input.files, ...withoutMain(again.outputs, again.file) } };
          }
          throw new Error(`fixes for ${rule.id} did not converge in 10 passes`);
        });
      });
    });
  });
}

function withoutMain(outputs: Record<string, string>, main: string): Record<string, string> {
  const o = { ...outputs };
  delete o[main];
  return o;
}
