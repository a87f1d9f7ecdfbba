/**
 * Does a location carry WebSockets, and why? Findings name the signal, so a user who disagrees
 * knows what to change (a `# proxylint: websocket` comment, `websocket.paths` in config, the path).
 */
import type { Directive, SourceFile } from '../../../core/ast';
import { lazyPerObject } from '../../../core/lazy';
import { isEventStreamMarker, isWebSocketMarker, markedAbove, markedFirstInBody } from '../../../core/websocket/intent';

export type { IntentSignal, WebSocketIntent } from '../../../core/websocket/intent';
export { pathLooksLikeWebSocket } from '../../../core/websocket/intent';

/**
 * A marker in the run of comment lines directly above the node, or first in its body: the
 * convention of core/websocket/intent, as Apache and HAProxy read it.
 */
function markedBy(d: Directive, test: (text: string) => boolean): boolean {
  if (!mayHoldMarker(d.file)) return false;
  return markedAbove(d.file.text, d.start, test) || markedFirstInBody(d.children, test);
}

/**
 * Every marker says `proxylint:` (either case), in a comment of the block's own file: a file
 * without it marks nothing, and its locations' comment lines are never sliced and tested (one
 * native scan per file instead of one per location: 8,750 on the generated 70k-line config).
 */
const mayHoldMarker = lazyPerObject((file: SourceFile): boolean => /proxylint:/i.test(file.text));

/** `# proxylint: websocket` before the node or first in its body. */
export function markedByComment(d: Directive): boolean {
  return markedBy(d, isWebSocketMarker);
}

/** A `# proxylint: event-stream` comment just before the node or first in its body. */
export function markedAsEventStream(d: Directive): boolean {
  return markedBy(d, isEventStreamMarker);
}
