import { defineEnvRule, isReference } from '../../../src/env/rule';

/** Which clients read which spelling (src/env/clients/*.ts). */
const READERS: Record<string, { lower: string; upper: string }> = {
  http_proxy: { lower: 'curl, wget, Node, undici, Python', upper: 'Go' },
  https_proxy: { lower: 'curl, wget, Node, undici, Python', upper: 'Go' },
  no_proxy: { lower: 'curl, wget, Node, undici, Python', upper: 'Go' },
  all_proxy: { lower: 'curl, Python, proxy-from-env', upper: 'curl and Python only when all_proxy is unset' },
};

export default defineEnvRule({
  id: 'env/proxy-case-conflict',
  severity: 'warning',
  fixable: false,
  docs: { summary: 'Lower- and upper-case proxy variables that disagree, or an empty one that hides the other for some clients.' },
  check(scope, report) {
    const seen = new Map<string, { lower?: (typeof scope.assignments)[0]; upper?: (typeof scope.assignments)[0] }>();
    for (const a of scope.assignments) {
      const key = a.name.toLowerCase();
      if (!READERS[key]) continue;
      const e = seen.get(key) ?? {};
      if (a.name === key) e.lower = a;
      else if (a.name === key.toUpperCase()) e.upper = a;
      seen.set(key, e);
    }
    for (const [key, { lower, upper }] of seen) {
      if (!lower || !upper || lower.value === upper.value || isReference(lower.value) || isReference(upper.value)) continue;
      const r = READERS[key];
      if (lower.value === '' || upper.value === '') {
        const empty = lower.value === '' ? lower : upper;
        const other = empty === lower ? upper : lower;
        report({ at: empty, start: empty.nameStart, end: empty.nameEnd, message: `${empty.name} is empty but ${other.name} is set: undici and Python treat the empty ${key} as "no proxy", others use ${other.name}.` });
      } else {
        report({ at: upper, start: upper.nameStart, end: upper.nameEnd, message: `${upper.name} and ${lower.name} differ: ${upper.name} is read by ${r.upper}, ${lower.name} by ${r.lower}.` });
      }
    }
  },
});
