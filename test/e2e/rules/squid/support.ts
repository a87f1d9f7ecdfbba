/**
 * Shared by the Squid rule e2e tests: lint a fixture's exact text (placeholders included — they
 * are plain tokens to the squid parser) with one rule, and run a config on the real Squid 5.7
 * (forward proxy) in front of a fresh echo backend.
 */
import type { RuleDefinition } from '../../../../src/core/rule';
import { lintCase, type CaseInput, type CaseResult } from '../../../support/lint-case';
import { e2eFixture, squid, withBackend, withServer, type EchoBackend, type RunningServer } from '../../harness';

export const fx = (name: string): string => e2eFixture('squid', name);

export interface Finding {
  line: number;
  column: number;
  message: string;
}

/** Lints `code` with `rule` alone; fails on any fatal (parse) message. */
export function lint(rule: RuleDefinition<any>, code: string, extra: Omit<CaseInput, 'code'> = {}): CaseResult & { findings: Finding[] } {
  const r = lintCase('squid', [rule], { code, ...extra });
  expect(r.messages.filter((m) => m.fatal).map((m) => m.message)).toEqual([]);
  const findings = r.messages.filter((m) => m.ruleId === rule.id).map(({ line, column, message }) => ({ line, column, message }));
  return { ...r, findings };
}

/** 1-based line of the first line of `text` matching `re`. */
export function lineOf(text: string, re: RegExp): number {
  const i = text.split('\n').findIndex((l) => re.test(l));
  if (i < 0) throw new Error(`no line matches ${re}`);
  return i + 1;
}

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
