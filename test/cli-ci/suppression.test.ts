/**
 * Suppression comments through the CLI: they hide findings from every format, and
 * --no-inline-config, --report-unused-disable-directives and --require-reason behave.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli, useTempTrees } from '../support/cli';
import { FORMAT_NAMES } from '../../src/report/index';

const RULE = 'nginx/websocket-upgrade-header';

// The upgrade-header finding sits on `location /ws/` (line 4), under the comment.
const SUPPRESSED = `server {
    listen 80;
    # proxylint-disable-next-line ${RULE} -- the app upgrades through a sidecar
    location /ws/ {
        proxy_pass http://127.0.0.1:3000;
        proxy_http_version 1.1;
        proxy_set_header Connection "upgrade";
        proxy_read_timeout 1h;
    }
}
`;

const tree = useTempTrees();
type Msg = { ruleId: string | null; line: number; message: string; severity: number };
const messages = (dir: string, ...args: string[]) => {
  const r = runCli(['lint', '-f', 'json', ...args, '.'], dir);
  return { code: r.code, stderr: r.stderr, messages: (JSON.parse(r.stdout) as { messages: Msg[] }[]).flatMap((x) => x.messages) };
};

it('without the comment the rule fires (the fixture is meaningful)', () => {
  const dir = tree({ 'nginx/conf.d/app.conf': SUPPRESSED.replace(/^ *# proxylint.*\n/m, '') });
  const r = messages(dir);
  expect(r.code).toBe(1);
  expect(r.messages.map((m) => m.ruleId)).toEqual([RULE]);
});

it('a suppressed finding reaches no format at all, and the run passes', () => {
  const dir = tree({ 'nginx/conf.d/app.conf': SUPPRESSED });
  const outputs = FORMAT_NAMES.flatMap((f) => ['--output', `${f}=out/report.${f}`]);
  const r = runCli(['lint', '-f', 'json', ...outputs, '.'], dir);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(JSON.parse(r.stdout)[0].messages).toEqual([]);
  for (const f of FORMAT_NAMES) {
    const text = fs.readFileSync(path.join(dir, 'out', `report.${f}`), 'utf8');
    if (f === 'sarif') {
      const sarif = JSON.parse(text);
      expect(sarif.runs[0].results).toEqual([]); // the rule is still described in driver.rules
    } else {
      expect([f, text.includes(RULE)]).toEqual([f, false]);
      expect([f, /does not pass the Upgrade header/.test(text)]).toEqual([f, false]);
    }
  }
});

it('--no-inline-config ignores the comment', () => {
  const dir = tree({ 'nginx/conf.d/app.conf': SUPPRESSED });
  const r = messages(dir, '--no-inline-config');
  expect(r.code).toBe(1);
  expect(r.messages.map((m) => [m.ruleId, m.line])).toEqual([[RULE, 4]]);
});

it('--report-unused-disable-directives reports a comment that suppresses nothing, as a warning with a fix', () => {
  const text = SUPPRESSED.replace('        proxy_http_version 1.1;\n', '        proxy_http_version 1.1;\n        proxy_set_header Upgrade $http_upgrade;\n');
  const dir = tree({ 'nginx/conf.d/app.conf': text });
  expect(messages(dir).messages).toEqual([]);
  const r = messages(dir, '--report-unused-disable-directives');
  expect(r.messages.map((m) => [m.ruleId, m.line, m.severity])).toEqual([['core/unused-disable-directive', 3, 1]]);
  expect(r.messages[0].message).toContain(RULE);
  expect(r.code).toBe(0); // a warning
  expect(messages(dir, '--report-unused-disable-directives', '--max-warnings', '0').code).toBe(1);
  // --fix removes the stale comment line and nothing else.
  const fixed = runCli(['lint', '--fix', '--report-unused-disable-directives', '.'], dir);
  expect(fixed.code).toBe(0);
  expect(fs.readFileSync(path.join(dir, 'nginx/conf.d/app.conf'), 'utf8')).toBe(text.replace(/^ *# proxylint.*\n/m, ''));
});

it('a used directive is not reported as unused', () => {
  const dir = tree({ 'nginx/conf.d/app.conf': SUPPRESSED });
  expect(messages(dir, '--report-unused-disable-directives').messages).toEqual([]);
});

it('--require-reason makes a reasonless suppression an error (and the finding stays suppressed)', () => {
  const dir = tree({ 'nginx/conf.d/app.conf': SUPPRESSED.replace(' -- the app upgrades through a sidecar', '') });
  expect(messages(dir).code).toBe(0);
  const r = messages(dir, '--require-reason');
  expect(r.code).toBe(1);
  expect(r.messages.map((m) => [m.ruleId, m.line])).toEqual([['core/suppression-without-reason', 3]]);
  // with a reason it passes
  const ok = tree({ 'nginx/conf.d/app.conf': SUPPRESSED });
  expect(messages(ok, '--require-reason').code).toBe(0);
});

it('disable-file and disable/enable ranges work through the CLI', () => {
  const body = SUPPRESSED.replace(/^ *# proxylint.*\n/m, '');
  const file = tree({ 'nginx/conf.d/app.conf': `# proxylint-disable-file ${RULE} -- legacy\n` + body });
  expect(messages(file).messages).toEqual([]);
  const range = tree({ 'nginx/conf.d/app.conf': body.replace('    location', `    # proxylint-disable ${RULE}\n    location`).replace(/\n}\n$/, `\n# proxylint-enable ${RULE}\n}\n`) });
  expect(messages(range).messages).toEqual([]);
  const other = tree({ 'nginx/conf.d/app.conf': `# proxylint-disable-file nginx/websocket-read-timeout\n` + body });
  expect(messages(other).messages.map((m) => m.ruleId)).toEqual([RULE]);
});

it('a syntax error cannot be suppressed', () => {
  const dir = tree({ 'nginx/conf.d/app.conf': '# proxylint-disable-file\nserver {\n' });
  const r = messages(dir);
  expect(r.code).toBe(1);
  expect(r.messages).toHaveLength(1);
  expect(r.messages[0].ruleId).toBe('core/syntax-error');
});
