/**
 * Does a route carry WebSockets, and which signal says so. Findings quote the signal, so users
 * can see why a rule thought a route was a WebSocket route (and silence it if it is not). The
 * vocabulary, comment convention and `websocket.paths` meaning are core/websocket/intent's;
 * httpd adds its own signals: a ws:// target and upgrade=websocket.
 */
import type { Directive } from '../../core/ast';
import type { Settings } from '../../core/settings';
import { COMMENT_REASON, configIntent, configuredPath as corePath, markedAbove, pathIntent, pathLooksLikeWebSocket, type IntentSignal, type WebSocketIntent as CoreIntent } from '../../core/websocket/intent';

export type WebSocketSignal = IntentSignal;

export interface WebSocketIntent extends CoreIntent {
  /** The same text as `reason` (the name Apache rules have used). */
  detail: string;
}

function intent(i: CoreIntent): WebSocketIntent {
  return { ...i, detail: i.reason };
}

export function pathLooksWebSocket(p: string): boolean {
  return pathLooksLikeWebSocket(p);
}

/** `# proxylint: websocket` in the comment lines right above the directive (or above its section openers). */
export function markedByComment(d: Directive): boolean {
  for (let n: Directive | null = d; n; n = n.parent) {
    if (markedAbove(n.file.text, n.start)) return true;
    if (n.parent && n.parent.key !== 'location' && n.parent.key !== 'locationmatch') break;
  }
  return false;
}

/** `settings.websocket.paths`: a prefix, or `~regex` (core/websocket/intent). */
export function configuredPath(p: string, settings: Settings): string | undefined {
  return corePath(p, settings.websocket.paths);
}

export function intentOf(
  d: Directive,
  path: string | null,
  scheme: string,
  upgrade: string | undefined,
  settings: Settings,
): WebSocketIntent | null {
  const app = path !== null ? pathIntent(path)?.app : undefined;
  const withApp = (i: CoreIntent): WebSocketIntent => intent(app && !i.app ? { ...i, app } : i);
  if (scheme === 'ws' || scheme === 'wss') return withApp({ signal: 'scheme', reason: `the target is ${scheme}://` });
  if (upgrade && /(^|,)\s*websocket\s*($|,)/i.test(upgrade)) return withApp({ signal: 'upgrade-param', reason: `it sets upgrade=${upgrade}` });
  if (markedByComment(d)) return withApp({ signal: 'comment', reason: COMMENT_REASON });
  if (path !== null) {
    const c = configIntent(path, settings.websocket.paths);
    if (c) return withApp(c);
    const p = pathIntent(path);
    if (p) return intent({ ...p, reason: `the path ${path} looks like a WebSocket route` });
  }
  return null;
}
