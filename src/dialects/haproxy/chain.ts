/**
 * Proxies chained inside one config: a backend whose server is the address a frontend of the same
 * config binds (OpenShift's router: a TCP frontend reads the TLS ClientHello and forwards the bytes
 * to `server fe_sni unix@…haproxy-sni.sock`, which `frontend fe_sni` binds and terminates). What
 * reaches that frontend crosses the backend first, with the backend's own idle limits: in
 * haproxy/haproxy#2280 ("works as designed") a WSS connection was cut by the first (TCP) hop's
 * `timeout tunnel 5s` whatever the HTTP backend behind the second frontend set.
 */
import type { Directive } from '../../core/ast';
import type { Proxy } from './proxies';

export interface Hop {
  /** The `server` line whose address a frontend binds. */
  server: Directive;
  frontend: Proxy;
  /** The address as the bind line writes it. */
  address: string;
}

interface Address {
  kind: 'unix' | 'abns' | 'inet';
  /** Path or name (unix, abns); host (inet, '' for a wildcard bind). */
  host: string;
  port?: string;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/i;
const WILDCARD = /^(|\*|0\.0\.0\.0|::|\[::\])$/;

/** An address as HAProxy reads it on a `server` or `bind` line (`unix@`, a bare `/path`, `abns@`, `[ipv4@]host:port`). */
export function parseAddress(text: string): Address | undefined {
  if (text.startsWith('unix@')) return { kind: 'unix', host: text.slice(5) };
  if (text.startsWith('/')) return { kind: 'unix', host: text };
  if (text.startsWith('abns@')) return { kind: 'abns', host: text.slice(5) };
  const plain = text.replace(/^(ipv4|ipv6|tcp|tcp4|tcp6)@/, '');
  const m = /^(.*):(\d+)$/.exec(plain);
  if (!m) return undefined;
  return { kind: 'inet', host: m[1], port: m[2] };
}

/** Does a connection to `server` land on a socket `bind` listens on (same host: loopback only)? */
export function sameSocket(server: Address, bind: Address): boolean {
  if (server.kind !== bind.kind) return false;
  if (server.kind !== 'inet') return server.host === bind.host;
  if (server.port !== bind.port || !LOOPBACK.test(server.host)) return false;
  return WILDCARD.test(bind.host) || bind.host.toLowerCase() === server.host.toLowerCase();
}

/**
 * Frontends (and listens) of the config that a backend/listen's servers connect to. The binds are
 * indexed once (unix/abns by path or name, inet by port): a 66k-line config has 6,000 backends.
 */
export function hopFinder(frontends: Proxy[]): (p: Proxy) => Hop[] {
  const byKey = new Map<string, { frontend: Proxy; address: string; at: Address }[]>();
  for (const f of frontends) {
    for (const address of bindAddresses(f)) {
      const at = parseAddress(address);
      if (!at) continue;
      const key = at.kind === 'inet' ? `inet:${at.port}` : `${at.kind}:${at.host}`;
      let list = byKey.get(key);
      if (!list) byKey.set(key, (list = []));
      list.push({ frontend: f, address, at });
    }
  }
  return (p) => {
    if (!byKey.size) return [];
    const out: Hop[] = [];
    for (const k of p.section.children ?? []) {
      if (k.type !== 'directive' || k.key !== 'server' || !k.args[1]) continue;
      const to = parseAddress(k.args[1]);
      if (!to) continue;
      const key = to.kind === 'inet' ? `inet:${to.port}` : `${to.kind}:${to.host}`;
      for (const b of byKey.get(key) ?? []) {
        if (b.frontend === p || !sameSocket(to, b.at) || out.some((h) => h.frontend === b.frontend)) continue;
        out.push({ server: k, frontend: b.frontend, address: b.address });
      }
    }
    return out;
  };
}

/** Every address a frontend binds (`bind a,b …` lists several). */
function bindAddresses(f: Proxy): string[] {
  // HAProxy 1.x's `frontend NAME ADDRESS` header binds too.
  const out: string[] = f.section.args[1] ? f.section.args[1].split(',') : [];
  for (const k of f.section.children ?? []) {
    if (k.type === 'directive' && k.key === 'bind' && k.args[0]) out.push(...k.args[0].split(','));
  }
  return out;
}
