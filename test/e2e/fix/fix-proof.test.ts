/**
 * The --fix proof (issue "Generator and autofix"): for every fixable rule, its bad fixture,
 * after `proxylint lint --fix` through the real CLI, no longer trips the rule, passes the
 * server's own check, carries a WebSocket on the real server, differs from the input only in
 * the fixed lines, and a second --fix changes nothing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli, tempTree } from '../../support/cli';
import {
  connectTunnel,
  describeWithServer,
  expectWebSocketWorks,
  fixturePath,
  idleSurvives,
  plainGet,
  runners,
  withBackend,
  type EchoBackend,
  type ServerName,
} from '../harness';

interface FixCase {
  rule: string;
  dialect: ServerName;
  fixture: string;
  unsafe?: boolean;
  /** .proxylint.yaml for the run, given the echo backend's port. */
  config?: (backendPort: number) => string;
  /** Prove the fixed config works on the real server (default: 101 + echo). */
  verify?: (text: string, backend: EchoBackend) => Promise<void>;
}

const FILE_NAME: Record<ServerName, string> = { nginx: 'nginx/nginx.conf', apache: 'apache2/httpd.conf', squid: 'squid/squid.conf', haproxy: 'haproxy/haproxy.cfg' };

async function idleWorks(dialect: ServerName, text: string, backend: EchoBackend): Promise<void> {
  const server = await runners[dialect].start(text, { backendPort: backend.port });
  try {
    const r = await idleSurvives({ port: server.port, path: '/ws', idleMs: 3000 });
    expect(r.handshake.status).toBe(101);
    expect(r.survived).toBe(true);
  } finally {
    await server.stop();
  }
}

const CASES: FixCase[] = [
  { rule: 'nginx/websocket-upgrade-header', dialect: 'nginx', fixture: 'no-upgrade-header' },
  { rule: 'nginx/websocket-connection-header', dialect: 'nginx', fixture: 'no-connection-header' },
  { rule: 'nginx/websocket-connection-header', dialect: 'nginx', fixture: 'keepalive-empty-connection' },
  // Issue 9 obs. 6: $connection_upgrade without its map (nginx -t: unknown "connection_upgrade" variable).
  { rule: 'nginx/undefined-variable', dialect: 'nginx', fixture: 'undefined-connection-upgrade' },
  {
    rule: 'nginx/proxy-http-version',
    dialect: 'nginx',
    fixture: 'no-http-version',
    verify: async (text) => {
      await expectWebSocketWorks(runners.nginx, text, { strictHttp11: true });
    },
  },
  {
    rule: 'nginx/hardcoded-upgrade-headers',
    dialect: 'nginx',
    fixture: 'hardcoded-upgrade-map',
    verify: async (text, backend) => {
      await expectWebSocketWorks(runners.nginx, text, { backend });
      const server = await runners.nginx.start(text, { backendPort: backend.port });
      try {
        expect((await plainGet({ port: server.port, path: '/' })).status).toBe(200);
      } finally {
        await server.stop();
      }
    },
  },
  { rule: 'nginx/proxy-set-header-inheritance', dialect: 'nginx', fixture: 'location-overrides-headers', unsafe: true },
  {
    rule: 'nginx/websocket-read-timeout',
    dialect: 'nginx',
    fixture: 'read-timeout-short',
    unsafe: true,
    verify: (text, backend) => idleWorks('nginx', text, backend),
  },
  { rule: 'nginx/http2-cleartext-websocket', dialect: 'nginx', fixture: 'http2-cleartext', unsafe: true },
  { rule: 'apache/websocket-proxypass-upgrade', dialect: 'apache', fixture: 'proxypass-http-no-upgrade' },
  { rule: 'apache/proxypass-order', dialect: 'apache', fixture: 'proxypass-root-before-ws' },
  { rule: 'apache/loglevel-unloaded-module', dialect: 'apache', fixture: 'loglevel-unloaded-module' },
  {
    rule: 'apache/tunnel-idle-timeout',
    dialect: 'apache',
    fixture: 'core-timeout-short',
    unsafe: true,
    verify: (text, backend) => idleWorks('apache', text, backend),
  },
  {
    rule: 'haproxy/websocket-tunnel-timeout',
    dialect: 'haproxy',
    fixture: 'no-timeout-tunnel',
    verify: (text, backend) => idleWorks('haproxy', text, backend),
  },
  {
    rule: 'haproxy/websocket-tunnel-timeout',
    dialect: 'haproxy',
    fixture: 'timeout-tunnel-zero',
    verify: (text, backend) => idleWorks('haproxy', text, backend),
  },
  { rule: 'squid/upgrade-protocol-case', dialect: 'squid', fixture: 'upgrade-protocols-capitalised' },
  // Issue 9 obs. 6: the header is allowed before the line that denies it.
  { rule: 'squid/upgrade-header-denied', dialect: 'squid', fixture: 'reply-upgrade-denied' },
  { rule: 'squid/upgrade-header-denied', dialect: 'squid', fixture: 'request-header-allowlist' },
  { rule: 'squid/websocket-upgrade-not-allowed', dialect: 'squid', fixture: 'default', unsafe: true },
  { rule: 'squid/obsolete-directive', dialect: 'squid', fixture: 'obsolete-lines' },
  {
    rule: 'squid/connect-websocket-port-denied',
    dialect: 'squid',
    fixture: 'connect-port-not-ssl',
    unsafe: true,
    config: (port) => `websocket:\n  ports: [${port}]\n`,
    verify: async (text, backend) => {
      const server = await runners.squid.start(text, { backendPort: backend.port });
      try {
        const r = await connectTunnel({ proxyPort: server.port, targetPort: backend.port });
        expect(r.connect.status).toBe(200);
        expect(r.handshake?.accepted && r.handshake.echoed).toBe(true);
      } finally {
        await server.stop();
      }
    },
  },
];

function lintJson(dir: string, file: string): { ruleId: string | null; fatal?: boolean }[] {
  const r = runCli(['lint', '--format', 'json', file], dir);
  expect([0, 1]).toContain(r.code);
  return (JSON.parse(r.stdout) as { messages: { ruleId: string | null; fatal?: boolean }[] }[]).flatMap((x) => x.messages);
}

for (const dialect of ['nginx', 'apache', 'squid', 'haproxy'] as ServerName[]) {
  describeWithServer(dialect, `--fix proof on the real ${dialect}`, () => {
    for (const c of CASES.filter((x) => x.dialect === dialect)) {
      test(`${c.rule}: fixtures/e2e/${dialect}/${c.fixture}.conf`, async () => {
        await withBackend(async (backend) => {
          const original = fs.readFileSync(fixturePath(`e2e/${dialect}/${c.fixture}.conf`), 'utf8');
          const t = tempTree({ [FILE_NAME[dialect]]: original, ...(c.config ? { '.proxylint.yaml': c.config(backend.port) } : {}) });
          try {
            const file = FILE_NAME[dialect];
            const before = lintJson(t.dir, file);
            expect(before.filter((m) => m.fatal)).toEqual([]);
            const fixedCount = before.filter((m) => m.ruleId === c.rule).length;
            expect(fixedCount).toBeGreaterThan(0);

            const args = ['lint', '--fix', ...(c.unsafe ? ['--unsafe-fixes'] : []), file];
            runCli(args, t.dir);
            const fixed = fs.readFileSync(path.join(t.dir, file), 'utf8');
            expect(fixed).not.toBe(original);
            expect(lintJson(t.dir, file).filter((m) => m.ruleId === c.rule || m.fatal)).toEqual([]);

            // Only the fixed lines differ: every original line survives, in order, except at most one per fix.
            const orig = original.split('\n');
            const after = new Set(fixed.split('\n'));
            const lost = orig.filter((l) => !after.has(l));
            expect(lost.length).toBeLessThanOrEqual(before.filter((m) => m.ruleId !== null).length);

            // Idempotent: a second --fix changes nothing.
            runCli(args, t.dir);
            expect(fs.readFileSync(path.join(t.dir, file), 'utf8')).toBe(fixed);

            // The server's own check accepts it, and it carries a WebSocket.
            const check = await runners[dialect].check(fixed, { backendPort: backend.port });
            expect({ ok: check.ok, output: check.output }).toMatchObject({ ok: true });
            if (c.verify) await c.verify(fixed, backend);
            else await expectWebSocketWorks(runners[dialect], fixed, { backend });
          } finally {
            t.cleanup();
          }
        });
      }, 60000);
    }
  });
}
