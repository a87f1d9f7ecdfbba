/**
 * A finding's own severity (squid/obsolete-directive says `info` for a line Squid still applies)
 * holds only while the user leaves the rule at its default: a severity set in .proxylint.yaml or
 * with --rule wins, even when it equals the rule's default (issue 15).
 */
import { runCli, useTempTrees } from '../support/cli';

const tree = useTempTrees();
const SQUID = 'http_port 3128\ndns_v4_first on\nurl_rewrite_concurrency 10\nhttp_access deny all\n';
type Msg = { ruleId: string; severity: number; line: number };
const obsolete = (stdout: string) =>
  (JSON.parse(stdout) as { messages: Msg[] }[])
    .flatMap((r) => r.messages)
    .filter((m) => m.ruleId === 'squid/obsolete-directive')
    .map((m) => `${m.line} ${m.severity}`);

describe('per-finding severity vs the configured one', () => {
  it('default: the ignored line warns (1), the applied one is info (0)', () => {
    const dir = tree({ 'squid.conf': SQUID });
    expect(obsolete(runCli(['lint', '-f', 'json', '.'], dir).stdout)).toEqual(['2 1', '3 0']);
  });

  it.each([
    ['warning', ['2 1', '3 1']],
    ['error', ['2 2', '3 2']],
    ['info', ['2 0', '3 0']],
    ["[warning]", ['2 1', '3 1']],
  ])('.proxylint.yaml sets %s: every finding has it', (value, expected) => {
    const dir = tree({ 'squid.conf': SQUID, '.proxylint.yaml': `rules:\n  squid/obsolete-directive: ${value}\n` });
    expect(obsolete(runCli(['lint', '-f', 'json', '.'], dir).stdout)).toEqual(expected);
  });

  it('--rule ID=warning (the default) wins over the finding\'s info', () => {
    const dir = tree({ 'squid.conf': SQUID });
    expect(obsolete(runCli(['lint', '-f', 'json', '--rule', 'squid/obsolete-directive=warning', '.'], dir).stdout)).toEqual(['2 1', '3 1']);
  });

  it('--select alone does not count as configuring a severity', () => {
    const dir = tree({ 'squid.conf': SQUID });
    expect(obsolete(runCli(['lint', '-f', 'json', '--select', 'squid/obsolete-directive', '.'], dir).stdout)).toEqual(['2 1', '3 0']);
  });
});
