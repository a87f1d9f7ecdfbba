/**
 * nginx/websocket-read-timeout on the real nginx, scaled down: with minimum 3s, the bad fixture
 * (proxy_read_timeout 2s) trips the rule and an idle WebSocket is cut after ~2 s; the rule's own
 * fix (suggested 10s) lints clean and the same 3 s idle survives.
 */
import rule from '../../../../rules/nginx/websocket-read-timeout';
import { lintCase } from '../../../support/lint-case';
import { IDLE_CUT_FLOOR_MS, describeWithServer, e2eFixture, idleSurvives, nginx, withBackend, withServer } from '../../harness';

const options = { minimum: '3s', suggested: '10s' };

async function idle(config: string) {
  return withBackend((backend) =>
    withServer(nginx, config, { backendPort: backend.port }, (server) => idleSurvives({ port: server.port, path: '/ws', idleMs: 3000 })),
  );
}

describeWithServer('nginx', 'e2e nginx/websocket-read-timeout', () => {
  const bad = e2eFixture('nginx', 'read-timeout-short');
  const lint = lintCase('nginx', [rule], { code: bad, filename: 'nginx.conf', options });
  const fixed = lint.output;

  test('bad (proxy_read_timeout 2s, minimum 3s): trips the rule, and a 3 s idle WebSocket is cut after ~2 s without a close frame', async () => {
    expect(lint.messages.filter((m) => m.ruleId === rule.id).map((m) => `${m.line}:${m.column}`)).toEqual(['23:32']);
    const r = await idle(bad);
    expect(r.handshake.status).toBe(101);
    expect(r.survived).toBe(false);
    expect(r.closeFrame).toBe(false);
    expect(r.closedAfterMs).toBeGreaterThanOrEqual(IDLE_CUT_FLOOR_MS);
    expect(r.closedAfterMs).toBeLessThan(2900);
  });

  test('fixed by the rule (proxy_read_timeout 10s): lints clean, 101, and the 3 s idle survives', async () => {
    expect(fixed).toContain('proxy_read_timeout 10s;');
    expect(lintCase('nginx', [rule], { code: fixed, filename: 'nginx.conf', options }).messages).toEqual([]);
    const r = await idle(fixed);
    expect(r.handshake.status).toBe(101);
    expect(r.survived).toBe(true);
  });
});
