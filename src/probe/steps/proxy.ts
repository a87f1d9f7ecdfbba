/**
 * Step 1, the proxy decision: --proxy wins; otherwise the environment's proxy variables as the
 * chosen client reads them (the env engine), else direct. Also how the proxy is used: a CONNECT
 * tunnel (what browsers and WebSocket libraries do for ws:// and wss://) or an absolute-form
 * request (what an HTTP client does for http://).
 */
import { displayProxy } from '../redact';
import type { ProbeOptions } from '../types';

export interface ProxyChoice {
  proxy?: URL;
  mode?: 'connect' | 'forward';
  summary: string;
}

export function defaultMode(target: URL): 'connect' | 'forward' {
  return target.protocol === 'http:' ? 'forward' : 'connect';
}

export function chooseProxy(o: ProbeOptions): ProxyChoice {
  if (o.proxy === 'direct') return { summary: 'direct (--proxy direct)' };
  if (o.proxy) {
    const proxy = new URL(o.proxy);
    const mode = o.proxyMode ?? defaultMode(o.url);
    const creds = proxy.username ? ', with credentials' : '';
    return { proxy, mode, summary: `${displayProxy(proxy)} from --proxy, ${modeText(mode)}${creds}` };
  }
  return { summary: 'direct (no --proxy given)' };
}

export function modeText(mode: 'connect' | 'forward'): string {
  return mode === 'connect' ? 'CONNECT tunnel' : 'absolute-form request';
}
