/**
 * The lint half of the Apache rule e2e tests: lint a fixture's text (placeholders and all: they
 * are valid Apache tokens) as a main config with one rule, and take the fixer's output.
 */
import type { RuleDefinition } from '../../../../src/core/rule';
import { lintCase, type CaseMessage } from '../../../support/lint-case';
import { apache, idleSurvives, withBackend, withServer, type IdleResult, type StartOptions } from '../../harness';

export interface FixtureLint {
  /** The rule's findings. */
  findings: CaseMessage[];
  /** Syntax errors (there must be none). */
  fatal: CaseMessage[];
  /** The text after one pass of the rule's fixes (safe and unsafe). */
  output: string;
  hasFix: boolean;
}

export function lintFixture(rule: RuleDefinition<any>, text: string, options?: Record<string, unknown>): FixtureLint {
  const r = lintCase('apache', [rule], { code: text, filename: 'httpd.conf', options });
  return {
    findings: r.messages.filter((m) => m.ruleId === rule.id),
    fatal: r.messages.filter((m) => m.fatal),
    output: r.output,
    hasFix: r.hasFix,
  };
}

export { lineOf } from '../../../support/lines';

/** A fresh echo backend and apache with `config`; a handshake on /ws, then an idle of idleMs. */
export function idleOn(config: string, idleMs = 3000, options: Omit<StartOptions, 'backendPort'> = {}): Promise<IdleResult> {
  return withBackend((backend) =>
    withServer(apache, config, { ...options, backendPort: backend.port }, (server) => idleSurvives({ port: server.port, path: '/ws', idleMs })),
  );
}
