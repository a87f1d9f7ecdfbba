import type { Directive } from '../../../src/core/ast';
import { defineRule, type Edit } from '../../../src/core/rule';
import type { HaproxyAnalysis } from '../../../src/dialects/haproxy/analysis';
import type { Proxy } from '../../../src/dialects/haproxy/proxies';
import { indentAt, insertLineAfter, insertLinesAfter } from '../../../src/core/fixes';

/**
 * Once a connection is upgraded HAProxy applies `timeout tunnel`; unset (or 0, which HAProxy
 * treats as unset) the idle WebSocket is cut at `timeout client`/`timeout server` (log flags
 * cD--). Checked on backends and listens (where the tunnel timeout applies; in a frontend it is
 * ignored). The fix goes where the timeouts are written: the proxy when it sets its own, else
 * the defaults section it inherits them from (one finding per place, listing the proxies).
 */
function timeoutLines(section: Directive): Directive[] {
  return (section.children ?? []).filter((k): k is Directive => k.type === 'directive' && k.key === 'timeout');
}

function insertTunnel(section: Directive, value: string): Edit {
  const lines = timeoutLines(section);
  const after = lines[lines.length - 1];
  if (after) return insertLineAfter(after, `timeout tunnel ${value}`);
  // No timeout line: after the section header, indented like its first line (or 4 spaces).
  const first = (section.children ?? []).find((k) => k.type === 'directive') as Directive | undefined;
  const indent = first ? indentAt(section.file, first.start) : '    ';
  // The header line ends at bodyStart (the section's own end spans its whole body).
  return insertLinesAfter(section.file, section.bodyStart ?? section.spans[section.spans.length - 1], [`timeout tunnel ${value}`], indent);
}

export default defineRule<HaproxyAnalysis>({
  id: 'haproxy/websocket-tunnel-timeout',
  dialect: 'haproxy',
  severity: 'warning',
  fixable: 'safe',
  versions: { haproxy: '>=1.5' },
  defaultOptions: { value: '1h' },
  optionsSchema: { type: 'object', properties: { value: { type: 'string', pattern: '^[0-9]+(us|ms|s|m|h|d)?$' } }, additionalProperties: false },
  docs: {
    summary: 'A proxy that carries WebSockets has no `timeout tunnel`, so idle WebSockets are cut at timeout client/server.',
    evidence: ['observed-on-real-servers.md: HAProxy 2.6.12 timeout client/server 5s, no timeout tunnel → cut after 5 s (cD--)', 'real-world-failures.md: HAP-TUNNEL'],
  },
  check(ctx) {
    const value = String(ctx.options.value ?? '1h');
    return {
      'unit:exit'() {
        const a = ctx.analysis;
        const bySection = new Map<Directive, Proxy[]>();
        for (const p of a.proxies) {
          if (p.kind === 'frontend') continue;
          if (!a.websocket(p).carries || a.tunnelTimeout(p)) continue;
          const t = p.timeouts.tunnel;
          if (t) {
            // `timeout tunnel 0`: explicit, so point at it and replace the value.
            const [s, e] = [t.directive.spans[4], t.directive.spans[5]];
            ctx.report({
              node: t.directive,
              message: `timeout tunnel ${t.raw} does not disable the idle limit: HAProxy treats 0 as unset, so WebSockets through ${p.kind} ${p.name} are cut at timeout client/server`,
              fix: s === undefined ? undefined : { edits: [{ file: t.directive.file, range: [s, e], text: value }] },
            });
            continue;
          }
          const own = timeoutLines(p.section).length > 0 || !p.defaults;
          const home = own ? p.section : p.defaults!.section;
          bySection.set(home, [...(bySection.get(home) ?? []), p]);
        }
        for (const [section, ps] of bySection) {
          const limits = (['client', 'server'] as const)
            .map((k) => ps[0].timeouts[k])
            .filter((t) => t)
            .map((t) => `timeout ${t!.directive.args[0]} ${t!.raw}`);
          const names = ps.map((p) => `${p.kind} ${p.name}`).join(', ');
          const why = a.websocket(ps[0]).signals[0];
          ctx.report({
            node: section,
            message: `no timeout tunnel for ${names} (${why}): idle WebSockets are cut at ${limits.length ? limits.join(' / ') : 'timeout client/server'}; set timeout tunnel (e.g. ${value})`,
            fix: { edits: [insertTunnel(section, value)] },
          });
        }
      },
    };
  },
});
