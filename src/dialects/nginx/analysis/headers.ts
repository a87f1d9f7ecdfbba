/**
 * proxy_set_header after nginx's inheritance rule: "These directives are inherited from the
 * previous configuration level if and only if there are no proxy_set_header directives defined
 * on the current level." So the effective list is that of the nearest level that has any, and
 * every header of the outer levels is dropped at a level that sets one of its own.
 */
import type { Directive, Node } from '../../../core/ast';
import { directivesOf } from '../../../core/walk';
import { bodyOf, levelChain } from './levels';

export interface HeaderSetting {
  /** Header name as written. */
  name: string;
  /** Value as nginx sees it (unquoted). */
  value: string;
  directive: Directive;
}

export interface EffectiveHeaders {
  /** The level whose proxy_set_header list is in force (null: the file top, or none at all). */
  level: Directive | null;
  /** True when the list comes from an outer level. */
  inherited: boolean;
  headers: HeaderSetting[];
  /**
   * Headers set at outer levels that this level silently drops because it sets its own list
   * (the inheritance trap). Empty when the level inherits.
   */
  dropped: HeaderSetting[];
  /** Look a header up by name, case-insensitively; the last setting wins as in nginx. */
  get(name: string): HeaderSetting | undefined;
}

const settingsCache = new WeakMap<Node[], HeaderSetting[]>();
const NONE: HeaderSetting[] = [];

/** The proxy_set_header lines of one level's body (cached: every location asks about its outer levels). */
function settingsAt(body: Node[] | undefined): HeaderSetting[] {
  if (!body) return NONE;
  let out = settingsCache.get(body);
  if (out) return out;
  out = [];
  for (const d of directivesOf(body)) {
    if (d.key === 'proxy_set_header' && d.args.length >= 1) out.push({ name: d.args[0], value: d.args[1] ?? '', directive: d });
  }
  settingsCache.set(body, out);
  return out;
}

const lowerCache = new WeakMap<HeaderSetting[], string[]>();

/** The lower-cased names of a level's list, once per list (every location asks for Upgrade and Connection). */
function lowerNames(headers: HeaderSetting[]): string[] {
  let out = lowerCache.get(headers);
  if (!out) lowerCache.set(headers, (out = headers.map((h) => h.name.toLowerCase())));
  return out;
}

export function effectiveHeaders(level: Directive | null, topNodes: Node[]): EffectiveHeaders {
  const chain = levelChain(level);
  let found: { level: Directive | null; headers: HeaderSetting[] } | undefined;
  let index = 0;
  for (; index < chain.length; index++) {
    const headers = settingsAt(bodyOf(chain[index], topNodes));
    if (headers.length) {
      found = { level: chain[index], headers };
      break;
    }
  }
  const headers = found?.headers ?? [];
  let dropped: HeaderSetting[] = [];
  if (found && index === 0) {
    // Own list: find what the next level with a list would have given, and what is missing now.
    for (let j = 1; j < chain.length; j++) {
      const outer = settingsAt(bodyOf(chain[j], topNodes));
      if (outer.length) {
        const own = new Set(headers.map((h) => h.name.toLowerCase()));
        dropped = outer.filter((h) => !own.has(h.name.toLowerCase()));
        break;
      }
    }
  }
  return {
    level: found?.level ?? null,
    inherited: found !== undefined && index > 0,
    headers,
    dropped,
    get(name: string) {
      const lower = name.toLowerCase();
      const names = lowerNames(headers);
      for (let i = headers.length - 1; i >= 0; i--) if (names[i] === lower) return headers[i];
      return undefined;
    },
  };
}
