/**
 * The linter loop: every active rule's check run once over a parsed unit (rules query the
 * dialect's analyses, which walk the unit as the server reads it), reports turned into
 * messages, suppression comments applied.
 */
import type { Comment, Directive, Node, ParsedUnit, SourceFile } from './ast';
import type { Dialect } from './dialect';
import type { LintMessage, ReportDescriptor, RuleContext, RuleDefinition, Severity } from './rule';
import type { Settings } from './settings';
import { positionAt, whereIs } from './positions';
import { applySuppressions, parseSuppression, type SuppressionDirective } from './suppressions';
import { versionSatisfies } from './versions';
import { walk } from './walk';
import { findCoreRule, UNKNOWN_RULE_ID } from './core-rules';
import { didYouMean } from './suggest';

export interface ActiveRule {
  rule: RuleDefinition<any>;
  severity: Severity;
  options: Record<string, unknown>;
  /** The user set this rule's severity (config file or --rule): then it wins over a finding's own severity. */
  configured?: boolean;
}

/** Findings the engine itself makes (not rules): include problems. Configurable like rules. */
export const CORE_RULE_IDS = {
  missing: 'core/include-not-found',
  cycle: 'core/include-cycle',
  unreadable: 'core/include-unreadable',
  'too-large': 'core/include-unreadable',
  unmapped: 'core/include-unmapped',
  absent: 'core/include-absent',
  unusedDisable: 'core/unused-disable-directive',
  missingContext: 'core/missing-context',
  unrenderedTemplate: 'core/unrendered-template',
} as const;

/**
 * Template markup a deploy step replaces before the server reads the file: Jinja/Ansible
 * (`{{ var }}`, `{% if %}`, `{# … #}`) and Go templates (frep, confd, Helm, jitsi's tpl:
 * `{{ .Env.X }}`), and ERB/EJS (`<%= @port %>`: Chef and Puppet cookbooks' nginx.conf.erb, GitLab
 * omnibus). None of our four servers has a `{{`, `{%`, `{#` or `<%` token of its own.
 */
const TEMPLATE_MARKUP = /\{\{[^\n]*?\}\}|\{%[^\n]*?%\}|\{#[^\n]*?#\}|<%[^\n]*?%>/;

/**
 * envsubst's placeholder standing where whole directives go, in a file named as a template:
 * kobo-docker's nginx_site_default.conf.tmpl ends its server block with a
 * `${SCHEMAS_DIRECTIVE_INCLUDE}` line that its entrypoint renders into include lines. As an
 * argument (`listen ${PORT};`) a placeholder parses; on a line of its own it does not.
 */
const PLACEHOLDER_STATEMENT = /^[ \t]*\$\{[A-Za-z_][A-Za-z0-9_]*\}[ \t]*;?[ \t]*$/m;
const TEMPLATE_NAME = /\.(template|tmpl|tpl|envsubst|in)$/i;

/** Whether a file is a template whose rendered output, not this text, is what the server reads. */
export function hasTemplateMarkup(file: SourceFile): boolean {
  return TEMPLATE_MARKUP.test(file.text) || (TEMPLATE_NAME.test(file.path) && PLACEHOLDER_STATEMENT.test(file.text));
}

/** Include problems after which the included content is unknown (a cycle is not: it is an error in itself). */
const UNRESOLVED = new Set(['missing', 'unmapped', 'absent', 'unreadable', 'too-large']);

export interface LintUnitOptions {
  /** Severity for a core finding, or 'off'. */
  coreSeverity?(ruleId: string): Severity | 'off';
  /** Inline suppression comments honoured (false with --no-inline-config). */
  inlineConfig?: boolean;
  /** Severity for unused suppression directives (--report-unused-disable-directives), or off. */
  reportUnusedDisable?: Severity | 'off';
  /** Reasons required on suppressions (--require-reason). */
  requireReason?: boolean;
  /** Rule ids a suppression comment may name in this dialect; others are reported (core/unknown-rule). */
  knownRuleIds?: readonly string[];
}

export class RuleError extends Error {
  constructor(
    readonly ruleId: string,
    readonly filePath: string,
    readonly cause: unknown,
  ) {
    super(`rule ${ruleId} failed on ${filePath}: ${(cause as Error)?.stack ?? String(cause)}`);
  }
}

/** Is the rule in force for the configured target version of its dialect? */
export function ruleApplies(rule: RuleDefinition<any>, settings: Settings): boolean {
  const range = rule.versions?.[rule.dialect];
  return !range || versionSatisfies(settings.targets[rule.dialect], range);
}

export function lintUnit(
  unit: ParsedUnit,
  dialect: Dialect,
  active: ActiveRule[],
  settings: Settings,
  options: LintUnitOptions = {},
): LintMessage[] {
  const messages: LintMessage[] = [];
  for (const e of unit.errors) {
    // A template's parse error says nothing about the server: it reads the rendered file. One
    // info per template (what proxylint could not judge, and how to get a verdict) replaces it.
    if (hasTemplateMarkup(e.file)) {
      const severity = options.coreSeverity ? options.coreSeverity(CORE_RULE_IDS.unrenderedTemplate) : 'info';
      if (severity === 'off') continue;
      const message = TEMPLATE_MARKUP.test(e.file.text)
        ? 'template markup ({{ … }} / {% … %}) is rendered at deploy, so the file was not linted: lint the rendered output'
        : 'a ${…} placeholder on a line of its own is rendered at deploy, so the file was not linted: lint the rendered output';
      messages.push({ ruleId: CORE_RULE_IDS.unrenderedTemplate, severity, message, file: e.file, start: e.offset, end: e.offset });
      continue;
    }
    messages.push({ ruleId: '', severity: 'error', message: e.message, file: e.file, start: e.offset, end: e.offset, fatal: true });
  }
  // A template not linted makes no claim about its includes either (they may be rendered too).
  const templates = new Set(unit.errors.filter((e) => hasTemplateMarkup(e.file)).map((e) => e.file.path));
  for (const p of unit.includeProblems) {
    if (templates.has(p.directive.file.path)) continue;
    const ruleId = CORE_RULE_IDS[p.kind];
    const severity = options.coreSeverity ? options.coreSeverity(ruleId) : (findCoreRule(ruleId)?.severity ?? 'error');
    if (severity === 'off') continue;
    const [s, e] = [p.directive.spans[0], p.directive.spans[p.directive.spans.length - 1]];
    messages.push({ ruleId, severity, message: p.message, file: p.directive.file, start: s, end: e });
  }

  // A unit that does not parse is not linted further: the server would not start either.
  if (unit.errors.length === 0) {
    const found: LintMessage[] = [];
    runRules(unit, dialect, active, settings, found);
    messages.push(...withUnknownEnclosure(unit, dialect, withUnknownIncludes(unit, found)));
  }

  return suppress(unit, messages, options);
}

function runRules(unit: ParsedUnit, dialect: Dialect, active: ActiveRule[], settings: Settings, out: LintMessage[]): void {
  let analysis: unknown;
  for (const a of active) {
    if (!ruleApplies(a.rule, settings)) continue;
    const rule = a.rule;
    const ctx: RuleContext<unknown> = {
      unit,
      settings,
      options: { ...(rule.defaultOptions ?? {}), ...a.options },
      get analysis() {
        return (analysis ??= dialect.analyze(unit, settings));
      },
      report(r: ReportDescriptor) {
        // A finding's own severity (escalation or info) applies only while the user left the rule at its default.
        const severity = r.severity && !a.configured ? r.severity : a.severity;
        out.push(toMessage(rule, severity, r, unit.root));
      },
    };
    try {
      rule.check(ctx);
    } catch (e) {
      throw new RuleError(rule.id, unit.root.path, e);
    }
  }
}

/**
 * Unknown is not wrong. A scope holding an include that could not be read (missing, outside the
 * tree, unreadable) may get from that file exactly what a rule finds missing: a finding at or
 * below such a scope (the include's block or any block enclosing the finding) is reported at
 * info, saying what is unknown, and loses its fix, so that --fix never adds a directive the
 * unread file might already set (nginx: "proxy_http_version" directive is duplicate). Rules need
 * not know: the engine decides from where a finding and its edits point.
 */
function withUnknownIncludes(unit: ParsedUnit, found: LintMessage[]): LintMessage[] {
  const unknown = new Map<Directive | null, Directive>();
  for (const p of unit.includeProblems) {
    if (UNRESOLVED.has(p.kind) && !p.inert && !unknown.has(p.directive.parent)) unknown.set(p.directive.parent, p.directive);
  }
  if (unknown.size === 0 || found.length === 0) return found;
  // Every directive instance of every file, and the scope a file's top level sits in.
  const byFile = new Map<string, Directive[]>();
  const topScope = new Map<string, (Directive | null)[]>([[unit.root.path, [null]]]);
  walk(unit.nodes, (n) => {
    if (n.type !== 'directive') return;
    let list = byFile.get(n.file.path);
    if (!list) byFile.set(n.file.path, (list = []));
    list.push(n);
    for (const inc of n.includes ?? []) {
      let t = topScope.get(inc.file.path);
      if (!t) topScope.set(inc.file.path, (t = []));
      t.push(n.parent);
    }
  });
  const cause = (file: string, offset: number): Directive | undefined => {
    let inside = false;
    for (const d of byFile.get(file) ?? []) {
      if (d.start > offset || offset >= d.end) continue;
      inside = true;
      for (let s: Directive | null = d; ; s = s.parent) {
        const hit = unknown.get(s);
        if (hit) return hit;
        if (!s) break;
      }
    }
    if (!inside) for (const s of topScope.get(file) ?? []) if (unknown.has(s)) return unknown.get(s);
    return undefined;
  };
  return found.map((m) => {
    const c = cause(m.file.path, m.start) ?? m.fix?.edits.map((e) => cause(e.file.path, e.range[0])).find(Boolean);
    if (!c) return m;
    const { fix: _fix, ...rest } = m;
    const where = whereIs(c, m.file);
    return { ...rest, severity: 'info', message: `${m.message} (unverified: include "${(c.args[0] ?? '').split('/').pop()}" at ${where} not read)` };
  });
}

/** A fragment whose enclosing block is read elsewhere (Dialect.unknownEnclosure): its findings that the block could change are unverified. */
function withUnknownEnclosure(unit: ParsedUnit, dialect: Dialect, found: LintMessage[]): LintMessage[] {
  const unknown = dialect.unknownEnclosure;
  if (!unknown || !found.some((m) => m.severity !== 'info')) return found;
  return found.map((m) => {
    const reason = m.severity === 'info' ? undefined : unknown(unit, m);
    if (!reason) return m;
    const { fix: _fix, ...rest } = m;
    return { ...rest, severity: 'info', message: `${m.message} (unverified: ${reason})` };
  });
}

function toMessage(rule: RuleDefinition<any>, severity: Severity, r: ReportDescriptor, fallback: SourceFile): LintMessage {
  const file = r.file ?? r.node?.file ?? fallback;
  let start = 0;
  let end = 0;
  if (r.range) [start, end] = r.range;
  else if (r.node?.type === 'directive') [start, end] = [r.node.spans[0], r.node.spans[1]];
  else if (r.node) [start, end] = [r.node.start, r.node.end];
  // A fix without its own applicability takes the rule's: `unsafe` fixes need --unsafe-fixes.
  const fix = r.fix && { ...r.fix, applicability: r.fix.applicability ?? (rule.fixable === 'unsafe' ? 'unsafe' : 'safe') };
  return { ruleId: rule.id, severity, message: r.message, file, start, end, ...(fix ? { fix } : {}), ...(r.signal ? { signal: r.signal } : {}) };
}

/** Collect suppression comments per file, apply them, and report unused ones when asked. */
function suppress(unit: ParsedUnit, messages: LintMessage[], options: LintUnitOptions): LintMessage[] {
  if (options.inlineConfig === false) return messages;
  // A suppression comment says `proxylint-`, and a comment's text is a slice of its file: a unit
  // whose files never say it has none to collect (a stock squid.conf has 8,694 comments to walk).
  if (!unit.files.some((f) => f.text.includes('proxylint-'))) return messages;
  const byFile = new Map<SourceFile, SuppressionDirective[]>();
  const seen = new Set<Comment>();
  const collect = (n: Node) => {
    if (n.type !== 'comment' || seen.has(n) || !n.text.includes('proxylint-')) return;
    seen.add(n);
    const d = parseSuppression(n);
    if (!d) return;
    let list = byFile.get(n.file);
    if (!list) byFile.set(n.file, (list = []));
    list.push(d);
  };
  walk(unit.nodes, collect);
  if (byFile.size === 0) return messages;
  const out: LintMessage[] = [];
  const groups = new Map<SourceFile, LintMessage[]>();
  for (const m of messages) {
    let g = groups.get(m.file);
    if (!g) groups.set(m.file, (g = []));
    g.push(m);
  }
  for (const [file, list] of groups) out.push(...applySuppressions(file, list, byFile.get(file) ?? []));
  for (const [, list] of byFile) {
    for (const d of list) {
      for (const id of options.knownRuleIds ? unknownIds(d.rules, options.knownRuleIds) : []) {
        const severity = options.coreSeverity ? options.coreSeverity(UNKNOWN_RULE_ID) : 'warning';
        if (severity === 'off') continue;
        out.push({
          ruleId: UNKNOWN_RULE_ID,
          severity,
          message: `unknown rule "${id}" in proxylint-${d.kind}${didYouMean(id, options.knownRuleIds!)}`,
          file: d.comment.file,
          start: d.comment.start,
          end: d.comment.end,
        });
      }
      if (options.requireReason && d.kind !== 'enable' && !d.reason) {
        out.push({
          ruleId: 'core/suppression-without-reason',
          severity: 'error',
          message: `proxylint-${d.kind} needs a reason: add "-- why" after the rule ids`,
          file: d.comment.file,
          start: d.comment.start,
          end: d.comment.end,
        });
      }
      if (options.reportUnusedDisable && options.reportUnusedDisable !== 'off' && !d.used && d.kind !== 'enable') {
        out.push({
          ruleId: CORE_RULE_IDS.unusedDisable,
          severity: options.reportUnusedDisable,
          message: `unused proxylint-${d.kind} directive${d.rules.length ? ` (no problem from ${d.rules.join(', ')} was reported here)` : ''}`,
          file: d.comment.file,
          start: d.comment.start,
          end: d.comment.end,
          fix: { edits: [{ file: d.comment.file, range: lineRange(d.comment), text: '' }], applicability: 'safe' },
        });
      }
    }
  }
  return out;
}

/**
 * Ids of a suppression comment that name nothing: not a known id, not a prefix of one
 * (`nginx`, `nginx/`), and not another dialect's (`apache/…` in an nginx file is not a typo).
 */
function unknownIds(ids: string[], known: readonly string[]): string[] {
  const dialects = new Set(known.map((k) => k.split('/')[0]));
  return ids.filter((id) => {
    if (known.includes(id)) return false;
    const prefix = id.endsWith('/') ? id : id + '/';
    if (known.some((k) => k.startsWith(prefix))) return false;
    const d = id.split('/')[0];
    return !id.includes('/') || dialects.has(d) || !OTHER_PREFIXES.has(d);
  });
}

const OTHER_PREFIXES = new Set(['nginx', 'apache', 'squid', 'haproxy']);

/** The whole line of an own-line comment (to delete it), or just the comment when code precedes it. */
function lineRange(c: Comment): [number, number] {
  const text = c.file.text;
  let s = c.start;
  while (s > 0 && (text[s - 1] === ' ' || text[s - 1] === '\t')) s--;
  let e = c.end;
  if (s === 0 || text[s - 1] === '\n') {
    if (text[e] === '\r') e++;
    if (text[e] === '\n') e++;
    return [s, e];
  }
  return [c.start, c.end];
}
