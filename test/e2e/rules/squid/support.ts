/**
 * Shared by the Squid rule e2e tests: lint a fixture's exact text (placeholders included — they
 * are plain tokens to the squid parser) with one rule, and run a config on the real Squid 5.7
 * (forward proxy) in front of a fresh echo backend.
 */
import type { RuleDefinition } from '../../../../src/core/rule';
import { lintWithRule, type CaseInput, type CaseResult } from '../../../support/lint-case';
import { e2eFixture, squid, withBackend, withServer, type EchoBackend, type RunningServer } from '../../harness';

export const fx = (name: string): string => e2eFixture('squid', name);

export interface Finding {
  line: number;
  column: number;
  message: string;
}

/** Lints `code` with `rule` alone; fails on any fatal (parse) message. */
export function lint(rule: RuleDefinition<any>, code: string, extra: Omit<CaseInput, 'code'> = {}): CaseResult & { findings: Finding[] } {
  return lintWithRule('squid', rule, code, extra);
}

export { lineOf } from '../../../support/lines';

/** Starts a fresh echo backend and Squid on `config`; always stops both. */
export function withSquid<T>(
  config: string,
  fn: (server: RunningServer, backend: EchoBackend) => Promise<T>,
  backend?: EchoBackend,
): Promise<T> {
  const run = (b: EchoBackend) => withServer(squid, config, { backendPort: b.port }, (server) => fn(server, b));
  return backend ? run(backend) : withBackend(run);
}

/** `squid -k parse` accepts the config. */
export async function expectSquidParses(config: string, backendPort?: number): Promise<void> {
  const r = await squid.check(config, { backendPort });
  expect({ ok: r.ok, output: r.ok ? '' : r.output }).toEqual({ ok: true, output: '' });
}
