/**
 * Every Squid rule over Debian 12's stock /etc/squid (the shared corpus, linted as the tree it
 * is: squid.conf plus conf.d/debian.conf). Lint only: the stock file listens on the fixed port
 * 3128 and logs under /var/log/squid; fixtures/e2e/squid/default.conf is its access rules on the
 * real server (Upgrade dropped -> 426, see test/e2e/observed/squid.test.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { rules } from '../../../../rules/squid';
import { lintCase } from '../../../support/lint-case';
import { CORPUS_DIR, describeWithCorpus } from '../../../support/paths';

const DIR = path.join(CORPUS_DIR, 'squid', 'debian-etc-squid');

function lintStock(ports: number[] = []) {
  const code = fs.readFileSync(path.join(DIR, 'squid.conf'), 'utf8');
  // The absolute `include /etc/squid/conf.d/*.conf` resolves to conf.d/ beside the copy.
  const files = { 'conf.d/debian.conf': fs.readFileSync(path.join(DIR, 'conf.d', 'debian.conf'), 'utf8') };
  const out: Record<string, string[]> = {};
  for (const rule of rules) {
    const r = lintCase('squid', [rule], { code, files, websocket: { ports } });
    out[rule.id] = r.messages.map((m) => `${m.file}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
  }
  return out;
}

describeWithCorpus("Squid rules over Debian's stock squid.conf", () => {
  test('without websocket.ports: only websocket-upgrade-not-allowed fires (at http_port 3128; the observed default 426)', () => {
    expect(lintStock()).toEqual({
      'squid/websocket-upgrade-not-allowed': [
        'squid.conf:2106:1 squid/websocket-upgrade-not-allowed: Squid drops the Upgrade header by default: absolute-URI ws:// requests fail (501), CONNECT tunnels work',
      ],
      'squid/upgrade-protocol-case': [],
      'squid/upgrade-header-denied': [],
      'squid/ineffective-upgrade-allow': [],
      'squid/connect-websocket-port-denied': [],
      // every name in the stock file is one Squid 5.7 reads (the table from its cf.data.pre)
      'squid/unknown-directive': [],
      'squid/obsolete-directive': [],
      // every access line of the stock file says allow or deny and names an acl
      'squid/invalid-access-action': [],
    });
  });

  test('with websocket.ports [8443]: connect-websocket-port-denied also fires on deny CONNECT !SSL_ports (observed 403)', () => {
    expect(lintStock([8443])['squid/connect-websocket-port-denied']).toEqual([
      'squid.conf:1532:1 squid/connect-websocket-port-denied: http_access denies CONNECT to port 8443: it is not in SSL_ports, so WebSocket clients get 403',
    ]);
  });
});
