import { defineEnvRule, isReference, proxyAssignments } from '../../../src/env/rule';

export default defineEnvRule({
  id: 'env/proxy-credentials',
  severity: 'error',
  fixable: false,
  docs: { summary: 'A proxy URL with a user name or password written into the file.' },
  check(scope, report) {
    for (const a of proxyAssignments(scope)) {
      const m = /^([a-z][a-z0-9+.-]*:\/\/)?([^/?#\s]*)@[^@]*$/i.exec(a.value) ?? /^([a-z][a-z0-9+.-]*:\/\/)?(.*)@/i.exec(a.value);
      if (!m || isReference(m[2])) continue;
      const s = a.start + (m[1]?.length ?? 0);
      const where = scope.kind === 'dockerfile' ? ' (every image layer keeps it)' : '';
      report({ at: a, start: s, end: s + m[2].length, message: `${a.name} carries credentials in the URL${where}; pass them from a secret at run time.` });
    }
  },
});
