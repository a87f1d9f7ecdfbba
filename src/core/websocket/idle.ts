/**
 * The idle-timeout policy shared by nginx/websocket-read-timeout, apache/tunnel-idle-timeout and
 * haproxy/websocket-tunnel-timeout. A proxy cuts an upgraded connection only after its idle limit
 * passes with no data, so the question is whether the application's heartbeat arrives in time:
 *
 * - a known heartbeat (declared in `websocket.heartbeat`, or the identified application's) that
 *   does not fit under the limit with a margin → warning: the proxy cuts between two beats;
 * - a known heartbeat that fits → nothing;
 * - an explicit limit shorter than `minimum` (default 30 s, below which no common framework's
 *   heartbeat fits) and no known heartbeat → warning;
 * - the server's default limit and no known heartbeat → info naming the default and how to
 *   declare a heartbeat (what the config does not say decides it);
 * - `websocket.heartbeat: none` says idle periods are real: the default limit is then a warning too,
 *   as it is for an application known to send nothing (`sendsNone` in apps/).
 */
import type { Settings } from '../settings';
import { formatDuration } from '../duration';
import type { WebSocketApp } from './apps';
import { configuredPath } from './intent';

export interface Heartbeat {
  /** Milliseconds between heartbeats; null: declared to send none. */
  ms: number | null;
  /** Words for a message: "Socket.IO's 25 s heartbeat", "the declared 10 s heartbeat". */
  label: string;
  origin: 'config' | 'app';
  app?: WebSocketApp;
}

/**
 * Margin a heartbeat needs under the limit: network delay and timer slack, 10 % of the interval
 * within [1 s, 5 s]. Observed in the real-world corpus: Home Assistant's 55 s heartbeat survives
 * HAProxy's `timeout tunnel 60s` (home-assistant.io PR 11708), so the margin cannot exceed 5 s there.
 */
export function heartbeatMargin(ms: number): number {
  return Math.min(5_000, Math.max(1_000, Math.round(ms * 0.1)));
}

/** The heartbeat of a route: the user's declaration for its path, else the global one, else the application's. */
export function heartbeatOf(routePath: string | null, app: WebSocketApp | undefined, settings: Settings): Heartbeat | undefined {
  const hb = settings.websocket.heartbeat;
  if (hb) {
    if (routePath !== null) {
      for (const e of hb.paths) {
        if (configuredPath(routePath, [e.path]) !== undefined) return declared(e.ms, `websocket.heartbeat for ${e.path}`);
      }
    }
    if (hb.default !== undefined) return declared(hb.default, 'websocket.heartbeat');
  }
  if (app && app.heartbeatMs !== null) return { ms: app.heartbeatMs, label: `${app.name}'s ${formatDuration(app.heartbeatMs)} heartbeat`, origin: 'app', app };
  if (app?.sendsNone) return { ms: null, label: `${app.name} sends no heartbeat`, origin: 'app', app };
  return undefined;
}

function declared(ms: number | null, where: string): Heartbeat {
  return { ms, label: ms === null ? `no heartbeat (${where})` : `the ${formatDuration(ms)} heartbeat of ${where}`, origin: 'config' };
}

export type IdleVerdict =
  /** The limit is shorter than the known heartbeat plus margin. */
  | { kind: 'below-heartbeat'; severity: 'warning'; heartbeat: Heartbeat }
  /** An explicit limit shorter than `minimum`, heartbeat unknown (or declared none). */
  | { kind: 'short'; severity: 'warning'; heartbeat?: Heartbeat }
  /** The server's default limit, heartbeat unknown. */
  | { kind: 'default'; severity: 'info' }
  /** The server's default limit and no heartbeat declared. */
  | { kind: 'default-no-heartbeat'; severity: 'warning'; heartbeat: Heartbeat }
  | { kind: 'ok' };

/**
 * `defaultMs` is the server's own limit when the config sets none (nginx's and Apache's 60 s):
 * for an application that sends nothing, an explicit limit no longer than that default (within
 * the heartbeat margin) cuts the same idle sessions the default does, and is judged like it
 * (noVNC/noVNC#1388: the wiki's `proxy_read_timeout 61s` still disconnects every few minutes).
 */
export function judgeIdleLimit(limitMs: number, explicit: boolean, heartbeat: Heartbeat | undefined, minimumMs: number, defaultMs?: number): IdleVerdict {
  if (heartbeat && heartbeat.ms !== null) {
    return limitMs < heartbeat.ms + heartbeatMargin(heartbeat.ms) ? { kind: 'below-heartbeat', severity: 'warning', heartbeat } : { kind: 'ok' };
  }
  if (explicit && heartbeat && defaultMs !== undefined && limitMs < defaultMs + heartbeatMargin(defaultMs)) {
    return { kind: 'short', severity: 'warning', heartbeat };
  }
  if (explicit) return limitMs < minimumMs ? { kind: 'short', severity: 'warning', heartbeat } : { kind: 'ok' };
  if (heartbeat) return { kind: 'default-no-heartbeat', severity: 'warning', heartbeat };
  return { kind: 'default', severity: 'info' };
}

/**
 * The clause a finding ends with, per verdict (short: detail lives in the README). With the
 * limit in milliseconds, a limit that is not shorter than the heartbeat but within its margin
 * says so (MQTT's 60 s keep-alive under nginx's 60 s: the beat comes too late, not too seldom).
 */
export function verdictWords(v: Exclude<IdleVerdict, { kind: 'ok' }>, limit: string, limitMs?: number): string {
  switch (v.kind) {
    case 'below-heartbeat':
      if (limitMs !== undefined && v.heartbeat.ms !== null && limitMs >= v.heartbeat.ms) return `${limit} leaves no margin for ${v.heartbeat.label}`;
      return `${limit} is shorter than ${v.heartbeat.label}`;
    case 'short':
      // An app that sends nothing: its name says why (one short sentence; `explain` has the rest).
      if (v.heartbeat?.origin === 'app' && v.heartbeat.ms === null && v.heartbeat.app) return `${limit} cuts idle ${v.heartbeat.app.name} WebSockets`;
      return v.heartbeat ? `${limit} closes idle WebSockets, and ${v.heartbeat.label}` : `${limit} closes WebSockets idle that long`;
    case 'default':
      return `${limit} closes idle WebSockets unless the app pings`;
    case 'default-no-heartbeat':
      return v.heartbeat.origin === 'app' ? `${limit} closes idle WebSockets, and ${v.heartbeat.label}` : `${limit} closes idle WebSockets, and ${v.heartbeat.label} is declared`;
  }
}
