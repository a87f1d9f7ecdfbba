import { defineRule } from '../../../src/core/rule';
import type { HaproxyAnalysis } from '../../../src/dialects/haproxy/analysis';

/**
 * `from NAME` must name a `defaults` section declared ABOVE the line (HAProxy resolves it while
 * parsing, so a later one does not count). haproxy -c 2.6.12 refuses the file at the section's
 * line with these words; the analysis already computes it (proxies.ts collectProxies).
 */
export default defineRule<HaproxyAnalysis>({
  id: 'haproxy/defaults-from-not-found',
  dialect: 'haproxy',
  severity: 'error',
  fixable: false,
  docs: {
    summary: '`from NAME` names no `defaults` section declared above it, so HAProxy refuses to start.',
    evidence: ["observed: haproxy -c 2.6.12 \"parsing [h.cfg:10] : defaults section 'nosuch' not found for frontend 'fe'.\" (also when the defaults section comes later in the file)"],
  },
  check(ctx) {
    for (const p of ctx.analysis.problems) {
      const d = p.directive;
      // Point at the name after `from` (spans: key, then one start/end pair per argument); a
      // problem is only ever a `from NAME`, so the name is there.
      const i = d.args.indexOf('from') + 1;
      ctx.report({ node: d, range: [d.spans[2 + 2 * i], d.spans[3 + 2 * i]], message: p.message });
    }
  },
});
