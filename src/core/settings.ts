/**
 * What rules may read from the configuration besides their own options: server version targets
 * and the user's WebSocket declarations.
 */
import type { DialectName } from './ast';
import { DEFAULT_TARGETS } from './versions';

export interface Settings {
  targets: Record<DialectName, string>;
  /** True for each dialect whose target came from defaults rather than the config. */
  assumedTargets: Partial<Record<DialectName, boolean>>;
  websocket: {
    /** Extra path prefixes or `~regex` patterns that carry WebSockets. */
    paths: string[];
    /** Ports a forward proxy must allow CONNECT to (Squid). */
    ports: number[];
    /**
     * Declared application heartbeats (`websocket.heartbeat`), in ms; null: "none" (the app
     * sends nothing when idle). Per-path entries use the websocket.paths syntax.
     */
    heartbeat?: { default?: number | null; paths: { path: string; ms: number | null }[] };
  };
}

export function defaultSettings(): Settings {
  return {
    targets: { ...DEFAULT_TARGETS },
    assumedTargets: { nginx: true, apache: true, squid: true, haproxy: true },
    websocket: { paths: [], ports: [] },
  };
}
