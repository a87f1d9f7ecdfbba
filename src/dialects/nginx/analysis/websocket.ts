/**
 * Does a location carry WebSockets, and why? Findings name the signal, so a user who disagrees
 * knows what to change (a `# proxylint: websocket` comment, `websocket.paths` in config, the path).
 */
import type { Directive, Node } from '../../../core/ast';
import { configuredPath, isWebSocketMarker } from '../../../core/websocket/intent';

export type { IntentSignal, WebSocketIntent } from '../../../core/websocket/intent';
export { pathLooksLikeWebSocket } from '../../../core/websocket/intent';

const positions = new WeakMap<Node[], Map<Node, number>>();

/** `list.indexOf(n)`, indexed once per list (a server with hundreds of locations asks for each). */
function indexIn(list: Node[], n: Node): number {
  if (list.length < 32) return list.indexOf(n);
  let m = positions.get(list);
  if (!m) {
    m = new Map();
    for (let i = list.length - 1; i >= 0; i--) m.set(list[i], i);
    positions.set(list, m);
  }
  return m.get(n) ?? -1;
}

/**
 * A marker comment in the run of comments just before the node, or first in its body (the
 * convention of core/websocket/intent, on nginx's comment nodes).
 */
function markedBy(d: Directive, siblings: Node[] | undefined, test: (text: string) => boolean): boolean {
  if (siblings) {
    for (let j = indexIn(siblings, d) - 1; j >= 0; j--) {
      const n = siblings[j];
      if (n.type !== 'comment') break;
      if (test(n.text)) return true;
    }
  }
  for (const n of d.children ?? []) {
    if (n.type !== 'comment') break;
    if (test(n.text)) return true;
  }
  return false;
}

/** `# proxylint: websocket` before the node or first in its body. */
export function markedByComment(d: Directive, siblings: Node[] | undefined): boolean {
  return markedBy(d, siblings, isWebSocketMarker);
}

/** `websocket.paths` entries (and the event-stream rule's paths option): see core/websocket/intent. */
export const matchesConfiguredPath = configuredPath;

/** Path segments that name Server-Sent Events / streaming endpoints. */
const EVENT_STREAM_SEGMENT = /(^|[/^\\(|])(events|sse|stream|event-stream|eventsource)(?=$|[/?$.)|\\-])/i;

export function pathLooksLikeEventStream(path: string): boolean {
  return EVENT_STREAM_SEGMENT.test(path);
}

/** The SSE words alone: a bare /stream also names MJPEG, video and log streams. */
const SSE_SEGMENT = /(^|[/^\\(|])(events|sse|event-stream|eventsource)(?=$|[/?$.)|\\-])/i;

/** Does the path name Server-Sent Events specifically (not only a `/stream`)? */
export function pathNamesServerSentEvents(path: string): boolean {
  return SSE_SEGMENT.test(path);
}

/** A `# proxylint: event-stream` comment just before the node or first in its body. */
export function markedAsEventStream(d: Directive, siblings: Node[] | undefined): boolean {
  return markedBy(d, siblings, isEventStreamMarker);
}

const EVENT_STREAM_MARKER = /proxylint:\s*event-stream\b/;

/** One regex for the whole run (a literal inside the callback was a new RegExp per location). */
function isEventStreamMarker(text: string): boolean {
  return EVENT_STREAM_MARKER.test(text);
}
