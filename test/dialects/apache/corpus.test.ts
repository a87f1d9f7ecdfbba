/**
 * The shared corpus, read in place: Debian's /etc/apache2 as a whole tree and every file of
 * h5bp/server-configs-apache on its own. None may produce a fatal error.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CORPUS_DIR, describeWithCorpus } from '../../support/paths';
import { loadPath } from './helpers';

const DEBIAN = path.join(CORPUS_DIR, 'apache', 'debian-etc-apache2');
const H5BP = path.join(CORPUS_DIR, 'apache', 'h5bp+server-configs-apache');

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out.sort();
}

describeWithCorpus('apache corpus', () => {
  test('Debian apache2.conf loads with every include, in httpd\'s order', () => {
    const { unit, a } = loadPath(path.join(DEBIAN, 'apache2.conf'));
    expect(unit.errors).toEqual([]);
    expect(unit.includeProblems).toEqual([]);
    expect(unit.fragment).toBe(false);
    const rel = unit.files.map((f) => path.relative(DEBIAN, f.path));
    // The order `apache2 -t -D DUMP_INCLUDES` printed for this tree.
    expect(rel.slice(0, 4)).toEqual(['apache2.conf', 'mods-enabled/access_compat.load', 'mods-enabled/alias.load', 'mods-enabled/auth_basic.load']);
    expect(rel.slice(-7)).toEqual([
      'ports.conf',
      'conf-enabled/charset.conf',
      'conf-enabled/localized-error-pages.conf',
      'conf-enabled/other-vhosts-access-log.conf',
      'conf-enabled/security.conf',
      'conf-enabled/serve-cgi-bin.conf',
      'sites-enabled/000-default.conf',
    ]);
    expect(unit.files).toHaveLength(37);
    expect(a.hasModule('mpm_event_module')).toBe(true);
    expect(a.hasModule('proxy_module')).toBe(false);
    expect(a.expand('${APACHE_LOG_DIR}')).toBe('/var/log/apache2');
    expect(a.servers).toHaveLength(2);
    expect(a.servers[0].timeout.value).toBe(300);
    const verdicts = Object.fromEntries([...a.sections].map(([d, v]) => [`${d.name} ${d.args.join(' ')}`, v]));
    expect(verdicts).toMatchObject({ 'IfModule mod_alias.c': true, 'IfModule mod_proxy.c': false, 'IfModule ssl_module': false, 'IfDefine ENABLE_USR_LIB_CGI_BIN': false });
  });

  const h5bp = fs.existsSync(H5BP) ? filesUnder(H5BP) : [];
  test('h5bp corpus is present', () => expect(h5bp.length).toBeGreaterThan(40));
  test.each(h5bp.map((p) => [path.relative(H5BP, p), p]))('h5bp %s', (_rel, p) => {
    const { unit, a } = loadPath(p);
    expect(unit.errors.map((e) => e.message)).toEqual([]);
    // Analyses run on every file without throwing.
    void a.activeDirectives.length;
    void a.proxyRoutes.length;
    void a.logLevels.length;
  });

  test('every file of the Debian tree parses on its own', () => {
    for (const p of filesUnder(DEBIAN)) {
      const { unit } = loadPath(p);
      expect([path.relative(DEBIAN, p), unit.errors.map((e) => e.message)]).toEqual([path.relative(DEBIAN, p), []]);
    }
  });
});
