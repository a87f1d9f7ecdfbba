/**
 * nginx/websocket-read-timeout: the proxy_read_timeout in force on a WebSocket route against the
 * application's heartbeat. nginx cuts an upgraded connection after proxy_read_timeout without
 * data from the backend (a bare TCP close, logged only at [info]); a heartbeat inside the limit
 * keeps it open. The policy is core/websocket/idle's, the same as Apache's and HAProxy's rules.
 */
import { fitMessage } from '../../../src/core/message';
import { findingSignal } from '../../../src/core/websocket/intent';
import { argRange } from '../../../src/core/ast';
import { parseDuration } from '../../../src/core/duration';
import { defineRule, type Fix } from '../../../src/core/rule';
import { heartbeatOf, judgeIdleLimit, verdictWords } from '../../../src/core/websocket/idle';
import { argAt, levelName, whereIs, type NginxAnalysis } from '../../../src/dialects/nginx/analysis';
import { insertDirectiveLines } from '../../../src/dialects/nginx/fixes';

const DEFAULT_MS = 60_000;
const TIME = '^([0-9]+(ms|s|m|h|d|w|M|y)?)+$';

export default defineRule<NginxAnalysis>({
  id: 'nginx/websocket-read-timeout',
  dialect: 'nginx',
  severity: 'warning',
  fixable: 'unsafe',
  docs: {
    summary: "A WebSocket route's proxy_read_timeout is shorter than the application's heartbeat, or than any common one.",
    evidence: ['observed: nginx, "proxy_read_timeout 5s, client idle 8 s"', 'reported: kubernetes/ingress-nginx#2917, websockets/ws#2283'],
  },
  optionsSchema: {
    type: 'object',
    properties: {
      minimum: {
        type: 'string',
        pattern: TIME,
        description: 'An explicit proxy_read_timeout below this is a warning when no heartbeat is known (nginx time syntax).',
      },
      suggested: { type: 'string', pattern: TIME, description: 'Value the fix sets (nginx time syntax).' },
    },
    additionalProperties: false,
  },
  defaultOptions: { minimum: '30s', suggested: '1h' },
  check(ctx) {
    const a = ctx.analysis;
    const suggested = String(ctx.options.suggested);
    const minimum = parseDuration(String(ctx.options.minimum), 'nginx');
    if (minimum === null) return;
    for (const loc of a.locations) {
      const intent = a.websocketIntent(loc);
      if (!intent) continue;
      const d = a.inherited(loc.directive, 'proxy_read_timeout');
      const ms = d ? parseDuration(argAt(d, 0) ?? '', 'nginx') : DEFAULT_MS;
      if (ms === null) continue;
      const verdict = judgeIdleLimit(ms, d !== undefined, heartbeatOf(loc.path, a.appOf(loc), ctx.settings), minimum, DEFAULT_MS);
      if (verdict.kind === 'ok') continue;
      const own = d !== undefined && a.levelOf(d) === loc.directive;
      const limit = !d
        ? 'default proxy_read_timeout 60s'
        : `proxy_read_timeout ${d.args[0]}${own ? '' : ` (${d.parent?.key ?? 'top'} level, ${whereIs(d, loc.directive.file)})`}`;
      // A long location pattern leaves the sentence no room: the finding points at the location.
      const message = fitMessage(`${levelName(loc.directive)}: ${verdictWords(verdict, limit, ms)}`, `this location: ${verdictWords(verdict, limit, ms)}`);
      let fix: Fix | undefined;
      if (own && d!.file === loc.directive.file) {
        fix = { edits: [{ file: d!.file, range: argRange(d!, 0), text: suggested }] };
      } else if (!own) {
        fix = { edits: [insertDirectiveLines(loc.directive, [`proxy_read_timeout ${suggested};`], ['proxy_pass'])] };
      }
      // An own directive in an included file: editing it would change every includer; no fix.
      const at = own
        ? { file: d!.file, range: argRange(d!, 0) }
        : { file: loc.directive.file, range: [loc.directive.spans[0], loc.directive.spans[loc.directive.spans.length - 1]] as [number, number] };
      ctx.report({ ...at, message, fix, severity: verdict.severity, signal: findingSignal(intent) });
    }
  },
});
