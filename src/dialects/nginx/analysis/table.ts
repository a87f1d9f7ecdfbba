/**
 * One pass over a resolved unit, shared by every nginx analysis: the directives of each name in
 * document order (includes spliced in, as `walk` visits them), the node list each location sits
 * in, and, built on first use per name, the directives of that name grouped by the block they are
 * in. A level's body (`directivesOf(level.children)`) holds exactly the directives whose `parent`
 * is that level, less the `include`s that were replaced by what they included, so "the last
 * proxy_read_timeout of this location" is a lookup, not a scan of the body; and the analyses ask
 * by name instead of walking the tree again (issue 13: one pass, then columns).
 */
import type { Directive, Node } from '../../../core/ast';
import { lazyPerObject } from '../../../core/lazy';
import type { EffectiveHeaders, HeaderSetting } from './headers';

export type ByParent = Map<Directive | null, Directive[]>;

const NO_GROUP: ByParent = new Map();

export class UnitTable {
  /** Directives by name (`key`), in document order; `include`s that pulled files in are kept. */
  readonly byKey = new Map<string, Directive[]>();
  /** The node list each location block sits in (its siblings: marker comments before it). */
  readonly listOf = new Map<Directive, Node[]>();
  private readonly groups = new Map<string, ByParent>();
  /** Per level, for headers.ts: its own proxy_set_header lines and the list in force there. */
  readonly headerLines = new Map<Directive | null, HeaderSetting[]>();
  readonly effectiveHeaders = new Map<Directive | null, EffectiveHeaders>();

  constructor(nodes: Node[]) {
    this.add(nodes);
  }

  private add(list: Node[]): void {
    for (let i = 0; i < list.length; i++) {
      const n = list[i];
      // Stryker disable next-line ConditionalExpression: a comment has no key, so it would only sit under an undefined key nobody asks for
      if (n.type !== 'directive') continue;
      let same = this.byKey.get(n.key);
      if (!same) this.byKey.set(n.key, (same = []));
      same.push(n);
      // Stryker disable next-line ConditionalExpression: listOf is read for locations only (their siblings)
      if (n.key === 'location') this.listOf.set(n, list);
      if (n.includes) for (const inc of n.includes) this.add(inc.nodes);
      if (n.children) this.add(n.children);
    }
  }

  /** Every directive named `key`, in document order. */
  all(key: string): Directive[] {
    return this.byKey.get(key) ?? NONE;
  }

  /** The directives named `key` of each block body (null: the file top), as directivesOf lists them. */
  group(key: string): ByParent {
    let g = this.groups.get(key);
    // Stryker disable next-line ConditionalExpression: a cache miss groups the same directives again
    if (g) return g;
    const list = this.byKey.get(key);
    if (!list) {
      this.groups.set(key, NO_GROUP);
      return NO_GROUP;
    }
    g = new Map();
    for (let i = 0; i < list.length; i++) {
      const d = list[i];
      if (d.includes) continue; // replaced by the included nodes, as in directivesOf
      let l = g.get(d.parent);
      if (!l) g.set(d.parent, (l = []));
      l.push(d);
    }
    // Kept for the run at their exact size: push leaves room for 17 in a list of one or two.
    // Stryker disable next-line ConditionalExpression,EqualityOperator,MethodExpression: a copy of the same list, for memory only
    for (const [block, l] of g) if (l.length < 17) g.set(block, l.slice());
    this.groups.set(key, g);
    return g;
  }

  /** The directives named `key` directly in `block`'s body (null: the file top). */
  in(block: Directive | null, key: string): Directive[] {
    return this.group(key).get(block) ?? NONE;
  }

  /** The last directive named `key` directly in `block`'s body: the one nginx keeps. */
  last(block: Directive | null, key: string): Directive | undefined {
    const l = this.group(key).get(block);
    return l ? l[l.length - 1] : undefined;
  }
}

const NONE: Directive[] = [];

/** The table of the unit whose top-level nodes are `nodes` (built once, trees are not mutated once loaded). */
export const unitTable = lazyPerObject((nodes: Node[]): UnitTable => new UnitTable(nodes));
