/**
 * The shared include loader (src/core/include-loader.ts) under a toy dialect whose files are
 * lines `include PATH` (PATH relative to the root's directory) and `error` (a syntax error): the
 * chain, the nesting limit with and without `stop`, cycles through a symlink, read failures
 * classified for the policy, each file once in reading order, and errors in reading order.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import type { Directive, IncludedFile, SourceFile } from '../../src/core/ast';
import { IncludeLoader, type IncludePolicy, type ReadFailure } from '../../src/core/include-loader';
import { defaultIncludeSettings } from '../../src/core/include-paths';
import { defaultSettings } from '../../src/core/settings';
import { SourceCache } from '../../src/core/source';

function tree(files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'proxylint-loader-')));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

function toyParse(file: SourceFile, parent: Directive | null): IncludedFile {
  const nodes: Directive[] = [];
  let error: IncludedFile['error'];
  let offset = 0;
  for (const line of file.text.split('\n')) {
    const [name, ...args] = line.trim().split(/\s+/);
    if (name === 'include') nodes.push({ type: 'directive', name, key: name, args, spans: [], start: offset, end: offset + line.length, file, parent });
    if (name === 'error' && !error) error = { message: `error in ${path.basename(file.path)}`, file, offset };
    offset += line.length + 1;
  }
  return { file, nodes, ...(error ? { error } : {}) };
}

interface Run {
  files: string[];
  errors: string[];
  problems: string[];
  failures: ReadFailure['reason'][];
}

function run(dir: string, over: Partial<IncludePolicy> = {}, root = 'root.conf'): Run {
  const cache = new SourceCache();
  const failures: ReadFailure['reason'][] = [];
  const rel = (p: string) => path.relative(dir, p);
  const policy: IncludePolicy = {
    maxChain: 100,
    tooDeep: (_d, p) => ({ message: `too deep at ${rel(p)}`, stop: false }),
    cycle: (_d, p, chain) => `cycle ${[...chain, p].map(rel).join(' > ')}`,
    unreadable: (_d, f) => {
      failures.push(f.reason);
      return f.reason === 'directory' ? undefined : { kind: f.reason === 'too-large' ? 'too-large' : 'unreadable', message: `cannot read ${rel(f.path)}` };
    },
    parse: toyParse,
    follow: (inc) => {
      for (const d of inc.nodes as Directive[]) loader.include(d, d.args.map((a) => path.join(dir, a)));
    },
    ...over,
  };
  const loader: IncludeLoader = new IncludeLoader(cache.read(path.join(dir, root)), {
    readFile: (p) => cache.read(p),
    canonical: (p) => cache.canonical(p),
    settings: defaultSettings(),
    includes: defaultIncludeSettings([dir]),
  }, policy);
  loader.load();
  return {
    files: loader.files.map((f) => rel(f.path)),
    errors: loader.errors.map((e) => e.message),
    problems: loader.problems.map((p) => `${p.kind}: ${p.message} (${rel(p.directive.file.path)}:${p.directive.args.join(' ')})`),
    failures,
  };
}

describe('core/include-loader', () => {
  test('each file once, in reading order (depth first), errors in reading order', () => {
    const dir = tree({
      'root.conf': 'include a.conf b.conf\ninclude a.conf\nerror',
      'a.conf': 'include c.conf\nerror',
      'b.conf': 'error',
      'c.conf': 'error',
    });
    const r = run(dir);
    expect(r.files).toEqual(['root.conf', 'a.conf', 'c.conf', 'b.conf']);
    // A parse error is pushed when its file is parsed, before the files it includes are read.
    expect(r.errors).toEqual(['error in root.conf', 'error in a.conf', 'error in c.conf', 'error in b.conf', 'error in a.conf', 'error in c.conf']);
    expect(r.problems).toEqual([]);
  });

  test('a file already being read is a cycle, also through a symlink; its siblings are still read', () => {
    const dir = tree({ 'root.conf': 'include a.conf', 'a.conf': 'include link.conf b.conf', 'b.conf': '' });
    fs.symlinkSync(path.join(dir, 'root.conf'), path.join(dir, 'link.conf'));
    const r = run(dir);
    expect(r.problems).toEqual(['cycle: cycle root.conf > a.conf > root.conf (a.conf:link.conf b.conf)']);
    expect(r.files).toEqual(['root.conf', 'a.conf', 'b.conf']);
  });

  test('the nesting limit counts the root; stop: false tries the next file, stop: true does not', () => {
    const files = { 'root.conf': 'include a.conf', 'a.conf': 'include b.conf c.conf', 'b.conf': '', 'c.conf': '' };
    const go = run(tree(files), { maxChain: 2 });
    expect(go.problems).toEqual(['cycle: too deep at b.conf (a.conf:b.conf c.conf)', 'cycle: too deep at c.conf (a.conf:b.conf c.conf)']);
    expect(go.files).toEqual(['root.conf', 'a.conf']);
    const stop = run(tree(files), { maxChain: 2, tooDeep: () => ({ message: 'stop', stop: true }) });
    expect(stop.problems).toEqual(['cycle: stop (a.conf:b.conf c.conf)']);
    // One below the limit: everything is read.
    expect(run(tree(files), { maxChain: 3 }).files).toEqual(['root.conf', 'a.conf', 'b.conf', 'c.conf']);
  });

  test('read failures reach the policy classified; undefined reads past silently', () => {
    const dir = tree({ 'root.conf': 'include d missing.conf ok.conf', 'd/x.conf': '', 'ok.conf': '' });
    const r = run(dir);
    expect(r.failures).toEqual(['directory', 'missing']);
    expect(r.problems).toEqual(['unreadable: cannot read missing.conf (root.conf:d missing.conf ok.conf)']);
    expect(r.files).toEqual(['root.conf', 'ok.conf']);
  });

  test('a FIFO is refused before it is opened (it would block forever), as "other"', () => {
    const dir = tree({ 'root.conf': 'include fifo' });
    try {
      execFileSync('mkfifo', [path.join(dir, 'fifo')]);
    } catch {
      console.warn('NOTICE: mkfifo is unavailable: the FIFO case is skipped');
      return;
    }
    const r = run(dir);
    expect(r.failures).toEqual(['other']);
    expect(r.problems).toEqual(['unreadable: cannot read fifo (root.conf:fifo)']);
  });

  test('unmapped and direct problems carry the directive and inert only when set', () => {
    const dir = tree({ 'root.conf': 'include x' });
    const cache = new SourceCache();
    const loader = new IncludeLoader(cache.read(path.join(dir, 'root.conf')), {
      readFile: (p) => cache.read(p),
      settings: defaultSettings(),
      includes: defaultIncludeSettings([dir]),
    }, { maxChain: 10, tooDeep: () => ({ message: '', stop: false }), cycle: () => '', unreadable: () => undefined, parse: toyParse });
    const root = loader.load();
    const d = root.nodes[0] as Directive;
    loader.unmapped(d, '/etc/nginx/x.conf', '/etc/nginx/x.conf', dir, true);
    loader.problem(d, 'missing', 'gone');
    expect(d.includes).toEqual([]);
    expect(loader.problems.map(({ kind, message, inert }) => ({ kind, message, inert }))).toEqual([
      { kind: 'unmapped', message: 'include "/etc/nginx/x.conf" is outside the linted tree: set includes.map', inert: true },
      { kind: 'missing', message: 'gone', inert: undefined },
    ]);
    expect('inert' in loader.problems[1]).toBe(false);
  });
});
