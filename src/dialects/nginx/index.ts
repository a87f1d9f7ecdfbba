import * as path from 'node:path';
import type { Directive, Node, ParsedUnit, SourceFile } from '../../core/ast';
import type { LintMessage } from '../../core/rule';
import { findAbove, type Dialect, type LoadOptions } from '../../core/dialect';
import type { Settings } from '../../core/settings';
import { NginxAnalysis } from './analysis';
import { loadIncludes } from './includes';
import { parseNginx } from './parser';
import { definedVariables, isBuiltinVariable, variableUses } from './analysis/variables';
import { effectiveHeaders } from './analysis/headers';
import { isLevel, levelOf } from './analysis/levels';

/** Variables a fragment uses that neither it nor nginx defines: only its main config can. */
function contextGap(unit: ParsedUnit): string | undefined {
  const defined = definedVariables(unit.nodes);
  const missing = new Set<string>();
  const uses = variableUses(unit.nodes);
  for (let i = 0; i < uses.length; i++) {
    const n = uses.name(i).toLowerCase();
    if (!defined.has(n) && !isBuiltinVariable(n)) missing.add('$' + n);
  }
  if (missing.size === 0) return undefined;
  const names = [...missing];
  const list = names.length === 1 ? names[0] : `${names[0]} and ${names.length - 1} more`;
  return `nginx/undefined-variable skipped ${list}`;
}

/**
 * A fragment whose top level holds `location` blocks is included inside a `server` block
 * (location is valid nowhere else): that server and its http block may set the
 * proxy_set_header, proxy_http_version and timeouts its locations inherit, and they are not here.
 * A header finding holds anyway where a block around it in this file has its own
 * proxy_set_header list: nginx then inherits none from the levels above (observed, and the
 * proxy-set-header-inheritance rule's premise).
 */
function unknownEnclosure(unit: ParsedUnit, finding: LintMessage): string | undefined {
  if (!unit.fragment) return undefined;
  if (!unit.nodes.some((n) => n.type === 'directive' && n.key === 'location')) return undefined;
  if (HEADER_RULES.has(finding.ruleId) && ownHeaderListAround(unit.nodes, finding)) return undefined;
  return 'the server block that includes this file is not in the tree';
}

/** Rules whose verdict rests on the effective proxy_set_header list alone. */
const HEADER_RULES = new Set(['nginx/websocket-upgrade-header', 'nginx/websocket-connection-header', 'nginx/hardcoded-upgrade-headers']);

/**
 * Whether the proxy_set_header list in force at the finding's block is set in this file (nginx's
 * inheritance, effectiveHeaders): then nothing from the missing server reaches it.
 */
function ownHeaderListAround(nodes: Node[], finding: LintMessage): boolean {
  const block = innermostBlockAt(nodes, finding);
  if (!block) return false;
  return effectiveHeaders(isLevel(block) ? block : levelOf(block), nodes).level !== null;
}

/** The deepest block of the finding's file whose range holds the finding's start. */
function innermostBlockAt(nodes: readonly Node[], finding: LintMessage): Directive | undefined {
  for (const n of nodes) {
    if (n.type !== 'directive' || !n.children || n.file !== finding.file) continue;
    if (finding.start < n.start || finding.start >= n.end) continue;
    return innermostBlockAt(n.children, finding) ?? n;
  }
  return undefined;
}

/** Top-level directives that only a main config has (ngx_core_module, events, http, stream…). */
const MAIN_ONLY = new Set([
  'http', 'events', 'stream', 'mail', 'worker_processes', 'pid', 'user', 'load_module',
  'worker_rlimit_nofile', 'daemon', 'master_process', 'error_log',
]);

/**
 * Top-level directives that nginx refuses in the main context (`"location" directive is not
 * allowed here`): a file opening with them is included into an http, server or location block.
 */
const HTTP_LEVEL_ONLY = new Set([
  'server', 'location', 'upstream', 'map', 'geo', 'listen', 'server_name', 'proxy_pass',
  'proxy_set_header', 'root', 'try_files', 'return', 'rewrite', 'if',
]);

/**
 * A main config (nginx.conf) rather than a fragment meant to be included. The name decides
 * unless the file opens at http level: YunoHost apps ship conf/nginx.conf as `location __PATH__/`
 * blocks that the platform includes into its server, with `include proxy_params_no_auth;`
 * resolved against /etc/nginx, not against conf/.
 */
export function isMainConfig(file: SourceFile, topKeys: string[]): boolean {
  if (topKeys.some((k) => k === 'http' || k === 'events')) return true;
  return path.basename(file.path) === 'nginx.conf' && !topKeys.some((k) => HTTP_LEVEL_ONLY.has(k));
}

/**
 * The nginx.conf that includes `file`, looked for in its directory and the ones above it
 * (Debian's /etc/nginx/sites-enabled/x → /etc/nginx/nginx.conf), at most four levels up.
 */
export function discoverRoot(file: string): string | undefined {
  return findAbove(file, ['nginx.conf']);
}

function load(root: SourceFile, options: LoadOptions): ParsedUnit {
  const parsed = parseNginx(root);
  const topKeys = parsed.nodes.filter((n): n is Directive => n.type === 'directive').map((d) => d.key);
  const fragment = !isMainConfig(root, topKeys);
  // nginx resolves relative includes against the main config's directory. A fragment's prefix
  // is unknown: try its own directory and the ones above it.
  const prefixes: string[] = [];
  let dir = options.prefix ?? path.dirname(root.path);
  prefixes.push(dir);
  if (fragment) {
    for (let i = 0; i < 3; i++) {
      const up = path.dirname(dir);
      if (up === dir) break;
      prefixes.push((dir = up));
    }
  }
  const inc = loadIncludes(parsed, root, prefixes, options, fragment);
  return {
    dialect: 'nginx',
    root,
    nodes: parsed.nodes,
    files: inc.files,
    errors: inc.errors,
    includeProblems: inc.problems,
    fragment,
  };
}

export const dialect: Dialect<NginxAnalysis> & { discoverRoot: typeof discoverRoot } = {
  name: 'nginx',
  parse: (file) => parseNginx(file),
  load,
  analyze: (unit: ParsedUnit, settings: Settings) => new NginxAnalysis(unit, settings),
  discoverRoot,
  contextGap,
  unknownEnclosure,
};
