/** HTTP/1.x response heads as the probe reads them: status, headers as sent, a bounded body. */
import type { Reader } from './reader';

export interface HttpResponse {
  status: number;
  reason: string;
  httpVersion: string;
  /** Lower-cased names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Names and values as sent, in order. */
  rawHeaders: [string, string][];
  /** The first bytes of the body (at most 4 KiB), decoded as UTF-8. */
  body: string;
}

export type ReadResult =
  | { kind: 'response'; response: HttpResponse }
  | { kind: 'not-http'; first: Buffer }
  | { kind: 'timeout' }
  | { kind: 'closed'; how: string };

const MAX_HEAD = 64 * 1024;
const MAX_BODY = 4096;

export function parseHead(text: string): HttpResponse | undefined {
  const lines = text.split('\r\n');
  const m = /^HTTP\/(\d\.\d) (\d{3})(?: (.*))?$/.exec(lines[0]);
  if (!m) return undefined;
  const headers: Record<string, string> = {};
  const rawHeaders: [string, string][] = [];
  for (const line of lines.slice(1)) {
    const i = line.indexOf(':');
    if (i <= 0) continue;
    const name = line.slice(0, i).trim();
    const value = line.slice(i + 1).trim();
    rawHeaders.push([name, value]);
    const key = name.toLowerCase();
    headers[key] = key in headers ? `${headers[key]}, ${value}` : value;
  }
  return { httpVersion: m[1], status: Number(m[2]), reason: m[3] ?? '', headers, rawHeaders, body: '' };
}

/**
 * Reads one response head, then (unless `noBody`, a 1xx, 204 or 304) up to 4 KiB of its body:
 * enough to recognise an error page or an Engine.IO error without waiting for a long one.
 */
export async function readResponse(r: Reader, timeoutMs: number, opts: { noBody?: boolean } = {}): Promise<ReadResult> {
  const headEnd = () => r.buf.indexOf('\r\n\r\n');
  const notHttp = () => r.buf.length >= 5 && !r.buf.subarray(0, 5).equals(Buffer.from('HTTP/'));
  await r.waitFor(() => headEnd() >= 0 || notHttp() || r.buf.length > MAX_HEAD, timeoutMs);
  if (notHttp()) return { kind: 'not-http', first: Buffer.from(r.buf.subarray(0, 64)) };
  if (headEnd() < 0) {
    if (r.ended) return { kind: 'closed', how: r.ended.kind === 'rst' ? 'reset (RST)' : r.ended.error ?? 'closed (FIN)' };
    return { kind: 'timeout' };
  }
  const response = parseHead(r.take(headEnd() + 4).toString('latin1'));
  if (!response) return { kind: 'not-http', first: Buffer.from('') };
  const s = response.status;
  if (opts.noBody || (s >= 100 && s < 200) || s === 204 || s === 304) return { kind: 'response', response };
  const bodyWait = Math.min(timeoutMs, 1500);
  const cl = response.headers['content-length'];
  if (cl !== undefined && /^\d+$/.test(cl)) {
    const n = Math.min(Number(cl), MAX_BODY);
    await r.waitFor(() => r.buf.length >= n, bodyWait);
    response.body = r.take(n).toString('utf8');
  } else if (/chunked/i.test(response.headers['transfer-encoding'] ?? '')) {
    await r.waitFor(() => r.buf.includes('\r\n0\r\n\r\n') || r.buf.indexOf('0\r\n\r\n') === 0 || r.buf.length > MAX_BODY, bodyWait);
    response.body = dechunk(r.take(r.buf.length)).slice(0, MAX_BODY);
  } else {
    await r.waitFor(() => r.buf.length > MAX_BODY, bodyWait);
    response.body = r.take(Math.min(r.buf.length, MAX_BODY)).toString('utf8');
  }
  return { kind: 'response', response };
}

/** The body of a chunked transfer-encoded message (up to the last complete chunk). */
export function dechunk(buf: Buffer): string {
  const parts: Buffer[] = [];
  let off = 0;
  while (off < buf.length) {
    const eol = buf.indexOf('\r\n', off);
    if (eol < 0) break;
    const size = parseInt(buf.subarray(off, eol).toString('latin1'), 16);
    if (!size) break;
    parts.push(buf.subarray(eol + 2, eol + 2 + size));
    off = eol + 2 + size + 2;
  }
  return Buffer.concat(parts).toString('utf8');
}

/** The `Server` / `Via` evidence of a response, for the output line. */
export function serverEvidence(res: HttpResponse): string {
  const parts: string[] = [];
  for (const h of ['server', 'via', 'x-squid-error']) if (res.headers[h]) parts.push(`${headerName(h)}: ${res.headers[h]}`);
  return parts.join(', ');
}

function headerName(h: string): string {
  if (h === 'x-squid-error') return 'X-Squid-Error';
  return h[0].toUpperCase() + h.slice(1);
}
