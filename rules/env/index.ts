/** The env rules (proxylint env): each in its own folder with a README. */
import type { EnvRule } from '../../src/env/rule';
import proxyUrlScheme from './proxy-url-scheme';
import proxyCredentials from './proxy-credentials';
import proxyUserinfoEncoding from './proxy-userinfo-encoding';
import proxyUrlPath from './proxy-url-path';
import proxyCaseConflict from './proxy-case-conflict';
import noProxyLoopback from './no-proxy-loopback';
import noProxyIgnoredEntry from './no-proxy-ignored-entry';
import k8sNoProxyCluster from './k8s-no-proxy-cluster';
import nodeTlsRejectUnauthorized from './node-tls-reject-unauthorized';
import socks5LocalDns from './socks5-local-dns';
import noProxyPort from './no-proxy-port';
import websocketProxy from './websocket-proxy';

export const envRules: EnvRule[] = [
  proxyUrlScheme,
  proxyCredentials,
  proxyUserinfoEncoding,
  proxyUrlPath,
  proxyCaseConflict,
  noProxyLoopback,
  noProxyIgnoredEntry,
  k8sNoProxyCluster,
  nodeTlsRejectUnauthorized,
  socks5LocalDns,
  noProxyPort,
  websocketProxy,
];

/** The registry's name for the list (rules/index.ts loads `rules` from each kind's index). */
export const rules = envRules;
