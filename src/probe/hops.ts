/**
 * Which hop answered, from what the response says about itself: `Server` (nginx and Apache
 * put their own name there, also on what they relay), `Via` and `X-Squid-Error` (Squid).
 */
import type { HttpResponse } from './http';

export type HopName = 'nginx' | 'apache' | 'squid' | 'haproxy';

export interface Hop {
  name?: HopName;
  /** The header that says so, e.g. 'Server: nginx/1.22.1'. */
  evidence?: string;
}

export function identifyHop(res: HttpResponse | undefined): Hop {
  if (!res) return {};
  const h = res.headers;
  if (h['x-squid-error']) return { name: 'squid', evidence: `X-Squid-Error: ${h['x-squid-error']}` };
  if (/squid/i.test(h.via ?? '')) return { name: 'squid', evidence: `Via: ${h.via}` };
  const server = h.server ?? '';
  if (/^nginx|openresty|tengine/i.test(server)) return { name: 'nginx', evidence: `Server: ${server}` };
  if (/^apache/i.test(server)) return { name: 'apache', evidence: `Server: ${server}` };
  if (/haproxy/i.test(server)) return { name: 'haproxy', evidence: `Server: ${server}` };
  if (/squid/i.test(server)) return { name: 'squid', evidence: `Server: ${server}` };
  return {};
}

export function hopText(hop: Hop, fallback: string): string {
  return hop.name ? `${hop.name} (${hop.evidence})` : fallback;
}
