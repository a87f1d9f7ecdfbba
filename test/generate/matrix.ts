/**
 * The generate matrix: every template (snippet, standalone) × dialect × target version (× the
 * options that change the text: --keepalive, --tls). Shared by the lint-clean unit test and the
 * e2e test that runs each standalone config on the real server.
 */
import type { DialectName } from '../../src/core/ast';
import type { GenerateOptions } from '../../src/generate/index';

export interface Variant {
  /** Short label, e.g. "nginx 1.22.1 keepalive". */
  label: string;
  dialect: DialectName;
  targetVersion: string;
  keepalive?: boolean;
  tls?: boolean;
}

export const VARIANTS: Variant[] = [
  { label: 'nginx 1.22.1', dialect: 'nginx', targetVersion: '1.22.1' },
  { label: 'nginx 1.22.1 --keepalive', dialect: 'nginx', targetVersion: '1.22.1', keepalive: true },
  { label: 'nginx 1.29.7', dialect: 'nginx', targetVersion: '1.29.7' },
  { label: 'nginx 1.29.7 --keepalive', dialect: 'nginx', targetVersion: '1.29.7', keepalive: true },
  { label: 'nginx 1.22.1 --tls', dialect: 'nginx', targetVersion: '1.22.1', tls: true },
  { label: 'apache 2.4.71', dialect: 'apache', targetVersion: '2.4.71' },
  { label: 'apache 2.4.46', dialect: 'apache', targetVersion: '2.4.46' },
  { label: 'apache 2.4.71 --tls', dialect: 'apache', targetVersion: '2.4.71', tls: true },
  { label: 'squid 5.7', dialect: 'squid', targetVersion: '5.7' },
  { label: 'squid 4.13', dialect: 'squid', targetVersion: '4.13' },
  { label: 'haproxy 2.6.12', dialect: 'haproxy', targetVersion: '2.6.12' },
  { label: 'haproxy 2.6.12 --tls', dialect: 'haproxy', targetVersion: '2.6.12', tls: true },
];

/** Sentinels the e2e test swaps for the harness's @PORT@, @BACKEND_PORT@ and @PREFIX@. */
export const SENTINEL = { listenPort: 59871, backendPort: 59872, prefix: '/tmp/proxylint-generate-prefix' };

export function optionsFor(
  v: Variant,
  o: { standalone: boolean; readTimeout?: string; upstreamPort?: number; prefix?: string },
): GenerateOptions {
  const prefix = o.prefix ?? SENTINEL.prefix;
  const tls = v.tls
    ? {
        tls: true,
        cert: v.dialect === 'haproxy' ? `${prefix}/site.pem` : `${prefix}/cert.pem`,
        key: v.dialect === 'haproxy' ? undefined : `${prefix}/key.pem`,
      }
    : {};
  return {
    dialect: v.dialect,
    path: v.dialect === 'squid' ? undefined : '/ws',
    upstream: `http://127.0.0.1:${o.upstreamPort ?? SENTINEL.backendPort}`,
    listen: o.standalone ? `127.0.0.1:${SENTINEL.listenPort}` : undefined,
    readTimeout: o.readTimeout,
    keepalive: v.keepalive,
    targetVersion: v.targetVersion,
    standalone: o.standalone,
    prefix: o.standalone ? prefix : undefined,
    ...tls,
  };
}

/** What a generated command line would say (the header); tests do not depend on it. */
export function commandFor(o: GenerateOptions): string {
  return `proxylint generate ${o.dialect} (test matrix)`;
}
