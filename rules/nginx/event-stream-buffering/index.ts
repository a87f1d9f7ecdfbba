/**
 * nginx/event-stream-buffering: a Server-Sent Events route proxied with proxy_buffering on (the
 * default): nginx holds the backend's events in its buffers instead of passing each one on.
 */
import { fitMessage } from '../../../src/core/message';
import { findingSignal } from '../../../src/core/websocket/intent';
import { argRange } from '../../../src/core/ast';
import { defineRule } from '../../../src/core/rule';
import { flagValue, headRange, levelName, whereIs, type NginxAnalysis } from '../../../src/dialects/nginx/analysis';
import { pathNamesServerSentEvents } from '../../../src/core/websocket/intent';
import { setDirectiveEdits } from '../../../src/dialects/nginx/fixes';

export default defineRule<NginxAnalysis>({
  id: 'nginx/event-stream-buffering',
  dialect: 'nginx',
  severity: 'warning',
  fixable: 'unsafe',
  docs: {
    summary: 'An event-stream (SSE) route is proxied with proxy_buffering on (the default): events are delayed or never delivered.',
    evidence: ['reported: halcy/Mastodon.py#399'],
  },
  optionsSchema: {
    type: 'object',
    properties: {
      paths: {
        type: 'array',
        items: { type: 'string' },
        description: 'Location paths (prefixes, or ~regex) that serve event streams, besides /events, /sse, /stream and # proxylint: event-stream.',
      },
    },
    additionalProperties: false,
  },
  defaultOptions: { paths: [] },
  check(ctx) {
    const a = ctx.analysis;
    const paths = (ctx.options.paths as string[]) ?? [];
    for (const loc of a.locations) {
      const intent = a.eventStreamIntent(loc, paths);
      if (!intent) continue;
      const d = a.inherited(loc.directive, 'proxy_buffering');
      if (d && flagValue(d) === false) continue; // nginx reads flags ignoring case: OFF is off
      const own = d !== undefined && a.levelOf(d) === loc.directive;
      const state = !d ? "on (nginx's default)" : own ? 'on' : `on (${d.parent?.key ?? 'top'} level, ${whereIs(d, loc.directive.file)})`;
      // A bare /stream also names MJPEG (uStreamer), video and log streams: frames that fill
      // nginx's buffers keep flowing, so only SSE words, a comment or the option make a claim.
      const weak = intent.signal === 'path' && !pathNamesServerSentEvents(loc.path);
      // Too long with where the flag comes from: the flag alone (the rule page says where defaults come from).
      const message = weak
        ? fitMessage(`${levelName(loc.directive)} buffers (proxy_buffering ${state}): SSE would be delayed, an MJPEG stream flows`, `${levelName(loc.directive)} buffers (proxy_buffering on): SSE would be delayed, an MJPEG stream flows`)
        : fitMessage(`${levelName(loc.directive)} buffers an event stream (proxy_buffering ${state}), which delays its events`, `${levelName(loc.directive)} buffers an event stream (proxy_buffering on), which delays its events`);
      const severity = weak ? ('info' as const) : undefined;
      const fix = own && d!.file !== loc.directive.file ? undefined : { edits: setDirectiveEdits(a, loc.directive, 'proxy_buffering', 'off') };
      const sev = severity ? { severity } : {};
      const signal = findingSignal(intent);
      if (own) ctx.report({ file: d!.file, range: argRange(d!, 0), message, fix, signal, ...sev });
      else ctx.report({ file: loc.directive.file, range: headRange(loc.directive), message, fix, signal, ...sev });
    }
  },
});
