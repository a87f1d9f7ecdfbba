import { defineEnvRule } from '../../../src/env/rule';

export default defineEnvRule({
  id: 'env/node-tls-reject-unauthorized',
  severity: 'warning',
  fixable: false,
  docs: { summary: 'NODE_TLS_REJECT_UNAUTHORIZED=0 turns off certificate checks for every TLS connection; trust the proxy CA with NODE_EXTRA_CA_CERTS.' },
  check(scope, report) {
    for (const a of scope.assignments) {
      if (a.name === 'NODE_TLS_REJECT_UNAUTHORIZED' && a.value.trim() === '0') {
        report({ at: a, start: a.start, end: a.end, message: 'NODE_TLS_REJECT_UNAUTHORIZED=0 disables TLS verification everywhere; set NODE_EXTRA_CA_CERTS to the proxy CA instead.' });
      }
    }
  },
});
