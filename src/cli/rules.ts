/** `proxylint rules` and `proxylint explain <rule>`. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RuleMeta } from '../core/result';
import { allRules } from '../../rules/index';
import { packageRoot } from '../core/package-root';
import { CORE_RULES, findCoreRule } from '../core/core-rules';
import { corePagePath } from '../core/core-docs';
import { UsageError } from '../core/errors';
import { didYouMean } from '../core/suggest';


/** The rule's README.md (shipped beside the compiled rules' sources). */
export function readmePath(id: string): string {
  return findCoreRule(id) ? corePagePath(id) : path.join(packageRoot(), 'rules', id, 'README.md');
}

export function allRuleMeta(): RuleMeta[] {
  return allRules().map((r) => ({
    id: r.id,
    dialect: r.dialect,
    severity: r.severity,
    fixable: r.fixable,
    summary: r.docs.summary,
    readme: fs.existsSync(readmePath(r.id)) ? fs.readFileSync(readmePath(r.id), 'utf8') : undefined,
    // No helpUri: no published page has been checked to exist; the page is `proxylint explain`.
  }));
}

interface Listed {
  id: string;
  dialect: string;
  severity: string;
  fixable: 'safe' | 'unsafe' | false;
  summary: string;
}

/** Every id a report can carry: the rules, then the engine's own (core/…). */
export function listed(): Listed[] {
  return [
    ...allRules().map((r) => ({ id: r.id, dialect: r.dialect, severity: r.severity, fixable: r.fixable, summary: r.docs.summary })),
    ...CORE_RULES.map((r) => ({ id: r.id, dialect: 'core', severity: r.severity, fixable: r.fixable, summary: r.summary })),
  ];
}

export function listRules(format = 'text'): number {
  const rows = listed();
  if (format === 'json') {
    process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
    return 0;
  }
  if (format !== 'text') throw new UsageError(`rules --format: unknown format "${format}"${didYouMean(format, ['text', 'json'])} (expected text or json)`);
  const cells = rows.map((r) => [r.id, r.severity, r.fixable ? `fix: ${r.fixable}` : '', r.summary]);
  const w = [0, 1, 2].map((i) => Math.max(...cells.map((c) => c[i].length)));
  for (const c of cells) process.stdout.write(`${c[0].padEnd(w[0])}  ${c[1].padEnd(w[1])}  ${c[2].padEnd(w[2])}  ${c[3]}\n`);
  return 0;
}

/**
 * A rule id as the user typed it: exact, or the name without its dialect prefix when only one
 * dialect has it (`proxy-http-version` → `nginx/proxy-http-version`). Otherwise a UsageError
 * with the candidates or the closest id.
 */
export function resolveRuleId(input: string, what = 'rule'): string {
  const ids = listed().map((r) => r.id);
  if (ids.includes(input)) return input;
  if (!input.includes('/')) {
    const matches = ids.filter((id) => id.slice(id.indexOf('/') + 1) === input);
    if (matches.length === 1) return matches[0];
    if (matches.length > 1) throw new UsageError(`${what} "${input}" is ambiguous: ${matches.join(', ')}`);
  }
  const hint = didYouMean(input, [...ids, ...ids.map((id) => id.slice(id.indexOf('/') + 1))]);
  const full = hint && ids.find((id) => hint.includes(`"${id}"`) || hint.includes(`"${id.slice(id.indexOf('/') + 1)}"`));
  throw new UsageError(`no ${what} "${input}"${full ? ` (did you mean "${full}"?)` : ''}; "proxylint rules" lists them`);
}

export function explainRule(input: string): number {
  const id = resolveRuleId(input);
  const p = readmePath(id);
  const row = listed().find((r) => r.id === id)!;
  process.stdout.write(fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : `${row.id}: ${row.summary}\n`);
  return 0;
}
