/**
 * Where an include's server path is in the linted tree. Configs name the paths of the machine
 * they run on (`/etc/nginx/snippets/ws.conf`, `/config/nginx/proxy.conf`); a repository keeps
 * them elsewhere (`deploy/nginx/`). `includes.map` says where, and by default (hermetic) nothing
 * outside the linted tree and the mapped directories is read, so a laptop and a CI runner give
 * the same result whatever their /etc holds.
 */
import * as path from 'node:path';
import { segmentMatcher } from './glob';

export interface IncludeSettings {
  /** [server path prefix, tree path] pairs, absolute, longest server prefix first. */
  map: [string, string][];
  /** Root file (absolute) → directory its relative includes resolve against, in the tree. */
  prefix: Map<string, string>;
  /** Read nothing outside `tree` and the map's targets (default true). */
  hermetic: boolean;
  /** Directories that are "the linted tree" (the configuration's and the named paths'). */
  tree: string[];
  /** Where the settings came from, for messages ("map it with includes.map in …"). */
  configFile?: string;
}

export function defaultIncludeSettings(tree: string[] = []): IncludeSettings {
  return { map: [], prefix: new Map(), hermetic: true, tree };
}

function within(p: string, dir: string): boolean {
  const d = dir.endsWith('/') ? dir : dir + '/';
  return p === dir || p.startsWith(d);
}

/**
 * Where a server path is read: `mapped` through an includes.map entry (`exact` when the entry
 * names this very file, not a directory above it), or as is; `outside`: not read at all.
 */
export type Mapped = { path: string; mapped: boolean; exact?: boolean } | { outside: string };

/**
 * Map an absolute server path (or glob) onto the tree: the longest matching `includes.map`
 * entry wins; an unmapped path is read as is only when it lies inside the tree or the run is
 * not hermetic. `outside` carries the path that was not read.
 */
export function mapServerPath(p: string, s: IncludeSettings): Mapped {
  for (const [from, to] of s.map) {
    const f = from.endsWith('/') ? from.slice(0, -1) : from;
    if (p === f || p.startsWith(f + '/')) return { path: path.join(to, p.slice(f.length)), mapped: true, exact: p === f };
  }
  if (!s.hermetic) return { path: p, mapped: false };
  for (const t of s.tree) if (within(p, t)) return { path: p, mapped: false };
  for (const [, to] of s.map) if (within(p, to)) return { path: p, mapped: false };
  return { outside: p };
}

/**
 * The `includes.map` entry that would resolve `p` for a root in `rootDir`: the longest tail of
 * p's directory that exists under rootDir. Only a hint for the message; never applied.
 */
export function suggestMapping(p: string, rootDir: string, exists: (q: string) => boolean): [string, string] | undefined {
  const parts = p.split('/').filter(Boolean);
  for (let k = 1; k < parts.length; k++) {
    const dirParts = parts.slice(k, parts.length - 1);
    const probe = path.join(rootDir, ...dirParts);
    if ((dirParts.length && exists(probe)) || (!/[*?[]/.test(p) && exists(path.join(rootDir, ...parts.slice(k))))) {
      return ['/' + parts.slice(0, k).join('/') + '/', rootDir.endsWith('/') ? rootDir : rootDir + '/'];
    }
  }
  return undefined;
}

/** One sentence for an include that was not read because it lies outside the tree. */
export function unmappedMessage(arg: string, outside: string, s: IncludeSettings, rootDir: string, exists: (q: string) => boolean): string {
  const base = s.configFile ? path.dirname(s.configFile) : process.cwd();
  const hint = suggestMapping(outside, rootDir, exists);
  const where = hint ? ` {"${hint[0]}": "${path.relative(base, hint[1]) || '.'}/"}` : '';
  const message = `include "${arg}" is outside the linted tree: set includes.map`;
  // The suggested mapping when it keeps the message one short line (explain core/include-unmapped has the rest).
  return message.length + where.length <= 120 ? message + where : message;
}

/** Where a loader reads an absolute include path: mapped, as is, or not at all (outside). */
export function locate(p: string, s: IncludeSettings | undefined): Mapped {
  return s ? mapServerPath(p, s) : { path: p, mapped: false };
}

/**
 * Is a file the tree does not hold a defect, or unknown? The repository is not the whole
 * machine: a directory mapping says where the repository's files go on the server, not that
 * the server holds no others there (SWAG writes ssl.conf and resolver.conf into /config/nginx
 * when the container starts; certbot writes options-ssl-nginx.conf; the nginx package installs
 * mime.types beside nginx.conf). So an absent file reached through a directory mapping (or a
 * mapping proxylint inferred) is `absent`: unknown, reported at info, and findings in its scope
 * are unverified, exactly as for an include outside the tree. It is `missing` (the server's
 * fatal error) only where the tree must hold it: a relative include against a known prefix, a
 * path inside the linted tree read as is, or an includes.map entry that names the file itself.
 */
export function absentKind(where: Mapped | undefined): 'absent' | 'missing' {
  return where && 'path' in where && where.mapped && !where.exact ? 'absent' : 'missing';
}

/** One sentence for an include whose mapped file is not in the tree (the why is core/include-absent's page). */
export function absentMessage(arg: string): string {
  return `include "${arg}" is not in the tree: the deploy may create it`;
}

/** A mapping proxylint read from the tree itself: server directory → tree directory (both ending in /), or one file → one file. */
export interface InferredMapping {
  from: string;
  to: string;
}

/** Whether an inferred mapping covers a server path (a directory mapping covers what is below it). */
export function inferredCovers(m: InferredMapping, arg: string): boolean {
  return m.from.endsWith('/') ? arg.startsWith(m.from) : arg === m.from;
}

/**
 * The mapping the repository itself implies for an absolute include it does not map: the
 * longest tail of the include's path, of at least a directory and a file (`nginx/proxy.conf`),
 * found under the root's directory or one above it inside the linted tree. So SWAG's
 * `/config/nginx/proxy.conf` is read from `config/nginx/proxy.conf`, a rootfs overlay's
 * `/etc/nginx/snippets/ws.conf` from `rootfs/etc/nginx/snippets/ws.conf`, and Apache's
 * `/etc/apache2/conf-available/ws.conf` from `deploy/apache2/conf-available/ws.conf`. The
 * mapping covers only the directory that matched (`/config/nginx/` → `config/nginx/`), and
 * nothing is inferred for a path found nowhere in the tree: hermetic means nothing else is read.
 */
export function inferTailMapping(arg: string, bases: string[], tree: string[], found: (p: string) => boolean): InferredMapping | undefined {
  const parts = arg.split('/').filter(Boolean);
  if (parts.length < 2 || parts.includes('..')) return undefined;
  const inTree = (p: string) => tree.some((t) => within(p, t));
  const dirs: string[] = [];
  for (const b of bases) {
    for (let d = b; inTree(d) && !dirs.includes(d); ) {
      dirs.push(d);
      const up = path.dirname(d);
      if (up === d) break;
      d = up;
    }
  }
  // The longest tail first: /etc/nginx/snippets/ws.conf prefers rootfs/etc/nginx/… over a stray snippets/ws.conf.
  for (let k = 0; k <= parts.length - 2; k++) {
    for (const d of dirs) {
      const tail = path.join(d, ...parts.slice(k));
      if (found(tail)) return { from: '/' + parts.slice(0, k + 1).join('/') + '/', to: path.join(d, parts[k]) + '/' };
      // Images install `proxy.conf.sample` as /config/nginx/proxy.conf (SWAG, many s6 images): that one file.
      if (!/[*?[]/.test(arg) && found(tail + '.sample')) return { from: arg, to: tail + '.sample' };
    }
  }
  return undefined;
}

/**
 * Extensions of the template a deploy step renders a config from: envsubst (the official nginx
 * image renders /etc/nginx/templates/*.conf.template into conf.d/), Jinja and Ansible (.j2),
 * Go templates (tempio's .gtpl in Home Assistant add-ons, frigate's .gotmpl), ERB, EJS,
 * Mustache, Handlebars, autoconf's .in. https://github.com/nginxinc/docker-nginx/blob/master/entrypoint/20-envsubst-on-templates.sh
 */
const TEMPLATE_EXTENSIONS = ['template', 'tmpl', 'tpl', 'j2', 'jinja', 'jinja2', 'gotmpl', 'gtpl', 'erb', 'ejs', 'mustache', 'hbs', 'in', 'envsubst', 'sample', 'example', 'dist'];

/**
 * The template in the tree a missing included file is rendered from at deploy, if any: frigate
 * includes `listen.conf`, which its s6 run script renders from templates/listen.gotmpl when the
 * container starts; the nginx image renders templates/default.conf.template into conf.d/. Looked
 * for beside the file and in a `templates/` directory beside it or one level up, inside the tree
 * only. A file so rendered is unknown, not missing: the deploy creates it.
 */
export function renderedFrom(target: string, tree: readonly string[] | undefined, exists: (p: string) => boolean): string | undefined {
  const base = path.basename(target);
  if (!base || /[*?[]/.test(base)) return undefined;
  const dir = path.dirname(target);
  const up = path.dirname(dir);
  const stem = base.includes('.') ? base.slice(0, base.lastIndexOf('.')) : '';
  const names: string[] = [];
  for (const ext of TEMPLATE_EXTENSIONS) {
    names.push(`${base}.${ext}`);
    if (stem) names.push(`${stem}.${ext}`);
  }
  const inTree = (p: string) => tree === undefined || tree.some((t) => within(p, t));
  for (const d of [dir, path.join(dir, 'templates'), path.join(up, 'templates')]) {
    if (!inTree(d)) continue;
    for (const n of names) {
      const p = path.join(d, n);
      if (exists(p)) return p;
    }
  }
  return undefined;
}

/** One sentence for an include the deploy renders from a template the tree holds. */
export function renderedMessage(arg: string, template: string, from: string): string {
  const rel = path.relative(from, template);
  const message = `include "${arg}" is rendered at deploy from ${rel}: unknown`;
  return message.length <= 120 ? message : `include "${arg}" is rendered at deploy from ${path.basename(template)}: unknown`;
}

/**
 * A deploy step's placeholder in an include path: envsubst's `${SITE}` / `$SITE` (the nginx
 * image's templates/*.conf.template), a shell heredoc's. nginx expands no variable in `include`,
 * so nobody names a file with a literal `$`: the path is known only once rendered.
 * https://github.com/nginxinc/docker-nginx/blob/master/entrypoint/20-envsubst-on-templates.sh
 */
export function hasDeployPlaceholder(arg: string): boolean {
  return /\$\{?[A-Za-z_]/.test(arg);
}

/** One sentence for an include whose path the deploy renders. */
export function placeholderMessage(arg: string): string {
  const message = `include "${arg}" names a placeholder the deploy fills in: unknown`;
  return message.length <= 120 ? message : 'include names a placeholder the deploy fills in: unknown';
}

/**
 * A file the deploy links into an `-enabled` directory the tree does not ship: Debian's layout
 * keeps sites in sites-available/ and enables one with a symlink in sites-enabled/ (a2ensite,
 * `ln -s` in a README, a Dockerfile's `RUN ln -s`: lancachenet/monolithic, perusio's
 * drupal-with-nginx). The main config's `include sites-enabled/*` then reads it, in that
 * context; linted alone it loses the maps and upstreams the main config defines. Inferred only
 * where the tree holds no `-enabled` links at all: a tree that ships them says which are enabled.
 */
export interface DeployLink {
  /** The `-enabled` directory (tree path) the link goes in. */
  dir: string;
  /** The linked file (real path), named in the link by its own basename as a2ensite does. */
  file: string;
}

const AVAILABLE = /^(sites|conf|stream|streams|mods|vhosts)-available$/;

/** The site of an `-available` directory that `file` is or lies under, and where the deploy links it; undefined outside that layout or where the tree ships its links. */
export function deployLinkDir(file: string, holdsEntries: (dir: string) => boolean): { available: string; enabled: string } | undefined {
  for (let dir = path.dirname(file), i = 0; i < 3; i++, dir = path.dirname(dir)) {
    const m = AVAILABLE.exec(path.basename(dir));
    if (!m) continue;
    const enabled = path.join(path.dirname(dir), `${m[1]}-enabled`);
    return holdsEntries(enabled) ? undefined : { available: dir, enabled };
  }
  return undefined;
}

/** The linked file an include pattern (tree path) takes once the deploy has made the link, else undefined. */
export function linkedAtDeploy(pattern: string, link: DeployLink | undefined): string | undefined {
  if (!link || path.dirname(pattern) !== link.dir) return undefined;
  const base = path.basename(pattern);
  const match = /[*?[]/.test(base) ? segmentMatcher(base) : (n: string) => n === base;
  return match(path.basename(link.file)) ? link.file : undefined;
}
