/**
 * nginx/event-stream-buffering: a Server-Sent Events route proxied with proxy_buffering on (the
 * default): nginx holds the backend's events in its buffers instead of passing each one on.
 */
import { fitMessage } from '../../../src/core/message';
import { findingSignal } from '../../../src/core/websocket/intent';
import { argRange } from '../../../src/core/ast';
import { defineRule } from '../../../src/core/rule';
import { flagValue, headRange, levelName, whereIs, type LocationInfo, type NginxAnalysis } from '../../../src/dialects/nginx/analysis';
import { pathNamesServerSentEvents } from '../../../src/core/websocket/intent';
import { setDirectiveEdits } from '../../../src/dialects/nginx/fixes';

/** The location relays a client's WebSocket handshake: Upgrade passed on and Connection carrying upgrade. */
function handshakePasses(a: NginxAnalysis, loc: LocationInfo): boolean {
  return a.upgradeHeader(loc.directive).kind === 'ok' && a.connectionHeader(loc.directive).kind === 'ok';
}

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
      // A path word on a working WebSocket route (Upgrade from the client, Connection with
      // upgrade: Taiga's /events to taiga-events): upgraded tunnels are not buffered, and whether
      // the backend also answers plain GETs with an event stream the config does not say.
      const websocket = intent.signal === 'path' && !weak && handshakePasses(a, loc);
      // Too long with where the flag comes from: the flag alone (the rule page says where defaults come from).
      const says = (flag: string) =>
        weak
          ? `${levelName(loc.directive)} buffers (proxy_buffering ${flag}): SSE would be delayed, an MJPEG stream flows`
          : websocket
            ? `${levelName(loc.directive)} buffers (proxy_buffering ${flag}): SSE would be delayed, its WebSockets are not`
            : `${levelName(loc.directive)} buffers an event stream (proxy_buffering ${flag}), which delays its events`;
      const message = fitMessage(says(state), says('on'));
      const severity = weak || websocket ? ('info' as const) : undefined;
      const fix = own && d!.file !== loc.directive.file ? undefined : { edits: setDirectiveEdits(a, loc.directive, 'proxy_buffering', 'off') };
      const sev = severity ? { severity } : {};
      const signal = findingSignal(intent);
      if (own) ctx.report({ file: d!.file, range: argRange(d!, 0), message, fix, signal, ...sev });
      else ctx.report({ file: loc.directive.file, range: headRange(loc.directive), message, fix, signal, ...sev });
    }
  },
});
