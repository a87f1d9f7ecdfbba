/**
 * Configuration levels and nginx's inheritance of simple directives: a location inherits a
 * directive from the enclosing location, server and http blocks unless it sets it itself.
 */
import type { Directive, Node } from '../../../core/ast';
import { unitTable } from './table';
import { parseDuration } from '../../../core/duration';

/** Blocks that are a configuration level for ngx_http_proxy_module's merge. */
const LEVEL_KEYS = new Set(['http', 'server', 'location', 'if', 'limit_except']);

export function isLevel(d: Directive | null): boolean {
  return d !== null && LEVEL_KEYS.has(d.key);
}

/** The level `d` lives in (its nearest enclosing level block), or null at the top of a file. */
export function levelOf(d: Directive): Directive | null {
  let p = d.parent;
  while (p && !LEVEL_KEYS.has(p.key)) p = p.parent;
  return p;
}

/** The levels from `level` outwards: location, location…, server, http. `null` is the file top. */
export function levelChain(level: Directive | null): (Directive | null)[] {
  const out: (Directive | null)[] = [];
  let p: Directive | null = level;
  while (p) {
    if (LEVEL_KEYS.has(p.key)) out.push(p);
    p = p.parent;
  }
  out.push(null);
  return out;
}

export function bodyOf(level: Directive | null, topNodes: Node[]): Node[] | undefined {
  return level ? level.children : topNodes;
}

/** The directive `key` in force at `level`: its own, else inherited from the nearest outer level. */
export function inherited(level: Directive | null, key: string, topNodes: Node[]): Directive | undefined {
  const byBlock = unitTable(topNodes).group(key);
  // Stryker disable next-line ConditionalExpression: a speed-up; the walk below finds nothing in an empty group either
  if (byBlock.size === 0) return undefined;
  for (let p: Directive | null = level; p; p = p.parent) {
    if (!LEVEL_KEYS.has(p.key)) continue;
    const l = byBlock.get(p);
    if (l) return l[l.length - 1];
  }
  const top = byBlock.get(null);
  return top ? top[top.length - 1] : undefined;
}

/** An on/off directive's value, read as nginx does (case-insensitive); undefined when it is neither. */
export function flagValue(d: Directive): boolean | undefined {
  const v = (d.args[0] ?? '').toLowerCase();
  return v === 'on' ? true : v === 'off' ? false : undefined;
}

/** nginx time values: `90`, `90s`, `5m`, `1h30m`, `500ms` → milliseconds (NaN if invalid). */
export function parseTime(value: string): number {
  return parseDuration(value, 'nginx') ?? NaN;
}

