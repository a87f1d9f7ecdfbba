/**
 * Loading a configuration the way httpd reads it: one pass in read order, where Include,
 * LoadModule, Define and the If* containers take effect at the line they are on. Included files
 * are parsed on the spot, in the context of the including directive, and attached to it, by the
 * shared loader (core/include-loader); what is httpd's own is where an Include points
 * (./includes: directories, wildcards per segment, IncludeOptional) and its words.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { absentKind, absentMessage, hasDeployPlaceholder, inferTailMapping, inferredCovers, linkedAtDeploy, locate, placeholderMessage, type InferredMapping, type Mapped } from '../../core/include-paths';
import { expandGlob, hasGlobMagic } from '../../core/glob';
import type { Directive, IncludeProblem, ParsedUnit, SourceFile } from '../../core/ast';
import type { LoadOptions } from '../../core/dialect';
import { IncludeLoader } from '../../core/include-loader';
import { resolveInclude } from './includes';
import { parseApache } from './parser';
import { ReadState } from './state';
import { parseEnvvars } from './variables';

/** httpd gives up at this include depth (AP_MAX_INCLUDE_DEPTH). */
const MAX_DEPTH = 128;

export type ConfigContext = 'server' | 'htaccess' | 'fragment';

/** What the load learnt, for the analyses (kept beside the unit, not in the tree). */
export interface LoadInfo {
  state: ReadState;
  context: ConfigContext;
}

const infos = new WeakMap<ParsedUnit, LoadInfo>();

/** Every Apache unit comes from loadApache (the dialect's only way to build one). */
export function loadInfo(unit: ParsedUnit): LoadInfo {
  const info = infos.get(unit);
  if (!info) throw new Error(`${unit.root.path}: an Apache unit not built by loadApache`);
  return info;
}

export function isHtaccess(p: string): boolean {
  return path.basename(p) === '.htaccess';
}

/**
 * Is this root a main config, whose LoadModule lines are the whole module set? By name
 * (apache2.conf, httpd.conf) or because it loads modules itself or includes Debian's
 * mods-enabled. Anything else is a fragment whose modules are unknown.
 */
export function looksLikeMainConfig(root: SourceFile): boolean {
  const base = path.basename(root.path).toLowerCase();
  if (base === 'apache2.conf' || base === 'httpd.conf') return true;
  return /^[ \t]*(LoadModule[ \t]|Include(Optional)?[ \t]+\S*mods-enabled)/im.test(root.text);
}

/** Debian's envvars beside apache2.conf (APACHE_RUN_USER, APACHE_LOG_DIR, ...). */
function readEnvvars(root: SourceFile, options: LoadOptions): Map<string, string> {
  try {
    return parseEnvvars(options.readFile(path.join(path.dirname(root.path), 'envvars')).text);
  } catch {
    return new Map();
  }
}

/**
 * Included files whose content is known to set nothing a rule reads, so an unread one leaves its
 * scope known: certbot's options-ssl-apache.conf (SSLEngine, SSLProtocol, SSLCipherSuite,
 * SSLHonorCipherOrder, SSLSessionTickets, SSLOptions, LogFormat: certbot-apache tls_configs).
 */
const INERT = new Set(['options-ssl-apache.conf']);

function errnoMessage(e: unknown): { kind: IncludeProblem['kind']; text: string } {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing', text: 'No such file or directory' };
  if (code === 'EFBIG') return { kind: 'too-large', text: (e as Error).message };
  if (code === 'EACCES' || code === 'EPERM') return { kind: 'unreadable', text: 'Permission denied' };
  return { kind: 'unreadable', text: (e as Error).message };
}

export function loadApache(root: SourceFile, options: LoadOptions): ParsedUnit {
  const htaccess = isHtaccess(root.path);
  const main = !htaccess && looksLikeMainConfig(root);
  const state = new ReadState(options.prefix ?? path.dirname(root.path), readEnvvars(root, options), options.settings.targets.apache, main);
  state.serverRootFixed = options.prefix !== undefined;

  const loader = new IncludeLoader(root, options, {
    maxChain: MAX_DEPTH,
    tooDeep: (d, p, chain) => ({ message: cycleMessage(d, p, chain), stop: false }),
    cycle: cycleMessage,
    unreadable: (d, f) => {
      const { kind, text } = errnoMessage(f.error);
      if (kind === 'missing' && d.key === 'includeoptional') return undefined;
      if (kind === 'missing' && f.absent) return { kind: 'absent', message: absentMessage(d.args[0]) };
      return { kind, message: `Could not open configuration file ${f.path}: ${text}` };
    },
    // Include, LoadModule, Define and the If* containers take effect at the line they are on:
    // included files are read from inside the parse, in the context of the including directive.
    parse: (file, parent) => {
      const result = parseApache(file, {
        evaluate: (d) => state.evaluate(d),
        directive: (d) => {
          state.onDirective(d);
          if (d.key === 'include' || d.key === 'includeoptional') include(d);
        },
      });
      for (const n of result.nodes) n.parent = parent;
      return { file: result.file, nodes: result.nodes, ...(result.error ? { error: result.error } : {}) };
    },
  });

  /**
   * An absolute include outside the tree whose tail the tree holds (`/etc/apache2/conf-available/
   * ws.conf` in `deploy/apache2/conf-available/`) is read there, as nginx's are
   * (core/include-paths inferTailMapping); later includes under the same directory follow it.
   */
  const mappings: InferredMapping[] = [];
  const tried = new Set<string>();
  const found = (p: string) => (hasGlobMagic(p) ? expandGlob(p).length > 0 : fs.existsSync(p));
  const inferred = (server: string): Mapped | undefined => {
    let m = mappings.find((x) => inferredCovers(x, server));
    if (!m && !tried.has(server)) {
      tried.add(server);
      m = inferTailMapping(server, [state.serverRoot, path.dirname(root.path)], options.includes?.tree ?? [], found);
      if (m) mappings.push(m);
    }
    return m && { path: path.join(m.to, server.slice(m.from.length)), mapped: true, exact: !m.from.endsWith('/') };
  };

  const include = (d: Directive): void => {
    d.includes = [];
    if (d.args.length === 0) return;
    const optional = d.key === 'includeoptional';
    // A ${VAR} neither Define nor envvars sets: httpd takes it from the environment it starts in
    // (docker run -e, a systemd unit), or envsubst renders it into a template: unknown here.
    if (hasDeployPlaceholder(state.expand(d.args[0]))) return loader.problem(d, 'absent', placeholderMessage(d.args[0]));
    let resolved = state.resolvePath(d.args[0]);
    const relative = !path.isAbsolute(state.expand(d.args[0]));
    if (relative && !main && !state.serverRootFixed) {
      // A fragment's ServerRoot is unknown: take the first of its directory and the three
      // above it where the include exists (h5bp's vhosts/*.conf include h5bp/... from the top).
      let dir = state.serverRoot;
      for (let i = 0; i < 4; i++) {
        const candidate = path.join(dir, state.expand(d.args[0]));
        if (resolveInclude(candidate, true).files.length) {
          resolved = candidate;
          break;
        }
        const up = path.dirname(dir);
        if (up === dir) break;
        dir = up;
      }
    }
    let where = locate(resolved, options.includes);
    if ('outside' in where && options.includes?.hermetic !== false) where = inferred(resolved) ?? where;
    if ('outside' in where) {
      // Not read, optional or not: what it holds is unknown (see core/include-paths).
      return loader.unmapped(d, d.args[0], where.outside, state.serverRoot, INERT.has(path.basename(d.args[0])));
    }
    const resolution = resolveInclude(where.path, optional);
    const linked = linkedAtDeploy(where.path, options.deployLink);
    if (linked && !resolution.files.includes(linked)) {
      // The deploy makes the link (and the -enabled directory): the directory is not missing.
      resolution.files = [...resolution.files.filter((f) => fs.existsSync(f)), linked].sort();
      delete resolution.problem;
    }
    if (relative && !main && !state.serverRootFixed && !optional && !resolution.files.some((f) => fs.existsSync(f))) {
      // Not found from any guess at the fragment's ServerRoot: unknown, not wrong.
      return loader.problem(d, 'unmapped', `${d.name} ${d.args[0]} is not found near this fragment and its ServerRoot is unknown: set includes.prefix or roots`);
    }
    if (resolution.problem) {
      // Through a directory mapping, what the tree lacks the deploy may hold (core/include-paths absentKind).
      if (absentKind(where) === 'absent' && resolution.problem.kind === 'missing') loader.problem(d, 'absent', absentMessage(d.args[0]));
      else loader.problem(d, resolution.problem.kind, resolution.problem.message);
    }
    loader.include(d, resolution.files, where);
  };

  const rootResult = loader.load();
  const unit: ParsedUnit = {
    dialect: 'apache',
    root,
    nodes: rootResult.nodes,
    files: loader.files,
    errors: loader.errors,
    includeProblems: loader.problems,
    fragment: !main,
  };
  infos.set(unit, { state, context: htaccess ? 'htaccess' : main ? 'server' : 'fragment' });
  return unit;
}

function cycleMessage(d: Directive, p: string, chain: readonly string[]): string {
  return `${d.name} ${d.args[0]}: ${p} is already being read (${[...chain, p].map((f) => path.basename(f)).join(' → ')}); httpd would recurse until "Exceeded the maximum include directory nesting level of ${MAX_DEPTH}"`;
}
