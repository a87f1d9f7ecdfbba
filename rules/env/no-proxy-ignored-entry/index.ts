import { defineEnvRule, isNoProxyVar, isReference, listEntries } from '../../../src/env/rule';
import { isCidr } from '../../../src/env/ip';

export default defineEnvRule({
  id: 'env/no-proxy-ignored-entry',
  severity: 'warning',
  fixable: false,
  docs: { summary: 'NO_PROXY entries that some clients ignore: CIDR ranges, `*.` wildcards, blank-separated lists.' },
  check(scope, report) {
    for (const a of scope.assignments) {
      if (!isNoProxyVar(a.name) || isReference(a.value)) continue;
      for (const { text: e, start: s } of listEntries(a)) {
        if (e.includes('/') && isCidr(e)) {
          report({ at: a, start: s, end: s + e.length, message: `"${e}": wget, Node, undici, proxy-from-env and httpx ignore CIDR ranges (curl, Go and requests honour them).` });
        } else if (e.startsWith('*.')) {
          report({ at: a, start: s, end: s + e.length, message: `"${e}": curl, wget, requests and httpx never match "*." entries; write "${e.slice(1)}".` });
        }
      }
      const blank = /[^,\s]\s+[^,\s]/.exec(a.value);
      if (blank) {
        const s = a.start + blank.index + 1;
        report({ at: a, start: s, end: s + blank[0].length - 2, message: `${a.name} separates entries with blanks: Go, wget, Python and curl 8.9+ read it as one entry; use commas.` });
      }
    }
  },
});
