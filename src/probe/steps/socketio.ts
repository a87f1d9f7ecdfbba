/**
 * The --socketio step: an Engine.IO handshake over the websocket transport, as socket.io-client
 * does with `transports: ['websocket']`. Engine.IO v4 (socket.io 3/4) first, then v3 (socket.io 2);
 * a server that speaks the other version answers `400 {"code":5,"message":"Unsupported protocol
 * version"}`, which is the client/server version mismatch people meet.
 */
import { clientFrame, OP } from '../frames';
import { readResponse, type HttpResponse } from '../http';
import type { Reader } from '../reader';
import { nextFrame } from './echo';

/** The Engine.IO path and query for one protocol version. */
export function engineIoTarget(url: URL, eio: 3 | 4): string {
  const pathname = url.pathname === '/' || url.pathname === '' ? '/socket.io/' : url.pathname;
  const q = new URLSearchParams(url.search);
  q.set('EIO', String(eio));
  q.set('transport', 'websocket');
  return `${pathname}?${q.toString()}`;
}

/** Engine.IO's error messages (engine.io lib/server.ts Server.errorMessages), by code. */
const ERRORS = ['Transport unknown', 'Session ID unknown', 'Bad handshake method', 'Bad request', 'Forbidden', 'Unsupported protocol version'];

/**
 * Engine.IO's error: a JSON body `{"code":0,"message":"Transport unknown"}` to polling requests,
 * the bare message as a text/html body to upgrade requests (observed on engine.io 6.6).
 */
export function engineIoError(res: HttpResponse): { code: number; message: string } | undefined {
  if (res.status < 400) return undefined;
  const text = res.body.trim();
  const bare = ERRORS.indexOf(text);
  if (bare >= 0) return { code: bare, message: text };
  try {
    const j = JSON.parse(text) as { code?: unknown; message?: unknown };
    if (typeof j.code === 'number' && typeof j.message === 'string') return { code: j.code, message: j.message };
  } catch {
    /* not Engine.IO */
  }
  return undefined;
}

export function isVersionError(res: HttpResponse): boolean {
  const e = engineIoError(res);
  return !!e && (e.code === 5 || /unsupported protocol version/i.test(e.message));
}

export interface SocketIoSession {
  ok: boolean;
  /** The server refused this Engine.IO version after the 101 (engine.io 6.6 writes its 400 into the upgraded stream). */
  versionRejected?: string;
  sid?: string;
  /** What the socket.io layer said to the namespace connect ("40"), when it answered. */
  namespace?: string;
  /** A socket.io 2.x server connects the default namespace unasked. */
  legacyServer?: boolean;
  error?: string;
  ms: number;
}

/** After the 101: the open packet, then a connect to the default namespace. */
export async function engineIoSession(r: Reader, timeoutMs: number): Promise<SocketIoSession> {
  const t0 = Date.now();
  const text = (op: number) => op === OP.text;
  // An HTTP response where frames should be: the server's late refusal of the handshake.
  await r.waitFor(() => r.buf.length >= 5, timeoutMs);
  if (r.buf.subarray(0, 5).toString('latin1') === 'HTTP/') {
    const late = await readResponse(r, timeoutMs);
    const err = late.kind === 'response' ? engineIoError(late.response) : undefined;
    if (late.kind === 'response' && err && isVersionError(late.response)) return { ok: false, versionRejected: err.message, error: `${late.response.status} ${err.message} after the 101`, ms: Date.now() - t0 };
    return { ok: false, error: `an HTTP response inside the WebSocket after the 101${late.kind === 'response' ? ` (${late.response.status} ${late.response.body.slice(0, 60)})` : ''}`, ms: Date.now() - t0 };
  }
  const open = await nextFrame(r, text, timeoutMs);
  if (!open || 'closed' in open) return { ok: false, error: open ? `closed (${open.closed}) before the open packet` : 'no open packet', ms: Date.now() - t0 };
  const s = open.payload.toString('utf8');
  if (!s.startsWith('0{')) return { ok: false, error: `first message is not an Engine.IO open packet: ${JSON.stringify(s.slice(0, 40))}`, ms: Date.now() - t0 };
  let sid: string | undefined;
  try {
    sid = (JSON.parse(s.slice(1)) as { sid?: string }).sid;
  } catch {
    return { ok: false, error: 'open packet is not JSON', ms: Date.now() - t0 };
  }
  // socket.io 2.x sends "40" for the default namespace by itself; 3.x/4.x wait for the client's.
  const unasked = await nextFrame(r, text, 300);
  if (unasked && !('closed' in unasked) && unasked.payload.toString('utf8').startsWith('40')) {
    return { ok: true, sid, namespace: unasked.payload.toString('utf8'), legacyServer: true, ms: Date.now() - t0 };
  }
  r.socket.write(clientFrame(OP.text, '40'));
  const ns = await nextFrame(r, (op, p) => op === OP.text && /^4[04]/.test(p.toString('utf8')), timeoutMs);
  if (!ns || 'closed' in ns) return { ok: false, sid, error: ns ? `closed (${ns.closed}) after the namespace connect` : 'no answer to the namespace connect', ms: Date.now() - t0 };
  const answer = ns.payload.toString('utf8');
  return { ok: answer.startsWith('40'), sid, namespace: answer, error: answer.startsWith('44') ? `namespace refused: ${answer.slice(2, 120)}` : undefined, ms: Date.now() - t0 };
}
