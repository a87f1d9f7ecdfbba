/**
 * Builds the tree from the lexer's statements, as ngx_conf_parse() does: blocks nest, `}` at
 * the top of a file is an error, end of file inside a block is an error, and the bodies read by
 * a custom handler (`map`, `types`, `geo`, …) may not open blocks. One file at a time; includes
 * are resolved by includes.ts.
 */
import type { Directive, IncludedFile, Node, ParseError, SourceFile } from '../../core/ast';
import { NginxLexer, Stop } from './lexer';
import { SpanTable } from '../../core/span-table';
import { NginxDirective, nginxComment, wordValue } from './node';
import { encodingProblem } from '../../core/encoding';

/** Blocks whose bodies nginx hands to a custom handler (cf->handler): no nested `{` allowed. */
const HANDLER_BLOCKS = new Set(['map', 'types', 'geo', 'split_clients', 'charset_map']);

/**
 * nginx itself has no nesting limit (ngx_conf_parse recurses: 10,000 nested locations pass
 * `nginx -t`), but no real config nests more than a handful of blocks; past this depth, counted
 * across includes, we stop with an error rather than let every recursive walk (the include
 * resolver's, the engine's, the rules') overflow the stack. The same limit as Apache's parser.
 */
export const MAX_NESTING = 200;

/** The `include` directives of each parsed file (by its top-level node list), in document order. */
const includesByFile = new WeakMap<Node[], Directive[]>();

/**
 * Every directive named `include` in a file parsed by parseNginx, nested ones too, in document
 * order (what a walk of its tree would meet), so resolving includes need not walk the tree.
 * Undefined for a node list parseNginx did not make.
 */
export function includeDirectives(nodes: Node[]): Directive[] | undefined {
  return includesByFile.get(nodes);
}

export function isLuaBlock(name: string): boolean {
  return name.endsWith('_by_lua_block');
}

export function parseNginx(file: SourceFile, parent: Directive | null = null): IncludedFile {
  const text = file.text;
  const enc = encodingProblem(text, 'nginx');
  if (enc) return { file, nodes: [], error: { message: enc, file, offset: 0 } };
  let children: Node[] = [];
  const top = children;
  let current: Directive | null = parent;
  /** Open blocks, innermost last, with the children list of their parent. */
  const stack: { block: Directive; outer: Node[]; outerParent: Directive | null }[] = [];
  let inHandlerBlock = 0;
  let outerDepth = 0;
  for (let p = parent; p; p = p.parent) outerDepth++;

  const lexer = new NginxLexer(text, (start, end) => {
    children.push(nginxComment(text, start, end, file, current));
  }, file.encoding === 'latin1');
  // About one word per 8 characters of a typical config: grown by doubling when wrong.
  const table = new SpanTable(text.length >> 3);
  const includes: Directive[] = [];
  includesByFile.set(top, includes);

  const error = (message: string, offset: number): IncludedFile => {
    table.trim();
    return { file, nodes: top, error: { message, file, offset } satisfies ParseError };
  };

  for (;;) {
    const stop = lexer.next();
    if (stop === Stop.Error) return error(lexer.errorMessage, lexer.errorOffset);
    if (stop === Stop.Eof) {
      if (stack.length > 0) return error('unexpected end of file, expecting "}"', text.length);
      table.trim();
      return { file, nodes: top };
    }
    if (stop === Stop.BlockEnd) {
      const open = stack.pop();
      if (!open) return error('unexpected "}"', lexer.stopOffset);
      // At its exact size: push grows an array by half again plus 16 slots, and a block's body
      // is kept for the whole run (most location bodies hold a handful of nodes).
      if (children.length > 0) open.block.children = children.slice();
      open.block.bodyEnd = lexer.stopOffset;
      open.block.end = lexer.stopOffset + 1;
      if (HANDLER_BLOCKS.has(open.block.key)) inHandlerBlock--;
      children = open.outer;
      current = open.outerParent;
      continue;
    }
    const at = table.push(lexer.spans, lexer.count * 2);
    const name = wordValue(text, lexer.spans[0], lexer.spans[1]);
    const d = new NginxDirective(name, file, current, lexer.stopOffset + 1, table, at, lexer.count, lexer.escaped);
    children.push(d);
    if (name === 'include') includes.push(d);
    if (stop === Stop.BlockStart) {
      if (inHandlerBlock > 0) return error('unexpected "{"', lexer.stopOffset);
      d.children = [];
      d.bodyStart = lexer.stopOffset + 1;
      if (isLuaBlock(name)) {
        // The body is Lua, read by lua-nginx-module's own tokenizer: keep it opaque.
        const close = lexer.skipLuaBlock();
        if (close < 0) return error('unexpected end of file, expecting "}"', text.length);
        d.bodyEnd = close;
        d.end = close + 1;
        continue;
      }
      if (outerDepth + stack.length + 1 > MAX_NESTING) return error(`proxylint: blocks nested deeper than ${MAX_NESTING} levels`, d.start);
      if (HANDLER_BLOCKS.has(d.key)) inHandlerBlock++;
      stack.push({ block: d, outer: children, outerParent: current });
      children = d.children;
      current = d;
    }
  }
}
