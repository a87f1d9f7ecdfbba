/**
 * The output safety net for performance work (issue #13): a digest of proxylint's full output —
 * the JSON report and the `--diff --unsafe-fixes` patch — for every file of ../shared/corpus, the
 * repository's fixtures (e2e fixtures, examples, the real-world cases) and the synthetic benchmark
 * shapes (small instances, with mistakes so that there is something to report and fix).
 *
 * The digests are committed (test/golden/digests.json, with a fingerprint of the rule layer they
 * were recorded for) and compared by test/golden/output.test.ts whenever that layer is unchanged:
 * a change to the engine, walks, lexers or parsers must leave every digest as it was. After a
 * change that is meant to change output (a rule's message, a new finding), re-record:
 *
 *     npm run build && node dist/bench/golden.js --update
 *
 * A change that is not (a faster parser, a new table layout) must leave every digest as it was:
 * that is the point. The digest is per file, so a failure names the files whose output moved.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  generateApacheConfig,
  generateApacheProxyPasses,
  generateHaproxyConfig,
  generateHaproxyFrontends,
  generateNginxConfig,
  generateNginxTree,
  generateSquidConfig,
} from './generate-config';
import { CLI, REPO, SHARED_CORPUS } from './paths';

export { REPO, SHARED_CORPUS };
export const DIGESTS = path.join(REPO, 'test', 'golden', 'digests.json');

/** group → relative path → digest ('json:…' and 'diff:…' entries per file). */
export type Digests = Record<string, Record<string, string>>;

/**
 * The layers performance work rewrites, whose changes must leave the output as it was: the
 * engine loop, walks, sources, lexers and parsers, file collection, the benchmark. A change
 * anywhere else in src/, rules/ or templates/ (a rule, an analysis, a message) may change
 * output on purpose; then the recorded digests no longer describe this code, and the test says
 * so instead of failing every such change (re-record once it is checked).
 */
const OUTPUT_NEUTRAL = [
  /^src\/core\/(walk|engine|source|positions|linter)\.ts$/,
  /^src\/dialects\/[a-z]+\/(lexer|parser)\.ts$/,
  /^src\/cli\/collect\.ts$/,
  /\.test\.ts$/,
  /\.md$/,
];

function listFiles(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listFiles(dir, r));
    else if (e.isFile()) out.push(r);
  }
  return out;
}

/** A hash of every source that may change output on purpose (all but OUTPUT_NEUTRAL). */
export function ruleLayerFingerprint(): string {
  const h = createHash('sha256');
  for (const top of ['src', 'rules', 'templates']) {
    if (!fs.existsSync(path.join(REPO, top))) continue;
    for (const f of listFiles(REPO, top).sort()) {
      if (OUTPUT_NEUTRAL.some((re) => re.test(f))) continue;
      h.update(f + '\0').update(fs.readFileSync(path.join(REPO, f))).update('\0');
    }
  }
  return h.digest('hex').slice(0, 16);
}

export interface Recorded {
  /** ruleLayerFingerprint() when the digests were recorded. */
  ruleLayer: string;
  digests: Digests;
}

export function readRecorded(): Recorded {
  const j = JSON.parse(fs.readFileSync(DIGESTS, 'utf8')) as Partial<Recorded>;
  return { ruleLayer: j.ruleLayer ?? '', digests: j.digests ?? {} };
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

function run(args: string[], cwd: string): string {
  // Colour and CI annotations off, as in a developer's terminal: the digests must not depend on them.
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  for (const k of ['FORCE_COLOR', 'CI', 'GITHUB_ACTIONS']) delete env[k];
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, env, encoding: 'utf8', maxBuffer: 1 << 28, timeout: 120000 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`proxylint ${args.join(' ')} (in ${cwd}) exited ${r.status}: ${r.stderr.slice(0, 1000)}`);
  return r.stdout;
}

/** Lint `targets` (relative to `root`) as JSON and as a diff; one digest pair per reported file. */
function lintDigests(logicalRoot: string, targets: string[], extra: string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  // Reports name real paths (a symlinked ../shared is reported where it lives).
  const root = fs.realpathSync(logicalRoot);
  const rel = (p: string) => (path.isAbsolute(p) ? path.relative(root, p) : p);
  // Paths in messages ("included from …") are made relative so that the digest does not depend on
  // where the tree lives.
  const norm = (s: string) => s.split(root + path.sep).join('<root>/');
  const report = JSON.parse(run(['lint', '--format', 'json', ...extra, ...targets], root)) as Array<{ filePath: string; messages: unknown[] }>;
  for (const f of report) out[`json:${rel(f.filePath)}`] = digest(norm(JSON.stringify(f)));
  const patch = run(['lint', '--diff', '--unsafe-fixes', ...extra, ...targets], root);
  // Each file's hunks start at its `--- a/` line; the summary line ends the output.
  for (const chunk of patch.split(/^(?=--- a\/)/m)) {
    const m = /^--- a\/(.*)$/m.exec(chunk);
    if (m) out[`diff:${m[1]}`] = digest(norm(chunk.replace(/^proxylint: would fix.*$/m, '')));
  }
  return out;
}

function corpusGroups(): Digests {
  const groups: Digests = {};
  for (const d of ['nginx', 'apache', 'squid', 'haproxy']) {
    if (fs.existsSync(path.join(SHARED_CORPUS, d))) groups[`corpus/${d}`] = lintDigests(SHARED_CORPUS, [d]);
  }
  return groups;
}

function repoGroups(): Digests {
  const groups: Digests = {};
  for (const d of ['fixtures', 'test/realworld/cases']) {
    if (fs.existsSync(path.join(REPO, d))) groups[d] = lintDigests(REPO, [d]);
  }
  return groups;
}

function syntheticGroups(): Digests {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'proxylint-golden-')));
  try {
    const files: Array<[string, string, string]> = [
      ['nginx.conf', 'nginx', generateNginxConfig(2000, dir).replace(/proxy_set_header Connection \$connection_upgrade;\n/, '')],
      ['haproxy.cfg', 'haproxy', generateHaproxyConfig(60, dir, true)],
      ['haproxy-frontends.cfg', 'haproxy', generateHaproxyFrontends(30, dir)],
      ['httpd.conf', 'apache', generateApacheConfig(40, dir, true)],
      ['proxypass.conf', 'apache', generateApacheProxyPasses(50, dir, false)],
      ['proxypassmatch.conf', 'apache', generateApacheProxyPasses(50, dir, true)],
      ['squid.conf', 'squid', generateSquidConfig(40, dir)],
    ];
    const out: Record<string, string> = {};
    for (const [name, dialect, text] of files) {
      fs.writeFileSync(path.join(dir, name), text);
      Object.assign(out, lintDigests(dir, [name], ['--dialect', dialect]));
    }
    generateNginxTree(path.join(dir, 'tree'), 30);
    Object.assign(out, lintDigests(dir, ['tree']));
    generateNginxTree(path.join(dir, 'fragments'), 30, false);
    Object.assign(out, lintDigests(dir, ['fragments']));
    return { synthetic: out };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The digests of the current build; corpus groups only where ../shared/corpus exists. */
export function computeDigests(): Digests {
  return { ...corpusGroups(), ...repoGroups(), ...syntheticGroups() };
}

export interface Comparison {
  /** Files whose output differs from the recorded digest: what the test fails on. */
  changed: string[];
  /** Files with no recorded digest (a fixture or case added since): not compared, re-record to cover them. */
  added: string[];
  /** Recorded files no longer reported (removed from the tree). */
  removed: string[];
}

/** Per group and file: changed, new and missing. Groups not computed here (no ../shared) are not compared. */
export function compareDigests(want: Digests, got: Digests): Comparison {
  const out: Comparison = { changed: [], added: [], removed: [] };
  for (const group of Object.keys(got)) {
    const w = want[group] ?? {};
    const g = got[group];
    for (const k of Object.keys(g)) {
      if (w[k] === undefined) out.added.push(`${group}: ${k}`);
      else if (w[k] !== g[k]) out.changed.push(`${group}: ${k}`);
    }
    for (const k of Object.keys(w)) if (!(k in g)) out.removed.push(`${group}: ${k}`);
  }
  return out;
}

function sorted(d: Digests): Digests {
  const out: Digests = {};
  for (const g of Object.keys(d).sort()) {
    out[g] = {};
    for (const k of Object.keys(d[g]).sort()) out[g][k] = d[g][k];
  }
  return out;
}

if (require.main === module) {
  const got = computeDigests();
  if (process.argv.includes('--update')) {
    // Groups that could not be computed here (no ../shared) keep their recorded digests.
    const prev = fs.existsSync(DIGESTS) ? readRecorded().digests : {};
    fs.mkdirSync(path.dirname(DIGESTS), { recursive: true });
    const rec: Recorded = { ruleLayer: ruleLayerFingerprint(), digests: sorted({ ...prev, ...got }) };
    fs.writeFileSync(DIGESTS, JSON.stringify(rec, null, 1) + '\n');
    console.log(`wrote ${path.relative(REPO, DIGESTS)}: ${Object.entries(got).map(([g, v]) => `${g} ${Object.keys(v).length}`).join(', ')}`);
  } else {
    const rec = readRecorded();
    if (rec.ruleLayer !== ruleLayerFingerprint()) console.log('note: rules or analyses changed since the digests were recorded');
    const c = compareDigests(rec.digests, got);
    for (const l of c.changed) console.log(`changed: ${l}`);
    for (const l of c.added) console.log(`not recorded: ${l}`);
    for (const l of c.removed) console.log(`no longer reported: ${l}`);
    if (!c.changed.length) console.log('output identical to test/golden/digests.json for every recorded file');
    process.exitCode = c.changed.length ? 1 : 0;
  }
}
