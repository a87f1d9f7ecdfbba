/**
 * Which variables a configuration defines, and where variables are used. A `$` is a variable
 * only where nginx compiles the argument as a script; in regex arguments it is an anchor.
 */
import type { Directive, Node } from '../../../core/ast';
import { walk } from '../../../core/walk';
import { isBuiltinVariable } from './builtin-variables';

export interface VariableUse {
  name: string;
  directive: Directive;
  /** Argument index and offsets of `$name` (or `${name}`) in the file. */
  arg: number;
  start: number;
  end: number;
}

/** Directives whose first argument is the variable they define. */
const DEFINE_FIRST = new Set(['set', 'perl_set', 'js_set', 'js_var', 'auth_request_set', 'set_by_lua', 'set_by_lua_file', 'set_by_lua_block', 'set_real_ip_from_var', 'set_secure_link', 'set_unescape_uri', 'set_escape_uri', 'set_md5', 'set_sha1', 'set_if_empty', 'set_formatted_gmt_time', 'set_formatted_local_time', 'set_decode_base64', 'set_encode_base64', 'set_random', 'set_hashed_upstream']);
/** Directives whose last argument (before the block) defines the variable. */
const DEFINE_LAST = new Set(['map', 'split_clients', 'geoip2_proxy']);
/** Directives whose arguments are regexes, names or Lua/JS/Perl code, not variable scripts. */
const NOT_SCRIPT = new Set(['location', 'server_name', 'valid_referers', 'map', 'geo', 'split_clients', 'types', 'log_format_escape', 'charset_map', 'proxy_cookie_path', 'proxy_cookie_domain', 'sub_filter_types', 'perl', 'perl_modules', 'perl_require', 'js_import', 'js_include', 'js_path', 'js_content', 'js_header_filter', 'js_body_filter']);
const NAMED_CAPTURE = /\(\?(?:P?<([A-Za-z_][A-Za-z0-9_]*)>|'([A-Za-z_][A-Za-z0-9_]*)')/g;
/** Directives that define their first argument from code (Perl, JS): the other arguments are not scripts. */
const DEFINE_FROM_CODE = new Set(['perl_set', 'js_set']);
/** Blocks whose first argument is a script (the source value) when they have two: `map $a $b {`. */
const SOURCE_FIRST = new Set(['map', 'geo', 'split_clients']);

const codeKeys = new Map<string, boolean>();

function isCodeDirective(key: string): boolean {
  // Asked for every directive: one regex test per distinct name.
  let v = codeKeys.get(key);
  if (v === undefined) {
    v = /_by_lua(_file)?$/.test(key) || key.startsWith('lua_');
    if (codeKeys.size < 10_000) codeKeys.set(key, v);
  }
  return v;
}

export function definedVariables(nodes: Node[]): Map<string, Directive> {
  const out = new Map<string, Directive>();
  const add = (name: string | undefined, d: Directive) => {
    if (name && name.startsWith('$')) {
      // nginx lower-cases variable names (ngx_http_get_variable_index): $Foo is $foo.
      const n = name.slice(1).replace(/^\{(.*)\}$/, '$1').toLowerCase();
      if (!out.has(n)) out.set(n, d);
    }
  };
  walk(nodes, (n) => {
    if (n.type !== 'directive') return;
    const d = n;
    if (DEFINE_FIRST.has(d.key)) add(d.args[0], d);
    if (d.key === 'geo') add(d.args[d.args.length - 1], d);
    if (DEFINE_LAST.has(d.key)) add(d.args[d.args.length - 1], d);
    if (d.parent?.key === 'geoip2' || d.parent?.key === 'geoip2_proxy') add(d.name, d);
    // Named captures define variables in location, server_name, if, rewrite and map regexes.
    for (let i = -1; i < d.args.length; i++) {
      const a = i < 0 ? d.name : d.args[i];
      if (a.includes('(?')) for (const m of a.matchAll(NAMED_CAPTURE)) add('$' + (m[1] ?? m[2]), d);
    }
  });
  return out;
}

/** Every `$variable` used where nginx evaluates variables (not in regexes or code). */
export function variableUses(nodes: Node[]): VariableUse[] {
  const out: VariableUse[] = [];
  walk(nodes, (n) => {
    if (n.type !== 'directive') return;
    const d = n;
    if (SOURCE_FIRST.has(d.key) && d.children && d.args.length >= 2) scan(d, 0, d.args[0], out, 1);
    if (NOT_SCRIPT.has(d.key) || isCodeDirective(d.key) || DEFINE_FROM_CODE.has(d.key)) return;
    const parentKey = d.parent?.key;
    if (parentKey === 'map' || parentKey === 'geo' || parentKey === 'split_clients' || parentKey === 'types' || parentKey === 'charset_map') {
      // Entries: the key is a pattern; the value may be a variable (map values can be).
      if (parentKey === 'map') scan(d, 0, d.args[0] ?? '', out, 1);
      return;
    }
    for (let i = 0; i < d.args.length; i++) {
      // rewrite's pattern, if's regex operand and proxy_redirect's `~regex` are regexes.
      if (d.key === 'rewrite' && i === 0) continue;
      if (d.key === 'if' && i > 0 && /^!?~\*?$/.test(d.args[i - 1])) continue;
      if (d.key === 'proxy_redirect' && i === 0 && d.args[0].startsWith('~')) continue;
      if (d.key === 'set' && i === 0) continue;
      if (DEFINE_FIRST.has(d.key) && i === 0) continue;
      if (d.key === 'auth_request_set' && i === 0) continue;
      scan(d, i, d.args[i], out, i + 1);
    }
  });
  return out;
}

function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57);
}

/**
 * The `$name` and `${name}` of one argument's raw text (quotes and escapes as written), found by
 * scanning the characters in place: no slice and no regex match objects per argument.
 */
function scan(d: Directive, argIndex: number, value: string, out: VariableUse[], spanIndex: number): void {
  if (!value.includes('$')) return;
  const text = d.file.text;
  const rs = d.spans[spanIndex * 2];
  const re = d.spans[spanIndex * 2 + 1];
  for (let i = text.indexOf('$', rs); i !== -1 && i < re; i = text.indexOf('$', i + 1)) {
    let nameStart = i + 1;
    let nameEnd = -1;
    let end = -1;
    if (text.charCodeAt(nameStart) === 123 /* { */) {
      nameStart++;
      let k = nameStart;
      if (k < re && isNameStart(text.charCodeAt(k))) {
        k++;
        while (k < re && isNameChar(text.charCodeAt(k))) k++;
        if (k < re && text.charCodeAt(k) === 125 /* } */) {
          nameEnd = k;
          end = k + 1;
        }
      }
    } else if (nameStart < re && isNameStart(text.charCodeAt(nameStart))) {
      let k = nameStart + 1;
      while (k < re && isNameChar(text.charCodeAt(k))) k++;
      nameEnd = end = k;
    }
    if (end < 0) continue;
    // An escaped `\$` is a literal dollar (its name is skipped all the same).
    if (i > rs && text.charCodeAt(i - 1) === 92) {
      i = end - 1;
      continue;
    }
    out.push({ name: text.slice(nameStart, nameEnd), directive: d, arg: spanIndex - 1, start: i, end });
    i = end - 1;
  }
}

export { isBuiltinVariable };
