/**
 * Where a Dockerfile's COPY and ADD put the repository's files in the image: `COPY nginx/conf.d/
 * /etc/nginx/conf.d/` says the image's /etc/nginx/conf.d/ holds the tree's nginx/conf.d/, as a
 * bind mount would (https://docs.docker.com/reference/dockerfile/#copy). Sources are relative to
 * the build context (compose's `build.context`, else the Dockerfile's own directory).
 *
 * Read only what is certain: the final stage's instructions (the image that runs the server; an
 * earlier stage's files reach it only through `COPY --from=`, which copies from an image, not the
 * tree); a source that exists in the context, without wildcards, quotes or `$` variables; a
 * destination absolute or under a literal WORKDIR. Left out: `--from`, `--parents` and
 * `--exclude` copies, heredocs, URLs, an ADD of a local archive (it is unpacked), and a source the
 * context's .dockerignore names. A file copied to a destination without a trailing `/` is taken
 * as that file only when the destination has a file extension (`/etc/nginx/nginx.conf`): without
 * one it may be a directory of the base image, which the file lands in. COPY adds to the base
 * image's directories (the nginx image's conf.d/default.conf stays unless a RUN removes it):
 * those files are not in the tree and are not read.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Mount, isDir, mountOf } from './mount';

/** Whether a local file is an archive ADD unpacks (tar, or gzip/bzip2/xz-compressed), by its first bytes as Docker checks it. */
function isArchive(file: string): boolean {
  try {
    const fd = fs.openSync(file, 'r');
    const b = Buffer.alloc(262);
    const n = fs.readSync(fd, b, 0, b.length, 0);
    fs.closeSync(fd);
    const head = b.subarray(0, n);
    return (
      (head[0] === 0x1f && head[1] === 0x8b) ||
      head.subarray(0, 3).toString('latin1') === 'BZh' ||
      head.subarray(0, 6).equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) ||
      head.subarray(257, 262).toString('latin1') === 'ustar'
    );
  } catch {
    return false;
  }
}

/** The context's .dockerignore as a matcher of context-relative paths (the `ignore` package: .gitignore syntax, close to Docker's). */
function dockerignoreOf(context: string, dockerfile: string): ((rel: string) => boolean) | undefined {
  // BuildKit reads <Dockerfile>.dockerignore beside the Dockerfile first (https://docs.docker.com/build/concepts/context/#dockerignore-files).
  for (const f of [dockerfile + '.dockerignore', path.join(context, '.dockerignore')]) {
    let text: string;
    try {
      text = fs.readFileSync(f, 'utf8');
    } catch {
      continue;
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ig = (require('ignore') as typeof import('ignore'))().add(text);
    return (rel) => rel !== '' && ig.ignores(rel);
  }
  return undefined;
}

/** Whether anything at or below a context-relative source is ignored (a bounded walk: a large directory counts as ignored). */
function touchesIgnored(abs: string, rel: string, ignored: (rel: string) => boolean): boolean {
  if (ignored(rel)) return true;
  if (!isDir(abs)) return false;
  let budget = 2000;
  const walk = (dirAbs: string, dirRel: string): boolean => {
    let names: fs.Dirent[];
    try {
      names = fs.readdirSync(dirAbs, { withFileTypes: true });
    } catch {
      return false;
    }
    for (const d of names) {
      if (--budget < 0) return true;
      const r = dirRel ? `${dirRel}/${d.name}` : d.name;
      if (ignored(d.isDirectory() ? r + '/' : r)) return true;
      if (d.isDirectory() && walk(path.join(dirAbs, d.name), r)) return true;
    }
    return false;
  };
  return walk(abs, rel);
}

/**
 * The tree paths the final stage of `dockerfile` copies into the image, built with `context`;
 * [] when it cannot be read.
 */
export function dockerfileMounts(dockerfile: string, context: string): Mount[] {
  return dockerfileImage(dockerfile, context).mounts;
}

/**
 * The final stage of `dockerfile`: the image it runs (`FROM nginx:1.27-alpine`, as written) and
 * the tree paths it copies in.
 */
export function dockerfileImage(dockerfile: string, context: string): { image?: string; mounts: Mount[] } {
  let text: string;
  try {
    text = fs.readFileSync(dockerfile, 'utf8');
  } catch {
    return { mounts: [] };
  }
  // dockerfile-ast is loaded only when a Dockerfile copies something (~45 ms to require, ~10 ms
  // from the code cache); without a COPY the last FROM line is the image (a compose service
  // that bind-mounts its config into `FROM nginx:1.27` runs it there).
  if (!/^[ \t]*(COPY|ADD)[ \t]/im.test(text)) {
    const froms = [...text.matchAll(/^[ \t]*FROM[ \t]+(?:--\S+[ \t]+)*([^\s#]+)/gim)];
    return froms.length ? { image: froms[froms.length - 1][1], mounts: [] } : { mounts: [] };
  }
  const { DockerfileParser } = require('dockerfile-ast') as typeof import('dockerfile-ast');
  let copies: { args: string[]; workdir: string | undefined; add: boolean }[] = [];
  let workdir: string | undefined = '/';
  let image: string | undefined;
  for (const ins of DockerfileParser.parse(text).getInstructions()) {
    const kw = ins.getKeyword();
    if (kw === 'FROM') {
      // A new stage: what earlier ones copied is not in this image.
      copies = [];
      workdir = '/';
      // FROM [--platform=…] image [AS name], the image as written.
      image = (ins as unknown as { getImage(): string | null }).getImage() ?? undefined;
    } else if (kw === 'WORKDIR') {
      const w = ins.getArguments().map((a) => a.getValue());
      workdir = w.length === 1 && workdir !== undefined && !/[$"']/.test(w[0]) ? path.posix.resolve(workdir, w[0]) : undefined;
    } else if (kw === 'COPY' || kw === 'ADD') {
      const c = ins as unknown as { getFlags(): { getName(): string }[]; getJSONStrings(): { getJSONValue(): string }[]; getHeredocs?(): unknown[] };
      const flags = c.getFlags().map((f) => f.getName().toLowerCase());
      if (flags.some((f) => f === 'from' || f === 'parents' || f === 'exclude')) continue;
      if (c.getHeredocs && c.getHeredocs().length) continue;
      const json = c.getJSONStrings();
      const args = json.length ? json.map((j) => j.getJSONValue()) : ins.getArguments().map((a) => a.getValue());
      copies.push({ args, workdir, add: kw === 'ADD' });
    }
  }
  const ignored = dockerignoreOf(context, dockerfile);
  const out: Mount[] = [];
  for (const { args, workdir: wd, add } of copies) {
    if (args.length < 2 || args.some((a) => /[$"'*?[\\]|^<</.test(a))) continue;
    const dest = args[args.length - 1];
    const destDir = dest.endsWith('/') || args.length > 2;
    const server = dest.startsWith('/') ? dest : wd !== undefined ? path.posix.join(wd, dest) : undefined;
    if (server === undefined) continue;
    for (const src of args.slice(0, -1)) {
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(src) || src.startsWith('git@')) continue;
      // Docker resolves a source inside the context, `..` and a leading `/` included.
      const rel = path.posix.normalize('/' + src).slice(1).replace(/\/$/, '');
      const abs = path.join(context, rel);
      const d = isDir(abs);
      if (d === undefined || (add && !d && isArchive(abs))) continue;
      if (ignored && touchesIgnored(abs, rel, ignored)) continue;
      // A directory's contents go into the destination; a file into it (trailing `/`) or at it.
      const at = d ? server : destDir ? path.posix.join(server, path.posix.basename(rel)) : path.posix.extname(server) ? server : undefined;
      const m = at === undefined ? undefined : mountOf(at, abs);
      if (m) out.push(m);
    }
  }
  return image !== undefined ? { image, mounts: out } : { mounts: out };
}
