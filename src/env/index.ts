/** The env module's public surface (used by `proxylint env`, and by `probe` for its proxy choice). */
export { decideProxy, parseClientSpec, CLIENT_IDS } from './decide';
export type { ClientId, ProxyDecision, Env } from './types';
export { CLIENTS } from './clients';
