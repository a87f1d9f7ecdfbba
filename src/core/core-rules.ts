/**
 * The findings the engine itself makes (not rules): parse errors, include problems, suppression
 * comments. They are listed by `proxylint rules`, explained by `proxylint explain` (docs/core/*.md)
 * and described in SARIF like rules, so every ruleId a report can carry is documented.
 */
import type { Severity } from './rule';

export interface CoreRule {
  id: string;
  severity: Severity;
  fixable: 'safe' | false;
  summary: string;
}

export const SYNTAX_ERROR_ID = 'core/syntax-error';
export const UNKNOWN_RULE_ID = 'core/unknown-rule';

export const CORE_RULES: CoreRule[] = [
  { id: SYNTAX_ERROR_ID, severity: 'error', fixable: false, summary: 'The file does not parse (or cannot be read): the server would refuse to start.' },
  { id: 'core/include-not-found', severity: 'error', fixable: false, summary: 'An include names a file or glob that matches nothing.' },
  { id: 'core/include-cycle', severity: 'error', fixable: false, summary: 'Files include each other in a cycle.' },
  { id: 'core/include-unreadable', severity: 'error', fixable: false, summary: 'An included file cannot be read, is not a regular file, or is too large.' },
  {
    id: 'core/include-unmapped',
    // info, as ShellCheck's SC1091 ("not following"): what proxylint could not read, not a claim
    // that the server breaks (the file exists on the server). A tree that includes certbot's or
    // the image's files must not fail a --max-warnings 0 gate for it.
    severity: 'info',
    fixable: false,
    summary: 'An include points outside the linted tree (hermetic mode) and was not read: map it with includes.map.',
  },
  {
    id: 'core/include-absent',
    severity: 'info',
    fixable: false,
    summary: 'An include mapped into the tree through a directory names a file the tree does not hold: the deploy may create it, so its content is unknown.',
  },
  {
    id: 'core/missing-context',
    severity: 'info',
    fixable: false,
    summary: 'A fragment was linted without its main config, so checks that need it did not run: name the main config in roots.',
  },
  {
    id: 'core/unrendered-template',
    severity: 'info',
    fixable: false,
    summary: 'A file that does not parse holds template markup (Jinja, Go template): the server reads its rendered output, so it was not linted.',
  },
  { id: UNKNOWN_RULE_ID, severity: 'warning', fixable: false, summary: 'A proxylint-disable comment names a rule that does not exist, so it suppresses nothing.' },
  {
    id: 'core/unused-disable-directive',
    severity: 'warning',
    fixable: 'safe',
    summary: 'A proxylint-disable comment suppresses nothing (--report-unused-disable-directives).',
  },
  { id: 'core/suppression-without-reason', severity: 'error', fixable: false, summary: 'A proxylint-disable comment gives no reason (--require-reason).' },
];

export function findCoreRule(id: string): CoreRule | undefined {
  return CORE_RULES.find((r) => r.id === id);
}
