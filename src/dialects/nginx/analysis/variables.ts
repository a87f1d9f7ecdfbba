/**
 * Which variables a configuration defines, and where variables are used. A `$` is a variable
 * only where nginx compiles the argument as a script; in regex arguments it is an anchor.
 */
import type { Directive, Node, SourceFile } from '../../../core/ast';
import { preorderDirectives } from '../../../core/walk';
import { intern } from '../../../core/intern';
import type { NginxDirective } from '../node';
import { isBuiltinVariable } from './builtin-variables';

/**
 * Every `$name` use, as columns (one entry per use, in document order): a large config has tens
 * of thousands of uses of a few names, so the names are interned and nothing is an object per use.
 */
export class VariableUses {
  length = 0;
  private names: string[] = [];
  private directives: Directive[] = [];
  /** Per use: argument index, start and end offsets of `$name` (or `${name}`) in the file. */
  private cols = new Int32Array(3 * 256);

  add(name: string, d: Directive, arg: number, start: number, end: number): void {
    const k = this.length * 3;
    // Stryker disable next-line EqualityOperator: growing one use earlier keeps the same columns
    if (k + 3 > this.cols.length) {
      const c = new Int32Array(this.cols.length * 2);
      c.set(this.cols);
      this.cols = c;
    }
    this.cols[k] = arg;
    this.cols[k + 1] = start;
    this.cols[k + 2] = end;
    this.names.push(name);
    this.directives.push(d);
    this.length++;
  }

  /** The name as written, without `$` and braces. */
  name(i: number): string {
    return this.names[i];
  }

  directive(i: number): Directive {
    return this.directives[i];
  }

  arg(i: number): number {
    return this.cols[i * 3];
  }

  start(i: number): number {
    return this.cols[i * 3 + 1];
  }

  end(i: number): number {
    return this.cols[i * 3 + 2];
  }
}

/**
 * Directives whose first argument is the variable they define; so does every `set_*` directive
 * that names a `$variable` first (set-misc's set_md5, set_escape_uri, ..., lua's set_by_lua*:
 * https://github.com/openresty/set-misc-nginx-module, https://github.com/openresty/lua-nginx-module).
 */
const DEFINE_FIRST = new Set(['set', 'perl_set', 'js_set', 'js_var', 'auth_request_set']);
/** Directives whose last argument (before the block) defines the variable. */
const DEFINE_LAST = new Set(['map', 'geo', 'split_clients']);
/**
 * Directives whose arguments are regexes, names, MIME types or Lua/JS/Perl code, not variable
 * scripts (nginx 1.22.1 -t takes `location /$x`, `server_name a$x`, `valid_referers $x`,
 * `sub_filter_types text/$x` with no $x defined).
 */
const NOT_SCRIPT = new Set(['location', 'server_name', 'valid_referers', 'map', 'geo', 'split_clients', 'sub_filter_types', 'perl', 'perl_modules', 'perl_require', 'js_import', 'js_include', 'js_path', 'js_content', 'js_header_filter', 'js_body_filter']);
/** Directives whose first argument is a regex when it starts with `~`, and a script otherwise. */
const REGEX_IF_TILDE = new Set(['proxy_redirect', 'proxy_cookie_path', 'proxy_cookie_domain']);
const NAMED_CAPTURE = /\(\?(?:P?<([A-Za-z_][A-Za-z0-9_]*)>|'([A-Za-z_][A-Za-z0-9_]*)')/g;
/** Directives that define their first argument from code (Perl, JS): the other arguments are not scripts. */
const DEFINE_FROM_CODE = new Set(['perl_set', 'js_set']);
/** Blocks of entries (a key and a value), not of directives. */
const ENTRY_BLOCKS = new Set(['map', 'geo', 'split_clients', 'types', 'charset_map']);
/** Blocks whose first argument is a script (the source value) when they have two: `map $a $b {`. */
const SOURCE_FIRST = new Set(['map', 'geo', 'split_clients']);

function definesFirst(key: string): boolean {
  return DEFINE_FIRST.has(key) || key.startsWith('set_');
}

/** lua-nginx-module's directives: their arguments are Lua code or paths (`lua_package_path '$prefix/?.lua'`). */
function isLuaDirective(key: string): boolean {
  return key.includes('_by_lua') || key.startsWith('lua_');
}

/**
 * Is there a `needle` in text[s, e) of a file? Answered from where the needle next occurs,
 * remembered per file: the preorder visits each file's directives in document order, so each
 * text is searched about once in all, natively, instead of every directive's characters being
 * looked at one by one. A directive without a `$` defines and uses no variable (no escape makes
 * one), and most directives of a large config have none.
 */
// Stryker disable all: a shortcut only; a wrong answer that there is a needle costs a scan that
// finds nothing, and every other mutant of the search makes one (the tables cover the misses).
class NextIn {
  private file: SourceFile | undefined = undefined;
  /** For `file`: no needle in [from, found); found is -1 when there is none after from. */
  private from = 0;
  private found = -1;
  private readonly others = new Map<SourceFile, [number, number]>();

  constructor(private readonly needle: string) {}

  within(file: SourceFile, s: number, e: number): boolean {
    if (file !== this.file) {
      if (this.file) this.others.set(this.file, [this.from, this.found]);
      const kept = this.others.get(file);
      this.file = file;
      [this.from, this.found] = kept ?? [Number.MAX_SAFE_INTEGER, -1];
    }
    if (!(this.from <= s && (this.found === -1 || this.found >= s))) {
      this.from = s;
      this.found = file.text.indexOf(this.needle, s);
    }
    return this.found !== -1 && this.found + this.needle.length <= e;
  }
}
// Stryker restore all

export function definedVariables(nodes: Node[]): Map<string, Directive> {
  const out = new Map<string, Directive>();
  const add = (name: string | undefined, d: Directive) => {
    if (name && name.startsWith('$')) {
      // nginx lower-cases variable names (ngx_http_get_variable_index): $Foo is $foo. It takes
      // the name after `$` as it is: `set ${x} 1` defines "{x}", and `$x` stays unknown (1.22.1).
      const n = name.slice(1).toLowerCase();
      if (!out.has(n)) out.set(n, d);
    }
  };
  const list = preorderDirectives(nodes) as NginxDirective[];
  // Stryker disable next-line StringLiteral: an empty needle is found everywhere (a scan each)
  const dollars = new NextIn('$');
  // Stryker disable next-line StringLiteral: an empty needle is found everywhere (a scan each)
  const captures = new NextIn('(?');
  for (let k = 0; k < list.length; k++) {
    const d = list[k];
    const wordsEnd = d.rawEnd(d.words - 2);
    // Every definition names a `$variable` in the directive's words, or is a named capture.
    const capture = captures.within(d.file, d.start, wordsEnd);
    // Stryker disable next-line ConditionalExpression: a shortcut; reading on finds nothing to add
    if (!capture && !dollars.within(d.file, d.start, wordsEnd)) continue;
    const key = d.key;
    // An entry of a map, geo or split_clients block keyed `set` is an entry (its value a script).
    const entry = ENTRY_BLOCKS.has(d.parent?.key ?? '');
    if (!entry && definesFirst(key)) add(d.args[0], d);
    if (!entry && DEFINE_LAST.has(key)) add(d.args[d.args.length - 1], d);
    // ngx_http_geoip2_module: `geoip2 /db.mmdb { $geoip2_country default=US country iso_code; }`.
    if (d.parent?.key === 'geoip2') add(d.name, d);
    // Named captures define variables in location, server_name, if, rewrite and map regexes.
    // Looked for in the raw text first (unescaping never makes or breaks a "(?"), so the
    // arguments of the directives without one are never made into strings.
    // Stryker disable next-line ConditionalExpression: a shortcut; reading on matches no capture
    if (!capture) continue;
    for (let i = -1; i < d.words - 1; i++) {
      const a = i < 0 ? d.name : d.arg(i);
      // Stryker disable next-line ConditionalExpression,StringLiteral: a shortcut before matchAll
      if (a.includes('(?')) for (const m of a.matchAll(NAMED_CAPTURE)) add('$' + (m[1] ?? m[2]), d);
    }
  }
  return out;
}

/** Every `$variable` used where nginx evaluates variables (not in regexes or code). */
export function variableUses(nodes: Node[]): VariableUses {
  const out = new VariableUses();
  const list = preorderDirectives(nodes) as NginxDirective[];
  // Stryker disable next-line StringLiteral: an empty needle is found everywhere (a scan each)
  const dollars = new NextIn('$');
  for (let k = 0; k < list.length; k++) {
    const d = list[k];
    // Uses are found only at a `$` of the directive's words: without one there is nothing to scan.
    // Stryker disable next-line ConditionalExpression: a shortcut; the scan would find no `$`
    if (!dollars.within(d.file, d.start, d.rawEnd(d.words - 2))) continue;
    const key = d.key;
    const argc = d.words - 1;
    if (SOURCE_FIRST.has(key) && d.children && argc >= 2) scan(d, 1, out);
    if (NOT_SCRIPT.has(key) || isLuaDirective(key) || DEFINE_FROM_CODE.has(key)) continue;
    const parentKey = d.parent?.key;
    if (ENTRY_BLOCKS.has(parentKey ?? '')) {
      // Entries: the key is a pattern; the value may be a variable (map values can be).
      if (parentKey === 'map' && argc > 0) scan(d, 1, out);
      continue;
    }
    for (let i = 0; i < argc; i++) {
      // rewrite's pattern, if's regex operand and proxy_redirect's `~regex` are regexes.
      if (i === 0 && (key === 'rewrite' || definesFirst(key))) continue;
      if (key === 'if' && i > 0 && /^!?~\*?$/.test(d.arg(i - 1))) continue;
      if (i === 0 && REGEX_IF_TILDE.has(key) && d.arg(0).startsWith('~')) continue;
      scan(d, i + 1, out);
    }
  }
  return out;
}

function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57);
}

/** An environment variable's conventional name: upper case, digits and `_`, with a letter (`NGINX_PORT`). */
function isEnvName(text: string, s: number, e: number): boolean {
  let letter = false;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    // A name holds letters, digits and `_` only: anything above `9` but A-Z is lower case.
    if (c >= 65 && c <= 90) letter = true;
    else if (c !== 95 && c > 57) return false;
  }
  return letter;
}

/**
 * The `$name` and `${name}` of one argument's raw text (quotes and escapes as written), found by
 * scanning the characters in place: no slice and no regex match objects per argument.
 */
function scan(d: NginxDirective, spanIndex: number, out: VariableUses): void {
  const text = d.file.text;
  const template = d.file.path.endsWith('.template');
  const rs = d.rawStart(spanIndex - 1);
  const re = d.rawEnd(spanIndex - 1);
  // A bounded scan: indexOf would run on to the next `$` of the file for an argument without one.
  // A name needs no bound of its own: the character after a word's raw text is a space, `;` or
  // `{` (the lexer's word ends), never a name character or `}`.
  // Stryker disable next-line EqualityOperator: the character at re ends the word (a space, ; or {), never a $
  for (let i = rs; i < re; i++) {
    if (text.charCodeAt(i) !== 36) continue;
    const braced = text.charCodeAt(i + 1) === 123; /* { */
    const nameStart = braced ? i + 2 : i + 1;
    let nameEnd = nameStart;
    while (isNameChar(text.charCodeAt(nameEnd))) nameEnd++;
    // `$` before no name, or `$1` (a capture): no variable. A `${name` without its `}` is an
    // error of its own (nginx -t: the closing bracket is missing). `\$` is no escape: nginx
    // 1.22.1 -t fails on `return 200 "\$x"` with unknown "x" variable.
    if (!isNameStart(text.charCodeAt(nameStart))) continue;
    if (braced && text.charCodeAt(nameEnd) !== 125 /* } */) continue;
    // A `*.template` file is rendered by envsubst first (the Docker image's /etc/nginx/templates/,
    // and entrypoints like it): `${NGINX_HOST}` and `$NGINX_PORT` are the environment's, not nginx's.
    if (template && isEnvName(text, nameStart, nameEnd)) continue;
    out.add(intern(text, nameStart, nameEnd), d, spanIndex - 1, i, braced ? nameEnd + 1 : nameEnd);
  }
}

export { isBuiltinVariable };
