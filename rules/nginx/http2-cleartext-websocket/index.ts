/**
 * nginx/http2-cleartext-websocket: a server serving a WebSocket route on a port that nginx
 * (before 1.25.1) runs as cleartext HTTP/2 only. HTTP/1.1 clients, which every browser is when
 * it opens a WebSocket, get raw HTTP/2 frames and a GOAWAY.
 */
import { findingSignal } from '../../../src/core/websocket/intent';
import { argRange } from '../../../src/core/ast';
import { defineRule, type Fix } from '../../../src/core/rule';
import { beforeRange, SINCE } from '../../../src/core/versions';
import { listenAddress, listenParamIndex, routeLabel, whereIs, type NginxAnalysis } from '../../../src/dialects/nginx/analysis';

export default defineRule<NginxAnalysis>({
  id: 'nginx/http2-cleartext-websocket',
  dialect: 'nginx',
  severity: 'error',
  fixable: 'unsafe',
  // 1.25.1 sniffs the HTTP/2 preface on cleartext ports and serves HTTP/1.x otherwise.
  versions: { nginx: beforeRange(SINCE.nginx.http2Directive) },
  docs: {
    summary: 'A WebSocket route is served on a cleartext HTTP/2 port (listen … http2 without ssl): HTTP/1.1 clients get HTTP/2 frames.',
    evidence: ['observed: nginx, "listen … http2; without ssl (cleartext h2)"', 'reported: NginxProxyManager/nginx-proxy-manager#5503, tg123/websockify-nginx-module#24'],
  },
  check(ctx) {
    const a = ctx.analysis;
    for (const server of a.servers) {
      const ws = a.locationsOf(server).find((l) => a.websocketIntent(l));
      if (!ws) continue;
      const intent = a.websocketIntent(ws)!;
      for (const { listen, cause, shared } of a.cleartextHttp2(server)) {
        const address = listenAddress(listen);
        const label = routeLabel(ws.directive, intent);
        // The cause is a `listen … http2` (`http2 on;` does not exist before 1.25.1: see cleartextHttp2).
        const message = shared
          ? `${label} is served on ${address}, made cleartext HTTP/2-only by another server's listen (${whereIs(cause, listen.file)})`
          : `${label} is served on ${address}, a cleartext HTTP/2-only port (http2 without ssl)`;
        // The cause's http2 parameter (after its address: cleartextHttp2 counts no other).
        const i = listenParamIndex(cause, 'http2');
        // Drop " http2" from the listen: h2c clients with prior knowledge (rare) lose HTTP/2, hence unsafe.
        const [, prevEnd] = argRange(cause, i - 1);
        const [, end] = argRange(cause, i);
        const fix: Fix = { edits: [{ file: cause.file, range: [prevEnd, end], text: '' }] };
        const at = shared ? argRange(listen, 0) : argRange(cause, i);
        ctx.report({ file: shared ? listen.file : cause.file, range: at as [number, number], message, fix, signal: findingSignal(intent) });
      }
    }
  },
});
