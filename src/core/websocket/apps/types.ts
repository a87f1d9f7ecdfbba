/** Server families measured behind nginx with hard-coded upgrade headers (core/websocket/server-families.ts). */
export type ServerFamily = 'node' | 'uvicorn' | 'go' | 'aiohttp' | 'tornado';

export interface WebSocketApp {
  id: string;
  name: string;
  /** Path patterns of its WebSocket endpoint, tested on a URL path (regex syntax stripped). */
  paths: RegExp[];
  /** Upstream, backend or server names that identify it. */
  names?: RegExp;
  /** Milliseconds between heartbeats by default, or null when none is known (see `sendsNone`). */
  heartbeatMs: number | null;
  /**
   * The application is known to send nothing on an idle connection (its source shows it, or a
   * thread observed the cut): a default idle limit then cuts it, as `websocket.heartbeat: none` says.
   */
  sendsNone?: boolean;
  /** What the heartbeat is, for messages and the README. */
  heartbeat: string;
  /** Where the interval comes from. */
  source: string;
  /**
   * Location prefixes the application is mounted under (`/ombi`): they identify it for the
   * backend-aware rules without making the location a WebSocket endpoint (it serves the app's
   * pages too).
   */
  mounts?: RegExp;
  /**
   * The URL paths of its WebSocket endpoints, when an application named by its upstream opens
   * them under paths of its own: a location that does not serve one of them (Grafana's
   * `/render/`, or `/` beside a `location /api/live/`) does not carry its WebSocket.
   */
  endpoints?: string[];
  /** Backend ports only this application listens on by default (`:8123` is Home Assistant). */
  ports?: number[];
  /**
   * Its clients cannot work without a WebSocket (the docs or the code say so): the UI's pages, or
   * for a push service its one API. `endpoint` is the path, relative to where the app is served,
   * that they open; a route that serves the app then carries that WebSocket although no path in
   * the config says so.
   */
  ui?: {
    endpoint: string;
    source: string;
    /**
     * Further WebSocket endpoints under the app (Home Assistant's add-on ingress), relative to
     * where it is served: a config that routes `endpoint` with upgrade but leaves these on a
     * plain catch-all breaks them. `what` names them in messages.
     */
    also?: { endpoint: string; what: string; source: string }[];
    /**
     * Where its pages open `endpoint` relative to their own path (`location.pathname` + `/ws`),
     * so an app mounted under a prefix (`location /ttyd/` to its root) carries it there: the
     * source that shows it. Apps that open an absolute path (Home Assistant, Jupyter without a
     * base_url) have none: a prefix mount says nothing about where their WebSocket goes.
     */
    relative?: string;
  };
  /**
   * Leftmost host-name labels that identify it only together with one of its default backend
   * ports (`code.example.com` proxied to `:8443`): either alone is too common to be a claim.
   */
  labelWithPort?: { labels: RegExp; ports: number[] };
  /**
   * What its HTTP server does with what a misconfigured proxy sends, when that is known:
   * `http10` for a handshake sent as HTTP/1.0 (nginx before 1.29.7 without proxy_http_version 1.1),
   * `connectionAlone` for a plain request carrying `Connection: upgrade` but no Upgrade header.
   */
  /**
   * Its server refuses a handshake whose Origin does not name the Host header it receives (403,
   * "origin not allowed"), by default: a proxy that sends the backend's own address as Host
   * (nginx's default $proxy_host, Apache without ProxyPreserveHost) then breaks every browser's
   * WebSocket. `names`, when set, narrows the claim to the backends those names identify (the
   * row's other members do not check). `source` shows the check and a proxy thread it broke.
   */
  originCheck?: {
    stack: string;
    names?: RegExp;
    /**
     * Headers the check reads before Host, when it does (code-server: Forwarded's host=, then
     * X-Forwarded-Host): a proxy that sends one of them with the client's host passes it.
     */
    hostFrom?: ('Forwarded' | 'X-Forwarded-Host')[];
    source: string;
  };
  backend?: {
    http10?: 'upgrades' | 'refuses';
    connectionAlone?: 'harmless' | 'breaks';
    /**
     * The server family it runs on, as its repository shows (the URL is in `source`): what a
     * plain request dressed as a handshake gets depends on it (core/websocket/server-families.ts).
     */
    family?: ServerFamily;
    /** The release that stopped breaking, where one did: the config never says which runs. */
    breaksBefore?: string;
    /** The server stack, for messages ("Node's http parser", "Kestrel"). */
    stack: string;
    source: string;
  };
}

/**
 * Kestrel ignores `Connection: upgrade` on requests with a body since ASP.NET Core 6.0 and the
 * January 2021 patches of 2.1, 3.1 and 5.0 (https://github.com/dotnet/aspnetcore/issues/27921,
 * https://github.com/dotnet/aspnetcore/pull/28896): the failures its rows cite are of earlier releases.
 */
export const KESTREL_IGNORES_CONNECTION_UPGRADE = 'ASP.NET Core 6.0';

/** A path pattern for one URL segment (or a run of them) as a framework names it: `seg('socket\\.io')`. */
export const seg = (s: string): RegExp => new RegExp(`(?:^|[/(|])(?:${s})(?=$|[/?#.$)|-])`, 'i');
