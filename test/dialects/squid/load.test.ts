import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Directive } from '../../../src/core/ast';
import { positionAt } from '../../../src/core/positions';
import { defaultSettings } from '../../../src/core/settings';
import { SourceCache } from '../../../src/core/source';
import { dialect } from '../../../src/dialects/squid/index';
import { SQUID_ACCEPTED } from './line-reader-cases';

function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'squid-inc-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

function load(dir: string, root = 'squid.conf') {
  const cache = new SourceCache();
  return dialect.load(cache.read(path.join(dir, root)), { readFile: (p) => cache.read(p), settings: defaultSettings() });
}

describe('squid include', () => {
  it('globs are sorted, dotfiles skipped, relative to the root directory', () => {
    const dir = tree({
      'squid.conf': 'include conf.d/*.conf\nhttp_access allow b\n',
      'conf.d/b.conf': 'acl b port 2\n',
      'conf.d/a.conf': 'acl b port 1\n',
      'conf.d/.hidden.conf': 'acl b port 3\n',
    });
    const u = load(dir);
    expect(u.errors).toEqual([]);
    expect(u.files.map((f) => path.relative(dir, f.path))).toEqual(['squid.conf', 'conf.d/a.conf', 'conf.d/b.conf']);
    const a = dialect.analyze(u, defaultSettings());
    expect(a.acls.get('b')!.values.map((v) => v.value)).toEqual(['1', '2']);
  });

  it('several patterns on one include, appended in order', () => {
    const dir = tree({ 'squid.conf': 'include z.conf a.conf\n', 'z.conf': 'acl z port 1\n', 'a.conf': 'acl a port 1\n' });
    expect(load(dir).files.map((f) => path.basename(f.path))).toEqual(['squid.conf', 'z.conf', 'a.conf']);
  });

  it('a pattern matching nothing: squid\'s message, as an include problem', () => {
    const dir = tree({ 'squid.conf': 'http_port 3128\ninclude nothere/*.conf\n' });
    const u = load(dir);
    expect(u.includeProblems.map((p) => [p.kind, p.message])).toEqual([
      ['missing', 'Unable to find configuration file: nothere/*.conf: (2) No such file or directory'],
    ]);
  });

  it('a cycle is reported, not followed', () => {
    const dir = tree({ 'squid.conf': 'include a.conf\n', 'a.conf': 'include squid.conf\n' });
    const u = load(dir);
    expect(u.includeProblems.map((p) => p.kind)).toEqual(['cycle']);
  });

  it('an absolute include of the installed location finds the relocated copy', () => {
    const dir = tree({ 'squid.conf': 'include /etc/squid-nowhere/conf.d/*.conf\n', 'conf.d/x.conf': 'acl x port 1\n' });
    expect(load(dir).files.map((f) => path.relative(dir, f.path))).toEqual(['squid.conf', 'conf.d/x.conf']);
  });

  it('include in a false branch is not followed; in a per-kid branch it is', () => {
    const dir = tree({
      'squid.conf': 'if false\ninclude a.conf\nendif\nif ${process_number} = 2\ninclude b.conf\nendif\n',
      'a.conf': 'acl a port 1\n',
      'b.conf': 'acl b port 1\n',
    });
    const u = load(dir);
    expect(u.files.map((f) => path.basename(f.path))).toEqual(['squid.conf', 'b.conf']);
    const a = dialect.analyze(u, defaultSettings());
    const b = a.directives.find((d: Directive) => d.key === 'acl')!;
    expect(a.isConditional(b)).toBe(true);
  });

  it('an error inside an included file points into that file', () => {
    const dir = tree({ 'squid.conf': 'include x.conf\n', 'x.conf': 'http_port 1\nendif\n' });
    const u = load(dir);
    expect(u.errors.map((e) => [path.basename(e.file.path), positionAt(e.file, e.offset).line, e.message])).toEqual([
      ['x.conf', 2, "'endif' without 'if'"],
    ]);
  });

  it('an acl used before it is defined: squid\'s "ACL not found"', () => {
    const dir = tree({ 'squid.conf': 'http_access allow zz\nacl zz port 1\n' });
    const u = load(dir);
    expect(u.errors.map((e) => [e.message, positionAt(e.file, e.offset)])).toEqual([['ACL not found: zz', { line: 1, column: 19 }]]);
  });

  it.each(SQUID_ACCEPTED)('accepted by squid -k parse: %s', (_name, config) => {
    expect(load(tree({ 'squid.conf': config })).errors).toEqual([]);
  });

  it('an acl redefined with another type', () => {
    const dir = tree({ 'squid.conf': 'acl a port 80\nacl a method GET\n' });
    expect(load(dir).errors.map((e) => e.message)).toEqual(["aclParseAclLine: ACL 'a' already exists with different type."]);
  });
});
