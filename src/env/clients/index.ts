/** The client table: one row per client, each sourced in its own file. */
import type { ClientId, ClientRow } from '../types';
import curl from './curl';
import wget from './wget';
import go from './go';
import node from './node';
import undici from './undici';
import proxyFromEnv from './proxy-from-env';
import pythonRequests from './python-requests';
import httpx from './httpx';
import java from './java';

export const CLIENTS: Record<ClientId, ClientRow> = {
  curl,
  wget,
  go,
  node,
  undici,
  'proxy-from-env': proxyFromEnv,
  'python-requests': pythonRequests,
  httpx,
  java,
};
