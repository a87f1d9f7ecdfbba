/**
 * Loading a squid config as squid reads it: parse the root, follow `include` in reading order
 * (not inside branches known to be false), at most 16 levels deep as squid allows, then check
 * acl references the way squid does while it reads ("ACL not found" for a name used before any
 * `acl` line defines it).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { absentKind, absentMessage, locate, unmappedMessage } from '../../core/include-paths';
import type { Directive, IncludeProblem, Node, ParseError, ParsedUnit, SourceFile } from '../../core/ast';
import type { LoadOptions } from '../../core/dialect';
import { addAcl, predefinedAcls } from './acl';
import { resolveIncludePattern } from './include';
import { parseSquid } from './parser';
import { walkActive } from './tree';

/** squid: "includes are nested too deeply (>16)!" */
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
  const files: SourceFile[] = [root];
  const seen = new Set<string>([root.path]);
  const errors: ParseError[] = [];
  const includeProblems: IncludeProblem[] = [];
  const parsed = parseSquid(root);
  if (parsed.error) errors.push(parsed.error);

  const resolve = (nodes: Node[], chain: string[]): void => {
    walkActive(nodes, (d) => {
      // Already resolved by the recursive call below (the walk splices includes it meets).
      if (d.key !== 'include' || d.includes) return;
      d.includes = [];
      for (const pattern of d.args) {
        const matches = resolveIncludePattern(pattern, rootDir, options.includes);
        if (!Array.isArray(matches)) {
          includeProblems.push({
            kind: 'unmapped',
            message: unmappedMessage(pattern, matches.outside, options.includes!, rootDir, (q) => fs.existsSync(q)),
            directive: d,
          });
          continue;
        }
        if (!matches.length) {
          // Through a directory mapping, what the tree lacks the deploy may hold (core/include-paths absentKind).
          const where = path.isAbsolute(pattern) ? locate(pattern, options.includes) : undefined;
          includeProblems.push(
            where && 'path' in where && absentKind(where) === 'absent'
              ? { kind: 'absent', message: absentMessage(pattern), directive: d }
              : { kind: 'missing', message: `Unable to find configuration file: ${pattern}: (2) No such file or directory`, directive: d },
          );
          continue;
        }
        for (const found of matches) {
          const p = options.canonical?.(found) ?? found;
          if (chain.includes(p) || chain.length > MAX_DEPTH) {
            includeProblems.push({
              kind: 'cycle',
              message: `can't include ${p}: includes are nested too deeply (>${MAX_DEPTH})!`,
              directive: d,
            });
            continue;
          }
          let file: SourceFile;
          try {
            file = options.readFile(p);
          } catch (e) {
            const err = e as NodeJS.ErrnoException;
            // squid reads an included directory as an empty file (checked with squid -k parse).
            if (err.code === 'EISDIR') continue;
            includeProblems.push({
              kind: err.code === 'EFBIG' ? 'too-large' : 'unreadable',
              message: `Unable to open configuration file: ${p}: ${err.message}`,
              directive: d,
            });
            continue;
          }
          const inc = parseSquid(file);
          d.includes.push(inc);
          if (inc.error) errors.push(inc.error);
          if (!seen.has(p)) {
            seen.add(p);
            files.push(file);
          }
          resolve(inc.nodes, [...chain, p]);
        }
      }
    });
  };
  resolve(parsed.nodes, [root.path]);

  checkAclReferences(parsed.nodes, errors);
  return {
    dialect: 'squid',
    root,
    nodes: parsed.nodes,
    files,
    errors,
    includeProblems,
    fragment: !parsed.nodes.some((n) => n.type === 'directive' && n.key === 'http_port'),
  };
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
