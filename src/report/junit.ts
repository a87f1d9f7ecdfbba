/**
 * JUnit XML (GitLab's and Jenkins' test report; Ruff's shape): one <testsuite> per linted file,
 * one failing <testcase> per finding, and one passing testcase for a clean file so that the
 * report still counts it.
 */
import type { LintResult } from '../core/result';
import type { FormatContext } from './context';
import { relPath, ruleIdOf } from './common';
import { xmlEscape } from './xml';

export function format(results: LintResult[], ctx: FormatContext): string {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  for (const r of results) {
    const file = xmlEscape(relPath(ctx, r.filePath));
    const cases: string[] = [];
    for (const m of r.messages) {
      const id = ruleIdOf(m);
      const body = `line ${m.line}, col ${m.column}, ${m.severity}: ${m.message}`;
      cases.push(
        `    <testcase name="${xmlEscape(`proxylint.${id}`)}" classname="${file}" file="${file}" line="${m.line}" column="${m.column}">\n` +
          `      <failure message="${xmlEscape(m.message)}" type="${m.severity}">${xmlEscape(body)}</failure>\n` +
          '    </testcase>',
      );
    }
    if (cases.length === 0) cases.push(`    <testcase name="proxylint" classname="${file}" file="${file}"/>`);
    const n = Math.max(1, r.messages.length);
    tests += n;
    failures += r.messages.length;
    suites.push(`  <testsuite name="${file}" tests="${n}" failures="${r.messages.length}" errors="0" skipped="0">\n${cases.join('\n')}\n  </testsuite>`);
  }
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<testsuites name="proxylint" tests="${tests}" failures="${failures}" errors="0">`,
    ...suites,
    '</testsuites>',
  ].join('\n') + '\n';
}
