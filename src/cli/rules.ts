/** `proxylint rules` and `proxylint explain <rule>`. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RuleMeta } from '../core/result';
import { allRules, findRule } from '../../rules/index';
import { packageRoot } from '../core/package-root';

export const REPO_URL = 'https://github.com/proxylint/proxylint';

/** The rule's README.md (shipped beside the compiled rules' sources). */
export function readmePath(id: string): string {
  return path.join(packageRoot(), 'rules', id, 'README.md');
}

export function allRuleMeta(): RuleMeta[] {
  return allRules().map((r) => ({
    id: r.id,
    dialect: r.dialect,
    severity: r.severity,
    fixable: r.fixable,
    summary: r.docs.summary,
    readme: fs.existsSync(readmePath(r.id)) ? fs.readFileSync(readmePath(r.id), 'utf8') : undefined,
    helpUri: `${REPO_URL}/blob/main/rules/${r.id}/README.md`,
  }));
}

export function listRules(): number {
  const rows = allRules().map((r) => [r.id, r.severity, r.fixable ? `fix: ${r.fixable}` : '', r.docs.summary]);
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  const w2 = Math.max(...rows.map((r) => r[2].length));
  for (const r of rows) process.stdout.write(`${r[0].padEnd(w0)}  ${r[1].padEnd(w1)}  ${r[2].padEnd(w2)}  ${r[3]}\n`);
  return 0;
}

export function explainRule(id: string): number {
  const rule = findRule(id);
  if (!rule) {
    process.stderr.write(`proxylint: no rule "${id}". Run "proxylint rules" for the list.\n`);
    return 2;
  }
  const p = readmePath(id);
  process.stdout.write(fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : `${rule.id}: ${rule.docs.summary}\n`);
  return 0;
}
