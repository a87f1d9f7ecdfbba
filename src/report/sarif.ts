/**
 * SARIF 2.1.0 as GitHub code scanning takes it (github/docs "SARIF support for code scanning"):
 * `$schema`, `version`, one run whose driver lists every rule (id, PascalCase name, short and
 * full description, help text + markdown from the rule's README, helpUri, default level, tags),
 * and results with ruleId/ruleIndex/level/message and a repo-relative location under
 * `%SRCROOT%`. Syntax errors are results of `core/syntax-error`. Fixes follow Ruff's shape
 * (`fixes[].artifactChanges[].replacements[]`). `partialFingerprints` is left to upload-sarif.
 */
import { pathToFileURL } from 'node:url';
import { positionAt } from '../core/positions';
import type { LintResult, ResultMessage, RuleMeta } from '../core/result';
import type { Severity } from '../core/rule';
import { jsonSafe, redact } from '../core/redact';
import type { FormatContext } from './context';
import { allMeta, firstParagraph, isInside, markdownToText, pascalName, relPath, ruleIdOf } from './common';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

function uriOf(ctx: FormatContext, filePath: string): { uri: string; uriBaseId?: string } {
  if (isInside(ctx, filePath)) return { uri: relPath(ctx, filePath).split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
  return { uri: pathToFileURL(filePath).href };
}

function descriptor(m: RuleMeta): Record<string, unknown> {
  const full = firstParagraph(m.readme) ?? m.summary;
  const markdown = m.readme?.trim() || `${m.summary}\n\nRun \`proxylint explain ${m.id}\` for the rule's page.`;
  const tags = [m.dialect, 'websocket', ...(m.fixable ? ['fixable'] : [])];
  return {
    id: m.id,
    name: pascalName(m.id),
    shortDescription: { text: m.summary },
    fullDescription: { text: markdownToText(full) },
    help: { text: markdownToText(markdown), markdown },
    ...(m.helpUri ? { helpUri: m.helpUri } : {}),
    defaultConfiguration: { level: LEVEL[m.severity] },
    properties: { tags, precision: 'high', 'problem.severity': m.severity === 'info' ? 'recommendation' : m.severity },
  };
}

function sarifFixes(ctx: FormatContext, m: ResultMessage): unknown[] | undefined {
  if (!m.fix || m.fix.edits.length === 0) return undefined;
  const byFile = new Map<string, { file: (typeof m.fix.edits)[0]['file']; edits: typeof m.fix.edits }>();
  for (const e of m.fix.edits) {
    let g = byFile.get(e.file.path);
    if (!g) byFile.set(e.file.path, (g = { file: e.file, edits: [] }));
    g.edits.push(e);
  }
  return [
    {
      description: { text: m.fix.applicability === 'unsafe' ? 'Unsafe fix (apply with --fix --unsafe-fixes)' : 'Safe fix (apply with --fix)' },
      artifactChanges: [...byFile.values()].map(({ file, edits }) => ({
        artifactLocation: uriOf(ctx, file.path),
        replacements: edits.map((e) => {
          const s = positionAt(file, e.range[0]);
          const end = positionAt(file, e.range[1]);
          return {
            deletedRegion: { startLine: s.line, startColumn: s.column, endLine: end.line, endColumn: end.column },
            insertedContent: { text: redact(e.text) },
          };
        }),
      })),
    },
  ];
}

export function toSarif(results: LintResult[], ctx: FormatContext): Record<string, unknown> {
  const metas = allMeta(ctx);
  const index = new Map(metas.map((m, i) => [m.id, i]));
  const sarifResults: unknown[] = [];
  for (const r of results) {
    for (const m of r.messages) {
      const id = ruleIdOf(m);
      const line = Math.max(1, m.line);
      const column = Math.max(1, m.column);
      let endLine = Math.max(line, m.endLine);
      let endColumn = Math.max(1, m.endColumn);
      if (endLine === line && endColumn <= column) endColumn = column + 1; // a point: one character wide
      const fixes = sarifFixes(ctx, m);
      sarifResults.push({
        ruleId: id,
        ...(index.has(id) ? { ruleIndex: index.get(id) } : {}),
        level: LEVEL[m.severity],
        message: { text: redact(m.message) },
        locations: [
          {
            physicalLocation: {
              artifactLocation: uriOf(ctx, r.filePath),
              region: { startLine: line, startColumn: column, endLine, endColumn },
            },
          },
        ],
        ...(fixes ? { fixes } : {}),
        ...(m.signal ? { properties: { signal: m.signal } } : {}),
      });
    }
  }
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'proxylint',
            semanticVersion: ctx.version,
            version: ctx.version,
            rules: metas.map(descriptor),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(ctx.cwd.endsWith('/') ? ctx.cwd : ctx.cwd + '/').href } },
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
      },
    ],
  };
}

export function format(results: LintResult[], ctx: FormatContext): string {
  return jsonSafe(JSON.stringify(toSarif(results, ctx), null, 2)) + '\n';
}
