/**
 * apache/rewrite-cond-anchored-upgrade on the real apache2: `RewriteCond %{HTTP:Connection}
 * ^Upgrade$ [NC]` guarding a ws:// RewriteRule gives 101 to a handshake with Chrome's
 * `Connection: Upgrade` and 404 to the same handshake with Firefox's `Connection: keep-alive,
 * Upgrade`; the fixed condition (`upgrade [NC]`) gives 101 + echo to both. A case-sensitive
 * `^WebSocket$` on Upgrade gives 404 to every browser; with [NC] 101.
 */
import rule from '../../../../rules/apache/rewrite-cond-anchored-upgrade';
import { apache, describeWithServer, e2eFixture, handshake, withBackend, withServer } from '../../harness';
import { lineOf, lintFixture } from './lint';

const CHROME = 'Upgrade';
const FIREFOX = 'keep-alive, Upgrade';

async function statuses(config: string): Promise<Record<string, string>> {
  return withBackend((backend) =>
    withServer(apache, config, { backendPort: backend.port }, async (server) => {
      const out: Record<string, string> = {};
      for (const [name, connection] of [['chrome', CHROME], ['firefox', FIREFOX]]) {
        const r = await handshake({ port: server.port, path: '/ws', connection });
        out[name] = `${r.status}${r.accepted && r.echoed ? ' echo' : ''}`;
      }
      return out;
    }),
  );
}

describeWithServer('apache', 'apache/rewrite-cond-anchored-upgrade on the real server', () => {
  const base = () =>
    e2eFixture('apache', 'proxypass-http-no-upgrade').replace(/^ProxyPass .*\n?/gm, '') +
    'LoadModule rewrite_module /usr/lib/apache2/modules/mod_rewrite.so\nRewriteEngine On\n';
  const RULE = 'RewriteRule ^/ws(.*) ws://127.0.0.1:@BACKEND_PORT@/ws$1 [P,L]\n';

  test('Connection ^Upgrade$ [NC]: fires; Chrome 101, Firefox 404. Fixed: both 101 + echo', async () => {
    const bad = base() + 'RewriteCond %{HTTP:Upgrade} websocket [NC]\nRewriteCond %{HTTP:Connection} ^Upgrade$ [NC]\n' + RULE;
    const lint = lintFixture(rule, bad);
    expect(lint.fatal).toEqual([]);
    expect(lint.findings.map((m) => [m.line, m.column, m.message])).toEqual([
      [lineOf(bad, '%{HTTP:Connection}'), 13, "Firefox's handshake (Connection: keep-alive, Upgrade) skips this rule, Chrome's takes it: match the token, not the value"],
    ]);
    expect(await statuses(bad)).toEqual({ chrome: '101 echo', firefox: '404' });
    const fixed = lint.output;
    expect(fixed).toBe(bad.replace('%{HTTP:Connection} ^Upgrade$ [NC]', '%{HTTP:Connection} upgrade [NC]'));
    expect(lintFixture(rule, fixed).findings).toEqual([]);
    expect(await statuses(fixed)).toEqual({ chrome: '101 echo', firefox: '101 echo' });
  });

  test('Connection =Upgrade: the same split (Chrome 101, Firefox 404); the rule fires', async () => {
    const bad = base() + 'RewriteCond %{HTTP:Connection} =Upgrade\n' + RULE;
    expect(lintFixture(rule, bad).findings.map((m) => m.line)).toEqual([lineOf(bad, '%{HTTP:Connection}')]);
    expect(await statuses(bad)).toEqual({ chrome: '101 echo', firefox: '404' });
    expect(await statuses(lintFixture(rule, bad).output)).toEqual({ chrome: '101 echo', firefox: '101 echo' });
  });

  test('Upgrade ^WebSocket$ without [NC]: no browser passes (404 for both); with [NC] 101', async () => {
    const bad = base() + 'RewriteCond %{HTTP:Upgrade} ^WebSocket$\n' + RULE;
    const lint = lintFixture(rule, bad);
    expect(lint.findings.map((m) => m.message)).toEqual(['No browser passes %{HTTP:Upgrade} ^WebSocket$: browsers send "Upgrade: websocket", add [NC].']);
    expect(await statuses(bad)).toEqual({ chrome: '404', firefox: '404' });
    expect(await statuses(lint.output)).toEqual({ chrome: '101 echo', firefox: '101 echo' });
  });

  test('a server-context (.*) rewrite Firefox skips falls to ProxyPass / ws://: no finding, both 101 + echo', async () => {
    const good = base() + 'RewriteCond %{HTTP:Connection} ^Upgrade$ [NC]\nRewriteRule (.*) ws://127.0.0.1:@BACKEND_PORT@$1 [P,L]\nProxyPass / ws://127.0.0.1:@BACKEND_PORT@/\n';
    expect(lintFixture(rule, good)).toMatchObject({ fatal: [], findings: [] });
    expect(await statuses(good)).toEqual({ chrome: '101 echo', firefox: '101 echo' });
  });

  test("the docs' recipe is clean and works for both", async () => {
    const good = base() + 'RewriteCond %{HTTP:Upgrade} websocket [NC]\nRewriteCond %{HTTP:Connection} upgrade [NC]\n' + RULE;
    expect(lintFixture(rule, good).findings).toEqual([]);
    expect(await statuses(good)).toEqual({ chrome: '101 echo', firefox: '101 echo' });
  });
});
