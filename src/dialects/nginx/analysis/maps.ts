/**
 * `map` blocks: which variable each defines, from which source, and the values it can take, so
 * rules can tell whether `$connection_upgrade` yields `upgrade` for a handshake and what it
 * yields for plain requests (`close`, or `''` in the keepalive recipe).
 *
 * A lookup follows ngx_http_map_module, not file order: "If the source value matches more than
 * one of the specified variants, e.g. both a mask and a regular expression match, the first
 * matching variant will be chosen, in the following order of priority: string value without a
 * mask; longest string value with a prefix mask (`*.example.com`); longest string value with a
 * suffix mask (`mail.*`); first matching regular expression (in order of appearance); default
 * value" (nginx.org/en/docs/http/ngx_http_map_module.html). Masks exist only after `hostnames`
 * (ngx_http_map passes NGX_HASH_WILDCARD_KEY only then); strings match ignoring case.
 */
import { compilePattern } from '../../../core/regex';
import type { Directive, Node } from '../../../core/ast';
import { directivesOf } from '../../../core/walk';
import { unitTable } from './table';
import { soleVariable } from './handshake';

export type MapKeyKind = 'exact' | 'head' | 'tail' | 'regex';

export interface MapEntry {
  /** The key as written (after unquoting). */
  key: string;
  value: string;
  directive: Directive;
  kind: MapKeyKind;
}

export interface MapInfo {
  directive: Directive;
  /** Source expression, e.g. `$http_upgrade`. */
  source: string;
  /** Defined variable name without `$` (lower-cased: nginx variable names are case-insensitive). */
  variable: string;
  /** `default` value ('' when absent, as nginx's default is the empty string). */
  defaultValue: string;
  /** Entries other than `default`, `hostnames`, `volatile`, `include`, in file order. */
  entries: MapEntry[];
  /** `hostnames` was given (before the entries it applies to). */
  hostnames: boolean;
}

/**
 * `$name` or `$NAME` → `name`: nginx takes the target's name after `$` as it is, so
 * `map $uri ${x}` defines "{x}" and `$x` stays unknown (nginx 1.22.1 -t).
 */
function variableName(arg: string): string {
  return arg.slice(1).toLowerCase();
}

function keyKind(key: string, hostnames: boolean): MapKeyKind {
  if (key.startsWith('~')) return 'regex';
  if (hostnames) {
    if (key.startsWith('*.') || (key.startsWith('.') && key.length > 1)) return 'head';
    if (key.endsWith('.*')) return 'tail';
  }
  return 'exact';
}

export function collectMaps(nodes: Node[]): Map<string, MapInfo> {
  const out = new Map<string, MapInfo>();
  for (const n of unitTable(nodes).all('map')) {
    if (n.args.length < 2) continue;
    const info: MapInfo = {
      directive: n,
      source: n.args[0],
      variable: variableName(n.args[1]),
      defaultValue: '',
      entries: [],
      hostnames: false,
    };
    // The keywords are case-sensitive, and hostnames and volatile are keywords alone: with a
    // value, `DEFAULT`, `hostnames` and `volatile` are keys (observed, nginx 1.22.1).
    // One word is a keyword (nginx refuses any other one-word line: invalid number of the map
    // parameters), and an entry is a key and a value.
    for (const e of directivesOf(n.children)) {
      if (e.args.length === 0) info.hostnames ||= e.name === 'hostnames';
      else if (e.name === 'default') info.defaultValue = e.args[0];
      else info.entries.push({ key: e.name, value: e.args[0], directive: e, kind: keyKind(e.name, info.hostnames) });
    }
    out.set(info.variable, info);
  }
  return out;
}

/** Does the map read the request's Upgrade header (`$http_upgrade`, `${HTTP_UPGRADE}`, …)? */
export function readsUpgrade(map: MapInfo): boolean {
  return soleVariable(map.source) === 'http_upgrade';
}

/** The value the map gives for `input`, by nginx's order of priority; the entry that gave it (none: default). */
export function lookupMap(map: MapInfo, input: string): { value: string; entry?: MapEntry } {
  const low = input.toLowerCase();
  // 1. exact strings (a leading `\` escapes a key that would read as a regex or a keyword)
  for (const e of map.entries) if (e.kind === 'exact' && e.key.replace(/^\\/, '').toLowerCase() === low) return { value: e.value, entry: e };
  // 2. the longest prefix mask, 3. the longest suffix mask
  for (const kind of ['head', 'tail'] as const) {
    let best: { entry: MapEntry; length: number } | undefined;
    for (const e of map.entries) {
      if (e.kind !== kind) continue;
      const length = maskMatch(e.key.toLowerCase(), low, kind);
      if (length > 0 && (!best || length > best.length)) best = { entry: e, length };
    }
    if (best) return { value: best.entry.value, entry: best.entry };
  }
  // 4. the first matching regex in file order (`~` case-sensitive, `~*` not)
  for (const e of map.entries) {
    if (e.kind !== 'regex') continue;
    const ci = e.key.startsWith('~*');
    // nginx's PCRE keys through the linear-time engine (core/regex).
    if (compilePattern(e.key.slice(ci ? 2 : 1), { caseless: ci })?.test(input)) return { value: e.value, entry: e };
  }
  return { value: map.defaultValue };
}

/** Length of the mask's fixed part when `host` matches it, else 0. */
function maskMatch(mask: string, host: string, kind: 'head' | 'tail'): number {
  if (kind === 'tail') {
    const stem = mask.slice(0, -1); // `mail.` of `mail.*`
    return host.startsWith(stem) && host.length > stem.length ? stem.length : 0;
  }
  if (mask.startsWith('*.')) {
    const suffix = mask.slice(1); // `.example.com`: subdomains only
    return host.endsWith(suffix) && host.length > suffix.length ? suffix.length : 0;
  }
  // `.example.com`: the domain itself and its subdomains
  return host === mask.slice(1) || host.endsWith(mask) ? mask.length : 0;
}

/**
 * What a map over `$http_upgrade` gives for a WebSocket handshake (Upgrade: websocket) and for a
 * plain request (no Upgrade: the empty string).
 */
export function evaluateUpgradeMap(map: MapInfo): { handshake: string; plain: string } | undefined {
  if (!readsUpgrade(map)) return undefined;
  return { handshake: lookupMap(map, 'websocket').value, plain: lookupMap(map, '').value };
}
