/**
 * `chroot DIR` (global): HAProxy binds its listeners first, then chroots, then connects to its
 * servers — so a server's unix socket path is looked up inside DIR. Settled on HAProxy 2.6.12 as
 * root (rules/haproxy/unix-server-outside-chroot/README.md): `server s unix@/tmp/app.sock` under
 * `chroot /jail` answers 503 (SC--) unless /jail/tmp/app.sock exists; a `bind unix@/x.sock` of the
 * same config lands outside the jail (bound before it); `abns@` and relative paths are unaffected.
 * https://docs.haproxy.org/2.6/configuration.html#3.1-chroot ("jail dir ... both empty and non-writable")
 */
import type { Directive, Node } from '../../core/ast';
import { parseAddress } from './chain';
import type { Proxy } from './proxies';

export interface Jail {
  /** The directory, without a trailing slash. */
  dir: string;
  directive: Directive;
}

/** The first `chroot` of the global sections (HAProxy 2.6 keeps the first: "already specified"); null for none or `/`. */
export function jailOf(nodes: Node[]): Jail | null {
  for (const n of nodes) {
    if (n.type !== 'directive' || n.key !== 'global') continue;
    for (const k of n.children ?? []) {
      if (k.type !== 'directive' || k.key !== 'chroot' || !k.args[0]) continue;
      const dir = k.args[0].replace(/\/+$/, '');
      // `/` jails nothing; a path built from the environment is not known here.
      return dir === '' || dir.includes('$') ? null : { dir, directive: k };
    }
  }
  return null;
}

/** `unix-bind prefix P` (global): prepended as is to every unix bind path. */
function unixBindPrefix(nodes: Node[]): string {
  for (const n of nodes) {
    if (n.type !== 'directive' || n.key !== 'global') continue;
    for (const k of n.children ?? []) {
      if (k.type === 'directive' && k.key === 'unix-bind') {
        const i = k.args.indexOf('prefix');
        if (i !== -1 && k.args[i + 1]) return k.args[i + 1];
      }
    }
  }
  return '';
}

export interface JailedServer {
  server: Directive;
  /** The absolute path the server line writes. */
  path: string;
  /** Where HAProxy opens it: the jail dir + path. */
  opened: string;
  /**
   * 'jail-dir': the path already starts with the jail dir (so it is opened twice nested);
   * 'own-bind': a bind of this config listens on that path, outside the jail (bound before it);
   * 'outside': made by another program; reachable only if it is created at `opened`.
   */
  kind: 'jail-dir' | 'own-bind' | 'outside';
  /** For 'own-bind': the bind line. */
  bind?: Directive;
}

/** Servers of backends/listens whose absolute unix socket path is looked up inside the jail. */
export function serversInJail(nodes: Node[], proxies: Proxy[], jail: Jail): JailedServer[] {
  const prefix = unixBindPrefix(nodes);
  const bound = new Map<string, Directive>();
  for (const p of proxies) {
    if (p.kind === 'backend') continue;
    for (const k of p.section.children ?? []) {
      if (k.type !== 'directive' || k.key !== 'bind' || !k.args[0]) continue;
      for (const a of k.args[0].split(',')) {
        const at = parseAddress(a);
        if (at?.kind === 'unix' && !bound.has(prefix + at.host)) bound.set(prefix + at.host, k);
      }
    }
  }
  const out: JailedServer[] = [];
  for (const p of proxies) {
    if (p.kind === 'frontend') continue;
    for (const k of p.section.children ?? []) {
      if (k.type !== 'directive' || k.key !== 'server' || !k.args[1]) continue;
      const at = parseAddress(k.args[1]);
      // Relative paths are taken from the jail's root already; `${VAR}` paths are not known.
      if (at?.kind !== 'unix' || !at.host.startsWith('/') || at.host.includes('$')) continue;
      const path = at.host;
      const opened = jail.dir + path;
      const bind = bound.get(path);
      if (path.startsWith(jail.dir + '/')) out.push({ server: k, path, opened, kind: 'jail-dir' });
      else if (bind) out.push({ server: k, path, opened, kind: 'own-bind', bind });
      else out.push({ server: k, path, opened, kind: 'outside' });
    }
  }
  return out;
}
