/**
 * What a plain request dressed as a handshake — `Upgrade: websocket` and `Connection: upgrade`
 * both hard-coded by the proxy — gets from each server family, measured behind nginx 1.22.1
 * (test/e2e/rules/nginx/hardcoded-upgrade-backends.test.ts: plain GET and POST on a path that is
 * not the WebSocket route). Families that hand every such request to their WebSocket code refuse
 * it; families that route first and upgrade only in the WebSocket handler serve it.
 */
import type { ServerFamily } from './apps';

export interface PlainHandshakeOutcome {
  outcome: 'refused' | 'served';
  /** The family, for messages. */
  stack: string;
  /** What was measured. */
  measured: string;
}

export const PLAIN_HANDSHAKE: Record<ServerFamily, PlainHandshakeOutcome> = {
  // Node's http server emits 'upgrade' instead of 'request' for it, and ws, ws noServer behind a
  // path check and Socket.IO listen for every upgrade.
  node: { outcome: 'refused', stack: 'Node', measured: 'ws 8.23 400 / 405 (with or without path), ws noServer 502, Socket.IO 4.8 502' },
  // uvicorn upgrades on the headers before routing (websockets: "missing Sec-WebSocket-Key").
  uvicorn: { outcome: 'refused', stack: 'uvicorn', measured: 'Starlette 0.26 on uvicorn 0.17.6 (websockets 10.4) 400' },
  go: { outcome: 'served', stack: 'Go net/http', measured: 'net/http (Go 1.19) and gorilla/websocket 1.5.0 200' },
  aiohttp: { outcome: 'served', stack: 'aiohttp', measured: 'aiohttp 3.8.4 200' },
  tornado: { outcome: 'served', stack: 'Tornado', measured: 'Tornado 6.2 200' },
};
