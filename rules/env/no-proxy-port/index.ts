import { portEntryBehaviour, names } from '../../../src/env/analysis';
import { defineEnvRule, isNoProxyVar, isReference, listEntries, proxyAssignments } from '../../../src/env/rule';

/** `host:port`, `[v6]:port`, `1.2.3.4:port`; a bare IPv6 address (`::1`) has colons but no port. */
const WITH_PORT = /^(\[[^\]]+\]|[^:[\]]+):(\d{1,5})$/;

export default defineEnvRule({
  id: 'env/no-proxy-port',
  severity: 'warning',
  fixable: false,
  docs: { summary: 'A NO_PROXY entry with a port (`host:8080`): curl and wget never match it, the other clients bypass the proxy for that port only.' },
  check(scope, report) {
    if (proxyAssignments(scope).length === 0) return;
    for (const a of scope.assignments) {
      if (!isNoProxyVar(a.name) || isReference(a.value)) continue;
      for (const { text: e, start: s } of listEntries(a)) {
        const p = WITH_PORT.exec(e);
        if (!p) continue;
        const host = p[1].replace(/^\[|\]$/g, '').replace(/^[.*]+/, '') || p[1];
        const b = portEntryBehaviour(host, Number(p[2]), e);
        if (b.ignore.length === 0) continue;
        const bypass = b.portOnly.length === 1 ? 'bypasses' : 'bypass';
        const rest = b.portOnly.length ? `; ${names(b.portOnly)} ${bypass} the proxy for port ${p[2]} only` : '';
        report({ at: a, start: s, end: s + e.length, message: `"${e}": ${names(b.ignore)} never match an entry with a port, so they proxy it${rest}.` });
      }
    }
  },
});
