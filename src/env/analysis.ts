/**
 * Shared analyses the env rules ask (they do not re-derive client behaviour): each runs the
 * client table (decideProxy over clients/*.ts, checked by the real-client test) on a synthetic
 * request built from one scope's variables.
 */
import { CLIENTS } from './clients';
import { decideProxy } from './decide';
import type { Assignment } from './extract';
import type { ClientId, Env } from './types';

/** The variables one scope sets, as the process would see them (NODE_USE_ENV_PROXY on: Node's env support). */
export function envOf(assignments: Assignment[]): Env {
  const env: Env = { NODE_USE_ENV_PROXY: '1' };
  for (const a of assignments) if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(a.name)) env[a.name] = a.value;
  return env;
}

/** "curl, wget and Go" */
const SHORT: Record<ClientId, string> = { curl: 'curl', wget: 'wget', go: 'Go', node: 'Node', undici: 'undici', 'proxy-from-env': 'proxy-from-env', 'python-requests': 'requests', httpx: 'httpx', java: 'Java' };
export function names(ids: ClientId[]): string {
  const n = ids.map((id) => SHORT[id]);
  return n.length <= 1 ? (n[0] ?? '') : `${n.slice(0, -1).join(', ')} and ${n[n.length - 1]}`;
}

/**
 * The clients whose proxy choice for ws:// and wss:// is their own reading of the environment
 * (the `websocket` fact of each row): curl (ws_proxy/wss_proxy, HTTP(S) fallback from 8.4.0),
 * Go (gorilla/websocket and coder/websocket ask ProxyFromEnvironment with ws→http, wss→https),
 * undici (its WebSocket dials through the dispatcher as http/https) and proxy-from-env
 * (`<scheme>_proxy`: ws_proxy/wss_proxy, what ws + an agent built from it uses). Node's `ws`
 * package reads no variable at all (it needs an agent); requests, httpx and wget have no
 * WebSocket client; Java reads system properties.
 */
export const WEBSOCKET_CLIENTS: ClientId[] = ['curl', 'go', 'undici', 'proxy-from-env'];

export interface WsSplit {
  /** Which clients take which route for this scheme: proxy URL (redacted) or 'direct'. */
  routes: Map<string, ClientId[]>;
  /** The variable each client took its proxy from, when one. */
  variables: Map<ClientId, string>;
}

/** What each WebSocket client does for `scheme://host/`: the scope's clients agree when routes has one key. */
export function websocketRoutes(env: Env, url: string): WsSplit {
  const routes = new Map<string, ClientId[]>();
  const variables = new Map<ClientId, string>();
  for (const id of WEBSOCKET_CLIENTS) {
    const d = decideProxy(url, env, id);
    const key = d.via === 'proxy' && !d.error ? (d.proxy ?? 'proxy') : 'direct';
    routes.set(key, [...(routes.get(key) ?? []), id]);
    if (d.variable && d.via === 'proxy') variables.set(id, d.variable);
  }
  return { routes, variables };
}

/** The clients that read the environment for plain HTTP(S) (Java reads system properties). */
const ENV_CLIENTS: ClientId[] = ['curl', 'wget', 'go', 'node', 'undici', 'proxy-from-env', 'python-requests', 'httpx'];

export interface PortEntryBehaviour {
  /** Never match the entry (compare host names only): requests on that port still go to the proxy. */
  ignore: ClientId[];
  /** Exempt that port only. */
  portOnly: ClientId[];
  /** Exempt the host on every port (the port is dropped). */
  anyPort: ClientId[];
}

/** How each client reads a `host:port` NO_PROXY entry: run on the entry's own host and port, and another port. */
export function portEntryBehaviour(host: string, port: number, entry: string): PortEntryBehaviour {
  const out: PortEntryBehaviour = { ignore: [], portOnly: [], anyPort: [] };
  const scheme = port === 443 ? 'https' : 'http';
  const env: Env = { NODE_USE_ENV_PROXY: '1', http_proxy: 'http://127.0.0.1:9', HTTP_PROXY: 'http://127.0.0.1:9', https_proxy: 'http://127.0.0.1:9', HTTPS_PROXY: 'http://127.0.0.1:9', no_proxy: entry, NO_PROXY: entry };
  const h = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  const other = port === 1 ? 2 : 1;
  for (const id of ENV_CLIENTS) {
    // A client that reads no variable at its verified version (Node before NODE_USE_ENV_PROXY) says nothing here.
    if (CLIENTS[id].disabled?.(env, CLIENTS[id].defaultVersion)) continue;
    const same = decideProxy(`${scheme}://${h}:${port}/`, env, id).via === 'direct';
    const diff = decideProxy(`${scheme}://${h}:${other}/`, env, id).via === 'direct';
    if (!same && !diff) out.ignore.push(id);
    else if (same && !diff) out.portOnly.push(id);
    else if (same && diff) out.anyPort.push(id);
  }
  return out;
}
