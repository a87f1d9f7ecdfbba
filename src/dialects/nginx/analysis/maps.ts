/**
 * `map` blocks: which variable each defines, from which source, and the values it can take, so
 * rules can tell whether `$connection_upgrade` yields `upgrade` for a handshake and what it
 * yields for plain requests (`close`, or `''` in the keepalive recipe).
 */
import type { Directive, Node } from '../../../core/ast';
import { directivesOf, walk } from '../../../core/walk';

export interface MapInfo {
  directive: Directive;
  /** Source expression, e.g. `$http_upgrade`. */
  source: string;
  /** Defined variable name without `$`. */
  variable: string;
  /** `default` value ('' when absent, as nginx's default is the empty string). */
  defaultValue: string;
  /** Entries other than `default`, `hostnames`, `volatile`, `include`. */
  entries: { key: string; value: string; directive: Directive }[];
}

export function collectMaps(nodes: Node[]): Map<string, MapInfo> {
  const out = new Map<string, MapInfo>();
  walk(nodes, (n) => {
    if (n.type !== 'directive' || n.key !== 'map' || n.args.length < 2) return;
    const info: MapInfo = {
      directive: n,
      source: n.args[0],
      variable: n.args[1].replace(/^\$/, ''),
      defaultValue: '',
      entries: [],
    };
    for (const e of directivesOf(n.children)) {
      if (e.key === 'default') info.defaultValue = e.args[0] ?? '';
      else if (e.key === 'hostnames' || e.key === 'volatile') continue;
      else info.entries.push({ key: e.name, value: e.args[0] ?? '', directive: e });
    }
    out.set(info.variable, info);
  });
  return out;
}

/**
 * What a map over `$http_upgrade` gives for a WebSocket handshake (Upgrade: websocket) and for a
 * plain request (no Upgrade: the empty string key).
 */
export function evaluateUpgradeMap(map: MapInfo): { handshake: string; plain: string } | undefined {
  if (map.source !== '$http_upgrade') return undefined;
  let handshake: string | undefined;
  let plain: string | undefined;
  for (const e of map.entries) {
    if (e.key === '' && plain === undefined) plain = e.value;
    else if (handshake === undefined && matchesKey(e.key, 'websocket')) handshake = e.value;
  }
  return { handshake: handshake ?? map.defaultValue, plain: plain ?? map.defaultValue };
}

function matchesKey(key: string, value: string): boolean {
  if (key.startsWith('~*')) return safeRegExp(key.slice(2), 'i')?.test(value) ?? false;
  if (key.startsWith('~')) return safeRegExp(key.slice(1), '')?.test(value) ?? false;
  // map keys compare case-insensitively unless they are regexes (ngx_hash with lowercase keys).
  return key.replace(/^\\/, '').toLowerCase() === value;
}

function safeRegExp(src: string, flags: string): RegExp | undefined {
  try {
    return new RegExp(src, flags);
  } catch {
    return undefined;
  }
}
