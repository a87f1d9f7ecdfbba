/**
 * Squid acls: definitions accumulated by name (later `acl X type v…` lines append values), the
 * predefined ones squid 5 has, and three-valued matching against a described request. An acl
 * whose answer depends on something the description leaves out (client address, DNS, a file
 * named in quotes, an acl type not modelled here) answers 'unknown' rather than guessing.
 */
import { compilePattern } from '../../core/regex';
import type { Directive } from '../../core/ast';
import type { Tristate } from './conditions';
import { ipInRange, parseIp, parseIpAcl } from './ip';

/** The request an access list is asked about. */
export interface SquidRequest {
  method: 'CONNECT' | 'GET' | string;
  /** Destination port (the CONNECT target's port, or the URL's); acls on it answer 'unknown' when absent. */
  port?: number;
  /** Client address; acls on it answer 'unknown' when absent. */
  srcIp?: string;
  /** Destination host name or address; acls on it answer 'unknown' when absent. */
  dstHost?: string;
}

export interface AclValue {
  value: string;
  /** Written in quotes: squid reads the values from that file. */
  quoted: boolean;
  directive: Directive | null;
  argIndex: number;
}

export interface AclDef {
  name: string;
  type: string;
  /** Options before the values (`-i`, `-n`, `+i`, `--`). */
  flags: string[];
  values: AclValue[];
  /** The `acl` lines that define it, in order (empty for a predefined acl never extended). */
  directives: Directive[];
  predefined: boolean;
}

/** Squid 5's predefined acls (src/cf.data.pre "acl" and ACL::Init). */
const PREDEFINED: Array<[string, string, string[]]> = [
  ['all', 'src', ['all']],
  ['manager', 'url_regex', ['-i', '^cache_object://', '+i', '^[^:]+://[^/]+/squid-internal-mgr/']],
  ['localhost', 'src', ['127.0.0.1/32', '::1']],
  ['to_localhost', 'dst', ['127.0.0.0/8', '0.0.0.0/32', '::/128', '::1/128']],
  ['CONNECT', 'method', ['CONNECT']],
];

export function predefinedAcls(): Map<string, AclDef> {
  const m = new Map<string, AclDef>();
  for (const [name, type, vals] of PREDEFINED) {
    const def: AclDef = { name, type, flags: [], values: [], directives: [], predefined: true };
    for (const v of vals) def.values.push({ value: v, quoted: false, directive: null, argIndex: -1 });
    m.set(name, def);
  }
  return m;
}

/**
 * What `addAcl` made of a line, in squid's words: `fatal` is squid's "Bungled" (it refuses the
 * config); otherwise squid logged an UPGRADE notice and went on (acl/Acl.cc ParseAclLine).
 */
export type AclProblem = { fatal: boolean; message: string } | null;

/** Acl types squid 5 still reads under their new name (ParseAclLine logs an UPGRADE notice). */
const RENAMED_TYPES: Record<string, string> = { myip: 'localip', myport: 'localport', clientside_mark: 'client_connection_mark' };

/** Record one `acl NAME TYPE values…` line. */
export function addAcl(acls: Map<string, AclDef>, d: Directive): AclProblem {
  const [name, written] = d.args;
  if (!name || !written) return { fatal: true, message: 'aclParseAclLine: missing ACL name or type.' };
  // `acl manager proto cache_object` (the Squid 3.1 recipe): squid ignores the whole line.
  if (written === 'proto' && name === 'manager') {
    return { fatal: false, message: "UPGRADE: ACL 'manager' is now a built-in ACL. Remove it from your config file." };
  }
  const type = RENAMED_TYPES[written] ?? written;
  let def = acls.get(name);
  if (def && def.type !== type) return { fatal: true, message: `aclParseAclLine: ACL '${name}' already exists with different type.` };
  if (!def) {
    def = { name, type, flags: [], values: [], directives: [], predefined: false };
    acls.set(name, def);
  }
  def.directives.push(d);
  for (let i = 2; i < d.args.length; i++) {
    const v = d.args[i];
    const quoted = d.file.text.charCodeAt(d.spans[(i + 1) * 2]) === 34;
    // Options come first; for regex types `-i`/`+i` may also appear between values.
    if (!quoted && /^[-+]/.test(v) && (v === '--' || /^[-+][a-zA-Z]$/.test(v)) && !/^\d/.test(v.slice(1))) {
      def.flags.push(v);
      def.values.push({ value: v, quoted: false, directive: d, argIndex: i });
      continue;
    }
    def.values.push({ value: v, quoted, directive: d, argIndex: i });
  }
  if (type !== written) return { fatal: false, message: `UPGRADE: ACL '${written}' type has been renamed to '${type}'.` };
  return null;
}

function anyOf(results: Iterable<Tristate>): Tristate {
  let unknown = false;
  for (const r of results) {
    if (r === true) return true;
    if (r === 'unknown') unknown = true;
  }
  return unknown ? 'unknown' : false;
}

function url(req: SquidRequest): string | undefined {
  if (req.dstHost === undefined || req.port === undefined) return undefined;
  return req.method === 'CONNECT' ? `${req.dstHost}:${req.port}` : `http://${req.dstHost}:${req.port}/`;
}

function matchPort(values: AclValue[], port: number | undefined): Tristate {
  if (port === undefined) return 'unknown';
  return anyOf(
    values.map((v): Tristate => {
      if (v.quoted) return 'unknown';
      const m = /^(\d+)(?:-(\d+))?$/.exec(v.value);
      if (!m) return 'unknown';
      const lo = Number(m[1]);
      const hi = m[2] === undefined ? lo : Number(m[2]);
      return port >= lo && port <= hi;
    }),
  );
}

function matchIp(values: AclValue[], addr: string | undefined): Tristate {
  // `all` needs no address to decide.
  if (values.some((v) => v.value === 'all' && !v.quoted)) return true;
  if (addr === undefined) return 'unknown';
  const ip = parseIp(addr);
  // A host name needs DNS: squid would resolve it, we cannot.
  if (ip === null) return 'unknown';
  return anyOf(
    values.map((v): Tristate => {
      if (v.quoted) return 'unknown';
      const r = parseIpAcl(v.value);
      return r === null ? 'unknown' : ipInRange(ip, r);
    }),
  );
}

function matchDomain(values: AclValue[], host: string | undefined): Tristate {
  if (host === undefined) return 'unknown';
  const h = host.toLowerCase();
  return anyOf(
    values
      .filter((v) => !/^-[a-z]$/.test(v.value))
      .map((v): Tristate => {
        if (v.quoted) return 'unknown';
        const dom = v.value.toLowerCase();
        if (dom.startsWith('.')) return h === dom.slice(1) || h.endsWith(dom);
        return h === dom;
      }),
  );
}

function matchRegex(values: AclValue[], subject: string | undefined): Tristate {
  if (subject === undefined) return 'unknown';
  let ci = false;
  return anyOf(
    values.map((v): Tristate => {
      if (v.value === '-i') {
        ci = true;
        return false;
      }
      if (v.value === '+i') {
        ci = false;
        return false;
      }
      if (v.quoted) return 'unknown';
      // POSIX ERE as Squid's regcomp reads it, run by the linear-time engine (core/regex).
      return compilePattern(v.value, { caseless: ci })?.test(subject) ?? 'unknown';
    }),
  );
}

/** Does acl `name` match the request? Undefined acls answer 'unknown' (squid refuses to start). */
export function matchAcl(acls: Map<string, AclDef>, name: string, req: SquidRequest, depth = 0): Tristate {
  const def = acls.get(name);
  if (!def || depth > 32) return 'unknown';
  const values = def.values.filter((v) => v.value !== '--');
  switch (def.type) {
    case 'port':
      return matchPort(values, req.port);
    case 'method':
      return anyOf(values.map((v): Tristate => (v.quoted ? 'unknown' : v.value === req.method)));
    case 'src':
      return matchIp(values, req.srcIp);
    case 'dst':
      // Only a literal address can be decided (a host name needs DNS).
      return matchIp(values, req.dstHost);
    case 'dstdomain':
      return matchDomain(values, req.dstHost);
    case 'url_regex':
      return matchRegex(values, url(req));
    case 'proto':
      if (req.method === 'CONNECT') return 'unknown';
      return anyOf(values.map((v): Tristate => v.value.toUpperCase() === 'HTTP'));
    case 'all-of': {
      let unknown = false;
      for (const v of values) {
        const r = matchAcl(acls, v.value, req, depth + 1);
        if (r === false) return false;
        if (r === 'unknown') unknown = true;
      }
      return unknown ? 'unknown' : true;
    }
    case 'any-of':
      return anyOf(values.map((v) => matchAcl(acls, v.value, req, depth + 1)));
    default:
      return 'unknown';
  }
}
