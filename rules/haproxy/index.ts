/* eslint-disable @typescript-eslint/no-require-imports */
import type { RuleDefinition } from '../../src/core/rule';

export const rules: RuleDefinition<any>[] = [require('./defaults-from-not-found').default, require('./tcp-frontend-http-condition').default, require('./unix-server-outside-chroot').default, require('./websocket-tunnel-timeout').default];
