/**
 * Does a route carry WebSockets, and which signal says so. Findings quote the signal, so users
 * can see why a rule thought a route was a WebSocket route (and silence it if it is not). The
 * vocabulary, comment convention and `websocket.paths` meaning are core/websocket/intent's;
 * httpd adds its own signals: a ws:// target and upgrade=websocket.
 */
import type { Directive } from '../../core/ast';
import type { Settings } from '../../core/settings';
import { COMMENT_REASON, configIntent, markedAbove, markedFirstInBody, pathIntent, type IntentSignal, type WebSocketIntent } from '../../core/websocket/intent';

export type { WebSocketIntent };
export type WebSocketSignal = IntentSignal;

/**
 * The one convention (core/websocket/intent): `# proxylint: websocket` in the run of comment
 * lines right above the route, or first in its block. A ProxyPass inside `<Location>` is the
 * Location's route, so the comments above the section opener and first in its body count too.
 */
export function markedByComment(d: Directive): boolean {
  for (let n: Directive | null = d; n; n = n.parent) {
    if (markedAbove(n.file.text, n.start)) return true;
    if (n !== d && markedFirstInBody(n.children)) return true;
    if (n.parent && n.parent.key !== 'location' && n.parent.key !== 'locationmatch') break;
  }
  return false;
}

export function intentOf(
  d: Directive,
  path: string | null,
  scheme: string,
  upgrade: string | undefined,
  settings: Settings,
): WebSocketIntent | null {
  const app = path !== null ? pathIntent(path)?.app : undefined;
  const withApp = (i: WebSocketIntent): WebSocketIntent => (app && !i.app ? { ...i, app } : i);
  if (scheme === 'ws' || scheme === 'wss') return withApp({ signal: 'scheme', reason: `the target is ${scheme}://` });
  if (upgrade && /(^|,)\s*websocket\s*($|,)/i.test(upgrade)) return withApp({ signal: 'upgrade-param', reason: `it sets upgrade=${upgrade}` });
  if (markedByComment(d)) return withApp({ signal: 'comment', reason: COMMENT_REASON });
  if (path !== null) {
    const c = configIntent(path, settings.websocket.paths);
    if (c) return withApp(c);
    const p = pathIntent(path);
    if (p) return { ...p, reason: `the path ${path} looks like a WebSocket route` };
  }
  return null;
}
