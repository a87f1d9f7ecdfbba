import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Directive } from '../../../src/core/ast';
import { loadPath } from './helpers';

let dir: string;
function write(rel: string, text: string): string {
  const p = path.join(dir, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
  return p;
}
/** Names of the Define directives the server would see, in read order. */
function defines(p: string): string[] {
  return loadPath(p).a.activeDirectives.filter((d) => d.key === 'define').map((d) => d.args[0]);
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proxylint-apache-'));
  write('inc/b.conf', 'Define B\n');
  write('inc/a.conf', 'Define A\n');
  write('inc/.hidden.conf', 'Define HIDDEN\n');
  write('inc/sub/s.conf', 'Define SUB\n');
  write('inc/d1/x.conf', 'Define D1\n');
  write('inc/d2/x.conf', 'Define D2\n');
  write('inc/z.txt', 'Define TXT\n');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('Include / IncludeOptional (orders checked against apache2 -D DUMP_RUN_CFG)', () => {
  test.each([
    // a directory: every entry, dotfiles too, sorted by strcmp, subdirectories recursively
    ['Include inc\n', ['HIDDEN', 'A', 'B', 'D1', 'D2', 'SUB', 'TXT']],
    ['Include inc/*.conf\n', ['A', 'B']],
    // wildcards in directory parts
    ['Include inc/d*/x.conf\n', ['D1', 'D2']],
    // `*` skips dotfiles but reads matched directories recursively
    ['Include inc/*\n', ['A', 'B', 'D1', 'D2', 'SUB', 'TXT']],
    ['Include inc/[ab].conf\n', ['A', 'B']],
    ['Include inc/?.conf\n', ['A', 'B']],
    ['Include inc/.*.conf\n', ['HIDDEN']],
  ])('%j', (code, expected) => {
    const root = write('httpd.conf', code);
    expect(defines(root)).toEqual(expected);
    expect(loadPath(root).unit.includeProblems).toEqual([]);
  });

  test('relative paths resolve against ServerRoot, which defaults to the main file\'s directory', () => {
    write('other/x.conf', 'Define X\n');
    const root = write('httpd.conf', 'Include inc/a.conf\nServerRoot ' + path.join(dir, 'other') + '\nInclude x.conf\n');
    expect(defines(root)).toEqual(['A', 'X']);
  });

  test('${VAR} from Define and envvars in include paths', () => {
    write('envvars', 'export CONF_SUBDIR=inc\nexport LANG=C\n');
    const root = write('apache2.conf', 'Define which a\nInclude ${CONF_SUBDIR}/${which}.conf\n');
    expect(defines(root)).toEqual(['which', 'A']);
  });

  test.each([
    ['Include missing.conf\n', 'missing', /^Could not open configuration file .*missing\.conf: No such file or directory$/],
    ['Include inc/*.nomatch\n', 'missing', /^Include\/IncludeOptional: No matches for the wildcard '\*\.nomatch' in '.*inc', failing$/],
    ['Include nodir/*.conf\n', 'missing', /^Include\/IncludeOptional: Could not open directory .*nodir: No such file or directory$/],
    ['Include nodir*/x.conf\n', 'missing', /^Include\/IncludeOptional: No matches for the wildcard 'nodir\*' in '.*', failing$/],
  ])('problem: %j', (code, kind, message) => {
    const root = write('httpd.conf', 'Listen 80\n' + code);
    const { unit } = loadPath(root);
    expect(unit.errors).toEqual([]);
    expect(unit.includeProblems).toHaveLength(1);
    expect(unit.includeProblems[0].kind).toBe(kind);
    expect(unit.includeProblems[0].message).toMatch(message);
    expect(unit.includeProblems[0].directive.key).toBe('include');
  });

  test.each(['IncludeOptional missing.conf\n', 'IncludeOptional inc/*.nomatch\n', 'IncludeOptional nodir/*.conf\n'])('optional: %j is silent', (code) => {
    const root = write('httpd.conf', code);
    expect(loadPath(root).unit.includeProblems).toEqual([]);
  });

  test('cycles are detected, reported once per edge, and do not hang', () => {
    write('loop/a.conf', 'Define LA\nInclude loop/b.conf\n');
    write('loop/b.conf', 'Define LB\nInclude loop/a.conf\n');
    const root = write('httpd.conf', 'Include loop/a.conf\n');
    const { unit, a } = loadPath(root);
    expect(unit.includeProblems.map((p) => p.kind)).toEqual(['cycle']);
    // The cycle itself, not the root that reached it: the same message from every root (lint . reports it once).
    expect(unit.includeProblems[0].message).toMatch(/a\.conf is already being read \(a\.conf → b\.conf → a\.conf\)/);
    expect(a.activeDirectives.filter((d) => d.key === 'define').map((d) => d.args[0])).toEqual(['LA', 'LB']);
  });

  test('a file including itself', () => {
    const root = write('httpd.conf', 'Include httpd.conf\n');
    expect(loadPath(root).unit.includeProblems.map((p) => p.kind)).toEqual(['cycle']);
  });

  test('unreadable files are reported, not fatal', () => {
    if (process.getuid?.() === 0) return; // root reads everything
    const p = write('inc/secret.conf', 'Define S\n');
    fs.chmodSync(p, 0o000);
    const root = write('httpd.conf', 'Include inc/secret.conf\n');
    expect(loadPath(root).unit.includeProblems.map((x) => x.kind)).toEqual(['unreadable']);
  });

  test('included nodes hang under the include\'s parent and are attached to the Include', () => {
    write('vh/ws.conf', 'ProxyPass /ws ws://b/\n');
    const root = write('httpd.conf', '<VirtualHost *:80>\nInclude vh/ws.conf\n</VirtualHost>\n');
    const { unit } = loadPath(root);
    const vhost = unit.nodes[0] as Directive;
    const inc = vhost.children![0] as Directive;
    expect(inc.includes).toHaveLength(1);
    const pp = inc.includes![0].nodes[0] as Directive;
    expect(pp.parent).toBe(vhost);
    expect(pp.file.path).toBe(path.join(dir, 'vh/ws.conf'));
    expect(unit.files.map((f) => path.relative(dir, f.path))).toEqual(['httpd.conf', 'vh/ws.conf']);
  });

  test('a syntax error in an included file is reported against that file', () => {
    write('bad.conf', '<Location /x>\n');
    const root = write('httpd.conf', 'Include bad.conf\n');
    const { unit } = loadPath(root);
    expect(unit.errors.map((e) => [path.basename(e.file.path), e.message])).toEqual([['bad.conf', '<Location> was not closed.']]);
  });

  test('includes inside a skipped <IfModule> are not read (as httpd)', () => {
    const root = write('httpd.conf', 'LoadModule alias_module m.so\n<IfModule proxy_module>\nInclude missing.conf\n</IfModule>\n');
    const { unit } = loadPath(root);
    expect(unit.includeProblems).toEqual([]);
  });
});
