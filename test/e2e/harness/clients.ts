/**
 * Raw-socket clients. Every request is written by hand so that tests control exactly what the
 * proxy sees (header spelling, request target), and every wait has a deadline.
 */
import * as crypto from 'node:crypto';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { dechunk } from '../../../src/probe/http';
import { SocketReader } from './socket-reader';
import { acceptFor, clientFrame, newKey, parseFrame } from './websocket-frames';

const DEFAULT_TIMEOUT_MS = 5000;

export interface HttpResponse {
  /** undefined when the reply is not HTTP/1.x at all (e.g. raw HTTP/2 frames). */
  status?: number;
  statusLine?: string;
  /** Lower-cased names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: string;
  /** The first bytes received (up to 4 KiB), for replies that are not HTTP/1.x. */
  raw: Buffer;
  /** Set when nothing usable arrived: 'timeout', 'closed', or a socket error message. */
  error?: string;
}

export interface HandshakeResult extends HttpResponse {
  /**
   * The client accepted the handshake as a browser would: 101, `Upgrade: websocket`,
   * `Connection: upgrade`, and the right Sec-WebSocket-Accept.
   */
  accepted: boolean;
  /** Only when accepted: a text message sent was echoed back unchanged. */
  echoed?: boolean;
  /** The TLS ALPN protocol negotiated, when tls was used. */
  alpnProtocol?: string | false | null;
}

export interface HandshakeOptions {
  host?: string;
  port: number;
  path?: string;
  /** Request-target override, e.g. an absolute URI for a forward proxy. Default: path. */
  requestTarget?: string;
  /** Host header. Default host:port. */
  hostHeader?: string;
  /** Upgrade token as sent. Default 'websocket' (what browsers and `ws` send). */
  upgradeToken?: string;
  /** Connection header value. Default 'Upgrade' (as browsers send). */
  connection?: string;
  /** Connect with TLS (self-signed accepted), offering ALPN http/1.1 as browsers do for WS. */
  tls?: boolean;
  /** Send a text message after a 101 and check it comes back. Default true. */
  verifyEcho?: boolean;
  timeoutMs?: number;
}

interface Conn {
  socket: net.Socket;
  reader: SocketReader;
}

function connect(host: string, port: number, useTls: boolean | undefined, timeoutMs: number): Promise<Conn> {
  return new Promise((resolve, reject) => {
    const socket: net.Socket = useTls
      ? tls.connect({ host, port, ALPNProtocols: ['http/1.1'], rejectUnauthorized: false, servername: 'localhost' })
      : net.connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`connect to ${host}:${port} timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once(useTls ? 'secureConnect' : 'connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve({ socket, reader: new SocketReader(socket) });
    });
    socket.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

/** TLS over an open connection (the client side of a wss:// tunnel); its reader takes over. */
function startTls(c: Conn, timeoutMs: number): Promise<Conn> {
  c.socket.removeAllListeners('data');
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ socket: c.socket, ALPNProtocols: ['http/1.1'], rejectUnauthorized: false, servername: 'localhost' });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`TLS inside the tunnel timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve({ socket, reader: new SocketReader(socket) });
    });
    socket.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

function parseHead(text: string): Pick<HttpResponse, 'status' | 'statusLine' | 'headers'> {
  const lines = text.split('\r\n');
  const statusLine = lines[0];
  const m = /^HTTP\/\d\.\d (\d{3})/.exec(statusLine);
  const headers: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    const i = line.indexOf(':');
    if (i <= 0) continue;
    const name = line.slice(0, i).trim().toLowerCase();
    const value = line.slice(i + 1).trim();
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }
  return { status: m ? Number(m[1]) : undefined, statusLine, headers };
}

/** Reads one HTTP/1.x response head (and its body unless it is a 101 / 200-to-CONNECT). */
async function readResponse(c: Conn, timeoutMs: number, opts: { noBody?: boolean } = {}): Promise<HttpResponse> {
  const { reader } = c;
  const headEnd = () => reader.buf.indexOf('\r\n\r\n');
  const notHttp = () => reader.buf.length >= 5 && !reader.buf.subarray(0, 5).equals(Buffer.from('HTTP/'));
  await reader.waitFor(() => headEnd() >= 0 || notHttp(), timeoutMs);
  if (headEnd() < 0) {
    // Not HTTP/1 (or nothing): collect what else arrives briefly, for the caller to inspect.
    await reader.waitFor(() => false, Math.min(300, timeoutMs));
    const raw = Buffer.from(reader.buf.subarray(0, 4096));
    return {
      headers: {},
      body: '',
      raw,
      error: raw.length ? undefined : reader.closed ? reader.error?.message ?? 'closed' : 'timeout',
    };
  }
  const raw = Buffer.from(reader.buf.subarray(0, 4096));
  const head = parseHead(reader.take(headEnd() + 4).toString('latin1'));
  let body = '';
  const noBody = opts.noBody || head.status === 101 || head.status === 204 || head.status === 304;
  if (!noBody) {
    const bodyTimeout = Math.min(timeoutMs, 2000);
    const cl = head.headers['content-length'];
    if (cl !== undefined) {
      const n = Number(cl);
      await reader.waitFor(() => reader.buf.length >= n, bodyTimeout);
      body = reader.take(n).toString('utf8');
    } else if (/chunked/i.test(head.headers['transfer-encoding'] ?? '')) {
      await reader.waitFor(() => reader.buf.includes('\r\n0\r\n\r\n') || reader.buf.indexOf('0\r\n\r\n') === 0, bodyTimeout);
      body = dechunk(reader.take(reader.buf.length));
    } else {
      await reader.waitForClose(bodyTimeout);
      body = reader.take(reader.buf.length).toString('utf8');
    }
  }
  return { ...head, body, raw };
}

function handshakeRequest(o: Required<Pick<HandshakeOptions, 'upgradeToken' | 'connection'>> & {
  target: string;
  hostHeader: string;
  key: string;
}): string {
  return (
    `GET ${o.target} HTTP/1.1\r\n` +
    `Host: ${o.hostHeader}\r\n` +
    `Upgrade: ${o.upgradeToken}\r\n` +
    `Connection: ${o.connection}\r\n` +
    `Sec-WebSocket-Key: ${o.key}\r\n` +
    `Sec-WebSocket-Version: 13\r\n` +
    `Origin: http://${o.hostHeader}\r\n` +
    `\r\n`
  );
}

function isAccepted(r: HttpResponse, key: string): boolean {
  return (
    r.status === 101 &&
    (r.headers['upgrade'] ?? '').toLowerCase() === 'websocket' &&
    /(^|,)\s*upgrade\s*(,|$)/i.test(r.headers['connection'] ?? '') &&
    r.headers['sec-websocket-accept'] === acceptFor(key)
  );
}

/** Sends one masked text message and waits for the same text back. */
async function echoes(c: Conn, timeoutMs: number): Promise<boolean> {
  const text = `proxylint-${crypto.randomBytes(6).toString('hex')}`;
  if (c.socket.destroyed || c.reader.closed) return false;
  c.socket.write(clientFrame(text));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = await c.reader.waitFor(() => parseFrame(c.reader.buf) !== undefined, deadline - Date.now());
    if (!got) return false;
    const f = parseFrame(c.reader.buf)!;
    c.reader.take(f.length);
    if (f.opcode === 8) return false;
    if (f.opcode === 1) return f.payload.toString('utf8') === text;
    // ping/pong/binary: keep reading until the deadline.
  }
}

/** Handshake on an already-open connection (direct, or inside a CONNECT tunnel). */
async function handshakeOn(c: Conn, o: HandshakeOptions & { hostHeader: string; target: string }): Promise<HandshakeResult> {
  const timeoutMs = o.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const key = newKey();
  c.socket.write(
    handshakeRequest({
      target: o.target,
      hostHeader: o.hostHeader,
      key,
      upgradeToken: o.upgradeToken ?? 'websocket',
      connection: o.connection ?? 'Upgrade',
    }),
  );
  const res = await readResponse(c, timeoutMs);
  const accepted = isAccepted(res, key);
  const result: HandshakeResult = { ...res, accepted };
  if (c.socket instanceof tls.TLSSocket) result.alpnProtocol = c.socket.alpnProtocol;
  if (accepted && o.verifyEcho !== false) result.echoed = await echoes(c, timeoutMs);
  return result;
}

/** Opens a WebSocket by hand and leaves the connection open (callers must destroy it). */
async function openWebSocket(o: HandshakeOptions): Promise<{ conn: Conn; result: HandshakeResult }> {
  const host = o.host ?? '127.0.0.1';
  const timeoutMs = o.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const conn = await connect(host, o.port, o.tls, timeoutMs);
  try {
    const result = await handshakeOn(conn, {
      ...o,
      target: o.requestTarget ?? o.path ?? '/ws',
      hostHeader: o.hostHeader ?? `${host}:${o.port}`,
    });
    return { conn, result };
  } catch (e) {
    conn.socket.destroy();
    throw e;
  }
}

/**
 * (a) An RFC 6455 handshake written by hand to host:port; when accepted, checks that a text
 * message is echoed back. The connection is closed afterwards.
 */
export async function handshake(o: HandshakeOptions): Promise<HandshakeResult> {
  const { conn, result } = await openWebSocket(o);
  conn.socket.destroy();
  return result;
}

/**
 * Earliest cut, in ms after the client saw the 101, that still counts as a 2 s idle limit firing.
 * Servers arm timers from a clock cached once per event-loop pass (nginx's ngx_current_msec,
 * HAProxy's now_ms), so on a loaded machine the cut can come a pass early by the client's clock:
 * nginx's 2 s limit was seen cutting at 1859 ms. 1.5 s still tells the limit from an immediate close.
 */
export const IDLE_CUT_FLOOR_MS = 1500;

export interface IdleResult {
  handshake: HandshakeResult;
  /** A message sent after the idle period was echoed. */
  survived: boolean;
  /** ms after the 101 at which the connection was closed by the other side, if it was. */
  closedAfterMs?: number;
  /** The other side sent a WebSocket close frame before closing (false: a bare TCP close). */
  closeFrame: boolean;
}

/**
 * (b) After a 101, stays silent for idleMs, then sends a message: did the echo arrive, or was
 * the connection closed (and when)?
 */
export async function idleSurvives(o: HandshakeOptions & { idleMs: number }): Promise<IdleResult> {
  const { conn, result } = await openWebSocket({ ...o, verifyEcho: false });
  try {
    if (!result.accepted) return { handshake: result, survived: false, closeFrame: false };
    const opened = Date.now();
    await conn.reader.waitForClose(o.idleMs);
    const closeFrame = (() => {
      const f = parseFrame(conn.reader.buf);
      return f !== undefined && f.opcode === 8;
    })();
    if (conn.reader.closed) {
      return { handshake: result, survived: false, closedAfterMs: conn.reader.closedAt! - opened, closeFrame };
    }
    const survived = await echoes(conn, o.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    return {
      handshake: result,
      survived,
      closedAfterMs: conn.reader.closed ? conn.reader.closedAt! - opened : undefined,
      closeFrame,
    };
  } finally {
    conn.socket.destroy();
  }
}

export interface ProxyTarget {
  /** The forward proxy (Squid) port on 127.0.0.1. */
  proxyPort: number;
  proxyHost?: string;
  targetHost?: string;
  targetPort: number;
  path?: string;
  timeoutMs?: number;
}

export interface TunnelResult {
  /** The proxy's answer to CONNECT. */
  connect: HttpResponse;
  /** When CONNECT got 200: the WebSocket handshake inside the tunnel. */
  handshake?: HandshakeResult;
}

/**
 * (c) CONNECT through a forward proxy; on 200, a WebSocket handshake inside the tunnel (with
 * `tls`, over TLS inside the tunnel, as a wss:// client does; any certificate accepted).
 */
export async function connectTunnel(o: ProxyTarget & Pick<HandshakeOptions, 'upgradeToken' | 'tls'>): Promise<TunnelResult> {
  const timeoutMs = o.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const target = `${o.targetHost ?? '127.0.0.1'}:${o.targetPort}`;
  const conn = await connect(o.proxyHost ?? '127.0.0.1', o.proxyPort, false, timeoutMs);
  try {
    conn.socket.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n\r\n`);
    const connectRes = await readResponse(conn, timeoutMs, { noBody: false });
    if (connectRes.status !== 200) return { connect: connectRes };
    const inner = o.tls ? await startTls(conn, timeoutMs) : conn;
    try {
      const hs = await handshakeOn(inner, { ...o, port: o.targetPort, target: o.path ?? '/ws', hostHeader: target });
      return { connect: connectRes, handshake: hs };
    } finally {
      if (inner !== conn) inner.socket.destroy();
    }
  } finally {
    conn.socket.destroy();
  }
}

/**
 * (d) A WebSocket handshake through a forward proxy with an absolute request-target:
 * `GET http://127.0.0.1:PORT/ws HTTP/1.1` (or `ws://…` with scheme 'ws').
 */
export function handshakeViaProxy(
  o: ProxyTarget & Pick<HandshakeOptions, 'upgradeToken' | 'verifyEcho'> & { scheme?: 'http' | 'ws' },
): Promise<HandshakeResult> {
  const target = `${o.targetHost ?? '127.0.0.1'}:${o.targetPort}`;
  return handshake({
    host: o.proxyHost,
    port: o.proxyPort,
    requestTarget: `${o.scheme ?? 'http'}://${target}${o.path ?? '/ws'}`,
    hostHeader: target,
    upgradeToken: o.upgradeToken,
    verifyEcho: o.verifyEcho,
    timeoutMs: o.timeoutMs,
  });
}

export interface PlainGetOptions {
  host?: string;
  port: number;
  path?: string;
  /** e.g. an absolute URI for a forward proxy. */
  requestTarget?: string;
  hostHeader?: string;
  headers?: Record<string, string>;
  tls?: boolean;
  timeoutMs?: number;
}

/** (e) A plain `GET` (Connection: close) returning status, headers and body. */
export async function plainGet(o: PlainGetOptions): Promise<HttpResponse> {
  const host = o.host ?? '127.0.0.1';
  const timeoutMs = o.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const conn = await connect(host, o.port, o.tls, timeoutMs);
  try {
    const extra = Object.entries(o.headers ?? {})
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('');
    conn.socket.write(
      `GET ${o.requestTarget ?? o.path ?? '/'} HTTP/1.1\r\nHost: ${o.hostHeader ?? `${host}:${o.port}`}\r\n` +
        `Connection: close\r\n${extra}\r\n`,
    );
    return await readResponse(conn, timeoutMs);
  } finally {
    conn.socket.destroy();
  }
}
