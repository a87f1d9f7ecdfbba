/**
 * `map` blocks as ngx_http_map_module reads them (nginx/analysis/maps): the variable, the
 * keywords, the entries and the value a lookup gives. Rows marked "observed" were checked on
 * nginx 1.22.1 (a `return 200 "[$v]"` server queried with curl).
 */
import { sourceFromText } from '../../../src/core/source';
import { collectMaps, evaluateUpgradeMap, lookupMap, readsUpgrade } from '../../../src/dialects/nginx/analysis/maps';
import { parseNginx } from '../../../src/dialects/nginx/parser';

const maps = (text: string) => collectMaps(parseNginx(sourceFromText('/x/nginx.conf', text), null).nodes);
const mapOf = (entries: string[], source = '$http_x') => maps(`map ${source} $v {\n${entries.map((e) => `    ${e}\n`).join('')}}\n`).get('v')!;

describe('collectMaps', () => {
  test('the variable, its source, default, hostnames and the entries in file order', () => {
    const m = maps('map $http_upgrade $Conn_Up {\n  default upgrade;\n  "" close;\n  ~^web ws;\n}\n').get('conn_up')!;
    expect({ source: m.source, variable: m.variable, defaultValue: m.defaultValue, hostnames: m.hostnames }).toEqual({ source: '$http_upgrade', variable: 'conn_up', defaultValue: 'upgrade', hostnames: false });
    expect(m.entries.map((e) => [e.key, e.value, e.kind, e.directive.args[0]])).toEqual([
      ['', 'close', 'exact', 'close'],
      ['~^web', 'ws', 'regex', 'ws'],
    ]);
    expect(m.directive.key).toBe('map');
  });

  test('no default: the empty string', () => {
    expect(mapOf(['a b;']).defaultValue).toBe('');
  });

  // nginx 1.22.1 -t: after `map $uri ${x}`, `return 200 $x` fails with unknown "x" variable.
  test('a target written ${x} defines "{x}", not x', () => {
    expect([...maps('map $uri ${x} { default 1; }\n').keys()]).toEqual(['{x}']);
  });

  // nginx 1.22.1 -t: invalid number of arguments in "map" directive.
  test('a map with one argument defines nothing', () => {
    expect(maps('map $uri { default 1; }\n').size).toBe(0);
  });

  // Observed: the keywords are one word and case-sensitive; with a value they are keys.
  test('hostnames and volatile with a value, and DEFAULT, are keys', () => {
    const m = mapOf(['DEFAULT upper;', 'default lower;', 'hostnames 1;', 'volatile 2;']);
    expect(m.hostnames).toBe(false);
    expect(m.defaultValue).toBe('lower');
    expect(m.entries.map((e) => `${e.key}=${e.value}`)).toEqual(['DEFAULT=upper', 'hostnames=1', 'volatile=2']);
    expect(['default', 'DEFAULT', 'x', 'hostnames', 'volatile'].map((i) => lookupMap(m, i).value)).toEqual(['upper', 'upper', 'lower', '1', '2']);
  });

  test('volatile and hostnames alone are keywords, not entries', () => {
    const m = mapOf(['volatile;', 'hostnames;', '*.a.com star;']);
    expect(m.hostnames).toBe(true);
    expect(m.entries.map((e) => `${e.key}:${e.kind}`)).toEqual(['*.a.com:head']);
  });

  test('volatile alone is no hostnames', () => {
    const m = mapOf(['volatile;', '*.a.com star;']);
    expect([m.hostnames, m.entries.map((e) => `${e.key}:${e.kind}`)]).toEqual([false, ['*.a.com:exact']]);
  });

  test('masks are masks only after hostnames', () => {
    const m = mapOf(['*.a.com before;', 'hostnames;', '*.b.com head;', 'mail.* tail;', '.c.com dot;', '. lone;', '~x re;', 'x exact;']);
    expect(m.entries.map((e) => `${e.key}:${e.kind}`)).toEqual(['*.a.com:exact', '*.b.com:head', 'mail.*:tail', '.c.com:head', '.:exact', '~x:regex', 'x:exact']);
  });
});

describe('lookupMap', () => {
  test.each([
    // Observed: a\b matches "a\b" only; \~x matches "~x" (a leading backslash escapes).
    ['a backslash inside a key is part of it', ['a\\b bs;', 'default d;'], ['a\\b', 'ab'], ['bs', 'd']],
    ['a leading backslash escapes the key', ['\\~x tilde;', 'default d;'], ['~x', '\\~x'], ['tilde', 'd']],
    ['a regex key is no string', ['~^a$ re;', 'default d;'], ['~^a$', 'a'], ['d', 're']],
    // Observed with hostnames: x.a.com star, a.com none, mail.x tail, mail. none, b.com and x.b.com dotb.
    ['masks match what nginx matches', ['hostnames;', '*.a.com star;', 'mail.* tail;', '.b.com dotb;', 'default none;'], ['x.a.com', 'a.com', 'mail.x', 'mail.', 'b.com', 'x.b.com', 'xb.com', 'b.', 'xmail.y'], ['star', 'none', 'tail', 'none', 'dotb', 'dotb', 'none', 'none', 'none']],
    // Observed: X: b. gets the default.
    ['a lone . is no mask', ['hostnames;', '. dot;', 'default none;'], ['b.'], ['none']],
    ['the longest prefix mask wins over a shorter later one', ['hostnames;', '*.a.com long;', '*.com short;'], ['b.a.com', 'b.com'], ['long', 'short']],
    ['the longest suffix mask wins over a shorter earlier one', ['hostnames;', 'a.* short;', 'a.b.* long;'], ['a.b.c', 'a.c'], ['long', 'short']],
    ['a longer prefix mask that does not match is no better', ['hostnames;', '*.com short;', '*.x.com long;'], ['a.b.com'], ['short']],
    ['a mask that does not match is no match', ['hostnames;', '*.b.com x;', 'default none;'], ['a.com', 'b.com'], ['none', 'none']],
    // re2 cannot run a lookahead; nginx's PCRE does, and it fails on "websocket" too.
    ['a regex the engine cannot compile is skipped, not a crash', ['~*^(?!websocket$) close;', 'default upgrade;'], ['websocket'], ['upgrade']],
  ])('%s', (_name, entries, inputs, expected) => {
    const m = mapOf(entries);
    expect(inputs.map((i) => lookupMap(m, i).value)).toEqual(expected);
  });

  test('the entry that gave the value; none for the default', () => {
    const m = mapOf(['websocket upgrade;', 'default close;']);
    expect(lookupMap(m, 'WebSocket').entry?.key).toBe('websocket');
    expect(lookupMap(m, 'x').entry).toBeUndefined();
  });
});

describe('evaluateUpgradeMap', () => {
  test('the handshake and a plain request (no Upgrade: the empty string)', () => {
    expect(evaluateUpgradeMap(mapOf(['default upgrade;', "'' close;"], '$http_upgrade'))).toEqual({ handshake: 'upgrade', plain: 'close' });
    expect(evaluateUpgradeMap(mapOf(['default upgrade;', "'' '';"], '$http_upgrade'))).toEqual({ handshake: 'upgrade', plain: '' });
  });

  test('only a map over the Upgrade header', () => {
    expect(readsUpgrade(mapOf([], '$http_upgrade'))).toBe(true);
    expect(readsUpgrade(mapOf([], '$http_upgrade$host'))).toBe(false);
    expect(evaluateUpgradeMap(mapOf(['default upgrade;'], '$http_connection'))).toBeUndefined();
  });
});
