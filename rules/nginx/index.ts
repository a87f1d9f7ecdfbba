/* eslint-disable @typescript-eslint/no-require-imports */
import type { RuleDefinition } from '../../src/core/rule';

export const rules: RuleDefinition<any>[] = [
  require('./websocket-upgrade-header/index').default,
  require('./websocket-connection-header/index').default,
  require('./proxy-http-version/index').default,
  require('./proxy-set-header-inheritance/index').default,
  require('./hardcoded-upgrade-headers/index').default,
  require('./undefined-variable/index').default,
  require('./websocket-read-timeout/index').default,
  require('./http2-cleartext-websocket/index').default,
  require('./missing-forwarded-proto/index').default,
  require('./event-stream-buffering/index').default,
  require('./websocket-host-header/index').default,
];
