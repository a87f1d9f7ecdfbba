/**
 * What the backend gets in Upgrade and Connection for a WebSocket handshake through a location
 * (nginx/analysis/handshake): nginx sends only its own proxy_set_header settings of these
 * hop-by-hop headers, and a map over $http_upgrade gives its value for `Upgrade: websocket`.
 */
import type { Directive } from '../../../src/core/ast';
import { sourceFromText } from '../../../src/core/source';
import { connectionVerdict, headerTokens, soleVariable, upgradeVerdict } from '../../../src/dialects/nginx/analysis/handshake';
import { effectiveHeaders } from '../../../src/dialects/nginx/analysis/headers';
import { collectMaps, evaluateUpgradeMap } from '../../../src/dialects/nginx/analysis/maps';
import { parseNginx } from '../../../src/dialects/nginx/parser';

const MAPS = [
  'map $http_upgrade $connection_upgrade { default upgrade; "" close; }',
  'map $http_upgrade $upgrade_close { default close; }',
  'map $http_upgrade $upgrade_empty { websocket ""; default x; }',
  'map $http_upgrade $upgrade_passed { default $http_upgrade; }',
  'map $http_upgrade $upgrade_host { default $host; }',
  'map $http_upgrade $upgrade_ws { default "WebSocket"; }',
  'map $host $by_host { default upgrade; }',
];

/** The verdicts for a location with these proxy_set_header lines, as `kind value map`. */
function verdicts(...lines: string[]): { upgrade: string; connection: string } {
  const text = [...MAPS, `location / { ${lines.map((l) => `proxy_set_header ${l};`).join(' ')} }`].join('\n');
  const nodes = parseNginx(sourceFromText('/x/site.conf', text), null).nodes;
  const location = nodes.find((n) => n.type === 'directive' && n.key === 'location') as Directive;
  const maps = collectMaps(nodes);
  // As NginxAnalysis.upgradeMapValues looks a variable up.
  const lookup = (variable: string) => {
    const map = maps.get(variable.toLowerCase());
    const v = map && evaluateUpgradeMap(map);
    return v ? { ...v, map: map! } : undefined;
  };
  const h = effectiveHeaders(location, nodes);
  const show = (v: ReturnType<typeof upgradeVerdict>) => [v.kind, v.value ?? '-', v.map ? v.map.variable : '-', v.setting ? v.setting.directive.args[0] : '-'].join(' ');
  return { upgrade: show(upgradeVerdict(h, lookup)), connection: show(connectionVerdict(h, lookup)) };
}

describe('upgradeVerdict', () => {
  test.each([
    ['no Upgrade setting: not sent', [], 'missing - - -'],
    ['Upgrade "": not sent', ['Upgrade ""'], 'empty  - Upgrade'],
    ['a literal websocket', ['Upgrade websocket'], 'ok websocket - Upgrade'],
    ['a literal list holding websocket/13 (case ignored)', ['Upgrade "foo, WebSocket/13"'], 'ok foo, WebSocket/13 - Upgrade'],
    ['a literal without websocket', ['Upgrade h2c'], 'literal h2c - Upgrade'],
    ['a token that only starts with websocket is another protocol', ['Upgrade websocketx'], 'literal websocketx - Upgrade'],
    ['the client\'s Upgrade, however written', ['Upgrade ${HTTP_UPGRADE}'], 'ok - - Upgrade'],
    ['a variable among text cannot be evaluated', ['Upgrade "x$http_upgrade"'], 'unknown - - Upgrade'],
    ['two variables cannot be evaluated', ['Upgrade $http_upgrade$host'], 'unknown - - Upgrade'],
    ['a variable no map over $http_upgrade defines', ['Upgrade $by_host'], 'unknown - - Upgrade'],
    ['the Connection map put into Upgrade: "upgrade" (the map mix-up)', ['Upgrade $connection_upgrade'], 'map upgrade connection_upgrade Upgrade'],
    ['a map giving WebSocket', ['Upgrade $upgrade_ws'], 'ok WebSocket upgrade_ws Upgrade'],
    ['a map giving the client\'s Upgrade back', ['Upgrade $upgrade_passed'], 'ok - upgrade_passed Upgrade'],
    ['a map giving another variable', ['Upgrade $upgrade_host'], 'unknown - upgrade_host Upgrade'],
    ['a map giving "" for a handshake', ['Upgrade $upgrade_empty'], 'map  upgrade_empty Upgrade'],
  ])('%s', (_name, lines, expected) => {
    expect(verdicts(...lines).upgrade).toBe(expected);
  });
});

describe('connectionVerdict', () => {
  test.each([
    ['no Connection setting: nginx sends close', [], 'missing - - -'],
    ['Connection "": not sent', ['Connection ""'], 'empty  - Connection'],
    ['a literal upgrade (case ignored)', ['Connection Upgrade'], 'ok Upgrade - Connection'],
    ['a list holding upgrade', ['Connection "keep-alive,Upgrade"'], 'ok keep-alive,Upgrade - Connection'],
    ['a literal without upgrade', ['Connection keep-alive'], 'literal keep-alive - Connection'],
    ['the client\'s Connection', ['Connection $http_connection'], 'ok - - Connection'],
    ['the client\'s Upgrade is no Connection value nginx can judge', ['Connection $http_upgrade'], 'unknown - - Connection'],
    ['the map: upgrade for a handshake', ['Connection $Connection_Upgrade'], 'ok upgrade connection_upgrade Connection'],
    ['a map giving close for a handshake', ['Connection $upgrade_close'], 'map close upgrade_close Connection'],
    ['a map giving "" for a handshake', ['Connection $upgrade_empty'], 'map  upgrade_empty Connection'],
    ['a map giving the client\'s Upgrade back', ['Connection $upgrade_passed'], 'unknown - upgrade_passed Connection'],
  ])('%s', (_name, lines, expected) => {
    expect(verdicts(...lines).connection).toBe(expected);
  });
});

describe('soleVariable and headerTokens', () => {
  test.each([
    ['$http_upgrade', 'http_upgrade'],
    ['${Http_Upgrade}', 'http_upgrade'],
    ['$_a9', '_a9'],
    ['x$http_upgrade', undefined],
    ['$http_upgrade-x', undefined],
    ['${http_upgrade', undefined],
    ['$9', undefined],
    ['upgrade', undefined],
  ])('soleVariable(%j)', (value, expected) => {
    expect(soleVariable(value)).toBe(expected);
  });

  test('tokens split at commas and spaces, lower-cased, none empty', () => {
    expect(headerTokens(' Keep-Alive,  Upgrade ,x\tY')).toEqual(['keep-alive', 'upgrade', 'x', 'y']);
    expect(headerTokens('')).toEqual([]);
  });
});
