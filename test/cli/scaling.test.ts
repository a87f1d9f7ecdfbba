/**
 * Superlinear cliffs (issue 14): shapes that took tens of seconds or minutes before and take
 * about a second now, as whole CLI runs. The bounds are an order of magnitude above today's
 * times on the 2-core CI machine and an order below the old ones (measured before the fix, same
 * machine): HAProxy 4,000 frontends each routing to its own backend 30 s, one frontend with
 * 4,000 `use_backend` lines 34 s, Apache 4,000 ws:// ProxyPass in one vhost 5.9 s (n²: 10,000
 * ≈ 37 s), 4,000 ProxyPassMatch 10.9 s (10,000: 204 s). `npm run bench` shows the curves.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli, useTempTrees } from '../support/cli';

const tree = useTempTrees();
const HAPROXY_HEAD = 'defaults\n    mode http\n    timeout connect 5s\n    timeout client 1h\n    timeout server 1h\n';

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

const shapes: Array<[string, string, string, string, number]> = [
  [
    'HAProxy: 4,000 frontends, each routing WebSockets to its own backend',
    'haproxy',
    'haproxy.cfg',
    HAPROXY_HEAD +
      range(4000)
        .map((i) => `frontend f${i}\n    bind 127.0.0.1:${10000 + i}\n    acl ws${i} hdr(Upgrade) -i websocket\n    use_backend b${i} if ws${i}\n    default_backend b${i}\n`)
        .join('') +
      range(4000)
        .map((i) => `backend b${i}\n    server s${i} 127.0.0.1:${20000 + i}\n`)
        .join(''),
    8000,
  ],
  [
    'HAProxy: one frontend with 4,000 use_backend lines',
    'haproxy',
    'haproxy.cfg',
    HAPROXY_HEAD +
      'frontend f\n    bind 127.0.0.1:8080\n' +
      range(4000)
        .map((i) => `    acl p${i} path_beg /ws${i}\n    use_backend b${i} if p${i}\n`)
        .join('') +
      range(4000)
        .map((i) => `backend b${i}\n    server s${i} 127.0.0.1:${20000 + i}\n`)
        .join(''),
    8000,
  ],
  [
    'Apache: 10,000 ws:// ProxyPass in one vhost',
    'apache',
    'httpd.conf',
    'LoadModule proxy_module modules/mod_proxy.so\nListen 8080\n<VirtualHost *:8080>\n' +
      range(10000)
        .map((i) => `    ProxyPass "/app${i}/" "ws://127.0.0.1:${3000 + (i % 1000)}/"\n`)
        .join('') +
      '</VirtualHost>\n',
    15000,
  ],
  [
    'Apache: 10,000 ws:// ProxyPassMatch in one vhost',
    'apache',
    'httpd.conf',
    'LoadModule proxy_module modules/mod_proxy.so\nListen 8080\n<VirtualHost *:8080>\n' +
      range(10000)
        .map((i) => `    ProxyPassMatch "^/app${i}/(.*)$" "ws://127.0.0.1:${3000 + (i % 1000)}/$1"\n`)
        .join('') +
      '</VirtualHost>\n',
    15000,
  ],
];

describe.each(shapes)('%s', (_name, dialect, file, text, boundMs) => {
  it(`lints in under ${boundMs / 1000} s`, () => {
    const dir = tree({ [file]: text });
    const t0 = Date.now();
    // A report file: thousands of findings overflow a pipe buffer's worth of stdout.
    const r = runCli(['lint', '-f', 'json', '-o', 'out.json', '--dialect', dialect, file], dir);
    const ms = Date.now() - t0;
    expect(r.stderr).toBe('');
    expect([0, 1]).toContain(r.code);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'out.json'), 'utf8'))).toHaveLength(1);
    expect(ms).toBeLessThan(boundMs);
  }, 120_000);
});
