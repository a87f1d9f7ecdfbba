/**
 * The rule API. A rule is data (id, dialect, severity, fixability, versions, docs) plus `check`,
 * which runs once per parsed unit and asks the dialect's analyses (`ctx.analysis`) what it needs:
 * the effective headers of a location, what `http_access` decides, which ProxyPass wins. The
 * engine does not walk the tree for rules: a walk of its own would see what the server does not
 * read (Squid's false `if` branches), while each analysis walks the unit as its server reads it
 * (Squid: walkActive; Apache: <IfModule>/<IfDefine>/<IfVersion> evaluated while parsing).
 * Rules never mutate the tree; a fix is a list of text edits.
 */
import type { DialectName, Directive, Comment, ParsedUnit, SourceFile } from './ast';
import type { Settings } from './settings';
import type { FindingSignal } from './websocket/intent';

export type { FindingSignal };

export type Severity = 'error' | 'warning' | 'info';
export type Fixability = 'safe' | 'unsafe' | false;

/** Replace `[start, end)` of `file` with `text` (an insertion when start === end). */
export interface Edit {
  file: SourceFile;
  range: [number, number];
  text: string;
}

export interface Fix {
  edits: Edit[];
  /** Overrides the rule's `fixable` for this one fix (a rule may offer both kinds). */
  applicability?: 'safe' | 'unsafe';
}

export interface ReportDescriptor {
  /** Where the finding points: a node's name, or an explicit range. */
  node?: Directive | Comment;
  file?: SourceFile;
  range?: [number, number];
  message: string;
  fix?: Fix;
  /**
   * A finding graver (or milder) than the rule's default, e.g. the inheritance trap dropping
   * Upgrade. Applies only while the user has not configured the rule's severity.
   */
  severity?: Severity;
  /** Which WebSocket signal made the rule judge this route (DESIGN: findings say which signal fired). */
  signal?: FindingSignal;
}

export interface LintMessage {
  ruleId: string;
  severity: Severity;
  message: string;
  file: SourceFile;
  start: number;
  end: number;
  fix?: Fix;
  fatal?: boolean;
  signal?: FindingSignal;
}

export interface RuleContext<A = unknown> {
  readonly unit: ParsedUnit;
  readonly settings: Settings;
  /** This rule's options from config (`[severity, options]`), defaults applied. */
  readonly options: Record<string, unknown>;
  /** The dialect's shared analyses, computed lazily and once per unit. */
  readonly analysis: A;
  report(descriptor: ReportDescriptor): void;
}

export interface RuleDocs {
  /** One sentence: what is wrong. Used by `rules`, SARIF shortDescription and docs/rules.md. */
  summary: string;
  /** What this rule rests on, in words a reader can check: "observed: …" on a real server, "reported: owner/repo#N" (public issues). */
  evidence?: string[];
}

export interface RuleDefinition<A = unknown> {
  id: string;
  dialect: DialectName;
  severity: Severity;
  fixable: Fixability;
  /** semver ranges per dialect: the rule runs only when the target version satisfies it. */
  versions?: Partial<Record<DialectName, string>>;
  docs: RuleDocs;
  /** JSON schema of the options object; defaults are taken from `defaultOptions`. */
  optionsSchema?: object;
  defaultOptions?: Record<string, unknown>;
  /** Query ctx.analysis and report; called once per unit, after it parsed without a fatal error. */
  check(ctx: RuleContext<A>): void;
}

export function defineRule<A>(rule: RuleDefinition<A>): RuleDefinition<A> {
  return rule;
}
