/**
 * Does a location carry WebSockets, and why? Findings name the signal, so a user who disagrees
 * knows what to change (a `# proxylint: websocket` comment, `websocket.paths` in config, the path).
 */
import type { Directive, Node } from '../../../core/ast';
import { lazyPerObject } from '../../../core/lazy';
import { isEventStreamMarker, isWebSocketMarker, markedFirstInBody } from '../../../core/websocket/intent';

export type { IntentSignal, WebSocketIntent } from '../../../core/websocket/intent';
export { pathLooksLikeWebSocket } from '../../../core/websocket/intent';

const positions = lazyPerObject((list: Node[]): Map<Node, number> => {
  const m = new Map<Node, number>();
  for (let i = list.length - 1; i >= 0; i--) m.set(list[i], i);
  return m;
});

/** `list.indexOf(n)`, indexed once per list (a server with hundreds of locations asks for each). */
function indexIn(list: Node[], n: Node): number {
  if (list.length < 32) return list.indexOf(n);
  return positions(list).get(n) ?? -1;
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
  return markedFirstInBody(d.children, test);
}

/** `# proxylint: websocket` before the node or first in its body. */
export function markedByComment(d: Directive, siblings: Node[] | undefined): boolean {
  return markedBy(d, siblings, isWebSocketMarker);
}

/** A `# proxylint: event-stream` comment just before the node or first in its body. */
export function markedAsEventStream(d: Directive, siblings: Node[] | undefined): boolean {
  return markedBy(d, siblings, isEventStreamMarker);
}
