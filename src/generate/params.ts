/**
 * From `generate` options to template parameters: defaults, the version gates, and the values
 * derived from --upstream / --listen / --read-timeout. Derivation is lenient (a value it cannot
 * derive is left out); the template's schema then reports the *option* that is wrong.
 */
import type { DialectName } from '../core/ast';
import { exactDurationMs, IDLE_TIMEOUT_LIMIT_MS } from '../core/duration';
import { DEFAULT_TARGETS, SINCE, versionAtLeast } from '../core/versions';
import type { Params } from '../templates/render';
import { shellWord } from './shell';
import type { ParamProblem } from './templates';

export interface GenerateOptions {
  dialect: DialectName;
  /** URL path of the WebSocket route (not used by Squid, a forward proxy). */
  path?: string;
  /** nginx/Apache/HAProxy: where to proxy. Squid: the WebSocket origin clients reach through it. */
  upstream: string;
  listen?: string;
  serverName?: string;
  tls?: boolean;
  cert?: string;
  key?: string;
  /** Idle limit of an upgraded connection. Default 1h. */
  readTimeout?: string;
  /** nginx only: an upstream block with a keepalive pool. */
  keepalive?: boolean;
  /** Server version the output is for. Default: Debian stable's (versions.DEFAULT_TARGETS). */
  targetVersion?: string;
  /** A complete config the server runs as is, instead of a snippet. */
  standalone?: boolean;
  /** Absolute directory for pid, logs and temp files of a standalone config. */
  prefix?: string;
  /** Absolute path of the file the config is written to (for the "run it with" comment). */
  configFile?: string;
}

/** Debian's stock `acl Safe_ports port …` list. */
const DEBIAN_SAFE_PORTS = (p: number) => [80, 21, 443, 70, 210, 280, 488, 591, 777].includes(p) || (p >= 1025 && p <= 65535);

export const DEFAULT_READ_TIMEOUT = '1h';

export function defaultListen(o: Pick<GenerateOptions, 'dialect' | 'standalone' | 'tls'>): string {
  if (o.dialect === 'squid') return o.standalone ? '127.0.0.1:3128' : '3128';
  if (o.standalone) return o.tls ? '127.0.0.1:8443' : '127.0.0.1:8080';
  return o.tls ? '443' : '80';
}

export interface ParsedUrl {
  scheme: 'http' | 'https' | 'ws' | 'wss';
  /** As written; IPv6 keeps its brackets. */
  host: string;
  /** The explicit port, if any. */
  explicitPort?: number;
  /** The port in effect (explicit or the scheme's default). */
  port: number;
  /** '' when the URL has no path. */
  path: string;
  secure: boolean;
}

const URL_RE =
  /^(https?|wss?):\/\/(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)(?::([0-9]{1,5}))?(\/[A-Za-z0-9._~!&()*+,=:@%/-]*)?$/;

export function parseUpstream(url: string): ParsedUrl | undefined {
  const m = URL_RE.exec(url);
  if (!m) return undefined;
  const scheme = m[1] as ParsedUrl['scheme'];
  const secure = scheme === 'https' || scheme === 'wss';
  const explicitPort = m[3] === undefined ? undefined : Number(m[3]);
  return { scheme, host: m[2], explicitPort, port: explicitPort ?? (secure ? 443 : 80), path: m[4] ?? '', secure };
}

/** nginx/HAProxy time: a bare number is seconds (HAProxy would read it as ms, so always add a unit). */
export function normalizeDuration(text: string): string | undefined {
  const m = /^([0-9]+)(ms|s|m|h|d)?$/.exec(text.trim());
  if (!m) return undefined;
  return `${m[1]}${m[2] ?? 's'}`;
}

/** Whole seconds (rounded up) for the servers that take seconds; exact however long the value. */
export function durationSeconds(text: string): number | undefined {
  const ms = exactDurationMs(text);
  if (ms === null) return undefined;
  return Number((ms + 999n) / 1000n);
}

/**
 * --read-timeout against what the dialect's server accepts (core/duration's observed limits), and
 * at least one second: nginx takes 0 and 1ms, but an idle limit that short closes every
 * WebSocket at once (and HAProxy reads `timeout tunnel 0` as unset).
 */
function readTimeoutProblem(d: DialectName, readTimeout: string | undefined): string | undefined {
  const ms = readTimeout === undefined ? null : exactDurationMs(readTimeout);
  if (ms === null) return undefined; // the schema's pattern reports the syntax
  if (ms < 1000n) return 'at least 1s: a shorter idle limit closes every WebSocket at once';
  const limit = IDLE_TIMEOUT_LIMIT_MS[d];
  // Squid and httpd take whole seconds: the value is rounded up before the comparison.
  const effective = d === 'squid' || d === 'apache' ? ((ms + 999n) / 1000n) * 1000n : ms;
  return effective > limit.max ? `too long: ${limit.text}` : undefined;
}

/**
 * The path the upstream receives. An upstream without a path (or with just "/") gets the request
 * path unchanged; one with a path replaces the matched prefix (nginx's proxy_pass-with-URI rule).
 * A route ending in "/" keeps a target ending in "/".
 */
export function targetPath(path: string, u: ParsedUrl): string {
  if (u.path === '' || u.path === '/') return path;
  return path.endsWith('/') && !u.path.endsWith('/') ? `${u.path}/` : u.path;
}

function hostPort(u: ParsedUrl, alwaysPort: boolean): string {
  return alwaysPort || u.explicitPort !== undefined ? `${u.host}:${u.port}` : u.host;
}

function listenParts(listen: string): { addr?: string; port: string } {
  const i = listen.lastIndexOf(':');
  if (i < 0) return { port: listen };
  return { addr: listen.slice(0, i), port: listen.slice(i + 1) };
}

export interface BuiltParams {
  params: Params;
  /** Problems the schema cannot express (port ranges, option combinations). */
  problems: ParamProblem[];
  template: 'snippet' | 'standalone';
}

export function buildParams(o: GenerateOptions): BuiltParams {
  const problems: ParamProblem[] = [];
  const d = o.dialect;
  const targetVersion = o.targetVersion ?? DEFAULT_TARGETS[d];
  const readTimeout = normalizeDuration(o.readTimeout ?? DEFAULT_READ_TIMEOUT) ?? o.readTimeout;
  const listen = o.listen ?? defaultListen(o);
  const path = o.path ?? (d === 'squid' ? undefined : o.path);
  const u = parseUpstream(o.upstream);
  const versionOk = /^[0-9]+(\.[0-9]+){0,2}$/.test(targetVersion);
  const atLeast = (min: string) => versionOk && versionAtLeast(targetVersion, min);
  const timeoutSeconds = readTimeout ? durationSeconds(readTimeout) : undefined;
  const timeoutProblem = readTimeoutProblem(d, readTimeout);
  if (timeoutProblem) problems.push({ param: 'readTimeout', option: '--read-timeout', value: o.readTimeout, message: timeoutProblem });

  if (u && (u.port < 1 || u.port > 65535)) {
    problems.push({ param: 'upstream', option: '--upstream', value: o.upstream, message: 'the port must be between 1 and 65535' });
  }
  const lp = Number(listenParts(listen).port);
  if (/^[0-9]+$/.test(listenParts(listen).port) && (lp < 1 || lp > 65535)) {
    problems.push({ param: 'listen', option: '--listen', value: listen, message: 'the port must be between 1 and 65535' });
  }
  if (o.tls) {
    if (d === 'squid') {
      problems.push({ param: 'tls', option: '--tls', value: true, message: 'not supported for Squid (clients reach wss:// origins through CONNECT)' });
    } else {
      if (!o.cert) problems.push({ param: 'cert', option: '--cert', value: undefined, message: '--tls needs --cert FILE' });
      if (!o.key && d !== 'haproxy') problems.push({ param: 'key', option: '--key', value: undefined, message: '--tls needs --key FILE' });
      if (d === 'haproxy' && o.key && o.cert && o.key !== `${o.cert}.key` && o.key !== o.cert) {
        problems.push({
          param: 'key',
          option: '--key',
          value: o.key,
          message: `HAProxy reads the key from the --cert file or from "${o.cert}.key"; combine them or name the key so`,
        });
      }
    }
  } else if (o.cert || o.key) {
    problems.push({ param: 'tls', option: '--tls', value: false, message: '--cert/--key are used only with --tls' });
  }
  if (o.keepalive && d !== 'nginx') {
    problems.push({ param: 'keepalive', option: '--keepalive', value: true, message: 'applies to nginx only (an upstream keepalive pool)' });
  }
  if (d !== 'squid' && o.path === undefined) {
    problems.push({ param: 'path', option: '--path', value: undefined, message: 'required (the WebSocket route, e.g. /ws)' });
  }
  if (d === 'haproxy' && u && u.path !== '' && u.path !== '/') {
    problems.push({
      param: 'upstream',
      option: '--upstream',
      value: o.upstream,
      message: 'HAProxy forwards the request path unchanged: give the upstream without a path',
    });
  }

  const p: Params = {
    path,
    upstream: o.upstream,
    targetVersion,
    readTimeout,
    serverName: o.serverName ?? (o.standalone && (d === 'nginx' || d === 'apache') ? 'localhost' : ''),
    tls: !!o.tls,
    cert: o.cert ?? '',
    key: o.key ?? '',
    listen,
    prefix: o.prefix,
    configFile: o.configFile ?? (o.prefix ? `${o.prefix.replace(/\/$/, '')}/${defaultConfigName(d)}` : undefined),
  };
  // The "run it with" hints in the header comments, quoted for the shell they are pasted into.
  if (p.prefix !== undefined) p.prefixSh = shellWord(String(p.prefix).replace(/(.)\/$/, '$1'));
  if (p.configFile !== undefined) p.configFileSh = shellWord(String(p.configFile));

  if (d === 'nginx') {
    const keepalive = !!o.keepalive;
    const upstreamName = 'websocket_backend';
    p.keepalive = keepalive;
    p.upstreamName = upstreamName;
    p.proxyHttpVersion = versionOk ? !atLeast(SINCE.nginx.proxyHttp11Default) : undefined;
    p.serverLabel = o.serverName ? o.serverName : 'this site';
    if (u) {
      const scheme = u.secure ? 'https' : 'http';
      p.upstreamServer = `${u.host}:${u.port}`;
      p.upstreamTls = u.secure;
      const pathPart = path !== undefined && u.path !== '' && u.path !== '/' ? targetPath(path, u) : '';
      p.proxyPass = `${scheme}://${keepalive ? upstreamName : hostPort(u, false)}${pathPart}`;
    }
  } else if (d === 'apache') {
    const upgradeParam = versionOk ? atLeast(SINCE.apache.upgradeParam) : undefined;
    const { addr, port } = listenParts(listen);
    p.vhostAddress = `${addr ?? '*'}:${port}`;
    p.upgradeParam = upgradeParam;
    p.wstunnel = upgradeParam === undefined ? undefined : !upgradeParam;
    p.timeoutSeconds = timeoutSeconds;
    p.needsSsl = !!o.tls || !!u?.secure;
    const mods = ['proxy', 'proxy_http', ...(upgradeParam === false ? ['proxy_wstunnel'] : []), ...(p.needsSsl ? ['ssl'] : [])];
    p.a2enmod = mods.join(' ');
    p.modulesText = mods.map((m) => `mod_${m}`).join(', ');
    if (u && path !== undefined) {
      const scheme = upgradeParam ? (u.secure ? 'https' : 'http') : u.secure ? 'wss' : 'ws';
      p.upstreamTls = u.secure;
      p.proxyPassUrl = `${scheme}://${hostPort(u, false)}${targetPath(path, u)}`;
    }
  } else if (d === 'squid') {
    p.upgradeSupported = versionOk ? atLeast(SINCE.squid.upgradeProtocols) : undefined;
    p.timeoutSeconds = timeoutSeconds;
    if (u) {
      p.upstreamHostPort = `${u.host}:${u.port}`;
      p.upstreamPort = u.port;
      p.sslPortNeeded = u.port !== 443;
      p.safePortNeeded = !DEBIAN_SAFE_PORTS(u.port);
    }
  } else {
    const { addr, port } = listenParts(listen);
    p.frontendName = 'websocket_in';
    p.backendName = 'websocket_backend';
    p.bind = `${addr ?? ''}:${port}`;
    if (path !== undefined) {
      p.pathExact = path.endsWith('/') ? '' : path;
      p.pathPrefix = path.endsWith('/') ? path : `${path}/`;
    }
    if (u) {
      p.upstreamAddress = `${u.host}:${u.port}`;
      p.upstreamHost = u.host.replace(/^\[|\]$/g, '');
      p.upstreamTls = u.secure;
    }
  }
  for (const k of Object.keys(p)) if (p[k] === undefined) delete p[k];
  return { params: p, problems, template: o.standalone ? 'standalone' : 'snippet' };
}

export function defaultConfigName(d: DialectName): string {
  return { nginx: 'nginx.conf', apache: 'apache2.conf', squid: 'squid.conf', haproxy: 'haproxy.cfg' }[d];
}
