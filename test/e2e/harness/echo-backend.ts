import * as http from 'node:http';
import * as https from 'node:https';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';

/** One request as the backend received it (after the proxy). */
export interface BackendRequest {
  /** 'upgrade' when node saw Upgrade + Connection: upgrade, else 'plain'. */
  kind: 'plain' | 'upgrade';
  method: string;
  url: string;
  httpVersion: string;
  /** Lower-cased header names, as node gives them. */
  headers: http.IncomingHttpHeaders;
  /** Names and values exactly as sent, e.g. ['Upgrade', 'WebSocket', ...]. */
  rawHeaders: string[];
  /** Same number for requests that arrived on the same TCP connection (keep-alive). */
  connectionId: number;
  /** Status the backend answered with (101 for accepted WebSockets). */
  status?: number;
}

export interface EchoBackendOptions {
  /** Answer 400 to an upgrade request that arrives over HTTP/1.0 (as strict servers do). */
  strictHttp11?: boolean;
  /** Serve TLS (https + wss) with this certificate, e.g. selfSignedCert(): a wss:// backend. */
  tls?: { cert: string; key: string };
}

export interface EchoBackend {
  port: number;
  requests: BackendRequest[];
  close(): Promise<void>;
}

/**
 * An HTTP/1.1 server on 127.0.0.1 with a `ws` echo WebSocket server on every path.
 * - upgrade requests are handed to ws (101 + echo; an invalid handshake gets ws's 400);
 * - a plain request that carries Sec-WebSocket-Key (a handshake whose Upgrade or Connection the
 *   proxy dropped) gets 426 Upgrade Required, like `ws`'s own server;
 * - any other plain request gets `200 plain`.
 * With `tls`, the same over TLS (an https:// and wss:// backend).
 */
export function startEchoBackend(options: EchoBackendOptions = {}): Promise<EchoBackend> {
  const requests: BackendRequest[] = [];
  const sockets = new Set<Duplex>();
  const ids = new WeakMap<object, number>();
  let nextId = 1;
  const idOf = (s: object) => {
    let id = ids.get(s);
    if (!id) ids.set(s, (id = nextId++));
    return id;
  };
  const record = (kind: BackendRequest['kind'], req: http.IncomingMessage): BackendRequest => {
    const r: BackendRequest = {
      kind,
      method: req.method ?? '',
      url: req.url ?? '',
      httpVersion: req.httpVersion,
      headers: req.headers,
      rawHeaders: req.rawHeaders,
      connectionId: idOf(req.socket),
    };
    requests.push(r);
    return r;
  };

  const wss = new WebSocketServer({ noServer: true });
  wss.on('connection', (ws) => {
    ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
    ws.on('error', () => undefined);
  });

  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const r = record('plain', req);
    req.resume();
    if (req.headers['sec-websocket-key']) {
      r.status = 426;
      res.writeHead(426, { 'Content-Type': 'text/plain', Upgrade: 'websocket' });
      res.end('Upgrade Required');
    } else {
      r.status = 200;
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('plain');
    }
  };
  const server: http.Server = options.tls ? https.createServer({ cert: options.tls.cert, key: options.tls.key }, handler) : http.createServer(handler);
  server.keepAliveTimeout = 30_000;
  server.on(options.tls ? 'secureConnection' : 'connection', (s: Duplex) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const r = record('upgrade', req);
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    if (options.strictHttp11 && req.httpVersion === '1.0') {
      r.status = 400;
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const origWrite = socket.write.bind(socket);
    // Learn the status ws answers with (101, or 400 for an invalid handshake).
    (socket as Duplex & { write: typeof socket.write }).write = ((chunk: unknown, ...rest: unknown[]) => {
      if (r.status === undefined) {
        const m = /^HTTP\/1\.1 (\d{3})/.exec(String(chunk).slice(0, 20));
        if (m) r.status = Number(m[1]);
      }
      return (origWrite as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof socket.write;
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      resolve({
        port,
        requests,
        close: () =>
          new Promise<void>((done) => {
            for (const c of wss.clients) c.terminate();
            for (const s of sockets) s.destroy();
            server.close(() => done());
            // close() waits for open connections; they are destroyed above, but bound it anyway.
            setTimeout(done, 1000).unref();
          }),
      });
    });
  });
}
