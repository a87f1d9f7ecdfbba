/**
 * Rule pages and rule metadata cite only what a reader of the package can open (issue 10): no
 * working labels of the project's research notes (`NGX-UPGRADE-HDR`, `SQD-UPGRADE`), no notes
 * files that are not shipped (`real-world-failures.md`, `../shared/…`). Public reports are
 * cited as `owner/repo#N`, observations as "observed: …".
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules } from '../../rules';
import { REPO_ROOT } from '../support/paths';

const LABEL = /\b(?:NGX|SQD|APA|APX|HTD|HAP|ENV)-[A-Z0-9]+(?:-[A-Z0-9]+)*\b|real-world failures: [A-Z]/;
const UNSHIPPED = /real-world-failures\.md|observed-on-real-servers\.md|official-docs\.md|\.\.\/shared\//;

function pages(): string[] {
  const out: string[] = [];
  for (const dialect of fs.readdirSync(path.join(REPO_ROOT, 'rules'))) {
    const dir = path.join(REPO_ROOT, 'rules', dialect);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const name of fs.readdirSync(dir)) {
      const p = path.join(dir, name, 'README.md');
      if (fs.existsSync(p)) out.push(p);
    }
  }
  for (const f of fs.readdirSync(path.join(REPO_ROOT, 'docs', 'core'))) out.push(path.join(REPO_ROOT, 'docs', 'core', f));
  return out;
}

test('there are rule pages to check', () => {
  expect(pages().length).toBeGreaterThan(30);
});

test('rule pages cite no research labels and no unshipped notes', () => {
  const bad = pages().flatMap((p) =>
    fs
      .readFileSync(p, 'utf8')
      .split('\n')
      .map((line, i) => ({ line, i }))
      .filter(({ line }) => LABEL.test(line) || UNSHIPPED.test(line))
      .map(({ line, i }) => `${path.relative(REPO_ROOT, p)}:${i + 1}: ${line.trim()}`),
  );
  expect(bad).toEqual([]);
});

test("rules' docs.evidence cite no research labels and no unshipped notes", () => {
  const bad = allRules().flatMap((r) => ((r.docs as { evidence?: string[] }).evidence ?? []).filter((e) => LABEL.test(e) || UNSHIPPED.test(e)).map((e) => `${r.id}: ${e}`));
  expect(bad).toEqual([]);
});
