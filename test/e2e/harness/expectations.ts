/**
 * The rule e2e pattern: a bad config really fails on the real server, the fixed one really
 * carries a WebSocket (101 + echo). Works for all four runners; Squid (a forward proxy) is
 * driven with an absolute-URI handshake, the others as reverse proxies.
 */
import { handshake, handshakeViaProxy, type HandshakeResult } from './clients';
import { startEchoBackend, type BackendRequest, type EchoBackend, type EchoBackendOptions } from './echo-backend';
import type { RunningServer, ServerRunner, StartOptions } from './server-process';

export interface ProbeOptions extends Omit<StartOptions, 'backendPort'> {
  /** Request path. Default '/ws'. */
  path?: string;
  /** Use this backend instead of a fresh echo backend (its port becomes @BACKEND_PORT@). */
  backend?: EchoBackend;
  /** For a fresh backend: answer 400 to HTTP/1.0 upgrades. */
  strictHttp11?: boolean;
  /** Upgrade token the client sends. Default 'websocket'. */
  upgradeToken?: string;
  /** Connect to the server with TLS (ALPN http/1.1). */
  tls?: boolean;
}

export interface Probe {
  handshake: HandshakeResult;
  /** What the backend received during the probe. */
  backendRequests: BackendRequest[];
  /** The server's logs after stop. */
  logs: string;
}

/** Starts backend + server, runs one handshake (+ echo), always stops both. */
export async function probeWebSocket(runner: ServerRunner, configText: string, o: ProbeOptions = {}): Promise<Probe> {
  const backend = o.backend ?? (await startEchoBackend({ strictHttp11: o.strictHttp11 }));
  let server: RunningServer | undefined;
  try {
    server = await runner.start(configText, { ...o, backendPort: backend.port });
    const port = server.port;
    const result =
      runner.mode === 'forward'
        ? await handshakeViaProxy({ proxyPort: port, targetPort: backend.port, path: o.path, upgradeToken: o.upgradeToken })
        : await handshake({ port, path: o.path, upgradeToken: o.upgradeToken, tls: o.tls });
    await server.stop();
    return { handshake: result, backendRequests: [...backend.requests], logs: server.logs() };
  } finally {
    await server?.stop();
    if (!o.backend) await backend.close();
  }
}

function describeProbe(runner: ServerRunner, p: Probe): string {
  const h = p.handshake;
  return [
    `${runner.name}: status ${h.status ?? '(not HTTP/1)'} ${h.error ?? ''}, accepted ${h.accepted}, echoed ${h.echoed}`,
    `response headers: ${JSON.stringify(h.headers)}`,
    `backend saw: ${JSON.stringify(p.backendRequests.map((r) => ({ kind: r.kind, v: r.httpVersion, url: r.url, status: r.status, upgrade: r.headers.upgrade, connection: r.headers.connection })))}`,
    p.logs,
  ].join('\n');
}

/** Asserts 101 + a valid handshake + echo through the server; returns the probe. */
export async function expectWebSocketWorks(runner: ServerRunner, configText: string, o: ProbeOptions = {}): Promise<Probe> {
  const p = await probeWebSocket(runner, configText, o);
  if (!(p.handshake.accepted && p.handshake.echoed)) {
    throw new Error(`expected a working WebSocket (101 + echo)\n${describeProbe(runner, p)}`);
  }
  return p;
}

/** Asserts the WebSocket does NOT work (and, with `status`, that the client got that status). */
export async function expectWebSocketFails(
  runner: ServerRunner,
  configText: string,
  o: ProbeOptions & { status?: number } = {},
): Promise<Probe> {
  const p = await probeWebSocket(runner, configText, o);
  if (p.handshake.accepted && p.handshake.echoed) {
    throw new Error(`expected the WebSocket to fail, but it worked\n${describeProbe(runner, p)}`);
  }
  if (o.status !== undefined && p.handshake.status !== o.status) {
    throw new Error(`expected status ${o.status}\n${describeProbe(runner, p)}`);
  }
  return p;
}

/** Runs fn with a started server and always stops it (also when fn throws). */
export async function withServer<T>(
  runner: ServerRunner,
  configText: string,
  options: StartOptions,
  fn: (server: RunningServer) => Promise<T>,
): Promise<T> {
  const server = await runner.start(configText, options);
  try {
    return await fn(server);
  } finally {
    await server.stop();
  }
}

/** Runs fn with a fresh echo backend and always closes it. */
export async function withBackend<T>(
  fn: (backend: EchoBackend) => Promise<T>,
  options: EchoBackendOptions = {},
): Promise<T> {
  const backend = await startEchoBackend(options);
  try {
    return await fn(backend);
  } finally {
    await backend.close();
  }
}
