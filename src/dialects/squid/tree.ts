/**
 * The directives squid actually reads, in its order: included files spliced in, `if` branches
 * that are known false skipped, branches that depend on the SMP kid (`${process_number}`) kept
 * and marked conditional.
 */
import type { Directive, Node } from '../../core/ast';
import { evalCondition, type Tristate } from './conditions';

export function conditionOf(ifDirective: Directive): Tristate {
  const r = evalCondition(ifDirective.args.join(' '));
  return 'error' in r ? 'unknown' : r.value;
}

export interface ActiveWalk {
  directives: Directive[];
  /** Directives inside a branch whose condition is unknown. */
  conditional: Set<Directive>;
}

/**
 * The directives of a node list, comments left out: made once per list (a parsed tree's lists do
 * not change) and shared by the walks, since a stock squid.conf is 8,694 comments and 470
 * directives and the loader and the analyses walk it three times.
 */
const directiveLists = new WeakMap<Node[], Directive[]>();

function directivesIn(nodes: Node[]): Directive[] {
  let list = directiveLists.get(nodes);
  if (!list) {
    list = [];
    for (const n of nodes) if (n.type === 'directive') list.push(n);
    directiveLists.set(nodes, list);
  }
  return list;
}

/** `onInclude` lets the loader resolve includes as the walk meets them (squid's order). */
export function walkActive(nodes: Node[], visit: (d: Directive, conditional: boolean) => void, conditional = false): void {
  walkDirectives(directivesIn(nodes), visit, conditional);
}

function walkDirectives(list: Directive[], visit: (d: Directive, conditional: boolean) => void, conditional: boolean): void {
  for (const n of list) {
    if (n.key === 'if' && n.children) {
      const c = conditionOf(n);
      const cond = conditional || c === 'unknown';
      // Branches: the if-branch is the children before the first `else`; each `else` flips.
      let state: Tristate = c;
      const branch: Directive[] = [];
      const flush = (): void => {
        if (state !== false) walkDirectives(branch, visit, cond);
        branch.length = 0;
      };
      for (const k of directivesIn(n.children)) {
        if (k.key === 'else' && k.parent === n) {
          flush();
          state = state === 'unknown' ? 'unknown' : !state;
          if (state !== false) walkActive(k.children ?? [], visit, cond);
        } else branch.push(k);
      }
      flush();
      continue;
    }
    visit(n, conditional);
    if (n.includes) for (const inc of n.includes) walkActive(inc.nodes, visit, conditional);
  }
}

export function activeDirectives(nodes: Node[]): ActiveWalk {
  const directives: Directive[] = [];
  const conditional = new Set<Directive>();
  walkActive(nodes, (d, c) => {
    directives.push(d);
    if (c) conditional.add(d);
  });
  return { directives, conditional };
}
