/**
 * Step 4: CONNECT host:port through the proxy. The proxy's credentials go in this request only:
 * they belong to the proxy, and the tunnel's inner request never carries them.
 */
import { readResponse, type ReadResult } from '../http';
import type { Reader } from '../reader';

export function proxyAuthorization(proxy: URL): string | undefined {
  if (!proxy.username) return undefined;
  const user = decodeURIComponent(proxy.username);
  const pass = decodeURIComponent(proxy.password);
  return `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
}

export async function connectTunnel(r: Reader, authority: string, proxy: URL, timeoutMs: number): Promise<ReadResult> {
  const auth = proxyAuthorization(proxy);
  r.socket.write(
    `CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n` + (auth ? `Proxy-Authorization: ${auth}\r\n` : '') + '\r\n',
  );
  // A 200 to CONNECT has no body: the bytes after it belong to the tunnel.
  const res = await readResponse(r, timeoutMs, { noBody: true });
  if (res.kind === 'response' && res.response.status !== 200) {
    // Read the error page too (Squid's names its error, e.g. ERR_ACCESS_DENIED).
    const body = await readBodyBriefly(r);
    res.response.body = body;
  }
  return res;
}

async function readBodyBriefly(r: Reader): Promise<string> {
  await r.waitFor(() => r.buf.length > 4096, 300);
  return r.take(Math.min(r.buf.length, 4096)).toString('utf8');
}
