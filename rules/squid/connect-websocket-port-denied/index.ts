import type { Directive } from '../../../src/core/ast';
import { defineRule } from '../../../src/core/rule';
import type { SquidAnalysis } from '../../../src/dialects/squid/analysis';
import { insertLineAfter } from '../../../src/core/fixes';

/**
 * A WebSocket client behind a forward proxy opens a CONNECT tunnel to the server's port; the
 * stock `http_access deny CONNECT !SSL_ports` refuses every port but 443. Ports come from
 * `websocket.ports` in .proxylint.yaml. Only a denial that is certain (decided by ports and
 * methods, not by a client address we cannot know) is reported.
 */
export default defineRule<SquidAnalysis>({
  id: 'squid/connect-websocket-port-denied',
  dialect: 'squid',
  severity: 'error',
  fixable: 'unsafe',
  docs: {
    summary: 'http_access denies CONNECT to a port WebSocket clients use (websocket.ports).',
    evidence: ['observed: Squid 5.7 CONNECT to a port not in SSL_ports → 403', 'reported: vizorvr/patches#502'],
  },
  check(ctx) {
    const a = ctx.analysis;
    for (const port of ctx.settings.websocket.ports) {
      const dec = a.evaluateHttpAccess({ method: 'CONNECT', port });
      if (dec.action !== 'deny' || !dec.certain || !dec.directive) continue;
      const d = dec.directive;
      // The port acl this line negates (`!SSL_ports`): adding the port to it is the fix.
      const portAcl = a.httpAccess
        .find((r) => r.directive === d)!
        .acls.find((ref) => ref.negated && a.acls.get(ref.name)?.type === 'port');
      if (!portAcl) continue;
      const def = a.acls.get(portAcl.name)!;
      const last: Directive | undefined = def.directives[def.directives.length - 1];
      ctx.report({
        node: d,
        signal: { kind: 'config', detail: `websocket.ports lists ${port}` },
        message: `http_access denies CONNECT to port ${port}: it is not in ${portAcl.name}, so WebSocket clients get 403`,
        fix: last ? { edits: [insertLineAfter(last, `acl ${portAcl.name} port ${port}`)], applicability: 'unsafe' } : undefined,
      });
    }
  },
});
