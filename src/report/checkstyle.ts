/**
 * Checkstyle XML (the format Jenkins' warnings-ng, reviewdog and Sonar import; ShellCheck's and
 * hadolint's shape): one <file> per file with findings, one <error> per finding.
 */
import type { LintResult } from '../core/result';
import type { FormatContext } from './context';
import { relPath, ruleIdOf } from './common';
import { xmlEscape } from './xml';

export function format(results: LintResult[], ctx: FormatContext): string {
  const out = ['<?xml version="1.0" encoding="utf-8"?>', '<checkstyle version="4.3">'];
  for (const r of results) {
    if (r.messages.length === 0) continue;
    out.push(`  <file name="${xmlEscape(relPath(ctx, r.filePath))}">`);
    for (const m of r.messages) {
      out.push(
        `    <error line="${m.line}" column="${m.column}" severity="${m.severity}" message="${xmlEscape(m.message)}" source="${xmlEscape(`proxylint.${ruleIdOf(m)}`)}"/>`,
      );
    }
    out.push('  </file>');
  }
  out.push('</checkstyle>');
  return out.join('\n') + '\n';
}
