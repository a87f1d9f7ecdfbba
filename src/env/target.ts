/** The request URL as the rows see it, and the small helpers several rows share. */
import { UsageError } from '../core/errors';
import type { Env, Picked, Target } from './types';

const DEFAULT_PORTS: Record<string, number> = { http: 80, https: 443, ws: 80, wss: 443, ftp: 21 };

export function parseTarget(url: string): Target {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new UsageError(`not a URL: ${JSON.stringify(redactText(url))} (expected e.g. https://api.example.com/)`);
  }
  const scheme = u.protocol.replace(/:$/, '').toLowerCase();
  if (!u.hostname) throw new UsageError(`URL has no host: ${JSON.stringify(redactText(url))}`);
  const bracketed = u.hostname.startsWith('[');
  const host = (bracketed ? u.hostname.slice(1, -1) : u.hostname).toLowerCase();
  const ip = bracketed ? 6 : /^\d{1,3}(\.\d{1,3}){3}$/.test(host) ? 4 : 0;
  const explicitPort = u.port !== '';
  const port = explicitPort ? Number(u.port) : (DEFAULT_PORTS[scheme] ?? 0);
  return { url, scheme, host, hostForMatch: bracketed ? `[${host}]` : host, ip, port, explicitPort };
}

/** The first of `names` that is set; `emptySkips` says whether an empty value passes to the next name. */
export function firstSet(env: Env, names: string[], emptySkips: boolean): Picked | null {
  for (const name of names) {
    const v = env[name];
    if (v === undefined) continue;
    if (v === '' && emptySkips) continue;
    return { variable: name, value: v };
  }
  return null;
}

export function isLoopbackHost(host: string, ip: 0 | 4 | 6): boolean {
  if (host === 'localhost') return true;
  if (ip === 4) return host.startsWith('127.');
  if (ip === 6) return host === '::1' || /^(0{0,4}:){7}0{0,3}1$/.test(host);
  return false;
}

/** `user:pass@` in a URL (or a bare `host:port` value) → `***@`, so no output ever carries a secret. */
export function redactUrl(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/)?([^/?#@\s]*)@/i, (_m, scheme: string | undefined) => `${scheme ?? ''}***@`);
}

/** Any URL with credentials inside free text. */
export function redactText(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/?#\s@]*@/gi, '$1***@');
}

/** Host and port of a proxy URL for messages: `proxy.corp:8080`. */
export function hostOf(url: string): string {
  try {
    const u = new URL(url);
    return u.host;
  } catch {
    return redactUrl(url);
  }
}
