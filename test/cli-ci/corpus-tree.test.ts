/**
 * Issue 9, observation 2 on the shared corpus linted as one tree (`proxylint lint ../shared/corpus`):
 * before, 1,374 of 1,442 problems were core/include-not-found errors, most of them linuxserver's
 * `/config/nginx/proxy.conf` layout, and the result depended on this machine's /etc. Now an
 * absolute include outside the tree is an unmapped warning (never an error, never read from the
 * host), and the README's documented mappings resolve the linuxserver/SWAG and h5bp layouts.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../support/cli';
import { CORPUS_DIR, describeWithCorpus } from '../support/paths';

interface Msg {
  ruleId: string | null;
  severity: number;
  message: string;
}
interface Res {
  filePath: string;
  messages: Msg[];
}

const SWAG = path.join(CORPUS_DIR, 'nginx', 'linuxserver+docker-swag', 'root', 'defaults', 'nginx');
const H5BP_APACHE = path.join(CORPUS_DIR, 'apache', 'h5bp+server-configs-apache');

/** The README's mappings: SWAG installs its *.conf.sample as /config/nginx/*.conf; h5bp's httpd.conf says ServerRoot /usr/local/apache2. */
function documentedMapping(): string {
  const lines = ['includes:', '  map:'];
  for (const f of fs.readdirSync(SWAG).filter((n) => n.endsWith('.conf.sample')).sort()) {
    lines.push(`    /config/nginx/${f.replace(/\.sample$/, '')}: ${path.join(SWAG, f)}`);
  }
  lines.push(`    /usr/local/apache2/: ${H5BP_APACHE}/`);
  return lines.join('\n') + '\n';
}

function lintCorpus(config?: string): Res[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proxylint-corpus-'));
  try {
    const args = ['lint', '--format', 'json'];
    if (config) {
      fs.writeFileSync(path.join(dir, '.proxylint.yaml'), config);
      args.push('--config', path.join(dir, '.proxylint.yaml'));
    }
    const r = runCli([...args, CORPUS_DIR], dir);
    expect(r.stderr).toBe('');
    return JSON.parse(r.stdout) as Res[];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const inFolder = (results: Res[], folder: string) => results.filter((r) => r.filePath.includes(`/${folder}/`));
const count = (results: Res[], ruleId: string, words = '') => results.reduce((n, r) => n + r.messages.filter((m) => m.ruleId === ruleId && m.message.includes(words)).length, 0);
const includeProblems = (results: Res[]) => results.flatMap((r) => r.messages.filter((m) => m.ruleId?.startsWith('core/include')).map((m) => `${path.relative(CORPUS_DIR, r.filePath)}: ${m.message}`));

describeWithCorpus('the shared corpus linted as one tree', () => {
  let plain: Res[];
  let mapped: Res[];
  beforeAll(() => {
    plain = lintCorpus();
    mapped = lintCorpus(documentedMapping());
  });

  it('no absolute include is an include-not-found error, and nothing outside the corpus is read', () => {
    for (const results of [plain, mapped]) {
      const absoluteErrors = results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'core/include-not-found' && /include "\//.test(m.message)));
      expect(absoluteErrors).toEqual([]);
      expect(results.every((r) => r.filePath.startsWith(CORPUS_DIR + '/'))).toBe(true);
    }
    expect(count(plain, 'core/include-unmapped')).toBeGreaterThan(1000);
    expect(plain.flatMap((r) => r.messages).filter((m) => m.ruleId === 'core/include-unmapped').every((m) => m.severity === 0 && /includes\.(map|prefix)/.test(m.message))).toBe(true);
  });

  it('linuxserver/SWAG: the mapping resolves /config/nginx/proxy.conf and the auth snippets; only the files the container generates stay unmapped', () => {
    const folders = ['linuxserver+docker-swag', 'linuxserver+reverse-proxy-confs'];
    const before = folders.flatMap((f) => inFolder(plain, f));
    const after = folders.flatMap((f) => inFolder(mapped, f));
    expect(count(before, 'core/include-unmapped', '"/config/nginx/proxy.conf"')).toBeGreaterThan(500);
    expect(count(after, 'core/include-unmapped', '"/config/nginx/proxy.conf"')).toBe(0);
    expect(count(after, 'core/include-not-found')).toBe(0);
    const left = new Set(after.flatMap((r) => r.messages.filter((m) => m.ruleId === 'core/include-unmapped').map((m) => /include "([^"]+)"/.exec(m.message)![1])));
    // resolver.conf and ssl.conf are written by the container at start; proxy-confs/ is the user's volume.
    // /etc/nginx/fastcgi_params is the nginx package's (core/include-absent).
    expect([...left].sort()).toEqual([
      '/config/nginx/proxy-confs/*.subdomain.conf',
      '/config/nginx/proxy-confs/*.subfolder.conf',
      '/config/nginx/resolver.conf',
      '/config/nginx/ssl.conf',
    ]);
  });

  it("h5bp: nginx's relative includes resolve against the main config's directory; Apache's ServerRoot /usr/local/apache2 is mapped onto the checkout", () => {
    expect(includeProblems(inFolder(plain, 'h5bp+server-configs-nginx'))).toEqual([]);
    expect(includeProblems(inFolder(mapped, 'h5bp+server-configs-nginx'))).toEqual([]);
    // Without the map, the named corpus directory is the linted tree (as `lint .` inside it): the
    // ServerRoot includes /usr/local/apache2/h5bp/… are found under the same tail; only the
    // vhosts glob, which matches nothing in the checkout, stays unknown.
    expect(includeProblems(inFolder(plain, 'h5bp+server-configs-apache'))).toEqual([
      'apache/h5bp+server-configs-apache/httpd.conf: include "vhosts/*.conf" is outside the linted tree: set includes.map',
    ]);
    // With the map, the one left is vhosts/*.conf: the checkout's vhosts/ holds only a dotfile, and
    // through the mapped ServerRoot that is unknown, not httpd's fatal error: the deploy adds the
    // vhosts (docs/core/include-absent.md).
    expect(includeProblems(inFolder(mapped, 'h5bp+server-configs-apache'))).toEqual([
      'apache/h5bp+server-configs-apache/httpd.conf: include "vhosts/*.conf" is not in the tree: the deploy may create it',
    ]);
    expect(inFolder(mapped, 'h5bp+server-configs-apache').flatMap((r) => r.messages).filter((m) => m.ruleId === 'core/include-absent').map((m) => m.severity)).toEqual([0]);
  });
});
