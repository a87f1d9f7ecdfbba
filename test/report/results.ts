/** A fixed set of LintResults for the format tests: real findings from linting small configs. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigResolver } from '../../src/core/config';
import { Linter } from '../../src/core/linter';
import { loadDialect } from '../../src/dialects/index';
import type { LintResult } from '../../src/core/result';
import { toResult } from '../../src/core/to-result';
import { SourceCache } from '../../src/core/source';
import { allRules, rulesFor } from '../../rules/index';
import type { FormatContext } from '../../src/report/index';
import { allRuleMeta } from '../../src/cli/rules';

export const BROKEN = `server {
    listen 80;
    location /ws/ {
        proxy_pass http://127.0.0.1:3000;
    }
}
`;

export const TWICE = `server {
    listen 80;
    location /ws/ {
        proxy_pass http://127.0.0.1:3000;
    }
}
server {
    listen 81;
    location /ws/ {
        proxy_pass http://127.0.0.1:3000;
    }
}
`;

export const GOOD = `server {
    listen 80;
    location /ws/ {
        proxy_pass http://127.0.0.1:3000;
        proxy_http_version 1.1;
        proxy_set_header Upgrade $http_upgrade;
        proxy_set_header Connection "upgrade";
        proxy_read_timeout 1h;
    }
}
`;

export const SYNTAX = `server {
    listen 80;
    location /ws/ {
        proxy_pass http://127.0.0.1:3000;
`;

export interface Fixture {
  dir: string;
  results: LintResult[];
  ctx: FormatContext;
  cleanup(): void;
}

export function lintFixture(files: Record<string, string> = {
  'nginx/conf.d/app.conf': BROKEN,
  'nginx/conf.d/copy.conf': BROKEN,
  'nginx/conf.d/twice.conf': TWICE,
  'nginx/conf.d/good.conf': GOOD,
  'nginx/conf.d/syntax.conf': SYNTAX,
}): Fixture {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'proxylint-report-')));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  const configs = new ConfigResolver(undefined, allRules, dir);
  const linter = new Linter({ cache: new SourceCache(), dialectFor: loadDialect, configFor: (p) => configs.forFile(p), rulesFor });
  const requests = Object.keys(files).map((f) => ({ path: path.join(dir, f), dialect: 'nginx' as const }));
  const results = linter.lint(requests).map((o) => toResult(o.path, o.source, o.messages));
  const ctx: FormatContext = { cwd: dir, rulesMeta: allRuleMeta, color: false, version: '0.1.0' };
  return { dir, results, ctx, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A synthetic result whose message and path carry every character the formats must escape. */
export function nastyResult(dir: string): LintResult {
  const filePath = path.join(dir, 'odd dir', 'a,b:c&<d>.conf');
  const message = `100% broken: "quoted" & <tagged> 'single', colon: comma, CR\rLF\nend\u0001`;
  return {
    filePath,
    messages: [
      { ruleId: 'nginx/websocket-upgrade-header', severity: 'error', message, line: 2, column: 3, endLine: 2, endColumn: 9 },
      { ruleId: 'nginx/websocket-read-timeout', severity: 'warning', message: 'spans lines', line: 3, column: 1, endLine: 5, endColumn: 2 },
      { ruleId: 'nginx/websocket-read-timeout', severity: 'info', message: 'note', line: 7, column: 1, endLine: 7, endColumn: 4 },
    ],
    errorCount: 1,
    warningCount: 1,
    infoCount: 1,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
  };
}
