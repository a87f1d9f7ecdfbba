import { defineEnvRule, isNoProxyVar, isProxyVar, isReference } from '../../../src/env/rule';

export default defineEnvRule({
  id: 'env/no-proxy-loopback',
  severity: 'warning',
  fixable: false,
  docs: { summary: 'A proxy is set but NO_PROXY does not list localhost and 127.0.0.1, so local calls go through the proxy.' },
  check(scope, report) {
    if (!scope.assignments.some((a) => isProxyVar(a.name) && a.value)) return;
    for (const a of scope.assignments) {
      if (!isNoProxyVar(a.name) || isReference(a.value) || a.value.trim() === '*') continue;
      const entries = a.value.split(/[\s,]+/).map((e) => e.toLowerCase());
      const missing = ['localhost', '127.0.0.1'].filter((h) => !entries.includes(h));
      if (missing.length) report({ at: a, start: a.start, end: a.end, message: `${a.name} lacks ${missing.join(' and ')}: curl, wget, Python and Node send local requests to the proxy (only Go skips it).` });
    }
  },
});
