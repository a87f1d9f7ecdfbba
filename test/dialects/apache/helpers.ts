/** Shared helpers for the Apache dialect tests: load text or files as the CLI would. */
import * as path from 'node:path';
import type { ParsedUnit } from '../../../src/core/ast';
import { defaultSettings, type Settings } from '../../../src/core/settings';
import { SourceCache, sourceFromText } from '../../../src/core/source';
import { positionAt } from '../../../src/core/positions';
import { dialect } from '../../../src/dialects/apache/index';
import type { ApacheAnalysis } from '../../../src/dialects/apache/analysis';

export function settingsWith(apache?: string, wsPaths: string[] = []): Settings {
  const s = defaultSettings();
  if (apache) s.targets.apache = apache;
  s.websocket.paths = wsPaths;
  return s;
}

/** Load in-memory text as a root file (includes resolve on disk relative to its path). */
export function loadText(text: string, opts: { path?: string; settings?: Settings } = {}): { unit: ParsedUnit; a: ApacheAnalysis } {
  const cache = new SourceCache();
  const file = sourceFromText(opts.path ?? path.join('/nonexistent-proxylint', 'httpd.conf'), text);
  cache.set(file);
  const settings = opts.settings ?? defaultSettings();
  const unit = dialect.load(file, { readFile: (p) => cache.read(p), settings });
  return { unit, a: dialect.analyze(unit, settings) };
}

export function loadPath(p: string, settings: Settings = defaultSettings()): { unit: ParsedUnit; a: ApacheAnalysis } {
  const cache = new SourceCache();
  const unit = dialect.load(cache.read(p), { readFile: (f) => cache.read(f), settings });
  return { unit, a: dialect.analyze(unit, settings) };
}

/** "line:col message" of the first error, or null. */
export function firstError(unit: ParsedUnit): string | null {
  const e = unit.errors[0];
  if (!e) return null;
  const p = positionAt(e.file, e.offset);
  return `${p.line}:${p.column} ${e.message}`;
}
