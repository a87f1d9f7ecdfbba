/**
 * Content inspection in a `mode tcp` proxy. HAProxy evaluates use_backend once, with whatever
 * request bytes have arrived (SMP_OPT_FINAL: "may change" counts as no match); it waits for more
 * only in `tcp-request content` rules, and only for `tcp-request inspect-delay`. So a TCP
 * frontend's use_backend that reads the request (an HTTP fetch such as `path`, or
 * `req.ssl_sni`, `req.payload`) decides before the request is there unless a content rule with
 * a delay waited for it. Settled on HAProxy 2.6.12 (rules/haproxy/tcp-frontend-http-condition):
 * no delay, a delay without a content rule, a delay with only an unconditional or layer-4 content
 * rule, or a content rule without a delay: `path -m beg` misses (1 match in 20 immediate
 * requests on loopback, none when the client writes 200 ms after connecting); a delay with
 * `tcp-request content accept if HTTP` (or `req.len gt 0`, `WAIT_END`) or `switch-mode http`: 20/20.
 * https://docs.haproxy.org/2.6/configuration.html#4.2-tcp-request%20inspect-delay
 * ("If no delay is set, HAProxy will not wait at all ... might even be racy")
 */
import type { Directive } from '../../core/ast';
import { parseDuration } from '../../core/duration';
import type { Proxy } from './proxies';

// Sample fetches that read the request's bytes (layer 6 `req.*` and layer 7 HTTP fetches,
// HAProxy 2.6 configuration manual sections 7.3.5 and 7.3.6), without their arguments.
const CONTENT_FETCH = new RegExp(
  '^(' +
    [
      'req[._]len', 'req[._]payload(_lv)?', 'payload(_lv)?', 'req[._]proto_http', 'req[._]rdp_cookie(_cnt)?', 'rdp_cookie(_cnt)?',
      'req[._]ssl_[a-z_]+', 'req\\.hdrs(_bin)?', 'wait_end', 'req[._]ver', 'req\\.hdr(_[a-z]+)?', 'req\\.fhdr(_cnt)?', 'req\\.hdr_names',
      'req\\.cook(_[a-z]+)?', 'req\\.body(_[a-z]+)?', 'cook(_[a-z]+)?', 'cookie', 'hdr(_[a-z]+)?', 'path(_[a-z]+)?', 'pathq',
      'url(_[a-z]+)?', 'url32(\\+src)?', 'urlp(_[a-z]+)?', 'url_param(_[a-z]+)?', 'base(_[a-z]+)?', 'base32(\\+src)?', 'method',
      'query', 'http_auth(_[a-z]+)?', 'capture\\.req\\.[a-z]+', 'http_first_req',
    ].join('|') +
    ')$',
  'i',
);

// Predefined ACLs that read the request (manual section 7.4).
const CONTENT_ACLS = new Set(['HTTP', 'HTTP_1.0', 'HTTP_1.1', 'HTTP_CONTENT', 'HTTP_URL_ABS', 'HTTP_URL_SLASH', 'HTTP_URL_STAR', 'REQ_CONTENT', 'RDP_COOKIE', 'WAIT_END', 'METH_CONNECT', 'METH_DELETE', 'METH_GET', 'METH_HEAD', 'METH_OPTIONS', 'METH_POST', 'METH_PUT', 'METH_TRACE']);

/** The fetch of a sample expression (`req.ssl_sni,lower` → `req.ssl_sni`, `hdr(host)` → `hdr`), if it reads the request. */
export function contentFetch(expr: string): string | null {
  const name = expr.replace(/^!/, '').split(/[(,]/)[0];
  return CONTENT_FETCH.test(name) ? name : null;
}

/** Named acls of a proxy (and the defaults sections it inherits from): name → the fetch each line starts with. */
export function aclFetches(sections: Directive[]): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const s of sections) {
    for (const k of s.children ?? []) {
      if (k.type !== 'directive' || k.key !== 'acl' || !k.args[1]) continue;
      const list = m.get(k.args[0]) ?? [];
      list.push(k.args[1]);
      m.set(k.args[0], list);
    }
  }
  return m;
}

export interface ContentRead {
  /** Index (in the directive's args) of the word that reads the request: an acl name or an inline fetch. */
  arg: number;
  /** The fetch it reads, e.g. `path_beg`, `req.ssl_sni`, or a predefined acl such as `HTTP`. */
  fetch: string;
  /** The acl name when the fetch is behind one. */
  acl?: string;
}

/** The first word of a condition (args from `from` on) that reads the request's bytes. */
export function conditionReads(args: string[], from: number, acls: Map<string, string[]>): ContentRead | undefined {
  for (let i = from; i < args.length; i++) {
    const w = args[i];
    // `!{ … }` negates an anonymous acl written without the space (HAProxy 2.6 -c accepts it).
    if (w === '{' || w === '!{') {
      const f = args[i + 1] ? contentFetch(args[i + 1]) : null;
      if (f) return { arg: i + 1, fetch: f };
      while (i < args.length && args[i] !== '}') i++;
      continue;
    }
    const name = w.replace(/^!/, '');
    if (CONTENT_ACLS.has(name)) return { arg: i, fetch: name };
    const fetches = acls.get(name);
    const f = fetches?.map(contentFetch).find((x) => x);
    if (f) return { arg: i, fetch: f, acl: name };
  }
  return undefined;
}

/** Sections whose `tcp-request` and `acl` lines apply to the proxy: its own, then its defaults chain. */
export function ruleSections(p: Proxy): Directive[] {
  const out = [p.section];
  for (let d = p.defaults; d; d = d.defaults) out.push(d.section);
  return out;
}

/**
 * Does the proxy wait for request bytes before its use_backend rules run? Yes with
 * `tcp-request content switch-mode http` (the HTTP analysers parse the request first), or with
 * a non-zero `tcp-request inspect-delay` and a content rule whose condition (or capture) reads the request.
 */
export function waitsForRequest(p: Proxy): boolean {
  const sections = ruleSections(p);
  const acls = aclFetches(sections);
  let delay = false;
  let reading = false;
  for (const s of sections) {
    for (const k of s.children ?? []) {
      if (k.type !== 'directive' || k.key !== 'tcp-request') continue;
      if (k.args[0] === 'inspect-delay' && (parseDuration(k.args[1] ?? '', 'haproxy') ?? 0) > 0) delay = true;
      if (k.args[0] !== 'content') continue;
      if (k.args[1] === 'switch-mode' && k.args[2] === 'http') return true;
      const c = k.args.findIndex((a) => a === 'if' || a === 'unless');
      if (c !== -1 && conditionReads(k.args, c + 1, acls)) reading = true;
      // A capture of a request fetch waits for it as a condition does (2.6.12: inspect-delay +
      // `capture req.payload(0,1) len 1`, bigbluebutton/docker's protocol switch: 8 of 8 to the
      // backend the captured byte names, also when the client writes 200 ms after connecting).
      if (k.args[1] === 'capture' && k.args[2] && contentFetch(k.args[2])) reading = true;
    }
  }
  return delay && reading;
}
