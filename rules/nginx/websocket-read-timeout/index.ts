/**
 * nginx/websocket-read-timeout: a WebSocket route whose effective proxy_read_timeout (default
 * 60 s) is shorter than the configured minimum. nginx cuts an idle tunnel after exactly that
 * long, with a bare TCP close and nothing logged at the default level.
 */
import { argRange } from '../../../src/core/ast';
import { defineRule, type Fix } from '../../../src/core/rule';
import { parseTime, routeLabel, whereIs, type NginxAnalysis } from '../../../src/dialects/nginx/analysis';
import { insertDirectiveLines } from '../../../src/dialects/nginx/fixes';

const DEFAULT_MS = 60_000;
const TIME = '^([0-9]+(ms|s|m|h|d|w|M|y)?)+$';

export default defineRule<NginxAnalysis>({
  id: 'nginx/websocket-read-timeout',
  dialect: 'nginx',
  severity: 'warning',
  fixable: 'unsafe',
  docs: {
    summary: 'The proxy_read_timeout in force on a WebSocket route (60 s by default) cuts idle WebSockets.',
    evidence: ['observed-on-real-servers.md: nginx, "proxy_read_timeout 5s, client idle 8 s"', 'real-world-failures.md: NGX-READ-TIMEOUT'],
  },
  optionsSchema: {
    type: 'object',
    properties: {
      minimum: { type: 'string', pattern: TIME, description: 'Shortest acceptable proxy_read_timeout on a WebSocket route (nginx time syntax).' },
      suggested: { type: 'string', pattern: TIME, description: 'Value the fix sets (nginx time syntax).' },
    },
    additionalProperties: false,
  },
  defaultOptions: { minimum: '5m', suggested: '1h' },
  check(ctx) {
    return {
      'unit:exit'() {
        const a = ctx.analysis;
        const minimumText = String(ctx.options.minimum);
        const suggested = String(ctx.options.suggested);
        const minimum = parseTime(minimumText);
        if (Number.isNaN(minimum)) return;
        for (const loc of a.locations) {
          const intent = a.websocketIntent(loc);
          if (!intent) continue;
          const d = a.inherited(loc.directive, 'proxy_read_timeout');
          const ms = d ? parseTime(d.args[0] ?? '') : DEFAULT_MS;
          if (Number.isNaN(ms) || ms >= minimum) continue;
          const own = d !== undefined && a.levelOf(d) === loc.directive;
          const value = d ? d.args[0] : '60s';
          const source = !d ? " (nginx's default)" : own ? '' : ` (inherited from the ${d.parent?.key ?? 'top'} level, ${whereIs(d, loc.directive.file)})`;
          const message =
            `${routeLabel(loc.directive, intent)}: proxy_read_timeout is ${value}${source}, below the minimum of ${minimumText}: ` +
            `nginx cuts a WebSocket after ${value} without data from the backend, by a TCP close with no close frame, ` +
            `logged only at [info]; set proxy_read_timeout ${suggested} here (or have the backend send pings)`;
          let fix: Fix | undefined;
          if (own && d!.file === loc.directive.file) {
            fix = { edits: [{ file: d!.file, range: argRange(d!, 0), text: suggested }] };
          } else if (!own) {
            fix = { edits: [insertDirectiveLines(loc.directive, [`proxy_read_timeout ${suggested};`], ['proxy_pass'])] };
          }
          // An own directive in an included file: editing it would change every includer; no fix.
          if (own) ctx.report({ file: d!.file, range: argRange(d!, 0), message, fix });
          else {
            const ld = loc.directive;
            ctx.report({ file: ld.file, range: [ld.spans[0], ld.spans[ld.spans.length - 1]], message, fix });
          }
        }
      },
    };
  },
});
