/**
 * Step 7: the response and the RFC 6455 §4.1 checks a client must make before using the
 * connection (browsers and `ws` fail the connection on any of them).
 */
import { acceptFor } from '../frames';
import type { HttpResponse } from '../http';
import type { Check } from '../types';

const hasToken = (value: string | undefined, token: string) =>
  (value ?? '').split(',').some((t) => t.trim().toLowerCase() === token);

export function rfc6455Checks(res: HttpResponse, key: string, offered: string[]): Check[] {
  const checks: Check[] = [];
  const h = res.headers;
  checks.push({ name: 'status', ok: res.status === 101, detail: `${res.status} ${res.reason}`.trim() });
  if (res.status !== 101) return checks;
  checks.push({ name: 'Upgrade', ok: hasToken(h.upgrade, 'websocket'), detail: h.upgrade === undefined ? 'missing' : h.upgrade });
  checks.push({ name: 'Connection', ok: hasToken(h.connection, 'upgrade'), detail: h.connection === undefined ? 'missing' : h.connection });
  const want = acceptFor(key);
  const got = h['sec-websocket-accept'];
  checks.push({
    name: 'Sec-WebSocket-Accept',
    ok: got === want,
    detail: got === undefined ? 'missing' : got === want ? 'matches the key' : `${got} (expected ${want})`,
  });
  const proto = h['sec-websocket-protocol'];
  if (offered.length || proto !== undefined) {
    const ok = offered.length ? proto !== undefined && offered.includes(proto) : false;
    checks.push({
      name: 'Sec-WebSocket-Protocol',
      ok,
      detail: proto === undefined ? `none chosen from ${offered.join(', ')}` : ok ? proto : `${proto} (not offered)`,
    });
  }
  // The probe offers no extension, so the server may not accept one.
  const ext = h['sec-websocket-extensions'];
  if (ext !== undefined) checks.push({ name: 'Sec-WebSocket-Extensions', ok: false, detail: `${ext} (none offered)` });
  return checks;
}
