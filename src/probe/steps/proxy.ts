/**
 * Step 1, the proxy decision: --proxy wins; otherwise the environment's proxy variables as the
 * chosen client (--as, default Node's built-in client) reads them, decided by the env engine
 * (src/env, the same one as `proxylint env explain`). Also how the proxy is used: a CONNECT
 * tunnel (what browsers and WebSocket libraries do for ws:// and wss://) or an absolute-form
 * request (what an HTTP client does for http://).
 */
import { decideProxy } from '../../env';
import { displayProxy } from '../redact';
import type { ProbeOptions } from '../types';

export interface ProxyChoice {
  proxy?: URL;
  mode?: 'connect' | 'forward';
  summary: string;
  /** The chosen client would fail before sending anything (e.g. a proxy scheme it rejects). */
  error?: string;
  /** The environment variable the proxy came from (what to change), when it did. */
  variable?: string;
}

export const DEFAULT_CLIENT = 'node';

export function defaultMode(target: URL): 'connect' | 'forward' {
  return target.protocol === 'http:' ? 'forward' : 'connect';
}

export function modeText(mode: 'connect' | 'forward'): string {
  return mode === 'connect' ? 'CONNECT tunnel' : 'absolute-form request';
}

function fromUrl(proxy: URL, o: ProbeOptions, source: string): ProxyChoice {
  const mode = o.proxyMode ?? defaultMode(o.url);
  const creds = proxy.username ? ', with credentials' : '';
  return { proxy, mode, summary: `${displayProxy(proxy)} from ${source}, ${modeText(mode)}${creds}` };
}

/** The env engine redacts credentials (`***@`); the probe must send them, so take them from the raw value. */
export function withCredentials(redacted: string, raw: string): string {
  const creds = /^(?:[a-z][a-z0-9+.-]*:\/\/)?([^/?#@\s]*)@/i.exec(raw)?.[1];
  return creds === undefined ? redacted : redacted.replace('***@', `${creds}@`);
}

export function chooseProxy(o: ProbeOptions): ProxyChoice {
  if (o.proxy === 'direct') return { summary: 'direct (--proxy direct)' };
  if (o.proxy) return fromUrl(new URL(o.proxy), o, '--proxy');
  const client = o.as ?? DEFAULT_CLIENT;
  const d = decideProxy(o.url.href, o.env, client);
  const who = `${d.client} ${d.version}${o.as ? '' : ' (default client; --as to choose)'}`;
  if (d.via === 'direct') return { summary: `direct, as ${who} decides: ${d.reason}` };
  const raw = d.variable ? o.env[d.variable] ?? '' : '';
  if (d.error) return { summary: `${d.proxy} from ${d.variable}, as ${who} decides, but: ${d.error}`, error: d.error };
  let proxy: URL;
  try {
    proxy = new URL(withCredentials(d.proxy!, raw));
  } catch {
    return { summary: `${d.proxy} from ${d.variable} is not a URL`, error: `${d.variable} is not a proxy URL` };
  }
  if (proxy.protocol !== 'http:') {
    return { summary: `${displayProxy(proxy)} from ${d.variable}: probe speaks only to http:// proxies`, error: `probe cannot use a ${proxy.protocol}// proxy yet` };
  }
  return { ...fromUrl(proxy, o, `${d.variable}, as ${who} decides (${d.reason.replace(/\.$/, '')})`), variable: d.variable };
}
