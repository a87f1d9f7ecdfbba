/**
 * The repository-layout policy (docs/core/include-absent.md) against the real nginx:
 * - a file a directory mapping does not find in the tree decides nothing by itself: the same
 *   site fails `nginx -t` (open() failed) on a machine without it and carries a WebSocket (101)
 *   on one where the deploy generated it (SWAG writes resolver.conf at container start), so
 *   proxylint says "unknown" (info), not include-not-found;
 * - the files proxylint treats as inert when unread (their content sets nothing a rule reads)
 *   hold exactly that in the installed nginx package, and proxy_params, which is not inert,
 *   sets proxy_set_header.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseNginx } from '../../../src/dialects/nginx/parser';
import { sourceFromText } from '../../../src/core/source';
import { walk } from '../../../src/core/walk';
import { isInertInclude } from '../../../src/dialects/nginx/includes';
import { runCli } from '../../support/cli';
import { describeWithServer, expectWebSocketWorks, nginx, nginxMainConfig } from '../harness';

const SITE = (dir: string) =>
  [
    'server {',
    '    listen 127.0.0.1:@PORT@;',
    `    include ${dir}resolver.conf;`,
    '    location /ws {',
    '        proxy_pass http://127.0.0.1:@BACKEND_PORT@;',
    `        include ${dir}proxy.conf;`,
    '    }',
    '}',
  ].join('\n');
const PROXY_CONF = ['proxy_http_version 1.1;', 'proxy_set_header Upgrade $http_upgrade;', 'proxy_set_header Connection "upgrade";', 'proxy_read_timeout 240s;', ''].join('\n');
const RESOLVER_CONF = 'resolver 127.0.0.1 valid=30s;\n'; // what SWAG's init writes, pointed at loopback

describeWithServer('nginx', 'repository layout: what the tree says against what the deploy machine has', () => {
  test('resolver.conf absent under the mapped /config/nginx: proxylint says unknown; nginx fails without it and gives 101 with it', async () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'proxylint-layout-')));
    try {
      fs.mkdirSync(path.join(dir, 'nginx/site-confs'), { recursive: true });
      fs.writeFileSync(path.join(dir, '.proxylint.yaml'), 'includes:\n  map:\n    "/config/nginx/": "nginx/"\n');
      fs.writeFileSync(path.join(dir, 'nginx/proxy.conf'), PROXY_CONF);
      fs.writeFileSync(path.join(dir, 'nginx/site-confs/default.conf'), SITE('/config/nginx/'));
      const r = runCli(['lint', '--format', 'json', '.'], dir);
      const found = (JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; severity: number; line: number }[] }[]).flatMap((f) =>
        f.messages.map((m) => `${path.relative(dir, f.filePath)}:${m.line} ${m.ruleId} ${m.severity}`),
      );
      expect(found).toEqual(['nginx/site-confs/default.conf:3 core/include-absent 0']);
      expect(r.code).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }

    const deployed = nginxMainConfig(SITE('@PREFIX@/'));
    const without = await nginx.check(deployed, { files: { 'proxy.conf': PROXY_CONF } });
    expect(without.ok).toBe(false);
    expect(without.output).toMatch(/open\(\) "[^"]*\/resolver\.conf" failed \(2: No such file or directory\)/);
    const ok = await expectWebSocketWorks(nginx, deployed, { files: { 'proxy.conf': PROXY_CONF, 'resolver.conf': RESOLVER_CONF } });
    expect(ok.backendRequests[0].headers.upgrade).toBe('websocket');
  });

  test('the installed package\'s inert files set only types, *_param, charset_map and ssl_certificate*; proxy_params sets proxy_set_header', () => {
    const allowed = new Set(['types', 'fastcgi_param', 'scgi_param', 'uwsgi_param', 'charset_map', 'ssl_certificate', 'ssl_certificate_key']);
    const files = ['mime.types', 'fastcgi_params', 'fastcgi.conf', 'scgi_params', 'uwsgi_params', 'koi-utf', 'koi-win', 'win-utf', 'snippets/snakeoil.conf'];
    for (const name of files) {
      const p = path.join('/etc/nginx', name);
      expect(isInertInclude(p)).toBe(true);
      const parsed = parseNginx(sourceFromText(p, fs.readFileSync(p, 'utf8')), null);
      expect(parsed.error).toBeUndefined();
      const keys = new Set<string>();
      // Top-level directives only: entries inside types {} / charset_map {} are data, not directives.
      for (const n of parsed.nodes) if (n.type === 'directive') keys.add(n.key);
      expect({ name, keys: [...keys].filter((k) => !allowed.has(k)) }).toEqual({ name, keys: [] });
    }
    const proxyParams = parseNginx(sourceFromText('/etc/nginx/proxy_params', fs.readFileSync('/etc/nginx/proxy_params', 'utf8')), null);
    const keys: string[] = [];
    walk(proxyParams.nodes, (n) => {
      if (n.type === 'directive') keys.push(n.key);
    });
    expect(keys).toContain('proxy_set_header');
    expect(isInertInclude('/etc/nginx/proxy_params')).toBe(false);
  });
});
