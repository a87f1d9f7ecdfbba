/**
 * haproxy/defaults-from-not-found on the real HAProxy 2.6.12: `haproxy -c` refuses a `from` that
 * names no defaults section above it (also one declared later) at the section's line, with the
 * words proxylint reports at that line; naming the defaults section that exists is accepted and
 * lints clean. The very text haproxy checks is linted.
 */
import { describeWithServer, runners } from '../../harness';
import { runCli, useTempTrees } from '../../../support/cli';

const tree = useTempTrees();
const RULE = 'haproxy/defaults-from-not-found';
const WEB = 'defaults web\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n    timeout tunnel 1h\n';
const FRONT = (from: string) => `frontend fe${from}\n    bind 127.0.0.1:@PORT@\n    default_backend be\n`;
const BACK = 'backend be\n    server s1 127.0.0.1:@BACKEND_PORT@\n';

function findings(config: string) {
  const dir = tree({ 'haproxy.cfg': config });
  const r = runCli(['lint', '-f', 'json', 'haproxy.cfg'], dir);
  const msgs = (JSON.parse(r.stdout) as { messages: { ruleId: string; line: number; message: string; fatal?: boolean }[] }[])[0].messages;
  expect(msgs.filter((m) => m.fatal)).toEqual([]);
  return msgs.filter((m) => m.ruleId === RULE).map((m) => [m.line, m.message]);
}

describeWithServer('haproxy', 'haproxy/defaults-from-not-found', () => {
  test.each([
    ['a misspelt name', WEB + FRONT(' from webs') + BACK, 7, "defaults section 'webs' not found for frontend 'fe'."],
    ['a defaults section declared below', FRONT(' from web') + BACK + WEB, 1, "defaults section 'web' not found for frontend 'fe'."],
  ])('%s: haproxy -c refuses at the line proxylint reports', async (_name, config, line, message) => {
    const real = await runners.haproxy.check(config);
    expect(real.ok).toBe(false);
    expect(real.output).toContain(`haproxy.cfg:${line}] : ${message}`);
    expect(findings(config)).toEqual([[line, message]]);
  });

  test('the name that exists: accepted and clean', async () => {
    const config = WEB + FRONT(' from web') + BACK;
    expect((await runners.haproxy.check(config)).ok).toBe(true);
    expect(findings(config)).toEqual([]);
  });
});
