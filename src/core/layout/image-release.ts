/**
 * The server release a repository's own image runs a config with: a compose service or a
 * Dockerfile's final stage (core/layout/compose `imagesHolding`) that runs an official image
 * with a numeric tag (`nginx:1.27-alpine`). That release, not Debian stable's, is what serves
 * it: nginx 1.27 sniffs the HTTP/2 preface on a cleartext `listen … http2` port, 1.22 does not
 * (bigbluebutton/docker mod/nginx/Dockerfile). Used only where `.proxylint.yaml` sets no target.
 * A tag without a release (`alpine`, `latest`, `${VAR}`), another vendor's image, a holder whose
 * image the layout does not name, or two holders that disagree: no release.
 * Tags: https://hub.docker.com/_/nginx, https://hub.docker.com/_/httpd, https://hub.docker.com/_/haproxy
 */
import type { DialectName } from '../ast';

/** Official images (and their vendors' own) of each server. */
const IMAGES: readonly [RegExp, DialectName][] = [
  [/^(?:(?:docker\.io\/)?library\/)?nginx$|^nginxinc\/nginx-unprivileged$/, 'nginx'],
  [/^(?:(?:docker\.io\/)?library\/)?httpd$/, 'apache'],
  [/^(?:(?:docker\.io\/)?library\/)?haproxy$|^haproxytech\/haproxy-[a-z]+$/, 'haproxy'],
];

/** The dialect and release an image names, when it is a server's image with a numeric tag. */
export function imageRelease(image: string): { dialect: DialectName; version: string } | undefined {
  const m = /^([^:@\s]+):(\d+(?:\.\d+){0,2})(?:[-_.][\w.-]*)?$/.exec(image);
  if (!m) return undefined;
  const hit = IMAGES.find(([re]) => re.test(m[1].toLowerCase()));
  return hit ? { dialect: hit[1], version: m[2] } : undefined;
}

/** Each dialect's release where every holder names one and they agree. */
export function imageReleases(held: { images: readonly string[]; unknown: boolean }): Partial<Record<DialectName, string>> {
  const out: Partial<Record<DialectName, string>> = {};
  if (held.unknown) return out;
  const found = new Map<DialectName, Set<string>>();
  for (const image of held.images) {
    const r = imageRelease(image);
    if (!r) continue;
    let set = found.get(r.dialect);
    if (!set) found.set(r.dialect, (set = new Set()));
    set.add(r.version);
  }
  for (const [d, versions] of found) if (versions.size === 1) out[d] = [...versions][0];
  return out;
}
