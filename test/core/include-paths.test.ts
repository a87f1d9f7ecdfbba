/**
 * inferTailMapping (core/include-paths): the mapping a repository implies for an absolute
 * include it does not map, read from which files the tree holds. Rows: the include, the tree's
 * files (relative to /repo), the directories tried (the root's directory first), and the
 * mapping expected (or none).
 */
import * as path from 'node:path';
import { hasDeployPlaceholder, inferTailMapping, inferredCovers, renderedFrom } from '../../src/core/include-paths';

const R = '/repo';
const rows: { name: string; arg: string; files: string[]; bases: string[]; expected: { from: string; to: string } | undefined }[] = [
  {
    name: 'SWAG /config volume checked in as nginx/',
    arg: '/config/nginx/proxy.conf',
    files: ['nginx/proxy.conf', 'nginx/site-confs/default.conf'],
    bases: ['nginx/site-confs'],
    expected: { from: '/config/nginx/', to: '/repo/nginx/' },
  },
  {
    name: 'a rootfs overlay: the whole server path is in the tree',
    arg: '/etc/nginx/snippets/ws.conf',
    files: ['rootfs/etc/nginx/snippets/ws.conf', 'rootfs/etc/nginx/snippets/other.conf', 'snippets/ws.conf'],
    bases: ['rootfs/etc/nginx/sites-available', 'rootfs'],
    expected: { from: '/etc/', to: '/repo/rootfs/etc/' },
  },
  {
    name: 'Debian apache2 tree without apache2/ in its path: the directory and file matched',
    arg: '/etc/apache2/conf-available/ws.conf',
    files: ['conf-available/ws.conf', 'sites-available/app.conf'],
    bases: ['sites-available'],
    expected: { from: '/etc/apache2/conf-available/', to: '/repo/conf-available/' },
  },
  {
    name: 'a glob matching files under the same tail',
    arg: '/config/nginx/proxy-confs/*.subdomain.conf',
    files: ['nginx/proxy-confs/plex.subdomain.conf'],
    bases: ['nginx/site-confs'],
    expected: { from: '/config/nginx/', to: '/repo/nginx/' },
  },
  {
    name: 'an image default kept as *.sample: that one file',
    arg: '/config/nginx/proxy.conf',
    files: ['root/defaults/nginx/proxy.conf.sample'],
    bases: ['root/defaults/nginx'],
    expected: { from: '/config/nginx/proxy.conf', to: '/repo/root/defaults/nginx/proxy.conf.sample' },
  },
  { name: 'only the file name matches: nothing inferred', arg: '/etc/nginx/snippets/ws.conf', files: ['ws.conf', 'other/ws.conf'], bases: ['.'], expected: undefined },
  { name: 'a path found nowhere', arg: '/etc/letsencrypt/options-ssl-nginx.conf', files: ['nginx/nginx.conf'], bases: ['nginx'], expected: undefined },
  { name: 'a one-segment path', arg: '/ws.conf', files: ['ws.conf'], bases: ['.'], expected: undefined },
  { name: 'outside the linted tree: never looked at', arg: '/etc/nginx/snippets/ws.conf', files: [], bases: ['/elsewhere/nginx'], expected: undefined },
];

describe('inferTailMapping', () => {
  it.each(rows)('$name', ({ arg, files, bases, expected }) => {
    const have = new Set(files.map((f) => path.join(R, f)));
    const globHits = (p: string) => {
      const re = new RegExp('^' + p.replace(/[.]/g, '\\.').replace(/\*/g, '[^/]*') + '$');
      return [...have].some((f) => re.test(f));
    };
    const found = (p: string) => (p.includes('*') ? globHits(p) : have.has(p));
    const abs = bases.map((b) => (path.isAbsolute(b) ? b : path.join(R, b)));
    expect(inferTailMapping(arg, abs, [R], found)).toEqual(expected);
  });

  it('a directory mapping covers what is below it; a file mapping only its file', () => {
    expect([inferredCovers({ from: '/config/nginx/', to: '/r/nginx/' }, '/config/nginx/ssl.conf'), inferredCovers({ from: '/config/nginx/', to: '/r/nginx/' }, '/config/other')]).toEqual([true, false]);
    expect([inferredCovers({ from: '/c/proxy.conf', to: '/r/proxy.conf.sample' }, '/c/proxy.conf'), inferredCovers({ from: '/c/proxy.conf', to: '/r/proxy.conf.sample' }, '/c/proxy.conf.d')]).toEqual([true, false]);
  });
});

/**
 * renderedFrom: the template in the tree a missing include is rendered from at deploy. Rows: the
 * path the include resolved to, the tree's files, the linted tree, the template expected (or none).
 */
const renderedRows: { name: string; target: string; files: string[]; tree: string[]; expected: string | undefined }[] = [
  { name: "frigate: conf/listen.conf from templates/listen.gotmpl one level up", target: 'nginx/conf/listen.conf', files: ['nginx/templates/listen.gotmpl'], tree: [R], expected: 'nginx/templates/listen.gotmpl' },
  { name: 'the nginx image: conf.d/default.conf from templates/default.conf.template', target: 'etc/nginx/conf.d/default.conf', files: ['etc/nginx/templates/default.conf.template'], tree: [R], expected: 'etc/nginx/templates/default.conf.template' },
  { name: 'a Jinja template beside the file', target: 'apache2/conf-enabled/ws.conf', files: ['apache2/conf-enabled/ws.conf.j2'], tree: [R], expected: 'apache2/conf-enabled/ws.conf.j2' },
  { name: 'a sample copied into place at start (SWAG)', target: 'nginx/proxy.conf', files: ['nginx/proxy.conf.sample'], tree: [R], expected: 'nginx/proxy.conf.sample' },
  { name: "a templates/ directory under the file's own directory", target: 'nginx/site.conf', files: ['nginx/templates/site.conf.tmpl'], tree: [R], expected: 'nginx/templates/site.conf.tmpl' },
  { name: 'a template of another file is not this one', target: 'nginx/conf.d/default.conf', files: ['nginx/templates/other.conf.template', 'nginx/conf.d/default.conf.bak'], tree: [R], expected: undefined },
  { name: 'a template two levels up is too far to be this file', target: 'a/b/c/listen.conf', files: ['a/templates/listen.gotmpl'], tree: [R], expected: undefined },
  { name: 'a template outside the linted tree is not read (hermetic)', target: 'nginx/conf/listen.conf', files: ['nginx/templates/listen.gotmpl'], tree: [path.join(R, 'nginx/conf')], expected: undefined },
  { name: 'a glob names no one file', target: 'nginx/conf.d/*.conf', files: ['nginx/conf.d/*.conf.template'], tree: [R], expected: undefined },
];

describe('renderedFrom', () => {
  it.each(renderedRows)('$name', ({ target, files, tree, expected }) => {
    const have = new Set(files.map((f) => path.join(R, f)));
    expect(renderedFrom(path.join(R, target), tree, (p) => have.has(p))).toBe(expected && path.join(R, expected));
  });
});

describe('hasDeployPlaceholder', () => {
  it.each([
    ['snippets/${PROXY_MODE}.conf', true],
    ['/etc/nginx/conf.d/$SITE.conf', true],
    ['/etc/nginx/conf.d/${site_name}.conf', true],
    ['/etc/nginx/conf.d/*.conf', false],
    ['/data/nginx/custom/http[.]conf', false],
    ['snippets/cost$.conf', false],
  ])('%s: %s', (arg, expected) => {
    expect(hasDeployPlaceholder(arg)).toBe(expected);
  });
});
