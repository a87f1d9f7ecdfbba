/**
 * A strict rule tester in the manner of ESLint's RuleTester: tables of valid and invalid cases,
 * exact positions, the fixed output, and a check that the output parses and no longer trips
 * the rule.
 */
import type { RuleDefinition } from '../../src/core/rule';
import { lintCase, type CaseInput } from './lint-case';

export interface ExpectedError {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  message?: string | RegExp;
  /** The finding's severity (checked when given). */
  severity?: 'error' | 'warning' | 'info';
  /** Relative name of the file the error is in (default: the case's main file). */
  file?: string;
}

export interface ValidCase extends CaseInput {
  name?: string;
}

export interface InvalidCase extends CaseInput {
  name?: string;
  errors: ExpectedError[];
  /** The main file after one fix pass; `null` asserts that no fix is offered. */
  output?: string | null;
  /** Other files the fix changes, by relative name. */
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
          const r = lintCase(rule.dialect, [rule], c);
          expect(r.messages.filter((m) => m.fatal)).toEqual([]);
          const got = r.messages.filter((m) => m.ruleId === rule.id);
          const gotPositions = got.map((m) => ({
            file: m.file,
            line: m.line,
            column: m.column,
            ...(c.errors.some((e) => e.endLine !== undefined) ? { endLine: m.endLine, endColumn: m.endColumn } : {}),
          }));
          const wantPositions = c.errors.map((e) => ({
            file: e.file ?? r.file,
            line: e.line,
            column: e.column,
            ...(c.errors.some((x) => x.endLine !== undefined) ? { endLine: e.endLine, endColumn: e.endColumn } : {}),
          }));
          expect(gotPositions).toEqual(wantPositions);
          c.errors.forEach((e, k) => {
            if (e.message instanceof RegExp) expect(got[k].message).toMatch(e.message);
            else if (typeof e.message === 'string') expect(got[k].message).toBe(e.message);
            if (e.severity !== undefined) expect(got[k].raw.severity).toBe(e.severity);
          });

          if (c.output === null) {
            expect(r.hasFix).toBe(false);
            return;
          }
          if (c.output === undefined) return;
          expect(r.output).toBe(c.output);
          for (const [name, text] of Object.entries(c.outputFiles ?? {})) expect(r.outputs[name]).toBe(text);
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
