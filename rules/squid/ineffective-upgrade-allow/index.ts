import type { Directive } from '../../../src/core/ast';
import { defineRule } from '../../../src/core/rule';
import { SINCE, versionAtLeast } from '../../../src/core/versions';
import type { SquidAnalysis } from '../../../src/dialects/squid/analysis';

/**
 * `reply_header_access Upgrade allow all` (common blog advice) only keeps a header Squid would
 * keep anyway; the Upgrade offer is dropped earlier, by http_upgrade_request_protocols.
 */
export default defineRule<SquidAnalysis>({
  id: 'squid/ineffective-upgrade-allow',
  dialect: 'squid',
  severity: 'warning',
  fixable: false,
  docs: {
    summary: 'Allowing the Upgrade header with *_header_access does nothing for WebSockets while http_upgrade_request_protocols drops the offer.',
    evidence: ['observed: Squid 5.7 `reply_header_access Upgrade allow all` alone → 426'],
  },
  check(ctx) {
    // On a forward-only proxy clients tunnel WebSockets with CONNECT, which no Upgrade or header
    // rule touches: the line is still dead, but nothing breaks because of it (info), as
    // squid/websocket-upgrade-not-allowed says for the missing rule itself.
    const forward = ctx.analysis.forwardOnly ? ({ severity: 'info' } as const) : {};
    const check = (d: Directive): void => {
      if ((d.args[0] ?? '').toLowerCase() !== 'upgrade' || d.args[1] !== 'allow') return;
      if (versionAtLeast(ctx.settings.targets.squid, SINCE.squid.upgradeProtocols)) {
        if (ctx.analysis.upgradeDecision('websocket').allowed !== false) return;
        ctx.report({
          node: d,
          signal: ctx.analysis.listenerSignal,
          message: `${d.key} Upgrade allow does not make WebSockets work without http_upgrade_request_protocols`,
          ...forward,
        });
      } else {
        ctx.report({
          node: d,
          signal: ctx.analysis.listenerSignal,
          message: `${d.key} Upgrade allow does not make WebSockets work: Squid ${ctx.settings.targets.squid} cannot forward upgrades`,
          ...forward,
        });
      }
    };
    // Only lines squid reads (a false `if` branch is skipped), in squid's order.
    for (const d of ctx.analysis.directives) if (d.key === 'reply_header_access' || d.key === 'request_header_access') check(d);
  },
});
