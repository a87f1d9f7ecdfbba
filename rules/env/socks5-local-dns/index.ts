import { defineEnvRule, proxyAssignments } from '../../../src/env/rule';

export default defineEnvRule({
  id: 'env/socks5-local-dns',
  severity: 'info',
  fixable: false,
  docs: { summary: 'socks5:// resolves names locally before the proxy; socks5h:// lets the proxy resolve them.' },
  check(scope, report) {
    for (const a of proxyAssignments(scope)) {
      if (/^socks5:\/\//i.test(a.value)) {
        report({ at: a, start: a.start, end: a.start + 6, message: `${a.name} uses socks5://: names are resolved here, not by the proxy; use socks5h:// where internal names only resolve there.` });
      }
    }
  },
});
