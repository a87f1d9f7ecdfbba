/**
 * The per-file result every formatter consumes. Positions are already resolved to 1-based
 * line/column so formatters need no source access (except stylish, which prints the line).
 */
import type { SourceFile } from './ast';
import type { FindingSignal, Fix, Severity } from './rule';

export interface ResultMessage {
  ruleId: string | null;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fix?: Fix;
  fatal?: boolean;
  /** Which WebSocket signal made the rule judge this route (rules that judge by intent). */
  signal?: FindingSignal;
}

/** A file's counts of messages, by severity and fixability (ESLint's names). */
export interface ResultCounts {
  errorCount: number;
  warningCount: number;
  infoCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
}

export interface LintResult extends ResultCounts {
  /** Absolute path. */
  filePath: string;
  /** The path as the user gave it (relative to the cwd, or absolute when named so), for terminal output. */
  displayPath?: string;
  /** The file's text as linted (for source snippets), when it could be read. */
  source?: SourceFile;
  messages: ResultMessage[];
  /** Present after --fix: the text written (or that would be written with --fix-dry-run). */
  output?: string;
}

/** Rule metadata formatters need (SARIF rules[], docs links), keyed by rule id. */
export interface RuleMeta {
  id: string;
  dialect: string;
  severity: Severity;
  fixable: 'safe' | 'unsafe' | false;
  summary: string;
  /** Full README.md text of the rule. */
  readme?: string;
  /** A page on the web, only when one is known to exist (SARIF helpUri is left out otherwise). */
  helpUri?: string;
}

export const SEVERITY_NUMBER: Record<Severity, 0 | 1 | 2> = { error: 2, warning: 1, info: 0 };
