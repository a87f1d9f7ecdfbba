import { fitMessage } from '../../../src/core/message';
import { findingSignal, type FindingSignal } from '../../../src/core/websocket/intent';
import { argRange, type Directive } from '../../../src/core/ast';
import { parseDuration } from '../../../src/core/duration';
import { defineRule, type Edit } from '../../../src/core/rule';
import { sinceRange, SINCE } from '../../../src/core/versions';
import { heartbeatOf, judgeIdleLimit, verdictWords, type IdleVerdict } from '../../../src/core/websocket/idle';
import type { HaproxyAnalysis } from '../../../src/dialects/haproxy/analysis';
import { hasServers, type Proxy, type TimeoutSetting } from '../../../src/dialects/haproxy/proxies';
import { indentAt, insertLineAfter, insertLinesAfter } from '../../../src/core/fixes';

/**
 * Once a connection is upgraded HAProxy applies `timeout tunnel`; unset (or 0, which HAProxy
 * treats as unset) the idle WebSocket is cut at `timeout client` (of the frontend the client came
 * in on) or `timeout server` (of the backend), whichever passes first without data (log flags
 * cD--). Judged only on backends and listens WebSocket traffic is meant to reach (see
 * dialects/haproxy/websocket), against the route's heartbeat by the policy shared with nginx
 * and Apache (core/websocket/idle). A limit already at least the fix's value is left alone, so
 * the fix never shortens a tunnel. The fix goes where the timeouts are written: the proxy when
 * it sets its own, else the defaults section it inherits them from (one finding per place).
 */
function timeoutLines(section: Directive): Directive[] {
  // Stryker disable next-line ConditionalExpression: a comment node has no key, so the type test only narrows the type
  return (section.children ?? []).filter((k): k is Directive => k.type === 'directive' && k.key === 'timeout');
}

function insertTunnel(section: Directive, value: string): Edit {
  const lines = timeoutLines(section);
  const after = lines[lines.length - 1];
  if (after) return insertLineAfter(after, `timeout tunnel ${value}`);
  // No timeout line: after the section header, indented like its first line (or 4 spaces).
  const first = (section.children ?? []).find((k) => k.type === 'directive') as Directive | undefined;
  const indent = first ? indentAt(section.file, first.start) : '    ';
  // The header line ends at bodyStart, which every HAProxy section has (the section's own end spans its whole body).
  return insertLinesAfter(section.file, section.bodyStart!, [`timeout tunnel ${value}`], indent);
}

interface Limit {
  ms: number;
  text: string;
  /** The text without the frontend's name, for a message that would be too long with it. */
  bare: string;
}

// One sentence of at most 120 characters (core/message): long proxy names drop the frontend's
// name, then the word backend/listen, then the names.

/** The idle limit of an upgraded connection without timeout tunnel: the shortest client/server timeout on its way. */
function fallbackLimit(p: Proxy, via: Proxy[]): Limit | undefined {
  const parts: { t: TimeoutSetting; where: string }[] = [];
  const clients = via.length ? via.map((f) => ({ t: f.timeouts.client, where: f === p ? '' : ` (${f.kind} ${f.name})` })) : [{ t: p.timeouts.client, where: '' }];
  for (const c of clients) if (c.t && c.t.ms) parts.push({ t: c.t, where: c.where });
  if (p.timeouts.server && p.timeouts.server.ms) parts.push({ t: p.timeouts.server, where: '' });
  if (!parts.length) return undefined;
  const ms = Math.min(...parts.map((x) => x.t.ms!));
  // The message names the timeout that cuts first (the first of equals): one short sentence.
  const first = parts.find((x) => x.t.ms === ms)!;
  const bare = `timeout ${first.t.directive.args[0]} ${first.t.raw}`;
  return { ms, text: bare + first.where, bare };
}

const RANK: Record<string, number> = { warning: 2, info: 1 };

export default defineRule<HaproxyAnalysis>({
  id: 'haproxy/websocket-tunnel-timeout',
  dialect: 'haproxy',
  severity: 'warning',
  fixable: 'safe',
  versions: { haproxy: sinceRange(SINCE.haproxy.timeoutTunnel) },
  defaultOptions: { value: '1h', minimum: '30s' },
  optionsSchema: {
    type: 'object',
    properties: {
      value: { type: 'string', pattern: '^[0-9]+(us|ms|s|m|h|d)?$', description: 'timeout tunnel the fix sets; limits at least this long are not reported.' },
      minimum: { type: 'string', pattern: '^[0-9]+(us|ms|s|m|h|d)?$', description: 'An idle limit below this is a warning when no heartbeat is known (HAProxy time syntax).' },
    },
    additionalProperties: false,
  },
  docs: {
    summary: 'A proxy WebSocket traffic reaches cuts idle tunnels sooner than the application heartbeats, or has no timeout tunnel.',
    evidence: ['observed: HAProxy 2.6.12 timeout client/server 5s, no timeout tunnel → cut after 5 s (cD--)', 'reported: nextcloud/HaRP#115, gotify/website#82'],
  },
  check(ctx) {
    // The engine merges defaultOptions; a value the schema let through always parses (the
    // fallbacks are for a caller that skips the config's validation).
    const value = String(ctx.options.value);
    const valueMs = parseDuration(value, 'haproxy') ?? 3_600_000;
    const minimum = parseDuration(String(ctx.options.minimum), 'haproxy') ?? 30_000;
    const a = ctx.analysis;
    const bySection = new Map<Directive, { ps: Proxy[]; verdict: Exclude<IdleVerdict, { kind: 'ok' }>; limit: Limit; signal?: FindingSignal }>();
    for (const p of a.proxies) {
      // A frontend tunnels to no server of its own: HAProxy 2.6 -c rejects `server` there and ignores `dispatch`.
      if (p.kind === 'frontend') continue;
      const ws = a.websocket(p);
      if (!ws.carries || !ws.intended || !hasServers(p)) continue;
      const hb = heartbeatOf(ws.paths[0] ?? null, ws.app, ctx.settings);
      const tunnel = a.tunnelTimeout(p);
      if (tunnel) {
        const v = judgeIdleLimit(tunnel.ms!, true, hb, minimum);
        if (v.kind === 'ok') continue;
        const words = verdictWords(v, `timeout tunnel ${tunnel.raw}`);
        // A timeout setting always has its value (proxies.ts reads only `timeout <name> <value>` lines).
        ctx.report({
          node: tunnel.directive,
          message: fitMessage(`${p.kind} ${p.name}: ${words}`, `${p.name}: ${words}`, words),
          fix: tunnel.ms! >= valueMs || tunnel.inherited ? undefined : { edits: [{ file: tunnel.directive.file, range: argRange(tunnel.directive, 1), text: value }] },
          severity: v.severity,
          signal: findingSignal(ws.intent),
        });
        continue;
      }
      const limit = fallbackLimit(p, ws.via);
      // No limit at all (no client/server timeouts), or already at least what the fix would set.
      if (!limit || limit.ms >= valueMs) continue;
      let v = judgeIdleLimit(limit.ms, true, hb, minimum);
      // No tunnel timeout is leaving the server at its default: without a known heartbeat, say so.
      if (v.kind === 'ok' && !hb) v = { kind: 'default', severity: 'info' };
      // ...and with one that sends nothing (declared none, or an app known to), the tunnel keeps
      // the client/server limit it never chose for it: the idle WebSocket is cut (cD--).
      else if (v.kind === 'ok' && hb && hb.ms === null) {
        // Stryker disable next-line StringLiteral: 'warning' is the rule's own severity, which a finding without one gets too
        v = { kind: 'default-no-heartbeat', severity: 'warning', heartbeat: hb };
      }
      if (v.kind === 'ok') continue;
      const t = p.timeouts.tunnel;
      if (t) {
        // `timeout tunnel 0`: explicit, so point at it and replace the value.
        ctx.report({
          node: t.directive,
          message: fitMessage(
            `${p.kind} ${p.name}: timeout tunnel ${t.raw} means none, so ${verdictWords(v, limit.text)}`,
            `${p.kind} ${p.name}: timeout tunnel ${t.raw} means none, so ${verdictWords(v, limit.bare)}`,
            `${p.name}: timeout tunnel ${t.raw} means none, so ${verdictWords(v, limit.bare)}`,
            `timeout tunnel ${t.raw} means none, so ${verdictWords(v, limit.bare)}`,
          ),
          fix: { edits: [{ file: t.directive.file, range: argRange(t.directive, 1), text: value }] },
          severity: v.severity,
          signal: findingSignal(ws.intent),
        });
        continue;
      }
      const own = timeoutLines(p.section).length > 0 || !p.defaults;
      const home = own ? p.section : p.defaults!.section;
      const prev = bySection.get(home);
      if (!prev) bySection.set(home, { ps: [p], verdict: v, limit, signal: findingSignal(ws.intent) });
      else {
        prev.ps.push(p);
        if (RANK[v.severity] > RANK[prev.verdict.severity]) Object.assign(prev, { verdict: v, limit });
      }
    }
    for (const [section, { ps, verdict, limit, signal }] of bySection) {
      const names = ps.length <= 2 ? ps.map((p) => `${p.kind} ${p.name}`).join(', ') : `${ps[0].kind} ${ps[0].name} and ${ps.length - 1} more`;
      const bareNames = ps.length <= 2 ? ps.map((p) => p.name).join(', ') : `${ps[0].name} and ${ps.length - 1} more`;
      ctx.report({
        node: section,
        message: fitMessage(
          `${names}, no timeout tunnel: ${verdictWords(verdict, limit.text)}`,
          `${names}, no timeout tunnel: ${verdictWords(verdict, limit.bare)}`,
          `${bareNames}, no timeout tunnel: ${verdictWords(verdict, limit.bare)}`,
          `no timeout tunnel: ${verdictWords(verdict, limit.bare)}`,
        ),
        fix: { edits: [insertTunnel(section, value)] },
        severity: verdict.severity,
        signal,
      });
    }
  },
});
