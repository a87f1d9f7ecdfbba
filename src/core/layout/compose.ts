/**
 * Where a repository's files are in the containers that run its servers (issue 8: a repository's
 * layout changes the answer). A docker-compose bind mount (`- ./nginx/sites:/etc/nginx/conf.d:ro`,
 * or the long form `{ type: bind, source, target }`) says which tree path a server path is, exactly
 * as an includes.map entry would: the config's `include /etc/nginx/conf.d/*.conf;` reads
 * ./nginx/sites/ in that container. Compose resolves a relative source against the compose file's
 * directory (https://docs.docker.com/reference/compose-file/services/#volumes). A service's
 * `build:` (context, dockerfile) adds what its Dockerfile's COPY/ADD put in the image
 * (layout/dockerfile); a bind mount of the same server path hides them. A Dockerfile no compose
 * file builds is an image of its own, built with its directory as the context.
 *
 * Values are interpolated as compose does (`${NGINX_CONF_DIR:-./nginx}`, the .env beside the
 * compose file: layout/interpolate); a variable with no value and no default leaves that mount or
 * build unread.
 *
 * Read only where it is unambiguous: the service must mount or copy the root being linted (so
 * another service's mounts never apply to it), the source must be a path in the tree that exists
 * (a named volume, a host path like /srv/nginx or `~` says nothing about the tree), and a server
 * path those services give different sources is left unmapped.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { dockerfileImage } from './dockerfile';
import { interpolate, readDotenv, type Vars } from './interpolate';
import { type Mount, holds, mountOf } from './mount';

/** docker compose's default names and the override files beside them (compose.yaml, docker-compose.override.yml, compose.prod.yaml). */
const COMPOSE_FILE = /^(docker-)?compose(\.[\w-]+)*\.ya?ml$/i;
/** `Dockerfile`, and the `Dockerfile.prod` / `nginx.Dockerfile` names a build's `-f` or `dockerfile:` picks. */
const DOCKERFILE = /^(Dockerfile(\.[\w-]+)?|[\w.-]+\.Dockerfile)$/i;

/** A container's tree paths (mounted or copied in) and the image it runs, when the layout names it. */
interface Holder {
  mounts: Mount[];
  /** `image:` of a compose service, or the final stage's FROM of the Dockerfile it builds. */
  image?: string;
}

interface DirLayout {
  /** Each compose service's mounts and copies of tree paths (those with none left out). */
  services: Holder[];
  /** The Dockerfiles a compose service here builds. */
  built: Set<string>;
  /** The images of this directory's Dockerfiles, built with it as the context. */
  images: (Holder & { dockerfile: string })[];
  /** Compose files, .env and Dockerfiles read: what a cached result depends on. */
  composeFiles: string[];
}

/** What each directory says, read once per Linter (a run). */
export type ComposeCache = Map<string, DirLayout>;

/** A volume entry's source and target, or undefined when it is not a bind mount. */
function bindOf(v: unknown, vars: () => Vars): { source: string; target: string } | undefined {
  if (typeof v === 'string') {
    // Interpolated first, then split: SOURCE:TARGET[:MODE]; a Windows drive letter is no relative path either.
    const s = v.includes('$') ? interpolate(v, vars()) : v;
    const parts = s?.split(':');
    if (!parts || parts.length < 2 || parts.length > 3) return undefined;
    return { source: parts[0], target: parts[1] };
  }
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ((o.type === undefined || o.type === 'bind') && typeof o.source === 'string' && typeof o.target === 'string') {
      const source = interpolate(o.source, vars());
      const target = interpolate(o.target, vars());
      return source !== undefined && target !== undefined ? { source, target } : undefined;
    }
  }
  return undefined;
}

/** A `build:`'s Dockerfile and context (absolute), or undefined for a remote context, an inline Dockerfile or an unknown variable. */
function buildOf(b: unknown, dir: string, vars: () => Vars): { dockerfile: string; context: string } | undefined {
  const o = typeof b === 'string' ? { context: b } : b && typeof b === 'object' ? (b as Record<string, unknown>) : undefined;
  if (!o || o.dockerfile_inline !== undefined) return undefined;
  const ctx = interpolate(typeof o.context === 'string' ? o.context : '.', vars());
  const file = interpolate(typeof o.dockerfile === 'string' ? o.dockerfile : 'Dockerfile', vars());
  if (ctx === undefined || file === undefined || /^[a-z][a-z0-9+.-]*:\/\/|^git@/i.test(ctx)) return undefined;
  const context = path.resolve(dir, ctx);
  return { context, dockerfile: path.resolve(context, file) };
}

function layoutOf(dir: string, cache: ComposeCache): DirLayout {
  const hit = cache.get(dir);
  if (hit) return hit;
  let names: string[] = [];
  try {
    names = fs.readdirSync(dir).sort();
  } catch {
    /* no directory */
  }
  const composeNames = names.filter((n) => COMPOSE_FILE.test(n));
  const services: Holder[] = [];
  const built = new Set<string>();
  const composeFiles = composeNames.map((n) => path.join(dir, n));
  let dotenv: Vars | undefined;
  const vars = () => {
    if (!dotenv) {
      dotenv = readDotenv(dir);
      // Only a file that exists is a dependency (the cache stores none missing); the directory's listing covers one appearing.
      if (fs.existsSync(path.join(dir, '.env'))) composeFiles.push(path.join(dir, '.env'));
    }
    return dotenv;
  };
  const Y = composeNames.length ? (require('yaml') as typeof import('yaml')) : undefined;
  for (const n of composeNames) {
    let doc: unknown;
    try {
      doc = Y!.parse(fs.readFileSync(path.join(dir, n), 'utf8'));
    } catch {
      continue;
    }
    const svcs = doc && typeof doc === 'object' ? (doc as Record<string, unknown>).services : undefined;
    if (!svcs || typeof svcs !== 'object') continue;
    for (const svc of Object.values(svcs as Record<string, unknown>)) {
      if (!svc || typeof svc !== 'object') continue;
      const { volumes, build, image: named } = svc as Record<string, unknown>;
      const mounts: Mount[] = [];
      for (const v of Array.isArray(volumes) ? volumes : []) {
        const b = bindOf(v, vars);
        if (!b || !b.target.startsWith('/') || !/^\.\.?(\/|$)/.test(b.source)) continue;
        const m = mountOf(b.target, path.resolve(dir, b.source));
        if (m) mounts.push(m);
      }
      const b = build === undefined ? undefined : buildOf(build, dir, vars);
      // A built service runs its Dockerfile's final stage (its `image:` only tags the result).
      let image = b === undefined && typeof named === 'string' ? interpolate(named, vars()) : undefined;
      if (b) {
        built.add(b.dockerfile);
        if (fs.existsSync(b.dockerfile)) composeFiles.push(b.dockerfile);
        // A bind mount hides what the image holds at and below its target.
        const hidden = (s: string) => mounts.some((m) => s === m.server || (m.server.endsWith('/') && s.startsWith(m.server)));
        const copied = dockerfileImage(b.dockerfile, b.context);
        mounts.push(...copied.mounts.filter((m) => !hidden(m.server)));
        image = copied.image;
      }
      if (mounts.length) services.push(image === undefined ? { mounts } : { mounts, image });
    }
  }
  const images = names
    .filter((n) => DOCKERFILE.test(n) && !built.has(path.join(dir, n)))
    .map((n) => ({ dockerfile: path.join(dir, n), ...dockerfileImage(path.join(dir, n), dir) }))
    .filter((i) => i.mounts.length);
  const entry = { services, built, images, composeFiles };
  cache.set(dir, entry);
  return entry;
}

/**
 * The services and images that hold `file`: those of the compose files nearest above it (its
 * directory first, up to the linted tree's top) and of the Dockerfiles on the way up that no
 * compose file there builds; and the files that said so.
 */
function holdersOf(file: string, tree: readonly string[], cache: ComposeCache): { holders: Holder[]; files: string[] } {
  const top = tree.filter((t) => file.startsWith(t.endsWith(path.sep) ? t : t + path.sep)).sort((a, b) => a.length - b.length)[0];
  if (top === undefined) return { holders: [], files: [] };
  const found: Holder[] = [];
  const files: string[] = [];
  const images: (Holder & { dockerfile: string })[] = [];
  let built: Set<string> | undefined;
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const here = layoutOf(dir, cache);
    images.push(...here.images);
    if (!built && here.composeFiles.length) {
      built = here.built;
      found.push(...here.services);
      files.push(...here.composeFiles);
    }
    if (dir === top || path.dirname(dir) === dir || !dir.startsWith(top)) break;
  }
  for (const i of images) {
    if (built?.has(i.dockerfile)) continue;
    found.push(i);
    files.push(i.dockerfile);
  }
  // Every file read decides it, a mapping or not: a cached result depends on them all.
  return { holders: found.filter((h) => h.mounts.some((m) => holds(m, file))), files };
}

function mountsOf(file: string, tree: readonly string[], cache: ComposeCache): { mounts: Mount[]; files: string[] } {
  const { holders, files } = holdersOf(file, tree, cache);
  return { mounts: holders.flatMap((h) => h.mounts), files };
}

/**
 * The images of the containers that hold `file` (mounted or copied in), as the layout writes
 * them (`nginx:1.27-alpine`); a holder whose image the layout does not name counts as unknown
 * (`unknown`: then no image decides). `files`: what was read.
 */
export function imagesHolding(file: string, tree: readonly string[], cache: ComposeCache): { images: string[]; unknown: boolean; files: string[] } {
  const { holders, files } = holdersOf(file, tree, cache);
  const images = holders.flatMap((h) => (h.image === undefined ? [] : [h.image]));
  return { images, unknown: images.length < holders.length, files };
}

/**
 * includes.map entries ([server path, tree path]) the mounts of the services that hold `root`
 * give, a server path given two sources left out; `files`: the compose files, .env and
 * Dockerfiles that decided it (what a cached result depends on).
 */
export function composeMapping(root: string, tree: readonly string[], cache: ComposeCache): { map: [string, string][]; files: string[] } {
  const { mounts, files } = mountsOf(root, tree, cache);
  const byServer = new Map<string, Set<string>>();
  for (const m of mounts) {
    let s = byServer.get(m.server);
    if (!s) byServer.set(m.server, (s = new Set()));
    s.add(m.tree);
  }
  // As includes.map entries are kept (core/config includeSettingsOf): without the trailing `/`.
  const strip = (p: string) => (p.length > 1 && (p.endsWith('/') || p.endsWith(path.sep)) ? p.slice(0, -1) : p);
  const map = [...byServer].filter(([, t]) => t.size === 1).map(([server, t]) => [strip(server), strip([...t][0])] as [string, string]);
  return { map, files };
}

/**
 * Main configs the services that hold `file` also put at a main config's server path (a
 * `./nginx.conf:/etc/nginx/nginx.conf` beside `./sites:/etc/nginx/conf.d`, or the same COPYs):
 * the roots a fragment is read in, though it does not sit below them.
 */
export function composeRoots(file: string, tree: readonly string[], names: readonly string[], cache: ComposeCache): string[] {
  return mountsOf(file, tree, cache)
    .mounts.filter((m) => !m.tree.endsWith(path.sep) && m.tree !== file && names.includes(path.posix.basename(m.server)))
    .map((m) => m.tree);
}
