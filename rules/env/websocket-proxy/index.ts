import { envOf, names, websocketRoutes } from '../../../src/env/analysis';
import { defineEnvRule, isReference } from '../../../src/env/rule';

const WS_VAR = /^wss?_proxy$/i;

export default defineEnvRule({
  id: 'env/websocket-proxy',
  severity: 'warning',
  fixable: false,
  docs: { summary: 'WebSocket clients that would take different routes: some read WS_PROXY/WSS_PROXY, others HTTP(S)_PROXY, so one connects directly or via another proxy.' },
  check(scope, report) {
    const env = envOf(scope.assignments);
    if (Object.values(env).some((v) => v !== undefined && isReference(v))) return;
    const wsVars = scope.assignments.filter((a) => WS_VAR.test(a.name) && a.value);
    // With WS_PROXY/WSS_PROXY set the intent is explicit: a warning where the clients split.
    for (const scheme of ['wss', 'ws'] as const) {
      const own = wsVars.filter((a) => a.name.toLowerCase() === `${scheme}_proxy`);
      if (own.length === 0) continue;
      const split = websocketRoutes(env, `${scheme}://proxylint.invalid/`);
      if (split.routes.size < 2) continue;
      report({ at: own[own.length - 1], start: own[own.length - 1].nameStart, end: own[own.length - 1].nameEnd, message: describe(split.routes, scheme) });
    }
    // Without them, a ws:// or wss:// URL the process is given: info where the clients split
    // (which client the process is, the file does not say).
    if (wsVars.length) return;
    const url = scope.websocketUrls?.[0];
    if (!url) return;
    const split = websocketRoutes(env, url.value.trim());
    if (split.routes.size < 2) return;
    report({ at: url, start: url.start, end: url.end, severity: 'info', message: describe(split.routes, url.value.startsWith('wss') ? 'wss' : 'ws') });
  },
});

function describe(routes: Map<string, Parameters<typeof names>[0]>, scheme: 'ws' | 'wss'): string {
  // One client takes the singular verb ("undici uses …"), several the plural.
  const parts = [...routes].map(([route, ids]) => {
    const one = ids.length === 1;
    return `${names(ids)} ${route === 'direct' ? (one ? 'connects directly' : 'connect directly') : `${one ? 'uses' : 'use'} ${route}`}`;
  });
  const http = scheme === 'wss' ? 'HTTPS_PROXY' : 'HTTP_PROXY';
  return `${scheme}:// routes differ: ${parts.join(', ')}; set ${scheme.toUpperCase()}_PROXY and ${http} to the same proxy.`;
}

