/* eslint-disable @typescript-eslint/no-require-imports */
import type { RuleDefinition } from '../../src/core/rule';

export const rules: RuleDefinition<any>[] = [
  require('./websocket-proxypass-upgrade').default,
  require('./proxypass-order').default,
  require('./loglevel-unloaded-module').default,
  require('./websocket-handler-missing').default,
  require('./tunnel-idle-timeout').default,
  require('./rewrite-websocket-without-upgrade-cond').default,
  require('./rewrite-cond-anchored-upgrade').default,
  require('./rewrite-variable-without-percent').default,
  require('./ssl-proxy-engine-missing').default,
  require('./websocket-preserve-host').default,
];
