import type { Directive } from '../../../src/core/ast';
import { defineRule } from '../../../src/core/rule';
import { SINCE, versionAtLeast } from '../../../src/core/versions';
import type { SquidAnalysis } from '../../../src/dialects/squid/analysis';
import { insertLineAfter } from '../../../src/core/fixes';

/**
 * Squid drops the Upgrade header unless http_upgrade_request_protocols allows the protocol
 * (Squid ≥ 5); Squid 4 and older cannot forward an upgrade at all. Reported once, at the first
 * http_port (the listener WebSocket clients reach), or at the rule that denies.
 */
export default defineRule<SquidAnalysis>({
  id: 'squid/websocket-upgrade-not-allowed',
  dialect: 'squid',
  severity: 'error',
  fixable: 'unsafe',
  docs: {
    summary: 'Squid drops the WebSocket Upgrade offer: no http_upgrade_request_protocols rule allows websocket.',
    evidence: ['observed: Squid 5.7 default → 426, ws:// → 501', 'reported: diladele/websafety#2314, cutelyst/Virtlyst#32'],
  },
  check(ctx) {
    const a = ctx.analysis;
    // The first listener that reads handshakes (accel, intercept, a bumping ssl-bump port),
    // else the first listener squid reads (not one in a false `if` branch). When none reads
    // them, clients tunnel WebSockets with CONNECT (spliced TLS is a tunnel too), so the
    // dropped Upgrade only hurts a client that sends ws:// as an absolute URI (501): info,
    // not a claim that WebSockets break.
    const port: Directive | undefined = a.handshakePorts[0] ?? a.listeners[0];
    if (!port) return;
    const forward = a.forwardOnly ? ({ severity: 'info' } as const) : {};
    if (!versionAtLeast(ctx.settings.targets.squid, SINCE.squid.upgradeProtocols)) {
      ctx.report({
        node: port,
        message: `Squid ${ctx.settings.targets.squid} cannot forward an Upgrade (needs Squid ${SINCE.squid.upgradeProtocols}): WebSockets only pass as CONNECT tunnels`,
        ...forward,
        signal: a.listenerSignal,
      });
      return;
    }
    const rules = a.upgradeRules;
    // A rule spelled `WebSocket` is upgrade-protocol-case's finding; its fix makes this one go away.
    if (rules.some((r) => r.protocol !== 'websocket' && r.protocol.toLowerCase() === 'websocket')) return;
    const dec = a.upgradeDecision('websocket');
    if (dec.allowed !== false) return;
    if (!rules.length) {
      ctx.report({
        node: port,
        message: a.forwardOnly
          ? 'Squid drops the Upgrade header by default: absolute-URI ws:// requests fail (501), CONNECT tunnels work'
          : 'Squid drops the Upgrade header by default, so WebSockets through this port fail (426 or 501)',
        ...forward,
        signal: a.listenerSignal,
        fix: { edits: [insertLineAfter(port, 'http_upgrade_request_protocols websocket allow all')], applicability: 'unsafe' },
      });
      return;
    }
    const at = dec.directive ?? rules[rules.length - 1].directive;
    ctx.report({
      node: at,
      message: `http_upgrade_request_protocols does not allow websocket (${dec.directive ? 'this rule denies it' : dec.via === 'none' ? 'no rule names websocket or OTHER' : 'no rule matches'}), so Squid strips the Upgrade`,
      ...forward,
    });
  },
});
