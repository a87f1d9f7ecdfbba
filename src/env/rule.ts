/** The env rule API: a rule looks at one scope (the variables one process sees) and reports ranges. */
import type { Severity } from '../core/rule';
import type { Assignment, Scope } from './extract';

export interface EnvReport {
  /** The assignment the finding is about: its file (a referenced EnvironmentFile/env_file, or the scope's) holds the offsets. */
  at: Assignment;
  start: number;
  end: number;
  message: string;
  severity?: Severity;
}

/**
 * An env rule: the same metadata as a server rule (so the one registry in rules/index.ts, config
 * severities, --select/--ignore, `rules`, `explain`, docs and SARIF treat it alike), with a check
 * over a scope instead of a directive visitor.
 */
export interface EnvRule {
  id: string;
  dialect: 'env';
  severity: Severity;
  fixable: false;
  docs: { summary: string };
  check(scope: Scope, report: (r: EnvReport) => void): void;
}

export function defineEnvRule(r: Omit<EnvRule, 'dialect'>): EnvRule {
  return { dialect: 'env', ...r };
}

const PROXY = /^(https?|all|wss?|ftp)_proxy$/i;
/** Variables whose value is a proxy URL. */
export function isProxyVar(name: string): boolean {
  return PROXY.test(name) || /^npm_config_(https_|http_)?proxy$/i.test(name) || name === 'npm:proxy' || name === 'npm:https-proxy' || name === 'npm:http-proxy' || name === 'git:http.proxy';
}
export function isNoProxyVar(name: string): boolean {
  return /^no_proxy$/i.test(name) || name === 'npm:noproxy' || /^npm_config_no_?proxy$/i.test(name);
}
/** The comma- or blank-separated entries of a list value (NO_PROXY), each with its offset in the file. */
export function listEntries(a: Assignment): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  for (const m of a.value.matchAll(/[^,\s]+/g)) out.push({ text: m[0], start: a.start + m.index! });
  return out;
}
export function proxyAssignments(s: Scope): Assignment[] {
  return s.assignments.filter((a) => isProxyVar(a.name) && a.value !== '');
}
/**
 * A value that is filled in later is not judged: a variable reference (`${HTTP_PROXY}`,
 * `$(cat …)`, `${{ secrets.PROXY }}`) or a template (Helm/Go `{{ .Values.proxy }}`, Jinja/Ansible
 * `{{ proxy_url }}`, `{% … %}`), which `lint .` meets in charts and playbooks.
 */
export function isReference(v: string): boolean {
  return /\$[{(A-Za-z_]|\{\{|\{%/.test(v);
}
