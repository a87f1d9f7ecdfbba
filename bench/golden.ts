/**
 * The output safety net for performance work (issue #13): a digest of proxylint's full output —
 * the JSON report and the `--diff --unsafe-fixes` patch — for every file of ../shared/corpus, the
 * repository's fixtures (e2e fixtures, examples, the real-world cases) and the synthetic benchmark
 * shapes (small instances, with mistakes so that there is something to report and fix).
 *
 * The digests are committed (test/golden/digests.json) and compared by test/golden/output.test.ts.
 * A change that is meant to change output (a rule's message, a new finding) regenerates them:
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

export const REPO = path.resolve(__dirname, '..', '..');
export const SHARED_CORPUS = path.resolve(REPO, '..', 'shared', 'corpus');
export const DIGESTS = path.join(REPO, 'test', 'golden', 'digests.json');
const CLI = path.join(REPO, 'bin', 'proxylint.js');

/** group → relative path → digest ('json:…' and 'diff:…' entries per file). */
export type Digests = Record<string, Record<string, string>>;

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
    const prev: Digests = fs.existsSync(DIGESTS) ? JSON.parse(fs.readFileSync(DIGESTS, 'utf8')) : {};
    fs.mkdirSync(path.dirname(DIGESTS), { recursive: true });
    fs.writeFileSync(DIGESTS, JSON.stringify(sorted({ ...prev, ...got }), null, 1) + '\n');
    console.log(`wrote ${path.relative(REPO, DIGESTS)}: ${Object.entries(got).map(([g, v]) => `${g} ${Object.keys(v).length}`).join(', ')}`);
  } else {
    const want: Digests = JSON.parse(fs.readFileSync(DIGESTS, 'utf8'));
    const c = compareDigests(want, got);
    for (const l of c.changed) console.log(`changed: ${l}`);
    for (const l of c.added) console.log(`not recorded: ${l}`);
    for (const l of c.removed) console.log(`no longer reported: ${l}`);
    if (!c.changed.length) console.log('output identical to test/golden/digests.json for every recorded file');
    process.exitCode = c.changed.length ? 1 : 0;
  }
}
