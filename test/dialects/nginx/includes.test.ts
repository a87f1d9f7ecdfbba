import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Directive } from '../../../src/core/ast';
import { defaultSettings } from '../../../src/core/settings';
import { SourceCache } from '../../../src/core/source';
import { directivesOf, walk } from '../../../src/core/walk';
import { dialect } from '../../../src/dialects/nginx/index';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proxylint-inc-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    const p = path.join(dir, name);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
  }
}

function load(name: string) {
  const cache = new SourceCache();
  return dialect.load(cache.read(path.join(dir, name)), { readFile: (p) => cache.read(p), settings: defaultSettings() });
}

function names(unit: ReturnType<typeof load>): string[] {
  const out: string[] = [];
  walk(unit.nodes, (n) => {
    if (n.type === 'directive' && n.key !== 'include') out.push(n.name + (n.args.length ? ' ' + n.args.join(' ') : ''));
  });
  return out;
}

describe('nginx include resolution', () => {
  it('resolves relative paths against the main config directory, not the including file', () => {
    write({
      'nginx.conf': 'http { include sites/app.conf; }',
      'sites/app.conf': 'server { include snippets/ws.conf; }',
      'snippets/ws.conf': 'location /ws { proxy_pass http://b; }',
      'sites/snippets/ws.conf': 'wrong;',
    });
    const unit = load('nginx.conf');
    expect(names(unit)).toEqual(['http', 'server', 'location /ws', 'proxy_pass http://b']);
    expect(unit.files.map((f) => path.relative(dir, f.path))).toEqual(['nginx.conf', 'sites/app.conf', 'snippets/ws.conf']);
    expect(unit.includeProblems).toEqual([]);
  });

  it('expands globs sorted, skips dotfiles, and accepts a glob that matches nothing', () => {
    write({
      'nginx.conf': 'http { include conf.d/*.conf; include empty/*.conf; }',
      'conf.d/b.conf': 'b;',
      'conf.d/a.conf': 'a;',
      'conf.d/.hidden.conf': 'hidden;',
      'conf.d/c.conf.bak': 'bak;',
    });
    const unit = load('nginx.conf');
    expect(names(unit)).toEqual(['http', 'a', 'b']);
    expect(unit.includeProblems).toEqual([]);
  });

  it('reports a missing plain include as a problem at the include directive', () => {
    write({ 'nginx.conf': 'http {\n    include missing.conf;\n}\n' });
    const unit = load('nginx.conf');
    expect(unit.includeProblems).toHaveLength(1);
    expect(unit.includeProblems[0].kind).toBe('missing');
    expect(unit.includeProblems[0].directive.args).toEqual(['missing.conf']);
    expect(unit.errors).toEqual([]);
  });

  it('detects include cycles instead of recursing', () => {
    write({ 'nginx.conf': 'include a.conf;', 'a.conf': 'include b.conf;', 'b.conf': 'include a.conf; x;' });
    const unit = load('nginx.conf');
    expect(unit.includeProblems.map((p) => p.kind)).toEqual(['cycle']);
    expect(names(unit)).toEqual(['x']);
  });

  it('parses each inclusion in its own context: nodes get the including block as parent', () => {
    write({ 'nginx.conf': 'http { server { include p.conf; } server { include p.conf; } }', 'p.conf': 'proxy_set_header Host $host;' });
    const unit = load('nginx.conf');
    const servers = directivesOf((unit.nodes[0] as Directive).children);
    const [h1] = directivesOf(servers[0].children);
    const [h2] = directivesOf(servers[1].children);
    expect(h1.parent).toBe(servers[0]);
    expect(h2.parent).toBe(servers[1]);
    expect(unit.files).toHaveLength(2);
  });

  it('reports a syntax error inside an included file at that file', () => {
    write({ 'nginx.conf': 'http { include bad.conf; }', 'bad.conf': 'a b\n}' });
    const unit = load('nginx.conf');
    expect(unit.errors).toHaveLength(1);
    expect(path.basename(unit.errors[0].file.path)).toBe('bad.conf');
    expect(unit.errors[0].message).toBe('unexpected "}"');
  });

  it('treats a snippet as a fragment and finds the nginx.conf above it', () => {
    write({ 'nginx.conf': 'http { include sites-enabled/*; }', 'sites-enabled/app': 'server { listen 80; }' });
    const unit = load('sites-enabled/app');
    expect(unit.fragment).toBe(true);
    expect(dialect.discoverRoot!(path.join(dir, 'sites-enabled/app'))).toBe(path.join(dir, 'nginx.conf'));
    expect(load('nginx.conf').fragment).toBe(false);
  });

  it.each([
    // YunoHost apps: conf/nginx.conf holds location blocks the platform includes into its server.
    { name: 'location blocks', text: 'location __PATH__/ {\n  proxy_pass http://127.0.0.1:8080;\n  include proxy_params_no_auth;\n}\n', fragment: true },
    { name: 'a bare server block (a conf.d file mounted as default.conf)', text: 'server { listen 80; }\n', fragment: true },
    { name: 'core directives around an http block', text: 'worker_processes 1;\nevents {}\nhttp { server { listen 80; } }\n', fragment: false },
    { name: 'core directives only (the http block comes from an include)', text: 'user nginx;\ninclude conf/http.conf;\n', fragment: false },
  ])('a file named nginx.conf holding $name: fragment $fragment', ({ text, fragment }) => {
    write({ 'conf/nginx.conf': text, 'conf/conf/http.conf': 'http {}\n' });
    expect(load('conf/nginx.conf').fragment).toBe(fragment);
  });

  it('resolves a relative include of a location-level nginx.conf against the unknown prefix, not as missing', () => {
    write({ 'conf/nginx.conf': 'location / {\n  include proxy_params_no_auth;\n}\n' });
    const unit = load('conf/nginx.conf');
    expect(unit.includeProblems.map((p) => p.kind)).toEqual(['unmapped']);
  });

  it('reports an unreadable included file without crashing', () => {
    // Root reads every file whatever its mode (CI runs as root), so the EACCES comes from the reader.
    write({ 'nginx.conf': 'include secret.conf;', 'secret.conf': 'x;' });
    const cache = new SourceCache();
    const readFile = (p: string) => {
      if (p.endsWith('secret.conf')) throw Object.assign(new Error(`EACCES: permission denied, open '${p}'`), { code: 'EACCES' });
      return cache.read(p);
    };
    const unit = dialect.load(cache.read(path.join(dir, 'nginx.conf')), { readFile, settings: defaultSettings() });
    expect(unit.includeProblems.map((p) => p.kind)).toEqual(['unreadable']);
    expect(unit.includeProblems[0].message).toMatch(/EACCES/);
  });
});
