/**
 * Proxies and the defaults they inherit (HAProxy 2.6): a `frontend`, `backend` or `listen` takes
 * its defaults from the `defaults` section in force where it is declared — the LAST `defaults`
 * section before it, named or not (checked with `haproxy -c`: a named `defaults d1` without
 * timeouts placed after an unnamed one with timeouts makes later proxies warn "missing timeouts")
 * — or from the named one given by `from NAME`. A `defaults` section can itself say `from NAME`.
 */
import type { Directive, Node } from '../../core/ast';
import { parseTime } from './time';

export type ProxyKind = 'frontend' | 'backend' | 'listen' | 'defaults';

export const TIMEOUT_NAMES = [
  'client',
  'server',
  'connect',
  'tunnel',
  'client-fin',
  'server-fin',
  'http-request',
  'http-keep-alive',
  'queue',
  'tarpit',
  'check',
] as const;
export type TimeoutName = (typeof TIMEOUT_NAMES)[number];

export interface TimeoutSetting {
  /** Milliseconds; null when haproxy would reject the value. 0 means "not set" to haproxy. */
  ms: number | null;
  raw: string;
  /** The `timeout` line that set it (for positions and fixes). */
  directive: Directive;
  /** The section that line is in (the proxy itself or a defaults section). */
  section: Directive;
  inherited: boolean;
}

export interface ModeSetting {
  value: string;
  directive: Directive | null;
  inherited: boolean;
}

export interface Proxy {
  kind: ProxyKind;
  /** '' for an unnamed defaults section. */
  name: string;
  section: Directive;
  /** The defaults section this one inherits from (null: none before it). */
  defaults: Proxy | null;
  /** Effective mode; HAProxy's default is tcp. */
  mode: ModeSetting;
  /** Effective timeouts after inheritance. */
  timeouts: Partial<Record<TimeoutName, TimeoutSetting>>;
}

/**
 * Does the proxy send requests on to servers of its own (`server`, `server-template`, `dispatch`)?
 * One without any (a stats page, `http-request return`) answers every request itself: nothing is
 * tunnelled through it, whatever its name or mode.
 */
export function hasServers(p: Proxy): boolean {
  return (p.section.children ?? []).some((k) => k.type === 'directive' && (k.key === 'server' || k.key === 'server-template' || k.key === 'dispatch'));
}

export interface ProxyProblem {
  message: string;
  directive: Directive;
}

function fromName(section: Directive): string | null {
  const i = section.args.indexOf('from');
  return i === -1 ? null : section.args[i + 1] ?? null;
}

function ownName(section: Directive): string {
  const a = section.args[0];
  return a === undefined || a === 'from' ? '' : a;
}

function ownSettings(section: Directive): { mode: ModeSetting | null; timeouts: Partial<Record<TimeoutName, TimeoutSetting>> } {
  let mode: ModeSetting | null = null;
  const timeouts: Partial<Record<TimeoutName, TimeoutSetting>> = {};
  // Indexed loops over every line of every proxy: a for-of allocates an iterator result per
  // element until the function is optimised, and most of these run a few thousand times only.
  const kids = section.children ?? [];
  for (let i = 0; i < kids.length; i++) {
    const k = kids[i];
    if (k.type !== 'directive') continue;
    if (k.key === 'mode' && k.args[0]) mode = { value: k.args[0], directive: k, inherited: false };
    else if (k.key === 'timeout' && k.args.length >= 2 && (TIMEOUT_NAMES as readonly string[]).includes(k.args[0])) {
      const name = k.args[0] as TimeoutName;
      timeouts[name] = { ms: parseTime(k.args[1]), raw: k.args[1], directive: k, section, inherited: false };
    }
  }
  return { mode, timeouts };
}

interface Inherited {
  timeouts: Partial<Record<TimeoutName, TimeoutSetting>>;
  mode: ModeSetting;
}

/** A defaults section's settings as the proxies that take their defaults from it see them (marked inherited). */
function inheritedFrom(parent: Proxy): Inherited {
  const timeouts: Partial<Record<TimeoutName, TimeoutSetting>> = {};
  for (const [k, v] of Object.entries(parent.timeouts)) timeouts[k as TimeoutName] = { ...v, inherited: true };
  return { timeouts, mode: { ...parent.mode, inherited: parent.mode.directive !== null } };
}

export function collectProxies(nodes: Node[]): { proxies: Proxy[]; defaults: Proxy[]; problems: ProxyProblem[] } {
  const proxies: Proxy[] = [];
  const defaults: Proxy[] = [];
  const problems: ProxyProblem[] = [];
  const named = new Map<string, Proxy>();
  // Made once per defaults section and shared by the proxies under it (6,000 backends under one
  // defaults section held 6,000 copies of each setting).
  const inheritedOf = new Map<Proxy, Inherited>();
  let inForce: Proxy | null = null;
  for (const n of nodes) {
    if (n.type !== 'directive' || !n.children) continue;
    const kind = n.key as ProxyKind;
    if (kind !== 'defaults' && kind !== 'frontend' && kind !== 'backend' && kind !== 'listen') continue;
    const name = ownName(n);
    // A defaults section starts afresh ("reset by the next defaults section") unless it says `from`.
    let parent = kind === 'defaults' ? null : inForce;
    const from = fromName(n);
    if (from !== null) {
      const f = named.get(from);
      if (!f) {
        problems.push({ message: `defaults section '${from}' not found for ${kind} '${name}'.`, directive: n });
        parent = null;
      } else parent = f;
    }
    const own = ownSettings(n);
    let inherits = parent ? inheritedOf.get(parent) : undefined;
    if (parent && !inherits) inheritedOf.set(parent, (inherits = inheritedFrom(parent)));
    const timeouts: Partial<Record<TimeoutName, TimeoutSetting>> = inherits ? Object.assign({}, inherits.timeouts, own.timeouts) : own.timeouts;
    const mode: ModeSetting = own.mode ?? inherits?.mode ?? { value: 'tcp', directive: null, inherited: false };
    const p: Proxy = { kind, name, section: n, defaults: parent, mode, timeouts };
    if (kind === 'defaults') {
      defaults.push(p);
      if (name) named.set(name, p);
      inForce = p;
    } else proxies.push(p);
  }
  return { proxies, defaults, problems };
}
