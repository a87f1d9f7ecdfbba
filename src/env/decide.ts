/**
 * decideProxy(): what one client does with one URL in one environment — direct or which proxy,
 * and why. Runs a row of the client table (clients/*.ts); the real-client test
 * (test/e2e/env) checks every row against the real client.
 */
import { UsageError } from '../core/errors';
import { CLIENTS } from './clients';
import { parseTarget, redactUrl } from './target';
import { CLIENT_IDS, type ClientId, type Env, type ProxyDecision } from './types';

export type { ClientId, ProxyDecision } from './types';
export { CLIENT_IDS } from './types';

/** `curl`, `node@22.21.0`, `proxy-from-env@1.1.0` → id and version (the row's default when absent). */
export function parseClientSpec(spec: string): { client: ClientId; version: string } {
  const at = spec.indexOf('@', 1);
  const id = (at > 0 ? spec.slice(0, at) : spec).toLowerCase();
  const alias: Record<string, ClientId> = { requests: 'python-requests', axios: 'proxy-from-env', 'go-net-http': 'go', nodejs: 'node' };
  const client = (alias[id] ?? id) as ClientId;
  if (!CLIENT_IDS.includes(client)) {
    throw new UsageError(`unknown client "${id}" (expected one of: ${CLIENT_IDS.join(', ')})`);
  }
  const version = at > 0 ? spec.slice(at + 1).replace(/^v/, '') : CLIENTS[client].defaultVersion;
  if (!/^\d+(\.\d+){0,2}/.test(version)) throw new UsageError(`bad version "${spec.slice(at + 1)}" for ${client} (expected e.g. ${client}@${CLIENTS[client].defaultVersion})`);
  return { client, version };
}

export function decideProxy(url: string, env: Env, client: ClientId | string, version?: string): ProxyDecision {
  const spec = parseClientSpec(version ? `${client}@${version}` : client);
  const row = CLIENTS[spec.client];
  const v = spec.version;
  const t = parseTarget(url);
  const base = { client: spec.client, version: v };

  const off = row.disabled?.(env, v);
  if (off) return { ...base, via: 'direct', reason: `${off}.` };

  const picked = row.proxyFor(env, t, v);
  if (!picked) return { ...base, via: 'direct', reason: `no proxy variable for ${t.scheme}:// (${row.facts.variables}).` };
  if (picked.value === '') {
    return { ...base, via: 'direct', variable: picked.variable, reason: `${picked.variable} is set but empty, which means no proxy here.` };
  }
  if (row.loopbackDirect?.(t)) {
    return { ...base, via: 'direct', variable: picked.variable, reason: `${row.name} never proxies localhost or loopback addresses.` };
  }
  let exempt: { variable: string; entry: string } | null = null;
  let noProxyVariable: string | undefined;
  if (row.exempt) {
    exempt = row.exempt(env, t, v);
  } else {
    const np = row.noProxyFor(env, v);
    if (np) {
      noProxyVariable = np.variable;
      const m = np.value === '' ? null : row.bypass(np.value, t, v);
      if (m) exempt = { variable: np.variable, entry: m.entry };
    }
  }
  if (exempt) {
    return {
      ...base,
      via: 'direct',
      variable: picked.variable,
      noProxyVariable: exempt.variable,
      noProxyEntry: exempt.entry,
      reason: `${exempt.variable} entry "${exempt.entry}" matches ${t.hostForMatch}.`,
    };
  }
  const norm = row.normalizeProxy(picked.value, t, env, picked, v);
  const proxy = redactUrl(norm.url);
  const why = noProxyVariable ? `; no entry of ${noProxyVariable} matches ${t.hostForMatch}` : '';
  return {
    ...base,
    via: 'proxy',
    proxy,
    variable: picked.variable,
    ...(noProxyVariable ? { noProxyVariable } : {}),
    reason: `${picked.variable} applies to ${t.scheme}://${why}.`,
    ...(norm.error ? { error: norm.error } : {}),
  };
}
