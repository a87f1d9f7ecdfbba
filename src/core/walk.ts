/**
 * Walking a resolved tree as the server sees it: an `include` directive is replaced by what it
 * included, transparently, so rules and analyses never special-case includes.
 */
import type { Directive, Node } from './ast';

/** Visit every node in document order (included files spliced in), depth first. */
export function walk(nodes: Node[], enter: (n: Node) => void, exit?: (d: Directive) => void): void {
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

const flatCache = new WeakMap<Node[], Directive[]>();

/** The directives of a block body (or a file's top level), includes spliced in, not recursing into blocks. */
export function directivesOf(nodes: Node[] | undefined): Directive[] {
  if (!nodes) return [];
  let out = flatCache.get(nodes);
  if (out) return out;
  out = [];
  const add = (list: Node[]) => {
    for (const n of list) {
      if (n.type !== 'directive') continue;
      if (n.includes) {
        for (const inc of n.includes) add(inc.nodes);
      } else out!.push(n);
    }
  };
  add(nodes);
  flatCache.set(nodes, out);
  return out;
}
