/**
 * What httpd knows while it reads the configuration: the directives it runs on the spot
 * (EXEC_ON_READ: LoadModule, Define, UnDefine, ServerRoot, the If* containers) change what the
 * lines after them mean. `ReadState` is that knowledge, fed in read order by the loader while it
 * parses.
 */
import * as path from 'node:path';
import { compilePattern } from '../../core/regex';
import { coerceVersion } from '../../core/versions';
import type { Directive } from '../../core/ast';
import { BUILTIN_MODULES, sourceFileFromPath, sourceFileOf } from './modules';
import { expandVariables, type VariableScope } from './variables';

export interface LoadedModule {
  /** Identifier as LoadModule names it: `proxy_wstunnel_module`. */
  id: string;
  /** Source file name httpd also accepts: `mod_proxy_wstunnel.c`. */
  sourceFile: string;
  /** The LoadModule directive, or null for a module compiled into httpd. */
  directive: Directive | null;
}

export class ReadState implements VariableScope {
  readonly modules = new Map<string, LoadedModule>();
  private bySourceFile = new Map<string, LoadedModule>();
  readonly defines = new Map<string, string | true>();
  /** Outcome of every conditional container met in a processed region (true = its body applies). */
  readonly activity = new Map<Directive, boolean>();
  /** Set when the linter was told where ServerRoot is (includes.prefix). */
  serverRootFixed = false;
  /** Module set complete (a main config)? Otherwise `<IfModule>` is unknown and taken as true. */
  constructor(
    public serverRoot: string,
    readonly env: Map<string, string>,
    readonly version: string,
    readonly modulesKnown: boolean,
  ) {
    for (const id of BUILTIN_MODULES) this.addModule(id, sourceFileOf(id), null);
  }

  private addModule(id: string, sourceFile: string, directive: Directive | null): void {
    const m: LoadedModule = { id, sourceFile, directive };
    if (!this.modules.has(id)) this.modules.set(id, m);
    if (!this.bySourceFile.has(sourceFile)) this.bySourceFile.set(sourceFile, m);
    const derived = sourceFileOf(id);
    if (!this.bySourceFile.has(derived)) this.bySourceFile.set(derived, m);
  }

  /** By identifier (`proxy_module`) or source file (`mod_proxy.c`), as `<IfModule>` accepts. */
  findModule(name: string): LoadedModule | undefined {
    return this.modules.get(name) ?? this.bySourceFile.get(name);
  }

  expand(s: string): string {
    return expandVariables(s, this);
  }

  /** Relative paths are relative to ServerRoot (ap_server_root_relative). */
  resolvePath(p: string): string {
    const e = this.expand(p);
    return path.isAbsolute(e) ? path.normalize(e) : path.join(this.serverRoot, e);
  }

  /** A directive httpd runs while reading. */
  onDirective(d: Directive): void {
    switch (d.key) {
      case 'loadmodule':
        if (d.args.length >= 2) {
          const file = this.expand(d.args[1]);
          this.addModule(d.args[0], sourceFileFromPath(file) ?? sourceFileOf(d.args[0]), d);
        }
        break;
      case 'define':
        if (d.args.length >= 1) this.defines.set(d.args[0], d.args.length >= 2 ? this.expand(d.args[1]) : true);
        break;
      case 'undefine':
        if (d.args.length >= 1) this.defines.delete(d.args[0]);
        break;
      case 'serverroot':
        // A configured prefix says where ServerRoot is in the linted tree: it wins over the directive.
        if (d.args.length >= 1 && !this.serverRootFixed) this.serverRoot = this.resolvePath(d.args[0]);
        break;
    }
  }

  /** A conditional container's verdict, recorded; undefined when it cannot be known. */
  evaluate(section: Directive): boolean | undefined {
    const v = this.decide(section);
    this.activity.set(section, v !== false);
    return v;
  }

  private decide(section: Directive): boolean | undefined {
    const arg = section.args.length ? this.expand(section.args.join(' ')) : '';
    switch (section.key) {
      case 'ifmodule': {
        const { negated, name } = negation(arg);
        const present = this.findModule(name) !== undefined;
        if (!present && !this.modulesKnown) return undefined;
        return present !== negated;
      }
      case 'ifdefine': {
        const { negated, name } = negation(arg);
        const defined = this.defines.has(name);
        // Fragments may rely on Defines (or `-D` flags) made elsewhere.
        if (!defined && !this.modulesKnown) return undefined;
        return defined !== negated;
      }
      case 'ifversion':
        return matchVersion(section.args.map((a) => this.expand(a)), this.version);
      default:
        // <IfFile>, <IfDirective>, <IfSection> depend on the machine and the build: unknown.
        return undefined;
    }
  }
}

function negation(arg: string): { negated: boolean; name: string } {
  const t = arg.trim();
  return t.startsWith('!') ? { negated: true, name: t.slice(1).trim() } : { negated: false, name: t };
}

/**
 * mod_version: `[[!]op] version` with op one of = == < <= > >= ~, or `/regex/`. Missing version
 * components count as 0 (so `= 2.4` means 2.4.0); `~` and `/…/` match "major.minor.patch".
 */
export function matchVersion(args: string[], target: string): boolean | undefined {
  const v = coerceVersion(target);
  if (!v || args.length === 0) return undefined;
  let op = '=';
  let value: string;
  if (args.length === 1) value = args[0];
  else {
    op = args[0];
    value = args.slice(1).join(' ');
  }
  let negated = false;
  if (op.startsWith('!')) {
    negated = true;
    op = op.slice(1) || '=';
  }
  const versionString = `${v.major}.${v.minor}.${v.patch}`;
  let result: boolean;
  if (op === '~' || (value.startsWith('/') && value.endsWith('/') && value.length >= 2)) {
    const src = value.startsWith('/') && value.endsWith('/') && value.length >= 2 ? value.slice(1, -1) : value;
    const re = compilePattern(src);
    if (!re) return undefined;
    result = re.test(versionString);
  } else {
    const parts = value.split('.').map((x) => Number.parseInt(x, 10));
    if (parts.some((n) => Number.isNaN(n)) || parts.length > 3) return undefined;
    const want = [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0];
    const have = [v.major, v.minor, v.patch];
    let cmp = 0;
    for (let k = 0; k < 3 && cmp === 0; k++) cmp = Math.sign(have[k] - want[k]);
    switch (op) {
      case '=':
      case '==':
        result = cmp === 0;
        break;
      case '<':
        result = cmp < 0;
        break;
      case '<=':
        result = cmp <= 0;
        break;
      case '>':
        result = cmp > 0;
        break;
      case '>=':
        result = cmp >= 0;
        break;
      default:
        return undefined;
    }
  }
  return result !== negated;
}
