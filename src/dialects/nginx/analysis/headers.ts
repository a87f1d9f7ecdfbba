/**
 * proxy_set_header after nginx's inheritance rule: "These directives are inherited from the
 * previous configuration level if and only if there are no proxy_set_header directives defined
 * on the current level." So the effective list is that of the nearest level that has any, and
 * every header of the outer levels is dropped at a level that sets one of its own.
 */
import type { Directive, Node } from '../../../core/ast';
import { isLevel, levelOf } from './levels';
import { unitTable, type UnitTable } from './table';
import { argAt, argCount } from '../node';

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

const NONE: HeaderSetting[] = [];

/** The proxy_set_header lines of one level's body, once per level. */
function settingsAt(t: UnitTable, level: Directive | null): HeaderSetting[] {
  let out = t.headerLines.get(level);
  // Stryker disable next-line ConditionalExpression: a cache miss reads the same lines again
  if (out) return out;
  const lines = t.group('proxy_set_header').get(level);
  out = NONE;
  if (lines) {
    out = [];
    for (const d of lines) if (argCount(d) >= 1) out.push({ name: argAt(d, 0)!, value: argAt(d, 1) ?? '', directive: d });
    // Stryker disable next-line MethodExpression: a copy of the same list, for memory only
    out = out.slice(); // exact size: kept for the run
  }
  t.headerLines.set(level, out);
  return out;
}

class Effective implements EffectiveHeaders {
  private lower?: string[];
  constructor(
    readonly level: Directive | null,
    readonly inherited: boolean,
    readonly headers: HeaderSetting[],
    readonly dropped: HeaderSetting[],
  ) {}

  get(name: string): HeaderSetting | undefined {
    const lower = name.toLowerCase();
    const headers = this.headers;
    const names = (this.lower ??= headers.map((h) => h.name.toLowerCase()));
    // Stryker disable next-line ArithmeticOperator: starting one past the end only reads an undefined name first
    for (let i = headers.length - 1; i >= 0; i--) if (names[i] === lower) return headers[i];
    return undefined;
  }
}

/**
 * The list in force at `level`, built from the level above's (once per level for the whole
 * unit): its own list when it has one (and what that drops of the outer one), else the outer's.
 */
export function effectiveHeaders(level: Directive | null, topNodes: Node[]): EffectiveHeaders {
  return effectiveIn(unitTable(topNodes), level);
}

function effectiveIn(t: UnitTable, level: Directive | null): EffectiveHeaders {
  // A block that is not a level (upstream, map…) has the list of the level it sits in.
  if (level && !isLevel(level)) level = levelOf(level);
  let e = t.effectiveHeaders.get(level);
  // Stryker disable next-line ConditionalExpression: a cache miss builds the same list again
  if (e) return e;
  const own = settingsAt(t, level);
  const outer = level ? effectiveIn(t, levelOf(level)) : undefined;
  if (own.length) {
    let dropped = NONE;
    if (outer && outer.headers.length) {
      const mine = new Set(own.map((h) => h.name.toLowerCase()));
      dropped = outer.headers.filter((h) => !mine.has(h.name.toLowerCase()));
    }
    e = new Effective(level, false, own, dropped);
  } else if (outer && outer.headers.length) {
    e = outer.inherited ? outer : new Effective(outer.level, true, outer.headers, NONE);
  } else e = new Effective(null, false, NONE, NONE);
  t.effectiveHeaders.set(level, e);
  return e;
}
