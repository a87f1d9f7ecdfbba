/**
 * Where a docker-compose file mounts the repository's files in a container. A bind mount
 * (`- ./nginx/sites:/etc/nginx/conf.d:ro`, or the long form `{ type: bind, source, target }`)
 * says which tree path a server path is, exactly as an includes.map entry would: the config's
 * `include /etc/nginx/conf.d/*.conf;` reads ./nginx/sites/ in that container. Compose resolves a
 * relative source against the compose file's directory (https://docs.docker.com/reference/compose-file/services/#volumes).
 *
 * Read only where it is unambiguous: the service must mount the root being linted (so another
 * service's mounts never apply to it), the source must be a path in the tree that exists (a
 * named volume, a host path like /srv/nginx, `~` or a `${VAR}` says nothing about the tree), and
 * a server path two mounts of those services give different sources is left unmapped.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** docker compose's default names and the override files beside them (compose.yaml, docker-compose.override.yml, compose.prod.yaml). */
const COMPOSE_FILE = /^(docker-)?compose(\.[\w-]+)*\.ya?ml$/i;

interface Mount {
  /** Absolute path in the container; a directory mount ends in `/`. */
  server: string;
  /** Absolute tree path; a directory mount ends in `/`. */
  tree: string;
}

/** Each service's bind mounts of tree paths, and the compose files read, per directory: one per Linter (a run). */
export type ComposeCache = Map<string, { services: Mount[][]; files: string[] }>;

function isDir(p: string): boolean | undefined {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return undefined;
  }
}

/** A volume entry's source and target, or undefined when it is not a bind mount of a relative path. */
function bindOf(v: unknown): { source: string; target: string } | undefined {
  if (typeof v === 'string') {
    // SOURCE:TARGET[:MODE]; a Windows drive letter is no relative path either.
    const parts = v.split(':');
    if (parts.length < 2 || parts.length > 3) return undefined;
    return { source: parts[0], target: parts[1] };
  }
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ((o.type === undefined || o.type === 'bind') && typeof o.source === 'string' && typeof o.target === 'string') return { source: o.source, target: o.target };
  }
  return undefined;
}

function servicesMounts(dir: string, cache: ComposeCache): { services: Mount[][]; files: string[] } {
  const hit = cache.get(dir);
  if (hit) return hit;
  const known: Mount[][] = [];
  let names: string[] = [];
  try {
    names = fs.readdirSync(dir).filter((n) => COMPOSE_FILE.test(n)).sort();
  } catch {
    /* no directory */
  }
  const Y = names.length ? (require('yaml') as typeof import('yaml')) : undefined;
  for (const n of names) {
    let doc: unknown;
    try {
      doc = Y!.parse(fs.readFileSync(path.join(dir, n), 'utf8'));
    } catch {
      continue;
    }
    const services = doc && typeof doc === 'object' ? (doc as Record<string, unknown>).services : undefined;
    if (!services || typeof services !== 'object') continue;
    for (const svc of Object.values(services as Record<string, unknown>)) {
      const volumes = svc && typeof svc === 'object' ? (svc as Record<string, unknown>).volumes : undefined;
      if (!Array.isArray(volumes)) continue;
      const mounts: Mount[] = [];
      for (const v of volumes) {
        const b = bindOf(v);
        if (!b || /\$/.test(b.source + b.target) || !b.target.startsWith('/') || !/^\.\.?(\/|$)/.test(b.source)) continue;
        const tree = path.resolve(dir, b.source);
        const d = isDir(tree);
        if (d === undefined) continue;
        const server = path.posix.normalize(b.target).replace(/\/$/, '');
        mounts.push(d ? { server: server + '/', tree: tree + path.sep } : { server, tree });
      }
      if (mounts.length) known.push(mounts);
    }
  }
  const entry = { services: known, files: names.map((n) => path.join(dir, n)) };
  cache.set(dir, entry);
  return entry;
}

function holds(m: Mount, file: string): boolean {
  return m.tree.endsWith(path.sep) ? file.startsWith(m.tree) : file === m.tree;
}

/**
 * The services of the compose files nearest above `file` (its directory first, up to the
 * linted tree's top) that mount it: their mounts, or [] when none does.
 */
function mountsOf(file: string, tree: readonly string[], cache: ComposeCache): { mounts: Mount[]; files: string[] } {
  const top = tree.filter((t) => file.startsWith(t.endsWith(path.sep) ? t : t + path.sep)).sort((a, b) => a.length - b.length)[0];
  if (top === undefined) return { mounts: [], files: [] };
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const { services, files } = servicesMounts(dir, cache);
    if (files.length) return { mounts: services.filter((ms) => ms.some((m) => holds(m, file))).flat(), files };
    if (dir === top || path.dirname(dir) === dir || !dir.startsWith(top)) return { mounts: [], files: [] };
  }
}

/**
 * includes.map entries ([server path, tree path]) the compose mounts of the services that mount
 * `root` give, a server path mounted from two sources left out; `files`: the compose files that
 * decided it (what a cached result depends on).
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
  const strip = (p: string) => (p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p);
  const map = [...byServer].filter(([, t]) => t.size === 1).map(([server, t]) => [strip(server), strip([...t][0])] as [string, string]);
  return { map, files };
}

/**
 * Main configs the services that mount `file` also mount at a main config's server path (a
 * `./nginx.conf:/etc/nginx/nginx.conf` beside `./sites:/etc/nginx/conf.d`): the roots a
 * fragment is read in, though it does not sit below them.
 */
export function composeRoots(file: string, tree: readonly string[], names: readonly string[], cache: ComposeCache): string[] {
  return mountsOf(file, tree, cache)
    .mounts.filter((m) => !m.tree.endsWith(path.sep) && m.tree !== file && names.includes(path.posix.basename(m.server)))
    .map((m) => m.tree);
}
