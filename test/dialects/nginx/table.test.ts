/**
 * The one-pass unit table (src/dialects/nginx/analysis/table.ts) must answer exactly what the
 * walks it replaced answered: for every block of a unit (and the file top) and every directive
 * name, `in(block, key)` is `directivesOf(body)` filtered by name (includes spliced, unresolved
 * includes kept, nested blocks not entered), `all(key)` is the walk's order, and the headers in
 * force at a level equal nginx's rule computed the old way (nearest level with a list; what it
 * drops of the next outer list). Checked on a tree built to hit every include case and on every
 * nginx file of the shared corpus.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Directive, Node, ParsedUnit } from '../../../src/core/ast';
import { defaultSettings } from '../../../src/core/settings';
import { SourceCache } from '../../../src/core/source';
import { directivesOf, preorder } from '../../../src/core/walk';
import { dialect } from '../../../src/dialects/nginx/index';
import { effectiveHeaders } from '../../../src/dialects/nginx/analysis/headers';
import { inherited, levelChain } from '../../../src/dialects/nginx/analysis/levels';
import { unitTable } from '../../../src/dialects/nginx/analysis/table';
import { CORPUS_DIR, describeWithCorpus } from '../../support/paths';

function load(file: string): ParsedUnit {
  const cache = new SourceCache();
  return dialect.load(cache.read(file), { readFile: (p) => cache.read(p), settings: defaultSettings() });
}

/**
 * The old answers, from the walk: blocks with their bodies, and the last/inherited/headers by
 * scanning. Returns the number of (block, name) pairs compared and every disagreement.
 */
function check(unit: ParsedUnit): { checked: number; wrong: string[] } {
  const t = unitTable(unit.nodes);
  const all = preorder(unit.nodes).filter((n): n is Directive => n.type === 'directive');
  const blocks: [Directive | null, Node[]][] = [[null, unit.nodes], ...all.filter((d) => d.children).map((d) => [d, d.children!] as [Directive, Node[]])];
  const wrong: string[] = [];
  const where = (b: Directive | null) => (b ? `${b.file.path}:${b.start} ${b.key}` : 'top');
  const same = (a: Directive[], b: Directive[]) => a.length === b.length && a.every((d, i) => d === b[i]);
  for (const key of [...new Set(all.map((d) => d.key)), 'no_such_directive']) {
    if (!same(t.all(key), all.filter((d) => d.key === key))) wrong.push(`all(${key})`);
  }
  let checked = 0;
  for (const [block, body] of blocks) {
    const own = directivesOf(body);
    for (const key of new Set([...own.map((d) => d.key), 'proxy_read_timeout', 'no_such_directive'])) {
      const expected = own.filter((d) => d.key === key);
      if (!same(t.in(block, key), expected) || t.last(block, key) !== expected[expected.length - 1]) wrong.push(`in(${where(block)}, ${key})`);
      checked++;
    }
    for (const key of ['proxy_read_timeout', 'proxy_http_version', 'http2', 'proxy_buffering']) {
      if (inherited(block, key, unit.nodes) !== oldInherited(block, key, unit.nodes)) wrong.push(`inherited(${where(block)}, ${key})`);
    }
    const eff = effectiveHeaders(block, unit.nodes);
    const old = oldHeaders(block, unit.nodes);
    const ok =
      eff.level === old.level &&
      eff.inherited === old.inherited &&
      same(eff.headers.map((h) => h.directive), old.headers) &&
      same(eff.dropped.map((h) => h.directive), old.dropped);
    if (!ok) wrong.push(`headers(${where(block)})`);
  }
  for (const loc of t.all('location')) if (!t.listOf.get(loc)?.includes(loc)) wrong.push(`listOf(${where(loc)})`);
  return { checked, wrong };
}

function oldInherited(level: Directive | null, key: string, top: Node[]): Directive | undefined {
  for (const l of levelChain(level)) {
    const found = directivesOf(l ? l.children : top).filter((d) => d.key === key);
    if (found.length) return found[found.length - 1];
  }
  return undefined;
}

function oldHeaders(level: Directive | null, top: Node[]) {
  const chain = levelChain(level);
  const lists = chain.map((l) => directivesOf(l ? l.children : top).filter((d) => d.key === 'proxy_set_header' && d.args.length >= 1));
  const i = lists.findIndex((l) => l.length > 0);
  if (i < 0) return { level: null, inherited: false, headers: [], dropped: [] };
  let dropped: Directive[] = [];
  if (i === 0) {
    const outer = lists.slice(1).find((l) => l.length > 0) ?? [];
    const own = new Set(lists[0].map((d) => d.args[0].toLowerCase()));
    dropped = outer.filter((d) => !own.has(d.args[0].toLowerCase()));
  }
  return { level: chain[i], inherited: i > 0, headers: lists[i], dropped };
}

describe('nginx unit table', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proxylint-table-'));
    const files: Record<string, string> = {
      'nginx.conf': [
        'events {}',
        'http {',
        '  proxy_set_header Host $host;',
        '  proxy_read_timeout 30s;',
        '  include conf.d/*.conf;',
        '  include missing.conf;',
        '  server {',
        '    listen 80;',
        '    include snippets/headers.conf;',
        '    location / { proxy_pass http://a; }',
        '    location /ws { include snippets/ws.conf; if ($x) { proxy_pass http://b; } proxy_pass http://c; }',
        '    location /api { proxy_set_header X-A 1; limit_except GET { proxy_pass http://d; } location /api/in { proxy_read_timeout 1h; } }',
        '  }',
        '}',
      ].join('\n'),
      'conf.d/a.conf': 'upstream a { server 127.0.0.1:1; keepalive 2; }\nproxy_read_timeout 40s;\n',
      'conf.d/b.conf': 'server { listen 81; location /b { include snippets/ws.conf; proxy_pass http://a; } }\n',
      'snippets/headers.conf': 'proxy_set_header Upgrade $http_upgrade;\nproxy_set_header Connection "upgrade";\ninclude snippets/nested.conf;\n',
      'snippets/nested.conf': 'proxy_set_header X-Nested 1;\n',
      'snippets/ws.conf': 'proxy_http_version 1.1;\nproxy_set_header Upgrade $http_upgrade;\n',
    };
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('answers what the walks answered, includes spliced (globs, nested, unresolved)', () => {
    const unit = load(path.join(dir, 'nginx.conf'));
    expect(unit.includeProblems.map((p) => p.kind)).toEqual(['missing']);
    const r = check(unit);
    expect(r.wrong).toEqual([]);
    expect(r.checked).toBeGreaterThan(40);
    const t = unitTable(unit.nodes);
    // The unresolved include stays in its body; the resolved ones are replaced by what they hold.
    const http = t.in(null, 'http')[0];
    expect(t.in(http, 'include').map((d) => d.args[0])).toEqual(['missing.conf']);
    expect(t.last(http, 'proxy_read_timeout')?.args).toEqual(['40s']);
    // conf.d/b.conf's server comes first: the glob include is above the server block.
    expect(t.in(http, 'server').map((s) => t.in(s, 'listen')[0].args[0])).toEqual(['81', '80']);
    const server = t.in(http, 'server')[1];
    expect(t.in(server, 'proxy_set_header').map((d) => d.args[0])).toEqual(['Upgrade', 'Connection', 'X-Nested']);
  });
});

describeWithCorpus('nginx unit table on the shared corpus', () => {
  it('answers what the walks answered for every nginx file', () => {
    const files: string[] = [];
    const visit = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) visit(p);
        else if (e.isFile() && !/(^|\/)(LICENSE[^/]*|README[^/]*|[^/]+\.(md|tsv|txt|json|ya?ml))$/.test(p)) files.push(p);
      }
    };
    visit(path.join(CORPUS_DIR, 'nginx'));
    let checked = 0;
    const wrong: string[] = [];
    for (const f of files.sort()) {
      const unit = load(f);
      if (unit.errors.length) continue;
      const r = check(unit);
      checked += r.checked;
      wrong.push(...r.wrong);
    }
    expect(wrong).toEqual([]);
    expect(files.length).toBeGreaterThan(100);
    expect(checked).toBeGreaterThan(1000);
  });
});
