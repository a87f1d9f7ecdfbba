/**
 * From command-line arguments to ProbeOptions, with one-line usage errors (exit 2) for anything
 * the probe cannot do as asked. Nothing secret goes into an error message.
 */
import * as fs from 'node:fs';
import { UsageError } from '../core/errors';
import { parseClientSpec } from '../env';
import { parseDuration } from '../core/duration';
import type { ProbeOptions } from './types';

export interface ProbeArgs {
  url: string;
  proxy?: string;
  as?: string;
  proxyMode?: string;
  header?: string[];
  origin?: string;
  subprotocol?: string[];
  ca?: string;
  caOut?: string;
  insecure?: boolean;
  idle?: string;
  socketio?: boolean;
  eio?: number;
  timeout?: string;
  format?: string;
}

const SCHEMES = new Set(['ws:', 'wss:', 'http:', 'https:']);

function list(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)];
}

export function probeOptions(a: ProbeArgs, env: NodeJS.ProcessEnv): ProbeOptions {
  let url: URL;
  try {
    url = new URL(a.url);
  } catch {
    throw new UsageError('URL must be absolute, e.g. wss://example.com/ws');
  }
  if (!SCHEMES.has(url.protocol)) throw new UsageError(`unsupported scheme ${url.protocol} (use ws, wss, http or https)`);
  if (url.username || url.password) throw new UsageError('put credentials in --header "Authorization: …", not in the URL');
  url.hash = '';

  let proxy: string | undefined;
  if (a.proxy !== undefined && a.proxy !== '') {
    if (a.proxy === 'direct' || a.proxy === 'none') proxy = 'direct';
    else {
      let p: URL;
      try {
        p = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(a.proxy) ? a.proxy : `http://${a.proxy}`);
      } catch {
        throw new UsageError('--proxy must be a URL like http://proxy.example:3128');
      }
      if (p.protocol !== 'http:') throw new UsageError(`--proxy ${p.protocol}// proxies are not supported (use an http:// proxy)`);
      proxy = p.href;
    }
  }
  if (a.as !== undefined) {
    if (proxy !== undefined) throw new UsageError('--as chooses how the environment is read; it has no effect with --proxy');
    parseClientSpec(a.as); // unknown client or bad version: exit 2 here, not mid-run
  }
  let proxyMode: ProbeOptions['proxyMode'];
  if (a.proxyMode !== undefined) {
    if (a.proxyMode !== 'connect' && a.proxyMode !== 'forward') throw new UsageError('--proxy-mode must be connect or forward');
    proxyMode = a.proxyMode;
    if (proxyMode === 'forward' && (url.protocol === 'wss:' || url.protocol === 'https:')) {
      throw new UsageError('--proxy-mode forward cannot carry TLS; wss:// and https:// go through a CONNECT tunnel');
    }
  }

  const headers: [string, string][] = [];
  for (const h of list(a.header)) {
    const i = h.indexOf(':');
    const name = i > 0 ? h.slice(0, i).trim() : '';
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw new UsageError('--header must be "Name: value"');
    if (/^sec-websocket-key$/i.test(name)) throw new UsageError('Sec-WebSocket-Key is chosen by the probe');
    if (/^proxy-authorization$/i.test(name)) throw new UsageError('proxy credentials go in the --proxy URL (http://user:pass@host:port)');
    const value = h.slice(i + 1).trim();
    if (/[\r\n]/.test(value)) throw new UsageError(`--header ${name} contains a line break`);
    headers.push([name, value]);
  }
  for (const p of list(a.subprotocol)) {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(p)) throw new UsageError(`--subprotocol ${JSON.stringify(p)} is not a token`);
  }
  if (a.origin !== undefined && /[\r\n]/.test(a.origin)) throw new UsageError('--origin contains a line break');

  let ca: ProbeOptions['ca'];
  if (a.ca !== undefined) {
    let pem: string;
    try {
      pem = fs.readFileSync(a.ca, 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read --ca ${a.ca}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
    }
    if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new UsageError(`--ca ${a.ca} holds no PEM certificate`);
    ca = { file: a.ca, pem };
  }

  const duration = (flag: string, v: string | undefined, dflt?: number) => {
    if (v === undefined) return dflt;
    const ms = parseDuration(String(v), 'flag');
    if (ms === null) throw new UsageError(`--${flag} must be a duration such as 90s, 2m or 500ms`);
    return ms;
  };
  let eio: ProbeOptions['eio'];
  if (a.eio !== undefined) {
    if (a.eio !== 3 && a.eio !== 4) throw new UsageError('--eio must be 3 or 4');
    if (!a.socketio) throw new UsageError('--eio needs --socketio');
    eio = a.eio;
  }
  if (a.format !== undefined && a.format !== 'text' && a.format !== 'json') throw new UsageError('--format must be text or json');

  return {
    url,
    proxy,
    as: a.as,
    proxyMode,
    headers,
    origin: a.origin,
    subprotocols: list(a.subprotocol),
    ca,
    caOut: a.caOut,
    insecure: a.insecure === true,
    idleMs: duration('idle', a.idle),
    socketio: a.socketio === true,
    eio,
    timeoutMs: duration('timeout', a.timeout, 10_000)!,
    env,
  };
}
