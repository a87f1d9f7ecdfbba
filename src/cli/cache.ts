/**
 * `--cache` (`--cache-location`, default `.proxylintcache`): results of files that did not
 * change are reused. An entry is valid when all of these are unchanged:
 *   - the file's content hash (content, not mtime: a CI checkout resets mtimes),
 *   - the hash of its resolved configuration (targets, rule severities and options, roots,
 *     suppression options),
 *   - proxylint's version,
 *   - the content hash of every file of the unit it was linted in (the main config it is
 *     included from, and everything that includes), and the listing of their directories (a
 *     new file matched by an `include conf.d/*.conf` glob changes the unit).
 * Runs with --fix never read or write the cache (ESLint does the same).
 *
 * The cache file sits in the project, where others may write it, and what it says is printed
 * and decides the exit code. So it is signed: an HMAC-SHA256 over its location and content,
 * keyed by a random secret kept in the user's own private cache directory (see private-dir.ts).
 * A file without a valid signature is ignored (everything is re-linted), so a forged entry can
 * neither turn a syntax error into exit 0 nor smuggle text into the report. The file is written
 * mode 0600 through an exclusively created temp file.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DialectName } from '../core/ast';
import type { FileConfig, FileOutcome, FileRequest } from '../core/linter';
import type { LintResult, ResultMessage } from '../core/result';
import type { RuleDefinition } from '../core/rule';
import type { SourceCache } from '../core/source';
import { redact } from '../core/redact';
import { ensurePrivateCacheDir, ownedByUser, readRegularFile, writePrivateFile } from '../core/private-dir';

const MAGIC = 'proxylint-cache 1 ';
const MAX_CACHE_BYTES = 512 * 1024 * 1024;
const KEY_BYTES = 32;

/** The user's secret for signing lint caches, created on first use; undefined without a private directory. */
export function lintCacheKey(env: NodeJS.ProcessEnv = process.env): Buffer | undefined {
  const dir = ensurePrivateCacheDir(env);
  if (!dir) return undefined;
  const file = path.join(dir, 'lint-cache.key');
  try {
    const { data, st } = readRegularFile(file, 1024, false);
    if (data.length === KEY_BYTES && ownedByUser(st) && (st.mode & 0o077) === 0) return data;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return undefined;
  }
  try {
    writePrivateFile(file, randomBytes(KEY_BYTES));
    return readRegularFile(file, 1024, false).data;
  } catch {
    return undefined;
  }
}

const mac = (key: Buffer, location: string, body: string) => createHmac('sha256', key).update(location).update('\0').update(body).digest();

interface CachedMessage extends Omit<ResultMessage, 'fix'> {
  fix?: { applicability?: 'safe' | 'unsafe'; edits: { path: string; range: [number, number]; text: string }[] };
}

interface Entry {
  hash: string;
  config: string;
  deps: Record<string, string>;
  dirs: Record<string, string>;
  messages: CachedMessage[];
  /** Results of the files this one includes (a main config reports its includes' findings too). */
  extra?: { path: string; messages: CachedMessage[] }[];
}

interface CacheFile {
  version: string;
  entries: Record<string, Entry>;
}

/**
 * A cached fix is only ever shown (runs with --fix never read the cache), so its text is stored
 * masked like every output: a fix that moves a line would otherwise copy its credentials here.
 */
function freeze(m: ResultMessage): CachedMessage {
  const { fix, ...rest } = m;
  return fix ? { ...rest, fix: { applicability: fix.applicability, edits: fix.edits.map((e) => ({ path: e.file.path, range: e.range, text: redact(e.text) })) } } : rest;
}

const sha = (s: string | Buffer) => createHash('sha1').update(s).digest('hex');

export class LintCache {
  private data: CacheFile;
  private fileHashes = new Map<string, string | null>();
  private dirHashes = new Map<string, string | null>();
  private dirty = false;
  hits = 0;
  misses = 0;

  constructor(
    readonly location: string,
    private readonly version: string,
    /** Signs and verifies the file; without one nothing is read and nothing written. */
    private readonly key: Buffer | undefined,
  ) {
    const data = key ? LintCache.readSigned(location, key) : undefined;
    this.data = data && data.version === version && data.entries && typeof data.entries === 'object' ? data : { version, entries: {} };
  }

  private static readSigned(location: string, key: Buffer): CacheFile | undefined {
    try {
      const text = readRegularFile(location, MAX_CACHE_BYTES).data.toString('utf8');
      const nl = text.indexOf('\n');
      if (!text.startsWith(MAGIC) || nl < 0) return undefined;
      const sig = Buffer.from(text.slice(MAGIC.length, nl), 'hex');
      const body = text.slice(nl + 1);
      const want = mac(key, location, body);
      if (sig.length !== want.length || !timingSafeEqual(sig, want)) return undefined;
      return JSON.parse(body) as CacheFile;
    } catch {
      return undefined;
    }
  }

  fileHash(p: string): string | null {
    let h = this.fileHashes.get(p);
    if (h === undefined) {
      try {
        h = sha(fs.readFileSync(p));
      } catch {
        h = null;
      }
      this.fileHashes.set(p, h);
    }
    return h;
  }

  private dirHash(d: string): string | null {
    let h = this.dirHashes.get(d);
    if (h === undefined) {
      try {
        // The cache file (and its temp file while it is written) is not part of any unit: left
        // in, writing the cache would change the listing of the directory it sits in and miss
        // every entry of a file beside it on the next run.
        const own = path.basename(this.location);
        const names = path.resolve(d) === path.dirname(path.resolve(this.location)) ? fs.readdirSync(d).filter((n) => n !== own && !(n.startsWith(`${own}.`) && n.endsWith('.tmp'))) : fs.readdirSync(d);
        h = sha(names.sort().join('\n'));
      } catch {
        h = null;
      }
      this.dirHashes.set(d, h);
    }
    return h;
  }

  /** The cached messages of a file, or undefined when anything it depends on changed. */
  lookup(filePath: string, configHash: string): Pick<Entry, 'messages' | 'extra'> | undefined {
    const e = this.data.entries[filePath];
    const ok =
      e &&
      e.config === configHash &&
      e.hash === this.fileHash(filePath) &&
      Object.entries(e.deps).every(([p, h]) => this.fileHash(p) === h) &&
      Object.entries(e.dirs).every(([d, h]) => this.dirHash(d) === h);
    if (ok) this.hits++;
    else this.misses++;
    return ok ? e : undefined;
  }

  store(outcome: FileOutcome, configHash: string, messages: ResultMessage[], extra: { path: string; messages: ResultMessage[] }[] = []): void {
    const hash = this.fileHash(outcome.path);
    if (!hash) return;
    const files = outcome.unitFiles ?? [outcome.path];
    const deps: Record<string, string> = {};
    const dirs: Record<string, string> = {};
    for (const f of files) {
      const h = this.fileHash(f);
      if (h === null) return; // a file that vanished mid-run: do not cache
      if (f !== outcome.path) deps[f] = h;
      const d = path.dirname(f);
      const dh = this.dirHash(d);
      if (dh !== null) dirs[d] = dh;
    }
    this.data.entries[outcome.path] = {
      hash,
      config: configHash,
      deps,
      dirs,
      messages: messages.map(freeze),
      ...(extra.length ? { extra: extra.map((x) => ({ path: x.path, messages: x.messages.map(freeze) })) } : {}),
    };
    this.dirty = true;
  }

  /** Turn cached messages back into result messages (fix edits point at the files again). */
  static revive(messages: CachedMessage[], sources: SourceCache): ResultMessage[] {
    return messages.map((m) => {
      if (!m.fix) return m as ResultMessage;
      return { ...m, fix: { applicability: m.fix.applicability, edits: m.fix.edits.map((e) => ({ file: sources.read(e.path), range: e.range, text: e.text })) } } as ResultMessage;
    });
  }

  save(): void {
    if (!this.dirty || !this.key) return;
    fs.mkdirSync(path.dirname(this.location), { recursive: true });
    const body = JSON.stringify(this.data);
    writePrivateFile(this.location, `${MAGIC}${mac(this.key, this.location, body).toString('hex')}\n${body}`, 0o600);
  }
}

/** Everything about a file's configuration that can change its findings, hashed. */
export function configHash(
  cfg: FileConfig,
  dialect: DialectName,
  rules: RuleDefinition<any>[],
  unitOptions: unknown,
  coreIds: string[],
): string {
  return sha(
    JSON.stringify({
      dialect,
      settings: cfg.settings,
      roots: cfg.roots,
      includes: cfg.includes && { ...cfg.includes, prefix: [...cfg.includes.prefix] },
      rules: rules.map((r) => [r.id, cfg.ruleSetting(r)]),
      core: coreIds.map((id) => [id, cfg.ruleSetting({ id, severity: 'error' })]),
      unitOptions,
    }),
  );
}


/** Lint `requests`, re-linting only files whose cache entry is stale; saves the cache. */
export function lintWithCache(
  opts: {
    linter: import('../core/linter').Linter;
    sources: SourceCache;
    configFor(p: string): FileConfig;
    rulesFor(d: DialectName): RuleDefinition<any>[];
    unitOptions: unknown;
    location: string;
    version: string;
  },
  requests: FileRequest[],
): { results: LintResult[]; cache: LintCache } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { messageCounts, toResult } = require('../core/to-result') as typeof import('../core/to-result');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { CORE_RULE_IDS } = require('../core/engine') as typeof import('../core/engine');
  const coreIds = [...new Set(Object.values(CORE_RULE_IDS))];
  const key = lintCacheKey();
  if (!key) {
    process.stderr.write('proxylint: --cache is off: it needs a private directory for its key ($XDG_CACHE_HOME or ~/.cache, yours and not writable by others)\n');
  }
  const cache = new LintCache(opts.location, opts.version, key);
  const hashes = requests.map((r) => configHash(opts.configFor(r.path), r.dialect, opts.rulesFor(r.dialect), opts.unitOptions, coreIds));

  const revived = (filePath: string, messages: CachedMessage[]): LintResult | undefined => {
    let source;
    try {
      source = opts.sources.read(filePath);
    } catch {
      return undefined;
    }
    const res = toResult(filePath, source, []);
    res.messages = LintCache.revive(messages, opts.sources);
    return Object.assign(res, messageCounts(res.messages));
  };

  const results: (LintResult | undefined)[] = [];
  const extras: LintResult[][] = requests.map(() => []);
  requests.forEach((r, i) => {
    const hit = cache.lookup(r.path, hashes[i]);
    const res = hit && revived(r.path, hit.messages);
    const more = hit && res ? (hit.extra ?? []).map((x) => revived(x.path, x.messages)) : [];
    if (res && more.every(Boolean)) {
      results[i] = res;
      extras[i] = more as LintResult[];
    }
  });

  const todo = requests.map((r, i) => [r, i] as const).filter(([, i]) => !results[i]);
  const outcomes = opts.linter.lint(todo.map(([r]) => r));
  const requestedIndex = new Map(todo.map(([r, i]) => [r.path, i]));
  const extraOutcomes = outcomes.slice(todo.length);
  const fresh = outcomes.slice(0, todo.length);
  // Findings in the files each root includes (the linter reports them with the root), also in
  // requested files linted in a unit of their own (merged into theirs below): a file's entry
  // depends on its own unit only, so a fragment's holds its own findings, the site's entry the
  // site's findings in it. Grouped by root once, not searched per root (a directory lint
  // requests thousands of files).
  const byRoot = new Map<string, LintResult[]>();
  const add = (root: string, r: LintResult): void => {
    const list = byRoot.get(root);
    if (list) list.push(r);
    else byRoot.set(root, [r]);
  };
  for (const x of extraOutcomes) if (x.unitRoot) add(x.unitRoot, toResult(x.path, x.source, x.messages));
  for (const f of fresh) for (const c of f.contextual ?? []) add(c.root, toResult(f.path, f.source, c.messages));
  fresh.forEach((o, k) => {
    const i = todo[k][1];
    const res = toResult(o.path, o.source, o.messages);
    results[i] = res;
    const mine = byRoot.get(o.path) ?? [];
    extras[i] = mine;
    const contextual = new Set((o.contextual ?? []).flatMap((c) => c.messages));
    const own = contextual.size ? toResult(o.path, o.source, o.messages.filter((m) => !contextual.has(m))).messages : res.messages;
    if (o.source) cache.store(o, hashes[i], own, mine.map((x) => ({ path: x.filePath, messages: x.messages }))); // an unreadable file is never cached
  });
  // Extra outcomes whose root is not among the re-linted requests (cannot happen today) are kept too.
  const orphan = extraOutcomes.filter((x) => !x.unitRoot || !requestedIndex.has(x.unitRoot)).map((x) => toResult(x.path, x.source, x.messages));

  // Same order and de-duplication as the linter: requested files, then included files once each.
  const seen = new Set(requests.map((r) => r.path));
  const requestedAt = new Map(requests.map((r, i) => [r.path, i]));
  const tail: LintResult[] = [];
  for (const list of [...extras, orphan]) {
    for (const x of list) {
      const at = requestedAt.get(x.filePath);
      if (at !== undefined) {
        // a requested file that a requested root includes: that root's findings in it join its own
        const r = results[at]!;
        const key = (m: ResultMessage) => `${m.ruleId}\0${m.line}\0${m.column}\0${m.endLine}\0${m.endColumn}\0${m.message}`;
        const have = new Set(r.messages.map(key));
        const added = x.messages.filter((m) => !have.has(key(m)));
        if (added.length) {
          r.messages = [...r.messages, ...added].sort((a, b) => a.line - b.line || a.column - b.column || (a.ruleId ?? '').localeCompare(b.ruleId ?? ''));
          Object.assign(r, messageCounts(r.messages));
        }
        continue;
      }
      if (seen.has(x.filePath)) continue;
      seen.add(x.filePath);
      tail.push(x);
    }
  }
  try {
    cache.save();
  } catch (e) {
    process.stderr.write(`proxylint: cannot write the cache ${opts.location}: ${(e as Error).message}\n`);
  }
  return { results: [...(results as LintResult[]), ...tail], cache };
}
