/**
 * "A construct the server's own checker accepts never stops the rules": every Squid, Apache and
 * HAProxy config of the shared corpus (and of test/realworld/ when present), plus the Squid
 * constructs real configs are full of (obsolete names, aliases, `acl manager proto
 * cache_object`, names in a false `if` branch), is run through the real checker (`squid -k
 * parse`, `apache2 -t`, `haproxy -c`) and linted with every rule of its dialect: where the checker
 * accepts, proxylint reports no fatal message, and the rules still run (a real defect behind the
 * construct is still reported).
 *
 * Fragments the checker cannot run alone (h5bp's .htaccess-style snippets) are linted too and
 * must not give a fatal message either; they are listed as "not checkable" in the test names.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DialectName } from '../../../src/core/ast';
import { detectDialect } from '../../../src/dialects/detect';
import { positionAt } from '../../../src/core/positions';
import { lintFileWithAllRules } from '../../support/lint-file';
import { rulesFor } from '../../../rules/index';
import { lintCase } from '../../support/lint-case';
import { CORPUS_DIR, REPO_ROOT } from '../../support/paths';
import { describeWithServer, runCheck, squid } from '../harness';

const DIALECTS: DialectName[] = ['squid', 'apache', 'haproxy'];

interface Lint {
  fatal: string[];
  rules: string[];
}

function lintFile(file: string, dialect: DialectName): Lint {
  const messages = lintFileWithAllRules(file, dialect);
  return {
    fatal: messages.filter((m) => m.fatal).map((m) => `${path.basename(m.file.path)}:${positionAt(m.file, m.start).line} ${m.message}`),
    rules: [...new Set(messages.filter((m) => !m.fatal).map((m) => m.ruleId))].sort(),
  };
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p));
    else if (e.isFile()) out.push(p);
  }
  return out.sort();
}

/** Main configs the real checker can judge on their own, with the command that judges them. */
function checker(file: string, dialect: DialectName): { command: string; args: string[]; env?: NodeJS.ProcessEnv } | undefined {
  const text = fs.readFileSync(file, 'utf8');
  if (dialect === 'squid' && /^\s*http_port\s/m.test(text)) return { command: '/usr/sbin/squid', args: ['-k', 'parse', '-f', file] };
  if (dialect === 'haproxy' && /^\s*(global|defaults|frontend|listen|backend)\b/m.test(text)) return { command: '/usr/sbin/haproxy', args: ['-c', '-f', file] };
  // Debian's layout: apache2.conf with its envvars (ServerRoot is the directory given with -d).
  if (dialect === 'apache' && path.basename(file) === 'apache2.conf') {
    const env = { ...process.env, APACHE_RUN_USER: 'www-data', APACHE_RUN_GROUP: 'www-data', APACHE_PID_FILE: '/tmp/proxylint-accepted.pid', APACHE_RUN_DIR: '/tmp', APACHE_LOCK_DIR: '/tmp', APACHE_LOG_DIR: '/tmp', LANG: 'C' };
    return { command: '/usr/sbin/apache2', args: ['-t', '-d', path.dirname(file), '-f', file], env };
  }
  return undefined;
}

function corpusFiles(dialect: DialectName): string[] {
  const shared = filesUnder(path.join(CORPUS_DIR, dialect)).filter((f) => !/(^|\/)(LICENSE[^/]*|README[^/]*|envvars|[^/]+\.(md|tsv|txt|json|yaml|yml))$/.test(f));
  const own = filesUnder(path.join(REPO_ROOT, 'test', 'realworld')).filter((f) => detectDialect(f, () => fs.readFileSync(f, 'utf8')) === dialect);
  return [...shared, ...own];
}

for (const dialect of DIALECTS) {
  describeWithServer(dialect, `${dialect}: configs the real checker accepts lint with no fatal message`, () => {
    test('every corpus config (checker verdict recorded where it can judge the file alone)', async () => {
      const files = corpusFiles(dialect);
      expect(files.length).toBeGreaterThan(0);
      const wrong: string[] = [];
      let checked = 0;
      let refused = 0;
      for (const file of files) {
        const rel = path.relative(path.dirname(CORPUS_DIR), file);
        const lint = lintFile(file, dialect);
        const check = checker(file, dialect);
        const verdict = check ? await runCheck(check.command, check.args, check.env) : undefined;
        if (verdict) checked++;
        // Where the server accepts the file (or cannot judge a fragment alone) no fatal message may
        // appear. A refusal proves nothing either way: most are about the machine (host names that
        // do not resolve here, placeholders), which a linter must not call syntax errors.
        if (verdict && !verdict.ok) refused++;
        else if (lint.fatal.length) wrong.push(`${rel}${verdict ? '' : ' (fragment)'}: ${lint.fatal.join('; ')}`);
      }
      // eslint-disable-next-line no-console
      console.log(`${dialect}: ${files.length} configs linted, ${checked} judged by the real checker (${refused} refused)`);
      expect(wrong).toEqual([]);
      expect(checked).toBeGreaterThan(0);
    });
  });
}

/** Constructs Squid accepts that real configs are full of, each with what the rules must still say. */
const SQUID_CASES: Array<{ name: string; config: string; accepted: boolean; rules: string[]; checkerSays?: RegExp }> = [
  {
    name: 'obsolete names, aliases and the Squid 3.1 manager acl (the Upgrade defect behind them is still found)',
    config: [
      'http_port 127.0.0.1:3128',
      'persistent_request_timeout 2 minutes',
      'pconn_timeout 1 minute',
      'acl manager proto cache_object',
      'acl p myport 3128',
      'dns_v4_first on',
      'http_access allow localhost manager',
      'http_access deny manager',
      'http_access allow localhost',
      'http_access deny all',
      '',
    ].join('\n'),
    accepted: true,
    checkerSays: /UPGRADE: ACL 'manager' is now a built-in ACL[\s\S]*ERROR: Directive 'dns_v4_first' is obsolete/,
    rules: ['squid/obsolete-directive', 'squid/websocket-upgrade-not-allowed'],
  },
  {
    name: 'unknown names and a WebSocket spelling in a false if branch are never read',
    config: [
      'http_port 127.0.0.1:3128',
      'if false',
      'no_such_directive on',
      'http_upgrade_request_protocols WebSocket allow all',
      'else',
      'http_upgrade_request_protocols websocket allow all',
      'endif',
      'http_access allow localhost',
      'http_access deny all',
      '',
    ].join('\n'),
    accepted: true,
    rules: [],
  },
  {
    name: "an access action spelled 'Deny': squid logs it and drops the line, the rules still run without it",
    config: ['http_port 127.0.0.1:3128', 'acl blocked dstdomain .example.com', 'http_access Deny blocked', 'http_access allow localhost', 'http_access deny all', ''].join('\n'),
    accepted: true,
    checkerSays: /aclParseAccessLine: expecting 'allow' or 'deny', got 'Deny'\./,
    rules: ['squid/invalid-access-action', 'squid/websocket-upgrade-not-allowed'],
  },
  {
    name: 'a live unknown name: squid refuses, the rule says where, the other rules still run',
    config: ['http_port 127.0.0.1:3128', 'no_such_directive on', 'http_upgrade_request_protocols WebSocket allow all', 'http_access deny all', ''].join('\n'),
    accepted: false,
    checkerSays: /squid\.conf\(2\): unrecognized: 'no_such_directive'/,
    rules: ['squid/unknown-directive', 'squid/upgrade-protocol-case'],
  },
];

describeWithServer('squid', 'squid: accepted constructs never stop the rules (squid -k parse on Squid 5.7)', () => {
  for (const c of SQUID_CASES) {
    test(c.name, async () => {
      const verdict = await squid.check(c.config);
      expect(verdict.ok).toBe(c.accepted);
      if (c.checkerSays) expect(verdict.output).toMatch(c.checkerSays);
      const r = lintCase('squid', rulesFor('squid'), { code: c.config });
      expect(r.messages.filter((m) => m.fatal).map((m) => m.message)).toEqual([]);
      expect([...new Set(r.messages.map((m) => m.ruleId))].sort()).toEqual(c.rules);
    });
  }

  test("the obsolete lines' safe fix leaves a config squid reads without a notice", async () => {
    const c = SQUID_CASES[0];
    const obsolete = rulesFor('squid').filter((x) => x.id === 'squid/obsolete-directive');
    const fixed = lintCase('squid', obsolete, { code: c.config }).output;
    expect(fixed.split('\n')).toEqual(
      c.config
        .split('\n')
        .filter((l) => l !== 'acl manager proto cache_object' && l !== 'dns_v4_first on')
        .map((l) => l.replace('acl p myport 3128', 'acl p localport 3128')),
    );
    const verdict = await squid.check(fixed);
    expect(verdict.ok).toBe(true);
    expect(verdict.output).not.toMatch(/UPGRADE|obsolete/);
  });
});
