import { defineEnvRule, isReference, proxyAssignments } from '../../../src/env/rule';

const KNOWN = new Set(['http', 'https', 'socks4', 'socks4a', 'socks5', 'socks5h', 'socks']);

export default defineEnvRule({
  id: 'env/proxy-url-scheme',
  severity: 'warning',
  fixable: false,
  docs: { summary: 'A proxy URL without a scheme, or with one the clients do not support.' },
  check(scope, report) {
    for (const a of proxyAssignments(scope)) {
      if (isReference(a.value)) continue;
      const m = /^([a-z][a-z0-9+.-]*):\/\//i.exec(a.value);
      if (!m) {
        report({ at: a, start: a.start, end: a.end, message: `${a.name} has no scheme: Node and undici reject it, proxy-from-env guesses; write http://${a.value.replace(/^\/\//, '')}.` });
      } else if (!KNOWN.has(m[1].toLowerCase())) {
        report({ at: a, start: a.start, end: a.start + m[0].length, message: `${a.name} uses "${m[1]}://", which no common client supports as a proxy (http://, https://, socks5h://).` });
      }
    }
  },
});
