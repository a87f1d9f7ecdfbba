import type { Directive } from '../../../src/core/ast';
import { eolOf, indentAt } from '../../../src/core/fixes';
import { defineRule } from '../../../src/core/rule';
import type { SquidAnalysis } from '../../../src/dialects/squid/analysis';

/**
 * The headers a WebSocket handshake needs to cross the proxy, per direction. Connection too:
 * squid applies *_header_access to the `Connection: upgrade` it forwards (observed on Squid 5.7:
 * removed on the request → the backend sees a plain request, 426; on the reply → a 101 without
 * `Connection: upgrade`, which RFC 6455 clients must reject).
 */
const NEEDED: Array<['request' | 'reply', string]> = [
  ['request', 'Upgrade'],
  ['request', 'Connection'],
  ['request', 'Sec-WebSocket-Key'],
  ['request', 'Sec-WebSocket-Version'],
  ['reply', 'Upgrade'],
  ['reply', 'Connection'],
  ['reply', 'Sec-WebSocket-Accept'],
];

export default defineRule<SquidAnalysis>({
  id: 'squid/upgrade-header-denied',
  dialect: 'squid',
  severity: 'error',
  fixable: 'safe',
  docs: {
    summary: 'request_header_access / reply_header_access removes Upgrade or Sec-WebSocket-* headers, so the handshake cannot complete.',
    evidence: [
      'observed: Squid 5.7 `reply_header_access Upgrade deny all` → 101 without Upgrade; `request_header_access Upgrade deny all` → 426',
      'test/e2e/rules/squid/upgrade-header-denied.test.ts: Squid 5.7 `*_header_access All deny all` without allowing Connection → 426 (request) / 101 without Connection (reply)',
    ],
  },
  check(ctx) {
    const a = ctx.analysis;
    const found = new Map<Directive, string[]>();
    for (const [dir, header] of NEEDED) {
      const dec = a.headerAccess(dir, header);
      if (dec.allowed !== false || !dec.decision) continue;
      const rules = dir === 'request' ? a.requestHeaderAccess : a.replyHeaderAccess;
      // No line matched: the list's last line decided by squid's "opposite of the last" rule.
      const list = rules.filter((r) =>
        dec.via === 'all' ? r.header === 'All' : dec.via === 'other' ? r.header === 'Other' : r.header.toLowerCase() === header.toLowerCase(),
      );
      const at = dec.decision.directive ?? list[list.length - 1]?.directive;
      if (!at) continue;
      found.set(at, [...(found.get(at) ?? []), header]);
    }
    for (const [d, headers] of found) {
      const dir = d.key === 'request_header_access' ? 'request' : 'reply';
      // Fix: `<key> <Header> allow all` lines just above the denying line (first match wins;
      // observed on Squid 5.7: 101 + echo with them, see test/e2e/fix).
      const text = d.file.text;
      let lineStart = d.start;
      while (lineStart > 0 && text[lineStart - 1] !== '\n') lineStart--;
      const indent = indentAt(d.file, d.start);
      const eol = eolOf(d.file);
      const fix = { edits: [{ file: d.file, range: [lineStart, lineStart] as [number, number], text: headers.map((h) => `${indent}${d.name} ${h} allow all${eol}`).join('') }] };
      ctx.report({
        node: d,
        fix,
        signal: a.listenerSignal,
        // A forward-only proxy carries WebSockets in CONNECT tunnels, which header lists never touch.
        ...(a.forwardOnly ? { severity: 'info' as const } : {}),
        message: a.forwardOnly
          ? `${d.key} removes ${list(headers)} from the ${dir}: handshakes outside CONNECT fail`
          : `${d.key} removes ${list(headers)} from the ${dir}, so the handshake fails (${dir === 'request' ? '426' : 'no 101'})`,
      });
    }
  },
});

function list(headers: string[]): string {
  return headers.length > 2 ? `${headers.slice(0, 2).join(', ')} and ${headers.length - 2} more` : headers.join(', ');
}
