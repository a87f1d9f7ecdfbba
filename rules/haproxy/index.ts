/* eslint-disable @typescript-eslint/no-require-imports */
import type { RuleDefinition } from '../../src/core/rule';

export const rules: RuleDefinition<any>[] = [require('./defaults-from-not-found').default, require('./websocket-tunnel-timeout').default];
