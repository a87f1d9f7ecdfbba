/**
 * `.proxylint.yaml` / `.yml` / `.json`: found by walking up from each linted file (the closest
 * wins; `extends` adds others explicitly), validated against schema/proxylint.schema.json, and
 * resolved per file (overrides by glob). A bad file is a ConfigError: exit 2, naming the key.
 */
import * as fs from 'node:fs';
import { CORE_RULES, findCoreRule } from './core-rules';
import { didYouMean } from './suggest';
import * as path from 'node:path';
import type { DialectName } from './ast';
import type { FileConfig } from './linter';
import type { Severity } from './rule';

/** What config validation needs of a registered rule (server or env): its id and option schema. */
export type KnownRule = { id: string; optionsSchema?: object };
import type { IncludeSettings } from './include-paths';
import type { Settings } from './settings';
import { DEFAULT_TARGETS } from './versions';
import { packageRoot } from './package-root';
import { currentUid, ownedByUser, readRegularFile } from './private-dir';
import { parseDuration } from './duration';

export const CONFIG_NAMES = ['.proxylint.yaml', '.proxylint.yml', '.proxylint.json'];

export class ConfigError extends Error {
  name = 'ConfigError';
}

type SeverityValue = Severity | 'off' | 'warn' | 0 | 1 | 2;
type RuleValue = SeverityValue | [SeverityValue, Record<string, unknown>?];

export interface RawConfig {
  extends?: string | string[];
  targets?: Partial<Record<DialectName, string>>;
  rules?: Record<string, RuleValue>;
  overrides?: { files: string | string[]; rules?: Record<string, RuleValue> }[];
  ignores?: string[];
  roots?: string[];
  websocket?: { paths?: string[]; ports?: number[]; heartbeat?: RawHeartbeat };
  includes?: { map?: Record<string, string>; prefix?: Record<string, string>; hermetic?: boolean };
}

/** `websocket.heartbeat`: a duration (`25s`, a number of seconds, `none`), or per path. */
type RawDuration = string | number;
export type RawHeartbeat = RawDuration | { default?: RawDuration; paths?: Record<string, RawDuration> };
type HeartbeatSetting = NonNullable<Settings['websocket']['heartbeat']>;

/** A loaded configuration with paths made absolute. */
export interface LoadedConfig {
  /** The file it came from (undefined: built-in defaults). */
  file?: string;
  dir: string;
  targets: Partial<Record<DialectName, string>>;
  rules: Record<string, RuleValue>;
  overrides: { files: string[]; dir: string; rules: Record<string, RuleValue> }[];
  ignores: { pattern: string; dir: string }[];
  roots: string[];
  websocket: { paths: string[]; ports: number[]; heartbeat?: HeartbeatSetting };
  /** includes.map as [server prefix, absolute tree path]; includes.prefix as [root, directory], absolute. */
  includes: { map: [string, string][]; prefix: [string, string][]; hermetic?: boolean };
}

export function normalizeSeverity(v: SeverityValue): Severity | 'off' {
  if (v === 'warn' || v === 1) return 'warning';
  if (v === 2) return 'error';
  if (v === 0) return 'off';
  return v;
}

type Validator = ((data: unknown) => boolean) & { errors?: unknown[] | null };
let validator: Validator | undefined;
let ajvInstance: { compile(schema: object): Validator } | undefined;

/** One ajv for the config and every rule's options; loaded only when a configuration file exists. */
function ajv(): { compile(schema: object): Validator } {
  if (!ajvInstance) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Ajv = require('ajv').default;
    // verbose: errors carry their schema, so messages can list the expected properties.
    ajvInstance = new Ajv({ allErrors: true, strict: false, verbose: true });
  }
  return ajvInstance!;
}

function validate(data: unknown, file: string): void {
  if (!validator) {
    const schema = JSON.parse(fs.readFileSync(path.join(packageRoot(), 'schema', 'proxylint.schema.json'), 'utf8'));
    // The published schema lists every rule with its options (for editors); checkRules() below
    // words those errors better (unknown rule, options the rule takes), so validation skips them.
    if (schema.definitions?.rules) delete schema.definitions.rules.properties;
    validator = ajv().compile(schema);
  }
  if (validator!(data)) return;
  throw new ConfigError(`invalid configuration in ${file}:\n` + describeErrors(validator!.errors as AjvError[]).map((l) => `  ${l}`).join('\n'));
}

interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
  schemaPath: string;
  parentSchema?: unknown;
}

/** ESLint-style messages: `Key "targets": unexpected property "ngnix". Expected properties: …`. */
export function describeErrors(errors: AjvError[]): string[] {
  const out = new Set<string>();
  // A failed oneOf reports each branch; the most specific message is the useful one.
  // A rule value is a severity or [severity, options]: a bad severity word is an enum problem, not "must be array".
  const isRuleValue = (p: string) => /^(\/overrides\/\d+)?\/rules\/[^/]+$/.test(p);
  const specific = errors.filter(
    (e) =>
      e.keyword !== 'oneOf' &&
      !(isRuleValue(e.instancePath) && e.keyword === 'type' && errors.some((o) => o.instancePath === e.instancePath && o.keyword === 'enum')) &&
      !(!isRuleValue(e.instancePath) && e.keyword === 'enum' && errors.some((o) => o.instancePath === e.instancePath && o.keyword === 'type')),
  );
  for (const e of specific.length ? specific : errors) {
    const key = e.instancePath
      .split('/')
      .slice(1)
      .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'))
      .join('.');
    const where = key ? `Key "${key}"` : 'Top level';
    if (e.keyword === 'additionalProperties') {
      const own = (e.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
      const expected = Object.keys(own ?? {});
      out.add(`${where}: unexpected property "${e.params.additionalProperty}". Expected properties: ${expected.map((x) => `"${x}"`).join(', ')}.`);
    } else if (e.keyword === 'propertyNames') {
      out.add(`${where}: "${e.params.propertyName}" is not a rule id (expected "<dialect>/<rule-name>", e.g. "nginx/websocket-upgrade-header").`);
    } else if (e.keyword === 'enum' && isRuleValue(e.instancePath)) {
      out.add(`${where}: must be a severity (${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}) or [severity, { options }].`);
    } else if (e.keyword === 'enum') {
      out.add(`${where}: ${e.message}: ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}.`);
    } else if (e.keyword === 'pattern' && key.startsWith('targets')) {
      out.add(`${where}: "${e.params.pattern}" does not match; a version looks like "${DEFAULT_TARGETS.nginx}".`);
    } else {
      out.add(`${where}: ${e.message}.`);
    }
  }
  return [...out];
}

function parseConfigText(file: string, text: string): unknown {
  if (file.endsWith('.json')) {
    try {
      return JSON.parse(text);
    } catch (e) {
      throw new ConfigError(`cannot parse ${file}: ${(e as Error).message}`);
    }
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const YAML = require('yaml') as typeof import('yaml');
  const doc = YAML.parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) throw new ConfigError(`cannot parse ${file}: ${doc.errors[0].message}`);
  try {
    // maxAliasCount bounds alias expansion ("billion laughs"): yaml throws past it.
    return doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (e) {
    throw new ConfigError(`cannot parse ${file}: ${(e as Error).message}`);
  }
}

function othersCanWrite(dir: string): boolean {
  try {
    return currentUid() !== undefined && (fs.statSync(dir).mode & 0o002) !== 0;
  } catch {
    return false;
  }
}

/** A configuration is a few KB; this only stops a run from reading a device or a huge file. */
const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

export function loadConfigFile(file: string, knownRules?: () => KnownRule[], seen: string[] = []): LoadedConfig {
  if (seen.includes(file)) throw new ConfigError(`extends cycle: ${[...seen, file].join(' -> ')}`);
  let text: string;
  try {
    const { data, st } = readRegularFile(file, MAX_CONFIG_BYTES);
    // Checked on the descriptor read from: a file swapped in after lookup's check is caught too.
    if (!ownedByUser(st, true) && othersCanWrite(path.dirname(file))) throw new Error('its directory is writable by anyone and the file is not yours');
    text = data.toString('utf8');
  } catch (e) {
    throw new ConfigError(`cannot read configuration ${file}: ${(e as Error).message}`);
  }
  const raw = parseConfigText(file, text);
  validate(raw, file);
  const cfg = raw as RawConfig;
  const dir = path.dirname(file);
  if (knownRules) checkRules(file, cfg, knownRules());
  let base: LoadedConfig = emptyConfig(dir);
  const parents = typeof cfg.extends === 'string' ? [cfg.extends] : (cfg.extends ?? []);
  for (const p of parents) base = merge(base, loadConfigFile(path.resolve(dir, p), knownRules, [...seen, file]));
  return merge(base, {
    file,
    dir,
    targets: cfg.targets ?? {},
    rules: cfg.rules ?? {},
    overrides: (cfg.overrides ?? []).map((o) => ({ files: typeof o.files === 'string' ? [o.files] : o.files, dir, rules: o.rules ?? {} })),
    ignores: (cfg.ignores ?? []).map((pattern) => ({ pattern, dir })),
    roots: (cfg.roots ?? []).map((r) => path.resolve(dir, r)),
    websocket: { paths: cfg.websocket?.paths ?? [], ports: cfg.websocket?.ports ?? [], heartbeat: heartbeatSetting(file, cfg.websocket?.heartbeat) },
    includes: {
      map: Object.entries(cfg.includes?.map ?? {}).map(([from, to]) => [path.normalize(from), path.resolve(dir, to)] as [string, string]),
      prefix: Object.entries(cfg.includes?.prefix ?? {}).map(([root, d]) => [path.resolve(dir, root), path.resolve(dir, d)] as [string, string]),
      ...(cfg.includes?.hermetic !== undefined ? { hermetic: cfg.includes.hermetic } : {}),
    },
  });
}

function heartbeatDuration(file: string, key: string, v: RawDuration): number | null {
  if (v === 'none') return null;
  const ms = parseDuration(v, 'config');
  if (ms === null) throw new ConfigError(`invalid configuration in ${file}:\n  Key "${key}": ${JSON.stringify(v)} is not a duration (e.g. 25s, 1m, 30, or none).`);
  return ms;
}

export function heartbeatSetting(file: string, raw: RawHeartbeat | undefined): HeartbeatSetting | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'object') return { default: heartbeatDuration(file, 'websocket.heartbeat', raw), paths: [] };
  return {
    ...(raw.default !== undefined ? { default: heartbeatDuration(file, 'websocket.heartbeat.default', raw.default) } : {}),
    paths: Object.entries(raw.paths ?? {}).map(([path, v]) => ({ path, ms: heartbeatDuration(file, `websocket.heartbeat.paths.${path}`, v) })),
  };
}

/** A closer file's heartbeat declarations win per key; per-path entries come first (most specific). */
function mergeHeartbeat(a: HeartbeatSetting | undefined, b: HeartbeatSetting | undefined): HeartbeatSetting | undefined {
  if (!a || !b) return b ?? a;
  return { ...a, ...b, paths: [...b.paths, ...a.paths] };
}

/** Unknown rule ids and options that do not fit a rule's own schema are errors, not silence. */
function checkRules(file: string, cfg: RawConfig, rules: KnownRule[]): void {
  const byId = new Map(rules.map((r) => [r.id, r]));
  const sets: [string, Record<string, RuleValue>][] = [['rules', cfg.rules ?? {}]];
  (cfg.overrides ?? []).forEach((o, i) => sets.push([`overrides.${i}.rules`, o.rules ?? {}]));
  for (const [where, set] of sets) {
    for (const [id, value] of Object.entries(set)) {
      if (findCoreRule(id)) continue;
      const rule = byId.get(id);
      if (!rule) {
        const hint = didYouMean(id, [...byId.keys(), ...CORE_RULES.map((r) => r.id)]);
        throw new ConfigError(`invalid configuration in ${file}:\n  Key "${where}.${id}": unknown rule${hint}. Run "proxylint rules" for the list.`);
      }
      const options = Array.isArray(value) ? value[1] : undefined;
      if (options !== undefined) {
        if (!rule.optionsSchema) {
          throw new ConfigError(`invalid configuration in ${file}:\n  Key "${where}.${id}": this rule takes no options.`);
        }
        const v = ajv().compile(rule.optionsSchema);
        if (!v(options)) {
          const lines = describeErrors(v.errors as AjvError[]).map((l: string) => l.replace(/^Key "/, `Key "${where}.${id}[1].`).replace(/^Top level/, `Key "${where}.${id}[1]"`));
          throw new ConfigError(`invalid configuration in ${file}:\n` + lines.map((l: string) => `  ${l}`).join('\n'));
        }
      }
    }
  }
}

export function emptyConfig(dir: string): LoadedConfig {
  return { dir, targets: {}, rules: {}, overrides: [], ignores: [], roots: [], websocket: { paths: [], ports: [] }, includes: { map: [], prefix: [] } };
}

function merge(a: LoadedConfig, b: LoadedConfig): LoadedConfig {
  return {
    file: b.file ?? a.file,
    dir: b.dir,
    targets: { ...a.targets, ...b.targets },
    rules: { ...a.rules, ...b.rules },
    overrides: [...a.overrides, ...b.overrides],
    ignores: [...a.ignores, ...b.ignores],
    roots: [...a.roots, ...b.roots],
    websocket: {
      paths: [...a.websocket.paths, ...b.websocket.paths],
      ports: [...a.websocket.ports, ...b.websocket.ports],
      heartbeat: mergeHeartbeat(a.websocket.heartbeat, b.websocket.heartbeat),
    },
    includes: {
      map: [...b.includes.map, ...a.includes.map.filter(([f]) => !b.includes.map.some(([g]) => g === f))],
      prefix: [...b.includes.prefix, ...a.includes.prefix],
      ...((b.includes.hermetic ?? a.includes.hermetic) !== undefined ? { hermetic: b.includes.hermetic ?? a.includes.hermetic } : {}),
    },
  };
}

const includeSettingsCache = new WeakMap<LoadedConfig, IncludeSettings>();

/**
 * The include settings of a configuration: map entries longest server prefix first, hermetic
 * unless switched off, and the configuration's own directory as part of the linted tree.
 */
export function includeSettingsOf(cfg: LoadedConfig): IncludeSettings {
  let s = includeSettingsCache.get(cfg);
  if (!s) {
    const strip = (p: string) => (p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p);
    s = {
      map: cfg.includes.map.map(([f, t]) => [strip(f), strip(t)] as [string, string]).sort((x, y) => y[0].length - x[0].length),
      prefix: new Map(cfg.includes.prefix),
      hermetic: cfg.includes.hermetic ?? true,
      tree: cfg.file ? [cfg.dir] : [],
      ...(cfg.file ? { configFile: cfg.file } : {}),
    };
    includeSettingsCache.set(cfg, s);
  }
  return s;
}

/** Directories whose presence marks a version-control root (where config lookup stops). */
const VCS_MARKERS = ['.git', '.hg', '.svn', '.jj'];

/**
 * Finds and caches the closest configuration of each directory. Lookup walks up from a file's
 * directory to the project root and no further: the version-control root above it, or, when
 * there is none, the current directory (a file outside it looks only in its own directory).
 * Beyond that are directories other people may write (/tmp, a shared /srv), where a planted
 * `ignores: ["**"]` would silence the run. For the same reason a configuration in a directory
 * others can write (mode o+w) is used only when the file itself is the user's (or root's).
 */
export class ConfigResolver {
  private byDir = new Map<string, LoadedConfig>();
  private byFile = new Map<string, FileConfig>();
  private vcsAbove = new Map<string, boolean>();
  private warned = new Set<string>();

  constructor(
    private readonly explicit: string | undefined,
    private readonly knownRules: () => KnownRule[],
    private readonly cwd: string = process.cwd(),
    private readonly warn: (message: string) => void = (m) => process.stderr.write(`proxylint: ${m}\n`),
  ) {}

  configOfDir(dir: string): LoadedConfig {
    if (this.explicit) return this.loadCached(path.resolve(this.cwd, this.explicit));
    const hit = this.byDir.get(dir);
    if (hit) return hit;
    let found: LoadedConfig | undefined;
    for (const name of CONFIG_NAMES) {
      const p = path.join(dir, name);
      if (fs.existsSync(p) && this.trusted(dir, p)) {
        found = this.loadCached(p);
        break;
      }
    }
    if (!found) {
      const up = path.dirname(dir);
      found = up === dir || this.isProjectRoot(dir) ? emptyConfig(this.cwd) : this.configOfDir(up);
    }
    this.byDir.set(dir, found);
    return found;
  }

  private hasVcsAtOrAbove(dir: string): boolean {
    let v = this.vcsAbove.get(dir);
    if (v === undefined) {
      const up = path.dirname(dir);
      v = VCS_MARKERS.some((m) => fs.existsSync(path.join(dir, m))) || (up !== dir && this.hasVcsAtOrAbove(up));
      this.vcsAbove.set(dir, v);
    }
    return v;
  }

  /** Lookup stops after this directory. */
  private isProjectRoot(dir: string): boolean {
    if (VCS_MARKERS.some((m) => fs.existsSync(path.join(dir, m)))) return true;
    if (this.hasVcsAtOrAbove(dir)) return false;
    const rel = path.relative(this.cwd, dir);
    return rel === '' || rel.startsWith('..') || path.isAbsolute(rel);
  }

  /** A config in a directory others can write counts only when it is the user's own (or root's). */
  private trusted(dir: string, file: string): boolean {
    if (!othersCanWrite(dir)) return true;
    try {
      if (ownedByUser(fs.lstatSync(file), true)) return true;
    } catch {
      return true; // vanished or unreadable: loading it reports the error
    }
    if (!this.warned.has(file)) {
      this.warned.add(file);
      this.warn(`ignoring ${file}: its directory is writable by anyone and the file is not yours`);
    }
    return false;
  }

  private loadCached(file: string): LoadedConfig {
    const key = '\0file:' + file;
    let c = this.byDir.get(key);
    if (!c) this.byDir.set(key, (c = loadConfigFile(file, this.knownRules)));
    return c;
  }

  forFile(filePath: string): FileConfig {
    let fc = this.byFile.get(filePath);
    if (fc) return fc;
    const cfg = this.configOfDir(path.dirname(filePath));
    fc = resolveFileConfig(cfg, filePath);
    this.byFile.set(filePath, fc);
    return fc;
  }
}

export function settingsOf(cfg: LoadedConfig): Settings {
  const assumed: Settings['assumedTargets'] = {};
  for (const d of Object.keys(DEFAULT_TARGETS) as DialectName[]) assumed[d] = cfg.targets[d] === undefined;
  return {
    targets: { ...DEFAULT_TARGETS, ...cfg.targets } as Record<DialectName, string>,
    assumedTargets: assumed,
    websocket: cfg.websocket,
  };
}

export function resolveFileConfig(cfg: LoadedConfig, filePath: string): FileConfig {
  let rules = { ...cfg.rules };
  if (cfg.overrides.length) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const picomatch = require('picomatch') as typeof import('picomatch');
    for (const o of cfg.overrides) {
      const rel = path.relative(o.dir, filePath).split(path.sep).join('/');
      if (picomatch(o.files, { dot: true, matchBase: !o.files.some((f) => f.includes('/')) })(rel)) rules = { ...rules, ...o.rules };
    }
  }
  const settings = settingsOf(cfg);
  return {
    settings,
    roots: cfg.roots,
    includes: includeSettingsOf(cfg),
    ruleSetting(rule) {
      const v = rules[rule.id];
      if (v === undefined) return { severity: rule.severity, options: {} };
      if (Array.isArray(v)) return { severity: normalizeSeverity(v[0]), options: v[1] ?? {}, configured: true };
      return { severity: normalizeSeverity(v), options: {}, configured: true };
    },
  };
}

/** Is a file (found while walking a directory) ignored by its configuration? */
export function isIgnored(cfg: LoadedConfig, filePath: string): boolean {
  if (cfg.ignores.length === 0) return false;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const picomatch = require('picomatch') as typeof import('picomatch');
  return cfg.ignores.some((ig) => {
    const rel = path.relative(ig.dir, filePath).split(path.sep).join('/');
    return picomatch(ig.pattern, { dot: true })(rel) || picomatch(ig.pattern.replace(/\/?$/, '/**'), { dot: true })(rel);
  });
}
