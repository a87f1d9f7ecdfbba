import { defineEnvRule, isReference, proxyAssignments } from '../../../src/env/rule';

export default defineEnvRule({
  id: 'env/proxy-userinfo-encoding',
  severity: 'error',
  fixable: false,
  docs: { summary: 'Characters in a proxy URL\'s user name or password that must be percent-encoded (@ # / ? : space %).' },
  check(scope, report) {
    for (const a of proxyAssignments(scope)) {
      if (isReference(a.value)) continue;
      const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(a.value)?.[0] ?? '';
      const rest = a.value.slice(scheme.length);
      const at = rest.lastIndexOf('@');
      // Stryker disable next-line EqualityOperator: at 0 the userinfo is empty and has nothing to flag
      if (at < 0) continue;
      const userinfo = rest.slice(0, at);
      // A ':' is allowed anywhere in userinfo (RFC 3986: the first one ends the user name).
      const bad = /[@#/?\s]|%(?![0-9a-f]{2})/i.exec(userinfo);
      if (!bad) continue;
      const ch = bad[0] === ' ' ? 'a space' : `"${bad[0]}"`;
      const s = a.start + scheme.length;
      report({ at: a, start: s, end: s + userinfo.length, message: `${a.name}: ${ch} in the user name or password must be percent-encoded, or clients cut the URL there.` });
    }
  },
});
