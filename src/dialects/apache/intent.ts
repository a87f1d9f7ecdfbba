/**
 * Does a route carry WebSockets, and which signal says so. Findings quote the signal, so users
 * can see why a rule thought a route was a WebSocket route (and silence it if it is not).
 */
import type { Directive } from '../../core/ast';
import type { Settings } from '../../core/settings';

export type WebSocketSignal = 'scheme' | 'upgrade-param' | 'upgrade-cond' | 'comment' | 'config' | 'path';

export interface WebSocketIntent {
  signal: WebSocketSignal;
  /** Human-readable reason, e.g. "the target is ws://", "the path /socket.io looks like a WebSocket route". */
  detail: string;
}

/** Path segments WebSocket endpoints conventionally use. */
const WS_PATH = /(?:^|[/^(|])(?:ws|wss|websockets?|socket\.io|socket\\\.io|sockjs(?:-node)?|cable|hubs?|signalr|live|socket|sockets|realtime|subscriptions|graphql-ws|_stcore)(?=$|[/?._\-$)(|\\]|\/)/i;

export function pathLooksWebSocket(p: string): boolean {
  return WS_PATH.test(p);
}

/** `# proxylint: websocket` on the line right above the directive (or above its section opener). */
export function markedByComment(d: Directive): boolean {
  for (let n: Directive | null = d; n; n = n.parent) {
    if (commentAbove(n)) return true;
    if (n.parent && n.parent.key !== 'location' && n.parent.key !== 'locationmatch') break;
  }
  return false;
}

function commentAbove(d: Directive): boolean {
  const t = d.file.text;
  const lineStart = t.lastIndexOf('\n', d.start - 1) + 1;
  if (lineStart === 0) return false;
  const prevStart = t.lastIndexOf('\n', lineStart - 2) + 1;
  const prev = t.slice(prevStart, lineStart - 1).trim();
  return /^#\s*proxylint:\s*websocket\b/i.test(prev);
}

/** `settings.websocket.paths`: a prefix, or `~regex`. */
export function configuredPath(p: string, settings: Settings): string | undefined {
  for (const entry of settings.websocket.paths) {
    if (entry.startsWith('~')) {
      try {
        if (new RegExp(entry.slice(1)).test(p)) return entry;
      } catch {
        /* a bad pattern matches nothing */
      }
    } else if (p === entry || p.startsWith(entry.endsWith('/') ? entry : entry + '/')) return entry;
  }
  return undefined;
}

export function intentOf(
  d: Directive,
  path: string | null,
  scheme: string,
  upgrade: string | undefined,
  settings: Settings,
): WebSocketIntent | null {
  if (scheme === 'ws' || scheme === 'wss') return { signal: 'scheme', detail: `the target is ${scheme}://` };
  if (upgrade && /(^|,)\s*websocket\s*($|,)/i.test(upgrade)) return { signal: 'upgrade-param', detail: `it sets upgrade=${upgrade}` };
  if (markedByComment(d)) return { signal: 'comment', detail: 'a "# proxylint: websocket" comment marks it' };
  if (path !== null) {
    const c = configuredPath(path, settings);
    if (c) return { signal: 'config', detail: `websocket.paths lists ${c}` };
    if (pathLooksWebSocket(path)) return { signal: 'path', detail: `the path ${path} looks like a WebSocket route` };
  }
  return null;
}
