import { defineEnvRule, isNoProxyVar, isProxyVar, isReference } from '../../../src/env/rule';

export default defineEnvRule({
  id: 'env/k8s-no-proxy-cluster',
  severity: 'warning',
  fixable: false,
  docs: { summary: 'A Kubernetes container with a proxy whose NO_PROXY lacks .svc and .cluster.local, so in-cluster calls go to the proxy.' },
  check(scope, report) {
    if (!scope.k8s || !scope.assignments.some((a) => isProxyVar(a.name) && a.value)) return;
    const np = scope.assignments.filter((a) => isNoProxyVar(a.name));
    const proxy = scope.assignments.find((a) => isProxyVar(a.name) && a.value)!;
    if (np.length === 0) {
      report({ at: proxy, start: proxy.nameStart, end: proxy.nameEnd, message: `${proxy.name} is set without NO_PROXY: service calls (.svc, .cluster.local) go to the proxy.` });
      return;
    }
    for (const a of np) {
      if (isReference(a.value)) continue;
      const entries = a.value.split(/[\s,]+/).map((e) => e.toLowerCase().replace(/^\*/, ''));
      const missing = ['.svc', '.cluster.local'].filter((d) => !entries.includes(d) && !entries.includes(d.slice(1)));
      if (missing.length) report({ at: a, start: a.start, end: a.end, message: `${a.name} lacks ${missing.join(' and ')}: in-cluster service calls go to the proxy.` });
    }
  },
});
