/** Step 2: the address the probe dials (the proxy's when there is one; the proxy resolves the target). */
import { promises as dns } from 'node:dns';
import * as net from 'node:net';

export type Resolved = { ok: true; address: string; literal: boolean; ms: number } | { ok: false; code: string; ms: number };

export async function resolveHost(host: string): Promise<Resolved> {
  const bare = host.replace(/^\[|\]$/g, '');
  const t0 = Date.now();
  if (net.isIP(bare)) return { ok: true, address: bare, literal: true, ms: 0 };
  try {
    const r = await dns.lookup(bare);
    return { ok: true, address: r.address, literal: false, ms: Date.now() - t0 };
  } catch (e) {
    return { ok: false, code: (e as NodeJS.ErrnoException).code ?? String(e), ms: Date.now() - t0 };
  }
}
