/**
 * nginx/missing-forwarded-proto: a WebSocket route on a TLS server that does not tell the
 * backend the client used https. The backend then sees plain http, and apps that build their
 * WebSocket URL from it hand the browser `ws://…`, which an https page may not open.
 */
import { findingSignal } from '../../../src/core/websocket/intent';
import { defineRule } from '../../../src/core/rule';
import { headRange, routeLabel, whereIs, type NginxAnalysis } from '../../../src/dialects/nginx/analysis';
import { setHeaderEdits } from '../../../src/dialects/nginx/fixes';

export default defineRule<NginxAnalysis>({
  id: 'nginx/missing-forwarded-proto',
  dialect: 'nginx',
  severity: 'info',
  fixable: 'safe',
  docs: {
    summary: 'A WebSocket route on a TLS server sends no X-Forwarded-Proto: apps build ws:// URLs and browsers block them as mixed content.',
    evidence: ['reported: home-assistant/home-assistant.io#22181, n8n-io/n8n#14653, rancher/rancher#24880'],
  },
  check(ctx) {
    const a = ctx.analysis;
    for (const loc of a.locations) {
      if (!loc.server) continue;
      const intent = a.websocketIntent(loc);
      if (!intent) continue;
      const tls = a.listeners(loc.server).find((l) => l.ssl);
      if (!tls) continue;
      const h = a.headersAt(loc.directive);
      const xfp = h.get('X-Forwarded-Proto');
      if (xfp && xfp.value !== '') continue;
      const fwd = h.get('Forwarded');
      if (fwd && /proto=/i.test(fwd.value)) continue;
      const message = xfp
        ? `${routeLabel(loc.directive, intent)} on a TLS server sets X-Forwarded-Proto to "" (${whereIs(xfp.directive, loc.directive.file)}), which nginx does not send`
        : `${routeLabel(loc.directive, intent)} on a TLS server sends no X-Forwarded-Proto to the backend`;
      ctx.report({
        file: loc.directive.file,
        range: headRange(loc.directive),
        message,
        signal: findingSignal(intent),
        fix: { edits: setHeaderEdits(a, loc.directive, 'X-Forwarded-Proto', '$scheme') },
      });
    }
  },
});
