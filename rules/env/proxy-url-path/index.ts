import { defineEnvRule, isReference, proxyAssignments } from '../../../src/env/rule';

export default defineEnvRule({
  id: 'env/proxy-url-path',
  severity: 'warning',
  fixable: false,
  docs: { summary: 'A proxy URL with a path, query or trailing text after host:port (undici and Node fetch refuse it).' },
  check(scope, report) {
    for (const a of proxyAssignments(scope)) {
      if (isReference(a.value)) continue;
      const m = /^([a-z][a-z0-9+.-]*:\/\/[^/?#\s]*)(\S*)/i.exec(a.value);
      if (!m || !m[2] || m[2] === '/') continue;
      const s = a.start + m[1].length;
      report({ at: a, start: s, end: a.end, message: `${a.name} has "${m[2].slice(0, 40)}" after host:port: undici and Node's fetch reject the URL (invalid url); drop it.` });
    }
  },
});
