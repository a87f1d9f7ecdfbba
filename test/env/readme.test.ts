/**
 * The README's env section is right: its client table is the client rows' facts (src/env/clients,
 * checked against the real clients by test/e2e/env), its case count is the real-client table's,
 * and it lists every env rule and names the three most common mistakes with fixes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { envRules } from '../../rules/env';
import { CLIENTS } from '../../src/env/clients';
import { CLIENT_IDS } from '../../src/env/types';
import { REPO_ROOT } from '../support/paths';
import { REAL_CASES } from '../e2e/env/cases';

const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Proxy variables: `proxylint env`'), readme.indexOf('\n## ', readme.indexOf('## Proxy variables: `proxylint env`') + 5));
const yn = (b: boolean) => (b ? 'yes' : 'no');

/** One table row per client, from its facts. */
export function clientRow(id: (typeof CLIENT_IDS)[number]): string {
  const r = CLIENTS[id];
  const f = r.facts;
  const v = r.defaultVersion;
  const cells = [`${r.name} (${v})`, f.variables, yn(f.emptyShadows), f.noProxyVariables, f.separators, f.star, f.leadingDot, f.starDot, f.suffix, yn(f.cidr), yn(f.ports), yn(f.loopbackAlwaysDirect), f.schemeless, f.websocket];
  return `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
}

test('the section exists with the command, explain and lint', () => {
  expect(section.length).toBeGreaterThan(500);
  for (const s of ['proxylint env ', 'proxylint env explain ', 'proxylint lint .']) expect(section).toContain(s);
});

test.each(CLIENT_IDS.map((id) => [id]))('the client table row of %s is its facts', (id) => {
  expect(section).toContain(clientRow(id));
});

test('the real-client case count is the table in test/e2e/env', () => {
  expect(section).toContain(`${REAL_CASES.length} cases`);
});

test('every env rule is named', () => {
  for (const r of envRules) expect(section).toContain(`\`${r.id}\``);
});

test('three most common mistakes, each with a fix', () => {
  const part = section.slice(section.indexOf('The three most common mistakes'));
  expect(part.match(/^\d\. \*\*/gm)).toHaveLength(3);
  expect(part.match(/Fix:/g)!.length).toBeGreaterThanOrEqual(3);
});
