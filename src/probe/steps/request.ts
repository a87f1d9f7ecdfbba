/**
 * Step 6: the upgrade request, written by hand so the output can show exactly what was sent.
 * User headers replace the defaults of the same name (e.g. `--header "Upgrade: WebSocket"`).
 */
import { displayHeader } from '../redact';
import { proxyAuthorization } from './connect';

export interface UpgradeRequest {
  text: string;
  /** One line for the output, secrets redacted. */
  display: string;
  upgradeToken: string;
}

export interface RequestSpec {
  target: URL;
  /** origin-form (path?query) or absolute-form for a forward proxy. */
  requestTarget: string;
  key: string;
  headers: [string, string][];
  origin?: string;
  subprotocols: string[];
  /** A forward proxy's credentials (absolute-form only: the request goes to the proxy). */
  forwardProxy?: URL;
  userAgent: string;
}

export function hostHeader(u: URL): string {
  return u.host; // URL drops the default port, as clients do
}

export function buildUpgrade(s: RequestSpec): UpgradeRequest {
  const list: [string, string][] = [
    ['Host', hostHeader(s.target)],
    ['Upgrade', 'websocket'],
    ['Connection', 'Upgrade'],
    ['Sec-WebSocket-Key', s.key],
    ['Sec-WebSocket-Version', '13'],
    ['User-Agent', s.userAgent],
  ];
  if (s.origin) list.push(['Origin', s.origin]);
  if (s.subprotocols.length) list.push(['Sec-WebSocket-Protocol', s.subprotocols.join(', ')]);
  for (const [name, value] of s.headers) {
    const i = list.findIndex(([n]) => n.toLowerCase() === name.toLowerCase());
    if (i >= 0) list[i] = [name, value];
    else list.push([name, value]);
  }
  const proxyAuth = s.forwardProxy && proxyAuthorization(s.forwardProxy);
  const wire = proxyAuth ? [...list, ['Proxy-Authorization', proxyAuth] as [string, string]] : list;
  const text = `GET ${s.requestTarget} HTTP/1.1\r\n${wire.map(([n, v]) => `${n}: ${v}\r\n`).join('')}\r\n`;
  const shown = wire
    .filter(([n]) => !/^(host|sec-websocket-key|user-agent)$/i.test(n))
    .map(([n, v]) => displayHeader(n, v));
  const upgradeToken = list.find(([n]) => n.toLowerCase() === 'upgrade')![1];
  return { text, display: `GET ${s.requestTarget} HTTP/1.1; ${shown.join('; ')}`, upgradeToken };
}
