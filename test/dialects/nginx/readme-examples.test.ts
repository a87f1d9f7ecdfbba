/**
 * The Bad and Good examples of these nginx rules' READMEs, linted as the docs show them (a
 * file on its own): Bad must trip the rule, Good must lint clean with it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintCase } from '../../support/lint-case';
import { REPO_ROOT } from '../../support/paths';

const RULES = ['undefined-variable', 'websocket-read-timeout', 'http2-cleartext-websocket', 'missing-forwarded-proto', 'event-stream-buffering', 'websocket-host-header'];

function example(readme: string, heading: string): string {
  const at = readme.indexOf(`\n## ${heading}\n`);
  if (at < 0) throw new Error(`no ## ${heading}`);
  const m = /```nginx\n([\s\S]*?)```/.exec(readme.slice(at));
  if (!m) throw new Error(`no nginx block under ## ${heading}`);
  return m[1];
}

describe('nginx README examples', () => {
  for (const slug of RULES) {
    const dir = path.join(REPO_ROOT, 'rules', 'nginx', slug);
    if (!fs.existsSync(path.join(dir, 'README.md'))) continue;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const rule = require(path.join(REPO_ROOT, 'dist', 'rules', 'nginx', slug, 'index.js')).default;
    const readme = fs.readFileSync(path.join(dir, 'README.md'), 'utf8');
    test(`${rule.id}: README sections`, () => {
      expect(readme.startsWith(`# ${rule.id}\n`)).toBe(true);
      for (const h of ['Why', 'Bad', 'Good', 'Fix', 'Versions']) expect(readme).toContain(`\n## ${h}\n`);
    });
    test(`${rule.id}: Bad trips it`, () => {
      const r = lintCase('nginx', [rule], { code: example(readme, 'Bad') });
      expect(r.messages.filter((m) => m.fatal)).toEqual([]);
      expect(r.messages.filter((m) => m.ruleId === rule.id).length).toBeGreaterThan(0);
    });
    test(`${rule.id}: Good is clean`, () => {
      const r = lintCase('nginx', [rule], { code: example(readme, 'Good') });
      expect(r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`)).toEqual([]);
    });
  }
});
