/**
 * Fix helpers shared by the nginx rules. They know nginx's inheritance rules so that a fix never
 * silently changes what a level inherits: adding one `proxy_set_header` to a location that
 * inherited its list from the server would drop every inherited header, so the inherited lines
 * are copied along with the new one.
 *
 * Every helper returns text edits only (minimal, indentation and line endings copied from the
 * neighbouring lines); nothing outside the edited ranges changes.
 */
import { renderFixTemplate } from '../../templates';
import type { Directive, Node } from '../../core/ast';
import { argRange } from '../../core/ast';
import { eolOf, indentAt, innerIndent, lineEndAt } from '../../core/fixes';
import type { Edit } from '../../core/rule';
import { directivesOf } from '../../core/walk';
import type { HeaderSetting, LocationInfo, NginxAnalysis } from './analysis';

/** Where lines go in a block: after `anchor`'s line, or just inside the opening `{`. */
interface InsertionPoint {
  anchor: Directive | null;
}

/**
 * Insert whole directive lines (`proxy_read_timeout 1h;`) into `block`'s body, in the block's
 * own file: after the last directive of `after` keys found there (in order of preference), else
 * after the first directive of the body, else just after the opening `{`.
 */
export function insertDirectiveLines(block: Directive, lines: string[], after: string[] = []): Edit {
  const own = directivesOf(block.children).filter((d) => d.file === block.file);
  let anchor: Directive | null = null;
  for (const key of after) {
    const hits = own.filter((d) => d.key === key);
    if (hits.length) {
      anchor = hits[hits.length - 1];
      break;
    }
  }
  if (!anchor && own.length) anchor = own[0];
  return insertAt(block, { anchor }, lines);
}

function insertAt(block: Directive, at: InsertionPoint, lines: string[]): Edit {
  const file = block.file;
  const eol = eolOf(file);
  const bodyEnd = block.bodyEnd ?? block.end;
  const after = at.anchor ? at.anchor.end : (block.bodyStart ?? block.end);
  const lineEnd = lineEndAt(file, after);
  const indent = at.anchor && !sameLine(file.text, block.start, at.anchor.start)
    ? indentAt(file, at.anchor.start)
    : innerIndent(file, indentAt(file, block.start));
  if (lineEnd > bodyEnd || !/^\s*(#.*)?$/.test(file.text.slice(after, lineEnd))) {
    // The block closes (or more code follows) on the same line: `location /ws { proxy_pass …; }`.
    // Stay on that line rather than moving the `}`.
    return { file, range: [after, after], text: lines.map((l) => ' ' + l).join('') };
  }
  return { file, range: [lineEnd, lineEnd], text: lines.map((l) => eol + indent + l).join('') };
}

function sameLine(text: string, a: number, b: number): boolean {
  const [lo, hi] = a < b ? [a, b] : [b, a];
  return !text.slice(lo, hi).includes('\n');
}

/** The source text of a directive as written (quotes kept), on one line. */
export function directiveText(d: Directive): string {
  return d.file.text.slice(d.start, d.end).replace(/\s*\r?\n\s*/g, ' ');
}

/**
 * Add `proxy_set_header` lines to `level` (a location, server, `if`, … block) without changing
 * anything else it receives:
 * - the level has its own list: the lines go after its last `proxy_set_header` (in its own file);
 * - the level inherits a list from an outer level: that list is copied into the level first
 *   (nginx inherits "if and only if there are no proxy_set_header directives defined on the
 *   current level"), then the new lines;
 * - nothing is set anywhere: the lines go after `proxy_pass` (or first in the body).
 *
 * `lines` are complete directives, e.g. `proxy_set_header X-Forwarded-Proto $scheme;`.
 */
export function insertProxySetHeaders(analysis: NginxAnalysis, level: Directive, lines: string[]): Edit {
  const effective = analysis.headersAt(level);
  const own = directivesOf(level.children).filter((d) => d.key === 'proxy_set_header');
  if (own.length) {
    const inFile = own.filter((d) => d.file === level.file);
    const anchor = inFile.length ? inFile[inFile.length - 1] : null;
    if (anchor) return insertAt(level, { anchor }, lines);
    return insertDirectiveLines(level, lines, ['proxy_pass']);
  }
  const copied = effective.inherited ? effective.headers.map((h) => directiveText(h.directive)) : [];
  return insertDirectiveLines(level, [...copied, ...lines], ['proxy_pass', 'proxy_http_version']);
}

/** Insert whole directive lines at the top of `block`'s body (just after the opening `{`). */
export function insertAtTop(block: Directive, lines: string[]): Edit {
  return insertAt(block, { anchor: null }, lines);
}

/** True when `d` is `n` or was pulled in (at any depth) by the include directive `n`. */
function holds(n: Node, d: Directive): boolean {
  if (n === d) return true;
  if (n.type !== 'directive' || !n.includes) return false;
  return n.includes.some((inc) => inc.nodes.some((m) => holds(m, d)));
}

/** The direct child of `block` (as written in its file) that is `d` or includes it. */
export function directChildHolding(block: Directive, d: Directive): Directive | undefined {
  for (const n of block.children ?? []) if (n.type === 'directive' && holds(n, d)) return n;
  return undefined;
}

/**
 * Make `level` send header `name` with `value` (raw text, quoted as needed), changing nothing
 * else it sends:
 * - the level's own list has that header → its value is replaced in place;
 * - the level has its own list without it → one line is added to the list;
 * - the level inherits its list (or has none) → the inherited lines are copied in with it, the
 *   header's inherited value replaced, so no inherited header is dropped.
 */
export function setHeaderEdits(analysis: NginxAnalysis, level: Directive, name: string, value: string): Edit[] {
  const eff = analysis.headersAt(level);
  const lower = name.toLowerCase();
  const line = `proxy_set_header ${name} ${value};`;
  if (!eff.inherited && eff.level === level && eff.headers.length > 0) {
    const existing = eff.get(name);
    if (existing && existing.directive.args.length >= 2) {
      const [s, e] = argRange(existing.directive, 1);
      return [{ file: existing.directive.file, range: [s, e], text: value }];
    }
    return [insertProxySetHeaders(analysis, level, [line])];
  }
  let replaced = false;
  const lines = (eff.inherited ? eff.headers : []).map((h) => {
    if (h.name.toLowerCase() !== lower) return directiveText(h.directive);
    replaced = true;
    const [s, e] = argRange(h.directive, 0);
    return `proxy_set_header ${h.directive.file.text.slice(s, e)} ${value};`;
  });
  if (!replaced) lines.push(line);
  return [insertDirectiveLines(level, lines, ['proxy_pass', 'proxy_http_version'])];
}

/** Copy headers an outer level sets into `level`'s own list (the inheritance trap, undone). */
export function copyHeadersEdits(analysis: NginxAnalysis, level: Directive, headers: HeaderSetting[]): Edit[] {
  if (headers.length === 0) return [];
  return [insertProxySetHeaders(analysis, level, headers.map((h) => directiveText(h.directive)))];
}

/**
 * Make `level` use `key value;` for a simple directive (proxy_http_version, …): its own
 * directive's arguments are replaced, else one line is added after proxy_pass (simple
 * directives inherit per key, so nothing else changes).
 */
export function setDirectiveEdits(analysis: NginxAnalysis, level: Directive, key: string, value: string): Edit[] {
  const current = analysis.inherited(level, key);
  if (current && analysis.levelOf(current) === level && current.args.length >= 1) {
    const [s] = argRange(current, 0);
    const [, e] = argRange(current, current.args.length - 1);
    return [{ file: current.file, range: [s, e], text: value }];
  }
  return [insertDirectiveLines(level, [`${key} ${value};`], ['proxy_pass'])];
}

export interface ConnectionUpgrade {
  /** What to put in `proxy_set_header Connection …`: `$connection_upgrade` (or the unit's map), else `"upgrade"`. */
  value: string;
  /** Edits that define the map, when it had to be added. */
  edits: Edit[];
}

/**
 * The Connection value for a WebSocket route, defining the docs' map when the unit lacks one:
 * `map $http_upgrade $connection_upgrade { default upgrade; '' close; }` at the top of the http
 * block (`'' ''` when the location's upstream keeps connections alive, so plain requests keep
 * them: observed 101 + upstream keep-alive). A fragment without an http block, or a unit where
 * the name is taken by another definition, gets the literal "upgrade" instead.
 */
export function connectionUpgradeValue(analysis: NginxAnalysis, loc: LocationInfo | undefined): ConnectionUpgrade {
  const existing = analysis.connectionUpgradeMap;
  if (existing) return { value: '$' + existing.variable, edits: [] };
  const http = analysis.http;
  if (!http || http.bodyStart === undefined || analysis.definedVariables.has('connection_upgrade')) {
    return { value: '"upgrade"', edits: [] };
  }
  const keepalive = !!(loc && analysis.keepaliveOf(loc));
  const step = innerIndent(http.file, '') || '    ';
  // The same template `proxylint generate nginx` prints, so the generator and the fixer agree.
  const lines = renderFixTemplate('nginx', 'connection-upgrade-map', { keepalive })
    .replace(/\n+$/, '')
    .split('\n')
    .map((l) => l.replace(/^ {4}/, step));
  return { value: '$connection_upgrade', edits: [insertAtTop(http, lines)] };
}
