/**
 * Linting a set of files: each file is linted inside its real context when one is known (a
 * configured root, or a main config discovered above it that includes it) and as a fragment
 * otherwise. Which context a file gets depends on that file and the configuration only, never
 * on what else was named on the command line, so `lint .`, `lint site.conf` and
 * `lint apache2.conf site.conf` agree on site.conf. Each unit is parsed and linted once, however
 * many of its files were asked for, and indexed once (file set, messages per file): a
 * directory of 8,000 fragments costs what linting its root costs.
 *
 * Files are known by their real path: a symlinked site is one file, reported once under the
 * path a user edits.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DialectName, ParsedUnit, SourceFile } from './ast';
import type { Dialect } from './dialect';
import { CORE_RULE_IDS, lintUnit, type ActiveRule, type LintUnitOptions } from './engine';
import { defaultIncludeSettings, deployLinkDir, type DeployLink, type IncludeSettings } from './include-paths';
import type { LintMessage, RuleDefinition, Severity } from './rule';
import type { Settings } from './settings';
import type { SourceCache } from './source';
import { CORE_RULES, findCoreRule } from './core-rules';
import { composeMapping, composeRoots, imagesHolding, type ComposeCache } from './layout/compose';
import { imageReleases } from './layout/image-release';

/** Basenames of each dialect's main config, as a compose file mounts it (./nginx.conf:/etc/nginx/nginx.conf). */
const MAIN_CONFIG_NAMES: Record<DialectName, string[]> = { nginx: ['nginx.conf'], apache: ['apache2.conf', 'httpd.conf'], squid: ['squid.conf'], haproxy: [] };

export interface FileConfig {
  settings: Settings;
  /** Severity and options of a rule for this file ('off' disables it). */
  ruleSetting(rule: { id: string; severity: Severity }): { severity: Severity | 'off'; options: Record<string, unknown>; configured?: boolean };
  /** Main configs (absolute paths) in whose context fragments should be linted. */
  roots: string[];
  /** Include mapping, prefixes and hermetic mode (absent: hermetic, nothing mapped). */
  includes?: IncludeSettings;
}

export interface LinterOptions {
  cache: SourceCache;
  /**
   * The dialect registry (src/dialects/index loadDialect), handed in by the entry point (CLI,
   * public API) as the rules are: core sits below the dialects and never imports them.
   */
  dialectFor(name: DialectName): Dialect;
  configFor(filePath: string): FileConfig;
  rulesFor(dialect: DialectName): RuleDefinition<any>[];
  unitOptions?: LintUnitOptions;
  /** The linted tree (the working directory): read without mapping, with each config's and root's directory. */
  tree?: string[];
  /**
   * Named directories (`lint path/to/repo`): each is the tree of the roots below it, as the
   * working directory is when the command runs inside it; a root elsewhere does not see it.
   */
  namedTrees?: string[];
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
  /**
   * Findings a requested root's unit has in this file, which was requested too but is linted in a
   * context of its own (a fragment a site includes: `lint .` names both). Merged into `messages`
   * so `lint .` reports what `lint site.conf` reports; kept apart here for the lint cache, whose
   * entry for this file depends on this file's unit only (the root's entry carries these).
   */
  contextual?: { root: string; messages: LintMessage[] }[];
}

/** One finding, whichever unit reported it: the same rule at the same place with the same text. */
const findingKey = (m: LintMessage): string => `${m.ruleId}\0${m.file.path}\0${m.start}\0${m.end}\0${m.message}`;

interface UnitEntry {
  unit: ParsedUnit;
  dialect: Dialect;
  files: Set<string>;
  /** The unit's files and the compose files that mapped its includes: what a cached result depends on. */
  fileList: string[];
  /** The run's settings with the release of the image that runs the unit's root (core/layout/image-release). */
  settings: Settings;
  byFile?: Map<string, LintMessage[]>;
}

export class Linter {
  private units = new Map<string, UnitEntry>();
  private includeSettings = new Map<IncludeSettings | undefined, IncludeSettings>();
  private compose: ComposeCache = new Map();

  constructor(private readonly options: LinterOptions) {}

  private includesOf(cfg: FileConfig): IncludeSettings {
    let s = this.includeSettings.get(cfg.includes);
    if (!s) {
      const base = cfg.includes ?? defaultIncludeSettings();
      s = { ...base, tree: [...base.tree, ...(this.options.tree ?? [])] };
      this.includeSettings.set(cfg.includes, s);
    }
    return s;
  }

  private load(logical: string, dialect: Dialect, deployLink?: DeployLink): UnitEntry | undefined {
    const cache = this.options.cache;
    const real = cache.canonical(logical);
    const key = dialect.name + '\0' + real + (deployLink ? '\0' + deployLink.file : '');
    let u = this.units.get(key);
    if (!u) {
      let root: SourceFile;
      try {
        root = cache.read(real);
      } catch {
        return undefined;
      }
      const cfg = this.options.configFor(real);
      const base = this.includesOf(cfg);
      const prefix = base.prefix.get(real) ?? base.prefix.get(logical) ?? (real !== logical ? path.dirname(logical) : undefined);
      // The root's own directory is part of the tree: `lint /etc/nginx/nginx.conf` on a server
      // reads /etc/nginx/sites-enabled, a repository's copy does not read the host's /etc.
      const below = (dir: string) => real.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep) || logical.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
      const named = (this.options.namedTrees ?? []).filter(below);
      const tree = [...base.tree, ...named, prefix ?? path.dirname(real)];
      // A compose file's bind mounts of this root's service are mappings too (core/layout/compose); includes.map wins.
      const mounts = base.hermetic ? composeMapping(real, tree, this.compose) : { map: [], files: [] };
      // The release of the image the layout runs the root in, where targets leave it assumed.
      const settings = base.hermetic ? withImageTargets(cfg.settings, imageReleases(imagesHolding(real, tree, this.compose))) : cfg.settings;
      const composed = mounts.map.filter(([f]) => !base.map.some(([g]) => g === f));
      const map = composed.length ? [...base.map, ...composed].sort((x, y) => y[0].length - x[0].length) : base.map;
      const includes = { ...base, map, tree };
      const unit = dialect.load(root, {
        readFile: (p) => cache.read(p),
        canonical: (p) => cache.canonical(p),
        settings,
        includes,
        ...(prefix !== undefined ? { prefix } : {}),
        ...(deployLink ? { deployLink } : {}),
      });
      const paths = unit.files.map((f) => f.path);
      // The compose files, .env and Dockerfiles that decided its mapping: a cached result depends on them too.
      const fileList = mounts.files.length ? [...paths, ...mounts.files] : paths;
      u = { unit, dialect, files: new Set(paths), fileList, settings };
      this.units.set(key, u);
    }
    return u;
  }

  private messagesOf(entry: UnitEntry): Map<string, LintMessage[]> {
    if (!entry.byFile) {
      const { unit, dialect } = entry;
      const cfg = this.options.configFor(unit.root.path);
      const active: ActiveRule[] = [];
      for (const rule of this.options.rulesFor(dialect.name)) {
        const s = cfg.ruleSetting(rule);
        if (s.severity !== 'off') active.push({ rule, severity: s.severity, options: s.options, configured: s.configured === true });
      }
      const core = (ruleId: string) => cfg.ruleSetting({ id: ruleId, severity: findCoreRule(ruleId)?.severity ?? 'error' }).severity;
      const knownRuleIds = [...this.options.rulesFor(dialect.name).map((r) => r.id), ...CORE_RULES.map((r) => r.id)];
      const all = lintUnit(unit, dialect, active, entry.settings, { coreSeverity: core, knownRuleIds, ...this.options.unitOptions });
      const byFile = new Map<string, LintMessage[]>();
      const seen = new Set<string>();
      for (const m of all) {
        // The same file included twice yields the same finding twice: one problem, one message.
        const key = findingKey(m);
        if (seen.has(key)) continue;
        seen.add(key);
        let list = byFile.get(m.file.path);
        if (!list) byFile.set(m.file.path, (list = []));
        list.push(m);
      }
      entry.byFile = byFile;
    }
    return entry.byFile;
  }

  /** discoverRoot once per directory (8,000 fragments in conf.d: one walk up, not 8,000). */
  private discovered = new Map<string, string | undefined>();

  private discover(file: string, dialect: Dialect): string | undefined {
    if (!dialect.discoverRoot) return undefined;
    const key = dialect.name + '\0' + path.dirname(file);
    if (!this.discovered.has(key)) this.discovered.set(key, dialect.discoverRoot(path.join(path.dirname(file), '\0')));
    const found = this.discovered.get(key);
    return found === file ? undefined : found;
  }

  /**
   * The links a deploy may make for a file the discovered main config does not read, where an
   * `-enabled` directory the tree lacks would hold them (core/include-paths DeployLink): the
   * file itself when it is a site of an `-available` directory, else each site of the one it
   * lies under and of those beside the main config (a snippet is read through the site that
   * includes it). The first unit of the main config that reads the file wins.
   */
  private deployLinks(real: string, root: string): DeployLink[] {
    const holdsEntries = (dir: string) => {
      try {
        return fs.readdirSync(dir).some((n) => !n.startsWith('.'));
      } catch {
        return false;
      }
    };
    const at = deployLinkDir(real, holdsEntries);
    if (at && path.dirname(real) === at.available) return [{ dir: at.enabled, file: real }];
    const dirs = at ? [at] : [];
    const rootDir = path.dirname(root);
    let beside: string[] = [];
    try {
      beside = fs.readdirSync(rootDir).sort();
    } catch {
      /* no directory: no sites beside it */
    }
    for (const n of beside) {
      const d = deployLinkDir(path.join(rootDir, n, '\0'), holdsEntries);
      if (d && d.available === path.join(rootDir, n) && !dirs.some((x) => x.available === d.available)) dirs.push(d);
    }
    const links: DeployLink[] = [];
    for (const d of dirs) {
      try {
        for (const e of fs.readdirSync(d.available, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
          if (e.isFile() && !e.name.startsWith('.')) links.push({ dir: d.enabled, file: path.join(d.available, e.name) });
        }
      } catch {
        /* unreadable: nothing to link */
      }
    }
    // A bound, not a policy: an -available directory of a few dozen sites is usual.
    return links.slice(0, 64);
  }

  /** The unit a file is linted in: a configured or discovered root that includes it, else itself. */
  private unitFor(real: string, dialect: Dialect): { entry: UnitEntry; contextual: boolean } | undefined {
    const cfg = this.options.configFor(real);
    const candidates = [...cfg.roots];
    const discovered = this.discover(real, dialect);
    if (discovered) candidates.push(discovered);
    const base = this.includesOf(cfg);
    if (base.hermetic) candidates.push(...composeRoots(real, [...base.tree, ...(this.options.namedTrees ?? [])], MAIN_CONFIG_NAMES[dialect.name], this.compose));
    for (const r of candidates) {
      if (this.options.cache.canonical(r) === real) break;
      const entry = this.load(r, dialect);
      if (entry && entry.files.has(real)) return { entry, contextual: true };
    }
    if (discovered) {
      for (const link of this.deployLinks(real, discovered)) {
        const entry = this.load(discovered, dialect, link);
        if (entry && entry.files.has(real)) return { entry, contextual: true };
      }
    }
    const own = this.load(real, dialect);
    return own && { entry: own, contextual: false };
  }

  /**
   * The one info a fragment linted without its main config gets, when something in it needed
   * that context (nginx: a variable only the main config could define): what did not run, and
   * how to give the context. Fragments that need nothing from a main config stay quiet.
   */
  private contextInfo(unit: ParsedUnit, dialect: Dialect): LintMessage | undefined {
    const gap = dialect.contextGap?.(unit);
    if (!gap) return undefined;
    const cfg = this.options.configFor(unit.root.path);
    const severity = cfg.ruleSetting({ id: CORE_RULE_IDS.missingContext, severity: 'info' }).severity;
    if (severity === 'off') return undefined;
    return {
      ruleId: CORE_RULE_IDS.missingContext,
      severity,
      message: `without its main config, ${gap}: name it in roots`,
      file: unit.root,
      start: 0,
      end: 0,
    };
  }

  /**
   * Lint the requested files. A requested main config also brings the files it includes
   * (`lint nginx.conf` covers sites-enabled/*): they get results of their own, after the
   * requested ones.
   */
  lint(requests: FileRequest[]): FileOutcome[] {
    const cache = this.options.cache;
    const wanted: FileRequest[] = [];
    const requested = new Set<string>();
    for (const r of requests) {
      const real = cache.canonical(r.path);
      if (requested.has(real)) continue; // a symlink to a file already asked for
      requested.add(real);
      wanted.push({ path: real, dialect: r.dialect });
    }
    const extra: FileOutcome[] = [];
    // Requested files a requested root includes but that are linted in a unit of their own.
    const alsoIn: { root: string; file: string; messages: LintMessage[] }[] = [];
    const outcomes = wanted.map((req): FileOutcome => {
      let source: SourceFile;
      try {
        source = cache.read(req.path);
      } catch (e) {
        const err = e as NodeJS.ErrnoException;
        const file: SourceFile = { path: req.path, text: '', encoding: 'utf8' };
        return {
          path: req.path,
          dialect: req.dialect,
          messages: [{ ruleId: '', severity: 'error', message: `cannot read file: ${err.message}`, file, start: 0, end: 0, fatal: true }],
        };
      }
      const dialect = this.options.dialectFor(req.dialect);
      const { entry, contextual } = this.unitFor(req.path, dialect)!;
      const unit = entry.unit;
      const byFile = this.messagesOf(entry);
      const unitFiles = entry.fileList;
      if (unit.root.path === req.path) {
        for (const f of unit.files) {
          if (f.path === req.path) continue;
          if (requested.has(f.path)) {
            const ms = byFile.get(f.path);
            if (ms?.length) alsoIn.push({ root: req.path, file: f.path, messages: ms });
            continue;
          }
          requested.add(f.path);
          extra.push({ path: f.path, dialect: req.dialect, source: f, messages: byFile.get(f.path) ?? [], unitRoot: unit.root.path, unitFiles });
        }
      }
      let messages = byFile.get(req.path) ?? [];
      if (!contextual && unit.fragment && unit.root.path === req.path) {
        const info = this.contextInfo(unit, dialect);
        if (info) messages = [info, ...messages];
      }
      return { path: req.path, dialect: req.dialect, source, messages, unitRoot: unit.root.path, unitFiles };
    });
    // A fragment requested beside the site that includes it (`lint .`) gets that site's findings
    // in it too (apache/proxypass-order across the Include): what `lint site.conf` reports for it.
    const byPath = new Map<string, FileOutcome>();
    for (const o of [...outcomes, ...extra]) if (!byPath.has(o.path)) byPath.set(o.path, o);
    for (const a of alsoIn) {
      const o = byPath.get(a.file);
      if (!o || o.unitRoot === a.root) continue;
      const have = new Set(o.messages.map(findingKey));
      const added = a.messages.filter((m) => !have.has(findingKey(m)));
      if (!added.length) continue;
      o.messages = [...o.messages, ...added];
      (o.contextual ??= []).push({ root: a.root, messages: added });
    }
    return [...outcomes, ...extra];
  }

  /** Forget everything parsed (between fix passes). */
  reset(): void {
    this.units.clear();
    this.compose.clear();
  }

  /** The settings a file was judged with (its unit's: its image may set a target), when a unit read it. */
  settingsOf(filePath: string): Settings | undefined {
    for (const u of this.units.values()) if (u.files.has(filePath)) return u.settings;
    return undefined;
  }
}

/** The image's release for each dialect whose target the config leaves assumed (set targets win). */
function withImageTargets(settings: Settings, image: Partial<Record<DialectName, string>>): Settings {
  const set = (Object.keys(image) as DialectName[]).filter((d) => settings.assumedTargets[d]);
  if (!set.length) return settings;
  const targets = { ...settings.targets };
  const assumedTargets = { ...settings.assumedTargets };
  for (const d of set) {
    targets[d] = image[d]!;
    assumedTargets[d] = false;
  }
  return { ...settings, targets, assumedTargets };
}
