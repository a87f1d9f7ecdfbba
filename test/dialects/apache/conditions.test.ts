import type { Directive } from '../../../src/core/ast';
import { matchVersion } from '../../../src/dialects/apache/state';
import { loadText, settingsWith } from './helpers';

function verdicts(code: string, version?: string): Record<string, boolean> {
  const { a } = loadText(code, { settings: settingsWith(version) });
  const out: Record<string, boolean> = {};
  for (const [d, v] of a.sections) out[`${d.name} ${d.args.join(' ')}`] = v;
  return out;
}

const MODS = 'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\nLoadModule proxy_http_module modules/mod_proxy_http.so\n';

describe('<IfModule>', () => {
  test.each([
    ['proxy_module', true],
    ['mod_proxy.c', true],
    ['mod_proxy_http.c', true],
    ['!proxy_module', false],
    ['proxy_wstunnel_module', false],
    ['!mod_proxy_wstunnel.c', true],
    // compiled into Debian's httpd
    ['mod_version.c', true],
    ['version_module', true],
    ['log_config_module', true],
  ])('%s', (arg, expected) => {
    expect(verdicts(`${MODS}<IfModule ${arg}>\n</IfModule>\n`)[`IfModule ${arg}`]).toBe(expected);
  });

  test('read order: a LoadModule after the <IfModule> is too late', () => {
    const v = verdicts('LoadModule alias_module x.so\n<IfModule proxy_module>\n</IfModule>\nLoadModule proxy_module mod_proxy.so\n');
    expect(v['IfModule proxy_module']).toBe(false);
  });

  test('MPM source file names (event.c) as httpd accepts them', () => {
    const v = verdicts('LoadModule mpm_event_module mod_mpm_event.so\n<IfModule event.c>\n</IfModule>\n<IfModule mpm_event_module>\n</IfModule>\n');
    expect(v).toEqual({ 'IfModule event.c': true, 'IfModule mpm_event_module': true });
  });

  test('inactive bodies are kept in the tree but not active; LoadModule inside them does not count', () => {
    const { a, unit } = loadText(`${MODS}<IfModule ssl_module>\nLoadModule proxy_wstunnel_module x.so\nProxyPass /a http://b/\n</IfModule>\n`);
    const section = unit.nodes.find((n) => n.type === 'directive' && n.key === 'ifmodule') as Directive;
    expect(section.children).toHaveLength(2);
    expect(a.activeDirectives).not.toContain(section.children![1]);
    expect(a.hasModule('proxy_wstunnel_module')).toBe(false);
    expect(a.proxyRoutes).toEqual([]);
    expect(a.activeDirectives.map((d) => d.key)).toEqual(['loadmodule', 'loadmodule', 'ifmodule']);
  });

  test('nested: an inner section of a skipped region is inactive too', () => {
    const { a, unit } = loadText(`${MODS}<IfModule ssl_module>\n<IfModule proxy_module>\nTimeout 1\n</IfModule>\n</IfModule>\n`);
    const innerSection = (unit.nodes[2] as Directive).children![0] as Directive;
    expect(a.activeDirectives).not.toContain(innerSection);
    expect(a.activeDirectives).not.toContain(innerSection.children![0]);
    expect(a.activeDirectives.map((d) => d.key)).toEqual(['loadmodule', 'loadmodule', 'ifmodule']);
  });

  test('in a fragment (no LoadModule) the module set is unknown: <IfModule> applies', () => {
    const { a } = loadText('<IfModule proxy_wstunnel_module>\nProxyPass /ws ws://b/\n</IfModule>\n', { path: '/x/sites-enabled/app.conf' });
    expect(a.modulesKnown).toBe(false);
    expect(a.hasModule('proxy_wstunnel_module')).toBeUndefined();
    expect(a.proxyRoutes).toHaveLength(1);
  });
});

describe('<IfDefine>', () => {
  test.each([
    ['Define FOO\n<IfDefine FOO>\n</IfDefine>\n', 'IfDefine FOO', true],
    ['Define FOO\n<IfDefine !FOO>\n</IfDefine>\n', 'IfDefine !FOO', false],
    ['<IfDefine BAR>\n</IfDefine>\n', 'IfDefine BAR', false],
    ['Define BAR\nUnDefine BAR\n<IfDefine BAR>\n</IfDefine>\n', 'IfDefine BAR', false],
    ['Define X 1\n<IfDefine X>\n</IfDefine>\n', 'IfDefine X', true],
  ])('%j', (code, key, expected) => {
    expect(verdicts(MODS + code)[key]).toBe(expected);
  });
});

describe('<IfVersion> against settings.targets.apache', () => {
  test.each([
    ['>= 2.4.47', '2.4.71', true],
    ['>= 2.4.47', '2.4.46', false],
    ['< 2.4.47', '2.4.46', true],
    ['2.4', '2.4.71', false], // missing components are 0: = 2.4.0
    ['= 2.4.71', '2.4.71', true],
    ['!= 2.4.71', '2.4.71', false],
    ['~ ^2\\.4', '2.4.71', true],
    ['/^2\\.2/', '2.4.71', false],
    ['!~ ^2\\.2', '2.4.71', true],
    ['> 2', '2.4.71', true],
  ])('%s on %s', (expr, version, expected) => {
    expect(matchVersion(expr.split(/\s+/), version)).toBe(expected);
    expect(verdicts(`${MODS}<IfVersion ${expr}>\n</IfVersion>\n`, version)[`IfVersion ${expr}`]).toBe(expected);
  });
});
