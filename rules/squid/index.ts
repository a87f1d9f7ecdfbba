/* eslint-disable @typescript-eslint/no-require-imports */
import type { RuleDefinition } from '../../src/core/rule';

export const rules: RuleDefinition<any>[] = [
  require('./websocket-upgrade-not-allowed').default,
  require('./upgrade-protocol-case').default,
  require('./upgrade-header-denied').default,
  require('./ineffective-upgrade-allow').default,
  require('./connect-websocket-port-denied').default,
  require('./unknown-directive').default,
  require('./obsolete-directive').default,
  require('./invalid-access-action').default,
];
