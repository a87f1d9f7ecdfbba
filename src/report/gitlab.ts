/**
 * GitLab Code Quality (docs.gitlab.com/ci/testing/code_quality, the CodeClimate subset GitLab
 * reads): a JSON array of { description, check_name, fingerprint, severity, location }.
 *
 * Fingerprints must be unique per occurrence (GitLab shows one finding per fingerprint) and
 * stable across runs (GitLab compares the merge request's report with the target branch's by
 * fingerprint). So they hash what identifies the finding — rule id, path, the source text the
 * finding points at — plus the occurrence index of that triple in the file, and not the line
 * number: adding a line above a finding does not make it "new".
 *
 * Severity: GitLab's scale is info < minor < major < critical < blocker. A proxylint error is a
 * configuration that breaks WebSockets in production, which GitLab calls `critical`; `blocker`
 * is kept for a file that does not parse at all (the server refuses to start). Warnings are
 * `minor` (they degrade, e.g. a short timeout) and info is `info`.
 */
import { createHash } from 'node:crypto';
import type { LintResult, ResultMessage } from '../core/result';
import type { FormatContext } from './context';
import { jsonSafe, redact } from '../core/redact';
import { findingText, relPath, ruleIdOf } from './common';

export function gitlabSeverity(m: ResultMessage): 'blocker' | 'critical' | 'minor' | 'info' {
  if (m.fatal) return 'blocker';
  return m.severity === 'error' ? 'critical' : m.severity === 'warning' ? 'minor' : 'info';
}

export function fingerprint(parts: string[]): string {
  return createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 32);
}

export function toGitlab(results: LintResult[], ctx: FormatContext): unknown[] {
  const out: unknown[] = [];
  for (const r of results) {
    const file = relPath(ctx, r.filePath);
    const occurrences = new Map<string, number>();
    for (const m of r.messages) {
      const id = ruleIdOf(m);
      const text = findingText(r, m).replace(/\s+/g, ' ');
      const key = `${id}\0${file}\0${text}`;
      const n = occurrences.get(key) ?? 0;
      occurrences.set(key, n + 1);
      out.push({
        type: 'issue',
        check_name: id,
        description: `${redact(m.message)} (${id})`,
        categories: ['Bug Risk'],
        severity: gitlabSeverity(m),
        fingerprint: fingerprint([id, file, text, String(n)]),
        location: { path: file, lines: { begin: m.line, end: m.endLine } },
      });
    }
  }
  return out;
}

export function format(results: LintResult[], ctx: FormatContext): string {
  return jsonSafe(JSON.stringify(toGitlab(results, ctx), null, 2)) + '\n';
}
