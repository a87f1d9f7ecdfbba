/**
 * What the CI formats share: repo-relative paths, the engine's own findings described like
 * rules (SARIF and GitLab need a descriptor for every ruleId), and a rule page's sections.
 */
import * as path from 'node:path';
import type { LintResult, ResultMessage, RuleMeta } from '../core/result';
import type { FormatContext } from './context';
import { CORE_RULES, SYNTAX_ERROR_ID } from '../core/core-rules';
import { coreReadme } from '../core/core-docs';
import { forDisplay, sanitize } from '../core/redact';

/**
 * The one function every human-readable format (stylish, github, junit/checkstyle text) calls
 * on text that came from a config or a file name: credentials masked, control characters
 * (ESC, CR/LF, C1, bidi) shown as \xHH / \n escapes. Machine formats (json, sarif, gitlab)
 * get redacted messages from toResult and `jsonSafe` over the whole document instead.
 */
export const displayText = (s: string): string => forDisplay(s);

/**
 * A source line for a snippet, sanitized like displayText, with the 0-based [start, end)
 * columns mapped into the sanitized line so the caret stays under the same characters.
 */
export function displaySnippetLine(line: string, start: number, end: number): { text: string; start: number; end: number } {
  const s = sanitize(line);
  return { text: s.text, start: s.map(start), end: Math.max(s.map(start) + 1, s.map(end)) };
}

/** ruleId of fatal messages (syntax errors, unreadable files) in every format that needs one. */
export { SYNTAX_ERROR_ID };

/** Descriptors of the engine's own findings, shaped like rule metadata (docs/core/<name>.md). */
export function coreMeta(): RuleMeta[] {
  return CORE_RULES.map((r) => ({
    id: r.id,
    dialect: 'core',
    severity: r.severity,
    fixable: r.fixable,
    summary: r.summary,
    readme: coreReadme(r.id),
  }));
}

/** Every descriptor a report may refer to: the rules, then the core ids, each once. */
export function allMeta(ctx: FormatContext): RuleMeta[] {
  let rules: RuleMeta[] = [];
  try {
    rules = ctx.rulesMeta();
  } catch {
    rules = [];
  }
  const seen = new Set(rules.map((r) => r.id));
  return [...rules, ...coreMeta().filter((m) => !seen.has(m.id))];
}

export function ruleIdOf(m: ResultMessage): string {
  return m.ruleId || SYNTAX_ERROR_ID;
}

/** Path relative to cwd with `/` separators; absolute (posix) when the file is outside cwd. */
export function relPath(ctx: { cwd: string }, filePath: string): string {
  const rel = path.relative(ctx.cwd, filePath);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return filePath.split(path.sep).join('/');
  return rel.split(path.sep).join('/');
}

export function isInside(ctx: { cwd: string }, filePath: string): boolean {
  const rel = path.relative(ctx.cwd, filePath);
  return !!rel && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** `nginx/websocket-upgrade-header` → `NginxWebsocketUpgradeHeader` (SARIF validator rule SARIF2012). */
export function pascalName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

/** The first prose paragraph of a rule README (after the `# id` title), or undefined. */
export function firstParagraph(readme: string | undefined): string | undefined {
  if (!readme) return undefined;
  const body = readme.replace(/^#[^\n]*\n/, '');
  for (const block of body.split(/\n\s*\n/)) {
    const t = block.trim();
    if (!t || t.startsWith('#') || t.startsWith('```')) continue;
    return t.replace(/\s*\n\s*/g, ' ');
  }
  return undefined;
}

/** Markdown to readable plain text: fences and emphasis markers dropped, code kept. */
export function markdownToText(md: string): string {
  return md
    .replace(/^```[^\n]*\n/gm, '')
    .replace(/^```\s*$/gm, '')
    .replace(/`([^`\n]+)`/g, '$1')
    .replace(/\*\*([^*\n]+)\*\*/g, '$1')
    .replace(/\[([^\]\n]+)\]\(([^)\n]+)\)/g, '$1 ($2)')
    .replace(/^#+\s*/gm, '')
    .trim();
}

export const SEVERITY_ORDER = { error: 2, warning: 1, info: 0 } as const;

/** The source text a message points at (its first line), for fingerprints. */
export function findingText(r: LintResult, m: ResultMessage): string {
  const text = r.source?.text;
  if (!text || m.line < 1) return '';
  const lines = text.split(/\r?\n/);
  const line = lines[m.line - 1] ?? '';
  if (m.endLine === m.line && m.endColumn > m.column) return line.slice(m.column - 1, m.endColumn - 1).trim() || line.trim();
  return line.trim();
}
