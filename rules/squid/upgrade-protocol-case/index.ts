import type { Directive } from '../../../src/core/ast';
import { positionAt } from '../../../src/core/positions';
import { defineRule } from '../../../src/core/rule';
import { sinceRange, SINCE } from '../../../src/core/versions';
import type { SquidAnalysis } from '../../../src/dialects/squid/analysis';

/**
 * Squid compares Upgrade protocol names case-sensitively, and RFC 6455 clients (every browser,
 * `ws`) send `websocket`: the `WebSocket` spelling of Squid's own documentation never matches.
 */
export default defineRule<SquidAnalysis>({
  id: 'squid/upgrade-protocol-case',
  dialect: 'squid',
  severity: 'error',
  fixable: 'safe',
  versions: { squid: sinceRange(SINCE.squid.upgradeProtocols) },
  docs: {
    summary: 'http_upgrade_request_protocols names WebSocket in a spelling browsers never send (matching is case-sensitive).',
    evidence: ['observed: Squid 5.7 `WebSocket allow all` → 426', 'reported: diladele/websafety#2314, cutelyst/Virtlyst#32'],
  },
  check(ctx) {
    // The analysis walks what squid reads: a line in a false `if` branch is never looked at.
    for (const d of ctx.analysis.upgradeRules.map((r) => r.directive)) check(d);
    function check(d: Directive): void {
        const spec = d.args[0];
        if (spec === undefined) return;
        const slash = spec.indexOf('/');
        const name = slash === -1 ? spec : spec.slice(0, slash);
        if (name === 'websocket' || name.toLowerCase() !== 'websocket') return;
        const [s, e] = [d.spans[2], d.spans[3]];
        // Only fix an unquoted token we can rewrite in place.
        const raw = d.file.text.slice(s, e);
        const fix = raw === spec ? { edits: [{ file: d.file, range: [s, s + name.length] as [number, number], text: 'websocket' }] } : undefined;
        // The dead rule only breaks something when nothing else lets "websocket" through, and only
        // on a listener where Squid reads handshakes (not when clients CONNECT, or TLS is spliced).
        const allowed = ctx.analysis.upgradeDecision('websocket');
        const harmless = allowed.allowed === true;
        ctx.report({
          node: d,
          range: [s, e],
          file: d.file,
          message: harmless
            ? `"${name}" never matches (Squid compares case-sensitively); line ${positionAt(allowed.directive!.file, allowed.directive!.start).line} allows "websocket"`
            : `"${name}" never matches: Squid compares protocol names case-sensitively and browsers send "websocket"`,
          ...(harmless || ctx.analysis.forwardOnly ? { severity: 'info' as const } : {}),
          fix,
        });
    }
  },
});
