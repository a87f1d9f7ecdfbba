/**
 * `include` as nginx resolves it: a relative path is relative to the prefix (the directory of
 * the main nginx.conf), a pattern with wildcards expands sorted and may match nothing, a plain
 * path that does not exist is nginx's `[emerg] open() failed` (a finding here, not a crash), and
 * an include cycle is reported instead of recursing forever. Each inclusion is parsed afresh
 * in the context of its `include` directive, as nginx does, so nodes have true parents.
 */
import { fitMessage } from '../../core/message';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Directive, IncludedFile, Node, SourceFile } from '../../core/ast';
import type { LoadOptions } from '../../core/dialect';
import { expandGlob, hasGlobMagic } from '../../core/glob';
import { IncludeLoader } from '../../core/include-loader';
import { absentKind, absentMessage, inferTailMapping, inferredCovers, hasDeployPlaceholder, linkedAtDeploy, locate, placeholderMessage, renderedFrom, renderedMessage, type InferredMapping, type Mapped } from '../../core/include-paths';
import { includeDirectives, parseNginx } from './parser';

/**
 * nginx itself has no include depth limit (a 200-deep chain passes `nginx -t`); this bound only
 * keeps a pathological tree from exhausting the stack. Cycles are found by path long before.
 */
const MAX_DEPTH = 1000;

/**
 * Where nginx's conf-path conventionally lives: Debian and the official Docker image
 * (/etc/nginx/nginx.conf), a source build (/usr/local/nginx/conf), FreeBSD and Homebrew. A tree
 * whose own includes of such a directory are found under its prefix is that directory (a
 * repository of /etc/nginx): the mapping is inferred, never guessed for a path found nowhere.
 */
const CONF_DIRS = ['/etc/nginx/', '/usr/local/nginx/conf/', '/usr/local/etc/nginx/', '/opt/homebrew/etc/nginx/'];

/**
 * Files whose content is known and sets nothing a rule reads: nginx's conf/ (mime.types holds
 * one `types {}`, the *_params files fastcgi_param/scgi_param/uwsgi_param lines, koi-utf, koi-win and win-utf
 * charset_map blocks), Debian's snippets/snakeoil.conf (ssl_certificate lines) and certbot's
 * options-ssl-nginx.conf (ssl_* lines, certbot-nginx tls_configs). When one is not read, the
 * scope that includes it is still known. Not proxy_params: it sets proxy_set_header.
 */
const INERT = new Set(['mime.types', 'fastcgi_params', 'fastcgi.conf', 'scgi_params', 'uwsgi_params', 'koi-utf', 'koi-win', 'win-utf', 'snakeoil.conf', 'options-ssl-nginx.conf']);
/** Files the nginx packages install beside nginx.conf (nginx's conf/, Debian's nginx-common): a tree may leave them out. */
const PACKAGED = new Set(['mime.types', 'fastcgi_params', 'fastcgi.conf', 'scgi_params', 'uwsgi_params', 'koi-utf', 'koi-win', 'win-utf', 'proxy_params', 'snippets/fastcgi-php.conf', 'snippets/snakeoil.conf']);

function packagedMessage(arg: string): string {
  return `include "${arg}" is installed by nginx's package, not in the tree: unknown`;
}

export function isInertInclude(arg: string): boolean {
  return !hasGlobMagic(arg) && INERT.has(path.basename(arg));
}

/**
 * Load everything the parsed root includes, in nginx's reading order (the shared loader of
 * core/include-loader with nginx's policy: globs sorted, no nesting limit but a stack bound,
 * a directory named outright is an error, one matched by a glob is skipped).
 */
export function loadIncludes(
  parsedRoot: IncludedFile,
  root: SourceFile,
  prefixes: string[],
  options: LoadOptions,
  /** The root is a fragment: its prefix is a guess, so a relative include found under none of them is unknown. */
  fragment = false,
): IncludeLoader {
  const visit = (list: Node[]): void => {
    const known = includeDirectives(list);
    if (known) {
      for (const d of known) if (d.args.length === 1) includeOne(d);
      return;
    }
    for (const n of list) {
      if (n.type !== 'directive') continue;
      if (n.key === 'include' && n.args.length === 1) includeOne(n);
      if (n.children) visit(n.children);
    }
  };
  const loader = new IncludeLoader(root, options, {
    maxChain: MAX_DEPTH + 1,
    tooDeep: () => ({ message: `includes nested deeper than ${MAX_DEPTH} levels`, stop: true }),
    cycle: (_d, p, chain) => `include cycle: ${[...chain, p].join(' -> ')}`,
    unreadable: (d, f) => {
      // glob(3) returns directories too and nginx skips them; a directory named outright fails.
      if (f.reason === 'directory') {
        return hasGlobMagic(d.args[0]) ? undefined : { kind: 'unreadable', message: `include "${d.args[0]}" names a directory (nginx: pread() "${f.found}" failed (21: Is a directory))` };
      }
      // nginx reads a device as empty (its size is 0) and blocks forever on a FIFO: neither is config.
      return { kind: f.reason === 'too-large' ? 'too-large' : 'unreadable', message: `cannot read included file ${f.found}: ${f.error.message}` };
    },
    // Each inclusion is parsed afresh in the context of its include directive, so nodes have true parents.
    parse: (file, parent) => parseNginx(file, parent),
    follow: (included) => visit(included.nodes),
  });

  /**
   * The server directories this tree is, once an include of one was found in the tree: the conf
   * dir under a prefix (a repository of /etc/nginx), or any directory the tree holds under the
   * same tail (core/include-paths inferTailMapping). Later includes under one are read there.
   */
  const inferred: InferredMapping[] = [];
  const tried = new Set<string>();
  const found = (p: string) => (hasGlobMagic(p) ? expandGlob(p).length > 0 : fs.existsSync(p));
  const tree = options.includes?.tree ?? [];
  const infer = (arg: string): InferredMapping | undefined => {
    const known = inferred.find((m) => inferredCovers(m, arg));
    if (known || tried.has(arg)) return known;
    tried.add(arg);
    // Only prefixes inside the linted tree: hermetic means nothing else is read, even to guess.
    const inTree = (p: string) => tree.some((t) => p === t || p.startsWith(t.endsWith('/') ? t : t + '/'));
    const from = CONF_DIRS.find((c) => arg.startsWith(c));
    const to = from === undefined ? undefined : prefixes.find((p) => inTree(p) && found(path.join(p, arg.slice(from.length))));
    const m = from !== undefined && to !== undefined ? { from, to } : inferTailMapping(arg, prefixes, tree, found);
    if (m) inferred.push(m);
    return m;
  };
  /** Where nginx would look, in tree paths, or the server path that lies outside the tree. */
  const candidates = (arg: string): { paths: string[]; outside?: string; where?: Mapped; inferred?: boolean } => {
    if (!path.isAbsolute(arg)) return { paths: prefixes.map((p) => path.join(p, arg)) };
    const m = locate(arg, options.includes);
    if ('outside' in m) {
      const i = infer(arg);
      if (i) return { paths: [path.join(i.to, arg.slice(i.from.length))], inferred: true };
      return { paths: [], outside: m.outside };
    }
    return { paths: [m.path], where: m };
  };
  // Infer from the root file's own includes first, so the order they come in does not matter.
  const preScan = (list: Node[]): void => {
    const known = includeDirectives(list);
    if (known) {
      for (const d of known) {
        if (d.args.length === 1 && path.isAbsolute(d.args[0]) && 'outside' in locate(d.args[0], options.includes)) infer(d.args[0]);
      }
      return;
    }
    for (const n of list) {
      if (n.type !== 'directive') continue;
      if (n.key === 'include' && n.args.length === 1 && path.isAbsolute(n.args[0]) && 'outside' in locate(n.args[0], options.includes)) infer(n.args[0]);
      if (n.children) preScan(n.children);
    }
  };
  if (options.includes?.hermetic !== false) preScan(parsedRoot.nodes);

  const includeOne = (d: Directive): void => {
    const arg = d.args[0];
    if (hasDeployPlaceholder(arg)) return loader.problem(d, 'absent', placeholderMessage(arg), isInertInclude(arg));
    const magic = hasGlobMagic(arg);
    const c = candidates(arg);
    const inert = isInertInclude(arg);
    if (c.outside !== undefined) {
      // /etc/nginx/mime.types where the tree holds no copy of the conf dir: the package's file, which no mapping would find here.
      const conf = CONF_DIRS.find((dir) => arg.startsWith(dir));
      if (conf !== undefined && PACKAGED.has(arg.slice(conf.length))) return loader.problem(d, 'absent', packagedMessage(arg), inert);
      return loader.unmapped(d, arg, c.outside, prefixes[0], inert);
    }
    let paths: string[] = [];
    if (magic) {
      // A fragment has no known prefix: take the first candidate prefix that matches anything.
      for (const p of c.paths) {
        paths = expandGlob(p);
        if (paths.length) break;
      }
      const linked = c.paths.map((p) => linkedAtDeploy(p, options.deployLink)).find((p) => p !== undefined);
      if (linked && !paths.includes(linked)) paths = [...paths, linked].sort();
    } else {
      const hit = c.paths.find((p) => fs.existsSync(p)) ?? c.paths.map((p) => linkedAtDeploy(p, options.deployLink)).find((p) => p !== undefined);
      if (!hit && fragment && !path.isAbsolute(arg) && !options.prefix) {
        return loader.problem(
          d,
          'unmapped',
          fitMessage(`include "${arg}" resolves against the unknown main config's directory: set includes.prefix or roots`, `include "${arg}" depends on the unknown main config's directory: set includes.prefix or roots`),
        );
      }
      if (!hit) {
        // Unknown rather than wrong where the deploy machine may hold the file (core/include-paths absentKind).
        const packaged = !path.isAbsolute(arg) && PACKAGED.has(path.normalize(arg));
        const kind = c.inferred || packaged ? 'absent' : absentKind(c.where);
        const template = kind === 'missing' && c.paths.length ? renderedFrom(c.paths[0], options.includes?.tree, (q) => fs.existsSync(q)) : undefined;
        if (template) return loader.problem(d, 'absent', renderedMessage(arg, template, path.dirname(root.path)), inert);
        const message =
          kind === 'missing'
            ? `include "${arg}" matches no file, so nginx -t fails`
            : packaged
              ? packagedMessage(arg)
              : absentMessage(arg);
        return loader.problem(d, kind, message, inert);
      }
      paths = [hit];
    }
    loader.include(d, paths, c.where);
  };

  loader.load(parsedRoot);
  return loader;
}
