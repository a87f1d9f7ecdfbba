import { argRange } from '../../../src/core/ast';
import { fitMessage } from '../../../src/core/message';
import { defineRule } from '../../../src/core/rule';
import type { HaproxyAnalysis } from '../../../src/dialects/haproxy/analysis';
import { hasServers } from '../../../src/dialects/haproxy/proxies';

/**
 * A `mode tcp` frontend or listen runs use_backend once, on whatever request bytes have arrived;
 * it waits for them only with `tcp-request inspect-delay` and a content rule that reads them
 * (dialects/haproxy/inspection). A use_backend that tests the request (`path`, `hdr(host)`,
 * `req.ssl_sni`, …) without that wait is decided before the request is there: it misses and the
 * connection goes to default_backend, or is closed without one. A race, hence a warning: on
 * loopback 1 in 20 immediate requests still matched.
 */
export default defineRule<HaproxyAnalysis>({
  id: 'haproxy/tcp-frontend-http-condition',
  dialect: 'haproxy',
  severity: 'warning',
  fixable: false,
  docs: {
    summary: 'A mode tcp frontend tests the request in use_backend without waiting for it (tcp-request inspect-delay), so the test misses.',
    evidence: [
      'observed: HAProxy 2.6.12, mode tcp, use_backend b if { path -m beg /gotify/ }: connection closed (0/3 with the request 200 ms after connect, 1/20 immediate); 20/20 with inspect-delay + content accept if HTTP',
      'reported: gotify/website#48',
    ],
  },
  check(ctx) {
    const a = ctx.analysis;
    for (const p of a.proxies) {
      if (p.kind === 'backend' || !a.knownTcp(p)) continue;
      const reads = a.routeReads(p);
      if (!reads.size || a.waitsForRequest(p)) continue;
      // With no default_backend, a listen falls back on its own servers; a frontend closes.
      const outcome = a.routes(p).some((r) => r.isDefault) ? 'default_backend gets it' : p.kind === 'listen' && hasServers(p) ? 'its own servers get it' : 'the connection is closed';
      for (const [route, read] of reads) {
        // The miss lands where a match would: nothing breaks.
        if (!route.dynamic && a.missFallback(p, route) === route.backend) continue;
        const what = read.acl ? `acl ${read.acl} (${read.fetch})` : read.fetch;
        ctx.report({
          node: route.directive,
          range: argRange(route.directive, read.arg),
          message: fitMessage(
            `${what} is tested before the request arrives (mode tcp without a tcp-request inspect-delay wait): ${outcome}`,
            `${what} is tested before the request arrives (mode tcp, no inspect-delay wait): ${outcome}`,
            `this use_backend tests the request before it arrives (mode tcp, no inspect-delay wait): ${outcome}`,
          ),
        });
      }
    }
  },
});
