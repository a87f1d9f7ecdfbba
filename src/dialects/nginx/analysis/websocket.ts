/**
 * Does a location carry WebSockets, and why? Findings name the signal, so a user who disagrees
 * knows what to change (a `# proxylint: websocket` comment, `websocket.paths` in config, the path).
 */
import type { Directive, Node } from '../../../core/ast';

export type IntentSignal = 'comment' | 'config' | 'headers' | 'path';

export interface WebSocketIntent {
  signal: IntentSignal;
  /** Human explanation: "its path /ws looks like a WebSocket endpoint". */
  reason: string;
}

/** Path segments that name WebSocket endpoints in the frameworks people proxy. */
const WS_SEGMENT =
  /(^|[/^\\(|])(ws|wss|websockets?|socket\.io|socket\\\.io|sockjs|sockets?|cable|hubs?|signalr|live|realtime|graphql-ws|subscriptions|_next\/webpack-hmr|webpack-hmr|hmr|vite-hmr|wsapp|websockify|ttyd|terminal|stomp|mqtt|xterm\.js)(?=$|[/?$.)|\\-])/i;

export function pathLooksLikeWebSocket(path: string): boolean {
  return WS_SEGMENT.test(path);
}

/** A `# proxylint: websocket` comment just before the node or first in its body. */
export function markedByComment(d: Directive, siblings: Node[] | undefined): boolean {
  const re = /proxylint:\s*websocket\b/;
  if (siblings) {
    const i = siblings.indexOf(d);
    for (let j = i - 1; j >= 0; j--) {
      const n = siblings[j];
      if (n.type !== 'comment') break;
      if (re.test(n.text)) return true;
    }
  }
  for (const n of d.children ?? []) {
    if (n.type !== 'comment') break;
    if (re.test(n.text)) return true;
  }
  return false;
}

/** `websocket.paths` entries: a prefix (`/live/`) or a regex written `~^/api/.*\/ws$`. */
export function matchesConfiguredPath(locationPath: string, configured: string[]): string | undefined {
  for (const p of configured) {
    if (p.startsWith('~')) {
      try {
        if (new RegExp(p.slice(1)).test(locationPath)) return p;
      } catch {
        /* schema validation reports bad patterns */
      }
    } else if (locationPath === p || locationPath.startsWith(p) || p.startsWith(locationPath.replace(/\/$/, '') + '/')) {
      if (locationPath !== '/' || p === '/') return p;
    }
  }
  return undefined;
}

/** Path segments that name Server-Sent Events / streaming endpoints. */
const EVENT_STREAM_SEGMENT = /(^|[/^\\(|])(events|sse|stream|event-stream|eventsource)(?=$|[/?$.)|\\-])/i;

export function pathLooksLikeEventStream(path: string): boolean {
  return EVENT_STREAM_SEGMENT.test(path);
}

/** A `# proxylint: event-stream` comment just before the node or first in its body. */
export function markedAsEventStream(d: Directive, siblings: Node[] | undefined): boolean {
  const re = /proxylint:\s*event-stream\b/;
  if (siblings) {
    for (let j = siblings.indexOf(d) - 1; j >= 0; j--) {
      const n = siblings[j];
      if (n.type !== 'comment') break;
      if (re.test(n.text)) return true;
    }
  }
  for (const n of d.children ?? []) {
    if (n.type !== 'comment') break;
    if (re.test(n.text)) return true;
  }
  return false;
}
