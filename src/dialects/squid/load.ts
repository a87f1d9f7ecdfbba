/**
 * Loading a squid config as squid reads it: parse the root, follow `include` in reading order
 * (not inside branches known to be false), at most 16 levels deep as squid allows, then check
 * acl references the way squid does while it reads ("ACL not found" for a name used before any
 * `acl` line defines it).
 */
import * as path from 'node:path';
import { absentKind, absentMessage, locate } from '../../core/include-paths';
import type { Directive, Node, ParseError, ParsedUnit, SourceFile } from '../../core/ast';
import type { LoadOptions } from '../../core/dialect';
import { IncludeLoader } from '../../core/include-loader';
import { addAcl, predefinedAcls } from './acl';
import { resolveIncludePattern } from './includes';
import { parseSquid } from './parser';
import { walkActive } from './tree';

/** squid: "includes are nested too deeply (>16)!": 16 levels below the root. */
const MAX_DEPTH = 16;

/** Directives whose arguments from this index on (after allow|deny) are acl names. */
const ACL_LISTS: Record<string, number> = {
  http_access: 1,
  http_reply_access: 1,
  icp_access: 1,
  htcp_access: 1,
  miss_access: 1,
  adapted_http_access: 1,
  request_header_access: 2,
  reply_header_access: 2,
  http_upgrade_request_protocols: 2,
};

export function loadSquid(root: SourceFile, options: LoadOptions): ParsedUnit {
  const rootDir = options.prefix ?? path.dirname(root.path);
  const follow = (nodes: Node[]): void => {
    walkActive(nodes, (d) => {
      // Already resolved by the recursive call below (the walk splices includes it meets).
      if (d.key !== 'include' || d.includes) return;
      d.includes = [];
      for (const pattern of d.args) {
        const matches = resolveIncludePattern(pattern, rootDir, options.includes);
        if (!Array.isArray(matches)) {
          loader.unmapped(d, pattern, matches.outside, rootDir);
          continue;
        }
        // Through a directory mapping, what the tree lacks the deploy may hold (core/include-paths absentKind).
        const where = path.isAbsolute(pattern) ? locate(pattern, options.includes) : undefined;
        if (!matches.length) {
          if (where && 'path' in where && absentKind(where) === 'absent') loader.problem(d, 'absent', absentMessage(pattern));
          else loader.problem(d, 'missing', `Unable to find configuration file: ${pattern}: (2) No such file or directory`);
          continue;
        }
        loader.include(d, matches, where);
      }
    });
  };
  const loader = new IncludeLoader(root, options, {
    maxChain: MAX_DEPTH + 1,
    tooDeep: (_d, p) => ({ message: tooDeep(p), stop: false }),
    cycle: (_d, p) => tooDeep(p),
    unreadable: (_d, f) =>
      // squid reads an included directory as an empty file (checked with squid -k parse).
      f.reason === 'directory' ? undefined : { kind: f.reason === 'too-large' ? 'too-large' : 'unreadable', message: `Unable to open configuration file: ${f.path}: ${f.error.message}` },
    parse: (file) => parseSquid(file),
    follow: (included) => follow(included.nodes),
  });
  const parsed = loader.load();

  checkAclReferences(parsed.nodes, loader.errors);
  return {
    dialect: 'squid',
    root,
    nodes: parsed.nodes,
    files: loader.files,
    errors: loader.errors,
    includeProblems: loader.problems,
    fragment: !parsed.nodes.some((n) => n.type === 'directive' && n.key === 'http_port'),
  };
}

/** squid has one message for a cycle and for nesting too deep: it only counts. */
function tooDeep(p: string): string {
  return `can't include ${p}: includes are nested too deeply (>${MAX_DEPTH})!`;
}

function checkAclReferences(nodes: Node[], errors: ParseError[]): void {
  const acls = predefinedAcls();
  const failed = new Set<Directive>();
  const reported = new Set<string>();
  /** Acl names with a definition in a branch only some kids read (`if ${process_number} = 1`). */
  const conditional = new Set<string>();
  walkActive(nodes, (d, inBranch) => {
    if (d.key === 'acl') {
      const name = d.args[0];
      const uncertain = inBranch || (name !== undefined && conditional.has(name));
      if (inBranch && name !== undefined) conditional.add(name);
      const problem = addAcl(acls, d);
      // UPGRADE notices are findings (squid/obsolete-directive); only squid's fatal ones stop here.
      // A type clash with (or in) a branch of an undecidable `if` may occur on no kid at all
      // (`if ${process_number} = 1` / `acl a port 1` / `else` / `acl a method GET`): not fatal.
      if (problem?.fatal && uncertain && /already exists with different type/.test(problem.message)) return;
      if (problem?.fatal && !failed.has(d)) {
        failed.add(d);
        errors.push({ message: problem.message, file: d.file, offset: d.start });
      }
      return;
    }
    const from = ACL_LISTS[d.key];
    if (from === undefined) return;
    // aclParseAccessLine drops a line whose action is not exactly `allow` or `deny` (`Deny`,
    // `allow'`) with a log line and reads on: its acl names are never looked up (5.7: exit 0).
    if (d.args[from - 1] !== 'allow' && d.args[from - 1] !== 'deny') return;
    for (let i = from; i < d.args.length; i++) {
      // A word opening with a quote names a file of acl names (strtokFile): squid reads the names
      // from it, or logs "Can not open file" and reads on (5.7: exit 0). Not looked up here.
      const first = d.file.text[d.spans[(i + 1) * 2]];
      if (first === '"' || first === "'") continue;
      const name = d.args[i].replace(/^!/, '');
      if (!acls.has(name) && !reported.has(name)) {
        reported.add(name);
        errors.push({ message: `ACL not found: ${name}`, file: d.file, offset: d.spans[(i + 1) * 2] });
      }
    }
  });
}
