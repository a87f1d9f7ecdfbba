/**
 * What the backend receives in Upgrade and Connection for a WebSocket handshake through a level,
 * after nginx's proxy_set_header inheritance and map evaluation. Upgrade and Connection are
 * hop-by-hop: nginx never passes the client's, so only these settings count.
 *
 * - Upgrade: missing or `""` → not sent; a map over $http_upgrade yields its handshake value
 *   (`$connection_upgrade` → "upgrade": the map mix-up); a literal without "websocket" is wrong.
 * - Connection: missing → nginx sends `Connection: close`; `""` → not sent (the keep-alive recipe);
 *   a value must carry the `upgrade` token (case-insensitive, comma-separated list).
 * Variables nginx fills from the request (`$http_upgrade`, `$http_connection`) and variables we
 * cannot evaluate count as fine: the linter only says "wrong" when it knows.
 */
import type { HeaderSetting, EffectiveHeaders } from './headers';
import type { MapInfo } from './maps';

export type HeaderVerdictKind =
  /** Carries what the handshake needs. */
  | 'ok'
  /** A variable we cannot evaluate: assumed fine. */
  | 'unknown'
  /** No setting in force (Upgrade: not sent; Connection: nginx's default "close"). */
  | 'missing'
  /** `""`: nginx does not send the header. */
  | 'empty'
  /** A literal value that does not carry the token. */
  | 'literal'
  /** A map variable whose value for a handshake does not carry the token. */
  | 'map';

export interface HeaderVerdict {
  kind: HeaderVerdictKind;
  /** The setting in force, when there is one. */
  setting?: HeaderSetting;
  /** The value the backend gets for a handshake (as far as it is known). */
  value?: string;
  /** For kind 'map' (and map-derived 'ok'): the map evaluated. */
  map?: MapInfo;
}

type MapLookup = (variable: string) => { handshake: string; plain: string; map: MapInfo } | undefined;

const SIMPLE_VAR = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))$/;

/** `$name` or `${name}` alone → name (lower-cased: nginx variable names are case-insensitive). */
export function soleVariable(value: string): string | undefined {
  const m = SIMPLE_VAR.exec(value);
  return m ? (m[1] ?? m[2]).toLowerCase() : undefined;
}

/** Comma/space separated tokens of a header value, lower-cased. */
export function headerTokens(value: string): string[] {
  return value.toLowerCase().split(/[\s,]/).filter(Boolean);
}

function judge(
  setting: HeaderSetting | undefined,
  maps: MapLookup,
  request: string,
  carries: (v: string) => boolean,
): HeaderVerdict {
  if (!setting) return { kind: 'missing' };
  const value = setting.value;
  if (value === '') return { kind: 'empty', setting, value };
  if (!value.includes('$')) return carries(value) ? { kind: 'ok', setting, value } : { kind: 'literal', setting, value };
  const v = soleVariable(value);
  if (!v) return { kind: 'unknown', setting };
  if (v === request) return { kind: 'ok', setting };
  const m = maps(v);
  if (!m) return { kind: 'unknown', setting };
  const hv = m.handshake;
  if (hv.includes('$')) return { kind: soleVariable(hv) === request ? 'ok' : 'unknown', setting, map: m.map };
  return carries(hv) ? { kind: 'ok', setting, value: hv, map: m.map } : { kind: 'map', setting, value: hv, map: m.map };
}

/** The Upgrade header the backend gets for a handshake. */
export function upgradeVerdict(h: EffectiveHeaders, maps: MapLookup): HeaderVerdict {
  return judge(h.get('Upgrade'), maps, 'http_upgrade', (v) => headerTokens(v).some((t) => t === 'websocket' || t.startsWith('websocket/')));
}

/** The Connection header the backend gets for a handshake. */
export function connectionVerdict(h: EffectiveHeaders, maps: MapLookup): HeaderVerdict {
  return judge(h.get('Connection'), maps, 'http_connection', (v) => headerTokens(v).includes('upgrade'));
}
