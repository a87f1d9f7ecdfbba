import type { Directive } from '../../../src/core/ast';
import { defineRule, type Edit } from '../../../src/core/rule';
import { versionAtLeast } from '../../../src/core/versions';
import type { ApacheAnalysis, ProxyRoute } from '../../../src/dialects/apache/analysis';

/**
 * mod_proxy tries ProxyPass/ProxyPassMatch in configuration order and the first match wins: a
 * general `ProxyPass / http://…` listed before `ProxyPass /ws ws://…` takes the WebSocket path
 * too, and the handshake reaches the backend as a plain request (426, observed on 2.4.71).
 */
function carriesUpgrades(r: ProxyRoute): boolean {
  return r.scheme === 'ws' || r.scheme === 'wss' || (r.upgrade !== undefined && /websocket|ANY/i.test(r.upgrade));
}

/** The whole line of `d` (indentation through the line break), to move it. */
function lineOf(d: Directive): [number, number] {
  const t = d.file.text;
  const start = t.lastIndexOf('\n', d.start - 1) + 1;
  const nl = t.indexOf('\n', d.end);
  return [start, nl === -1 ? t.length : nl + 1];
}

function moveBefore(moved: Directive, before: Directive): Edit[] | undefined {
  if (moved.file !== before.file || moved.parent !== before.parent) return undefined;
  const [s, e] = lineOf(moved);
  const text = moved.file.text.slice(s, e);
  if (!text.endsWith('\n')) return undefined;
  const [bs] = lineOf(before);
  return [
    { file: before.file, range: [bs, bs], text },
    { file: moved.file, range: [s, e], text: '' },
  ];
}

export default defineRule<ApacheAnalysis>({
  id: 'apache/proxypass-order',
  dialect: 'apache',
  severity: 'error',
  fixable: 'safe',
  docs: {
    summary: 'An earlier, more general ProxyPass takes the WebSocket path first (first match wins), so the upgrade never happens.',
    evidence: ['observed-on-real-servers.md: Apache 2.4.71 `ProxyPass / http://…` before `ProxyPass /ws ws://…` → 426', 'real-world-failures.md: APA-ORDER'],
  },
  check(ctx) {
    return {
      'unit:exit'() {
        const a = ctx.analysis;
        // Before 2.4.47 a ws:// entry ahead of http:// also took plain requests (wstunnel did not
        // decline them), so moving it is not safe there.
        const safeMove = versionAtLeast(ctx.settings.targets.apache, '2.4.47');
        for (const r of a.proxyRoutes) {
          if (!r.websocket || r.regex || r.path === null || r.location || r.target === '!') continue;
          const winner = a.routeFor(r.path, r.server);
          if (!winner || winner === r || carriesUpgrades(winner) || winner.target === '!') continue;
          if (!carriesUpgrades(r)) continue; // an http:// route without upgrade= is the other rule's finding
          const w = winner.directive;
          const file = w.file === r.directive.file ? '' : ` in ${w.file.path}`;
          const line = w.file.text.slice(0, w.start).split('\n').length;
          const edits = safeMove && !winner.location ? moveBefore(r.directive, w) : undefined;
          ctx.report({
            node: r.directive,
            message: `${r.directive.name} ${r.path} → ${r.target} is never used: ${w.name} ${winner.path ?? ''} → ${winner.target} (line ${line}${file}) matches ${r.path} first and mod_proxy takes the first match, so WebSocket handshakes get 426; list the WebSocket route before it`,
            fix: edits ? { edits } : undefined,
          });
        }
      },
    };
  },
});
