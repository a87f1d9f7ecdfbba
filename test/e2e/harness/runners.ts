import { apache } from './apache';
import { haproxy } from './haproxy';
import { nginx } from './nginx';
import type { ServerName, ServerRunner } from './server-process';
import { squid } from './squid';

/** The four runners by name. */
export const runners: Record<ServerName, ServerRunner> = { nginx, apache, squid, haproxy };
