/**
 * Walking a resolved tree as the server sees it: an `include` directive is replaced by what it
 * included, transparently, so rules and analyses never special-case includes.
 */
import type { Directive, Node } from './ast';
import { lazyPerObject } from './lazy';

/**
 * Every node under `nodes` in the order `walk` visits them, as one array built on first use and
 * kept (trees are not mutated once loaded): the engine and each analysis walk the same unit, and
 * a flat loop costs a fraction of a recursive walk with a callback per level.
 */
export const preorder = lazyPerObject((nodes: Node[]): Node[] => {
  const out: Node[] = [];
  fill(nodes, out);
  return out;
});

/** The directives of `preorder(nodes)`, comments left out. */
export const preorderDirectives = lazyPerObject((nodes: Node[]): Directive[] => preorder(nodes).filter((n): n is Directive => n.type === 'directive'));

function fill(nodes: Node[], out: Node[]): void {
  for (const n of nodes) {
    out.push(n);
    if (n.type !== 'directive') continue;
    if (n.includes) for (const inc of n.includes) fill(inc.nodes, out);
    if (n.children) fill(n.children, out);
  }
}

/** Visit every node in document order (included files spliced in), depth first. */
export function walk(nodes: Node[], enter: (n: Node) => void, exit?: (d: Directive) => void): void {
  if (!exit) {
    const list = preorder(nodes);
    for (let i = 0; i < list.length; i++) enter(list[i]);
    return;
  }
  for (const n of nodes) {
    enter(n);
    if (n.type !== 'directive') continue;
    if (n.includes) for (const inc of n.includes) walk(inc.nodes, enter, exit);
    if (n.children) {
      walk(n.children, enter, exit);
      if (exit) exit(n);
    }
  }
}

/** The directives of a block body (or a file's top level), includes spliced in, not recursing into blocks. */
export function directivesOf(nodes: Node[] | undefined): Directive[] {
  return nodes ? flatDirectives(nodes) : [];
}

const flatDirectives = lazyPerObject((nodes: Node[]): Directive[] => {
  const out: Directive[] = [];
  const add = (list: Node[]) => {
    for (const n of list) {
      if (n.type !== 'directive') continue;
      if (n.includes) {
        for (const inc of n.includes) add(inc.nodes);
      } else out.push(n);
    }
  };
  add(nodes);
  return out;
});
