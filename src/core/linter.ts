/**
 * Linting a set of files: each file is linted inside its real context when one is known (a
 * configured root, or a main config discovered above it that includes it) and as a fragment
 * otherwise. Each unit is parsed and linted once, however many of its files were asked for.
 */
import type { DialectName, ParsedUnit, SourceFile } from './ast';
import type { Dialect } from './dialect';
import { lintUnit, type ActiveRule, type LintUnitOptions } from './engine';
import type { LintMessage, RuleDefinition, Severity } from './rule';
import type { Settings } from './settings';
import type { SourceCache } from './source';
import { loadDialect } from '../dialects/index';
import { CORE_RULES, findCoreRule } from './core-rules';

export interface FileConfig {
  settings: Settings;
  /** Severity and options of a rule for this file ('off' disables it). */
  ruleSetting(rule: { id: string; severity: Severity }): { severity: Severity | 'off'; options: Record<string, unknown> };
  /** Main configs (absolute paths) in whose context fragments should be linted. */
  roots: string[];
}

export interface LinterOptions {
  cache: SourceCache;
  configFor(filePath: string): FileConfig;
  rulesFor(dialect: DialectName): RuleDefinition<any>[];
  unitOptions?: LintUnitOptions;
}

export interface FileRequest {
  path: string;
  dialect: DialectName;
}

export interface FileOutcome {
  path: string;
  dialect: DialectName;
  source?: SourceFile;
  messages: LintMessage[];
  /** The unit it was linted in (its root may be another file). */
  unitRoot?: string;
  /** Every file of that unit (includes too): what a cached result depends on. */
  unitFiles?: string[];
}

export class Linter {
  private units = new Map<string, { unit: ParsedUnit; messages?: LintMessage[] }>();

  constructor(private readonly options: LinterOptions) {}

  private load(path: string, dialect: Dialect, settings: Settings): ParsedUnit | undefined {
    const key = dialect.name + '\0' + path;
    let u = this.units.get(key);
    if (!u) {
      let root: SourceFile;
      try {
        root = this.options.cache.read(path);
      } catch {
        return undefined;
      }
      u = { unit: dialect.load(root, { readFile: (p) => this.options.cache.read(p), settings }) };
      this.units.set(key, u);
    }
    return u.unit;
  }

  private messagesOf(unit: ParsedUnit, dialect: Dialect): LintMessage[] {
    const entry = this.units.get(dialect.name + '\0' + unit.root.path)!;
    if (!entry.messages) {
      const cfg = this.options.configFor(unit.root.path);
      const active: ActiveRule[] = [];
      for (const rule of this.options.rulesFor(dialect.name)) {
        const s = cfg.ruleSetting(rule);
        if (s.severity !== 'off') active.push({ rule, severity: s.severity, options: s.options });
      }
      const core = (ruleId: string) => cfg.ruleSetting({ id: ruleId, severity: findCoreRule(ruleId)?.severity ?? 'error' }).severity;
      const knownRuleIds = [...this.options.rulesFor(dialect.name).map((r) => r.id), ...CORE_RULES.map((r) => r.id)];
      entry.messages = lintUnit(unit, dialect, active, cfg.settings, { coreSeverity: core, knownRuleIds, ...this.options.unitOptions });
    }
    return entry.messages;
  }

  /** The unit a file is linted in: a configured or discovered root that includes it, else itself. */
  private unitFor(req: FileRequest, dialect: Dialect): ParsedUnit | undefined {
    const cfg = this.options.configFor(req.path);
    const candidates = [...cfg.roots];
    const discovered = dialect.discoverRoot?.(req.path);
    if (discovered) candidates.push(discovered);
    for (const r of candidates) {
      if (r === req.path) break;
      const unit = this.load(r, dialect, this.options.configFor(r).settings);
      if (unit && unit.files.some((f) => f.path === req.path)) return unit;
    }
    return this.load(req.path, dialect, cfg.settings);
  }

  /**
   * Lint the requested files. A requested main config also brings the files it includes
   * (`lint nginx.conf` covers sites-enabled/*): they get results of their own, after the
   * requested ones.
   */
  lint(requests: FileRequest[]): FileOutcome[] {
    const requested = new Set(requests.map((r) => r.path));
    const extra: FileOutcome[] = [];
    const outcomes = requests.map((req): FileOutcome => {
      let source: SourceFile;
      try {
        source = this.options.cache.read(req.path);
      } catch (e) {
        const err = e as NodeJS.ErrnoException;
        const file: SourceFile = { path: req.path, text: '', encoding: 'utf8' };
        return {
          path: req.path,
          dialect: req.dialect,
          messages: [{ ruleId: '', severity: 'error', message: `cannot read file: ${err.message}`, file, start: 0, end: 0, fatal: true }],
        };
      }
      const dialect = loadDialect(req.dialect);
      const unit = this.unitFor(req, dialect)!;
      const all = this.messagesOf(unit, dialect);
      const unitFiles = unit.files.map((f) => f.path);
      if (unit.root.path === req.path) {
        for (const f of unit.files) {
          if (requested.has(f.path)) continue;
          requested.add(f.path);
          extra.push({ path: f.path, dialect: req.dialect, source: f, messages: all.filter((m) => m.file.path === f.path), unitRoot: unit.root.path, unitFiles });
        }
      }
      const messages = all.filter((m) => m.file.path === req.path);
      return { path: req.path, dialect: req.dialect, source, messages, unitRoot: unit.root.path, unitFiles };
    });
    return [...outcomes, ...extra];
  }

  /** Forget everything parsed (between fix passes). */
  reset(): void {
    this.units.clear();
  }
}
