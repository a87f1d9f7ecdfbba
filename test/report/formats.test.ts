/**
 * The CI formats on a fixed set of real findings: SARIF against the official 2.1.0 schema and
 * GitHub code scanning's required fields, GitHub workflow-command escaping, checkstyle and
 * JUnit parsed back, GitLab fingerprints unique per occurrence.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SHARED_DIR } from '../support/paths';
import { loadFormatter, FORMAT_NAMES } from '../../src/report/index';
import { escapeData, escapeProperty } from '../../src/report/github';
import { allMeta } from '../../src/report/common';
import { findAll, parseXml } from './tiny-xml';
import { lintFixture, nastyResult, type Fixture } from './results';

const SARIF_SCHEMA = path.join(SHARED_DIR, 'schemas', 'sarif-schema-2.1.0.json');

let fx: Fixture;
beforeAll(() => {
  fx = lintFixture();
});
afterAll(() => fx.cleanup());

const fmt = (name: string, results = fx.results) => loadFormatter(name)(results, fx.ctx);
const allResults = () => [...fx.results, nastyResult(fx.dir)];
const findingCount = () => fx.results.reduce((n, r) => n + r.messages.length, 0);

test('the fixture has findings, a clean file, a syntax error and fixes', () => {
  const byName = Object.fromEntries(fx.results.map((r) => [path.basename(r.filePath), r]));
  expect(byName['app.conf'].errorCount).toBeGreaterThan(0);
  expect(byName['good.conf'].messages).toEqual([]);
  expect(byName['syntax.conf'].messages.some((m) => m.fatal)).toBe(true);
  expect(fx.results.some((r) => r.messages.some((m) => m.fix))).toBe(true);
});

test('every format named by the registry loads that module\'s format function', () => {
  expect(FORMAT_NAMES).toEqual(['stylish', 'json', 'sarif', 'github', 'checkstyle', 'junit', 'gitlab']);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  for (const n of FORMAT_NAMES) expect(loadFormatter(n)).toBe(require(`../../src/report/${n}`).format);
});

describe('sarif', () => {
  let sarif: any;
  beforeAll(() => {
    sarif = JSON.parse(fmt('sarif', allResults()));
  });

  // No silent skip: in CI (CI=true) a missing schema fails; locally the skip says so.
  const schemaPresent = fs.existsSync(SARIF_SCHEMA);
  if (!schemaPresent && process.env.CI === 'true') {
    test('the official SARIF 2.1.0 schema is present (CI)', () => {
      throw new Error(`${SARIF_SCHEMA} is missing: the SARIF schema validation cannot run`);
    });
  }
  // eslint-disable-next-line no-console
  if (!schemaPresent && process.env.CI !== 'true') console.warn(`NOTICE: ${SARIF_SCHEMA} is absent; skipping the SARIF schema validation`);
  (schemaPresent ? test : test.skip)('validates against the official SARIF 2.1.0 schema (ajv-draft-04)', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Ajv04 = require('ajv-draft-04');
    const ajv = new (Ajv04.default ?? Ajv04)({ allErrors: true, strict: false, validateFormats: false });
    const validate = ajv.compile(JSON.parse(fs.readFileSync(SARIF_SCHEMA, 'utf8')));
    const ok = validate(sarif);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  test("has GitHub code scanning's required and recommended fields", () => {
    expect(sarif.$schema).toMatch(/sarif-2\.1\.0/);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs).toHaveLength(1);
    const run = sarif.runs[0];
    const driver = run.tool.driver;
    expect(driver.name).toBe('proxylint');
    expect(driver.semanticVersion).toMatch(/^\d+\.\d+\.\d+/);
    // No URL that was never checked to exist (issue 10): the rule pages travel inside the report.
    expect(driver.informationUri).toBeUndefined();
    const ids = driver.rules.map((r: any) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('core/syntax-error');
    const metas = new Map(allMeta(fx.ctx).map((m) => [m.id, m]));
    for (const r of driver.rules) {
      expect(r.name).toMatch(/^[A-Z][A-Za-z0-9]*$/);
      const meta = metas.get(r.id)!;
      expect(r.shortDescription.text).toBe(meta.summary);
      expect(r.fullDescription.text).toMatch(/^\S/);
      expect(r.help.markdown).toBe(meta.readme?.trim() || `${meta.summary}\n\nRun \`proxylint explain ${meta.id}\` for the rule's page.`);
      expect(r.help.text).toMatch(/^\S/);
      expect(r.helpUri).toBeUndefined();
      expect(['error', 'warning', 'note']).toContain(r.defaultConfiguration.level);
      expect(Array.isArray(r.properties.tags)).toBe(true);
    }
    // A rule with a README gets its page as help.markdown.
    const withReadme = driver.rules.find((r: any) => r.help.markdown.startsWith('# '));
    if (withReadme) expect(withReadme.help.markdown).toContain('## ');

    expect(run.results.length).toBe(findingCount() + 3);
    for (const res of run.results) {
      expect(driver.rules[res.ruleIndex].id).toBe(res.ruleId);
      expect(['error', 'warning', 'note']).toContain(res.level);
      expect(res.message.text).toMatch(/^\S/);
      expect(res.locations.length).toBeGreaterThanOrEqual(1);
      const loc = res.locations[0].physicalLocation;
      expect(loc.artifactLocation.uriBaseId).toBe('%SRCROOT%');
      expect(loc.artifactLocation.uri).not.toMatch(/^\/|^file:|\\/);
      const reg = loc.region;
      for (const k of ['startLine', 'startColumn', 'endLine', 'endColumn']) expect(reg[k]).toBeGreaterThanOrEqual(1);
      expect(reg.endLine > reg.startLine || reg.endColumn > reg.startColumn).toBe(true);
    }
  });

  test('maps severities, names syntax errors core/syntax-error, encodes odd paths, carries fixes', () => {
    const results = sarif.runs[0].results;
    const where = (r: any) => [r.ruleId, r.level, r.locations[0].physicalLocation.artifactLocation.uri, r.locations[0].physicalLocation.region];
    // SYNTAX ends after line 4's newline: the end of file is line 5 column 1, a point widened to one character.
    expect(results.filter((r: any) => r.ruleId === 'core/syntax-error').map(where)).toEqual([
      ['core/syntax-error', 'error', 'nginx/conf.d/syntax.conf', { startLine: 5, startColumn: 1, endLine: 5, endColumn: 2 }],
    ]);
    const uris = results.map((r: any) => r.locations[0].physicalLocation.artifactLocation.uri);
    expect(uris).toContain('nginx/conf.d/app.conf');
    expect(uris).toContain('odd%20dir/a%2Cb%3Ac%26%3Cd%3E.conf');
    expect(results.map((r: any) => r.level)).toEqual(expect.arrayContaining(['error', 'warning', 'note']));
    // BROKEN: `location /ws/` is line 3 columns 5-18 (end exclusive); the fix inserts at the end of
    // line 4's `proxy_pass http://127.0.0.1:3000;` (8 + 33 characters: column 42).
    const app = results.filter((r: any) => r.locations[0].physicalLocation.artifactLocation.uri === 'nginx/conf.d/app.conf');
    const at = { startLine: 3, startColumn: 5, endLine: 3, endColumn: 18 };
    const eol4 = { startLine: 4, startColumn: 42, endLine: 4, endColumn: 42 };
    const insert = (text: string, kind = 'Safe fix (apply with --fix)') => [
      { description: { text: kind }, artifactChanges: [{ artifactLocation: { uri: 'nginx/conf.d/app.conf', uriBaseId: '%SRCROOT%' }, replacements: [{ deletedRegion: eol4, insertedContent: { text } }] }] },
    ];
    expect(app.map((r: any) => [...where(r), r.fixes])).toEqual([
      ['nginx/proxy-http-version', 'note', 'nginx/conf.d/app.conf', at, insert('\n        proxy_http_version 1.1;')],
      ['nginx/websocket-connection-header', 'error', 'nginx/conf.d/app.conf', at, insert('\n        proxy_set_header Connection "upgrade";')],
      ['nginx/websocket-read-timeout', 'note', 'nginx/conf.d/app.conf', at, insert('\n        proxy_read_timeout 1h;', 'Unsafe fix (apply with --fix --unsafe-fixes)')],
      ['nginx/websocket-upgrade-header', 'error', 'nginx/conf.d/app.conf', at, insert('\n        proxy_set_header Upgrade $http_upgrade;')],
    ]);
    // The synthetic findings: a one-line range, a multi-line range (endColumn on another line), info as note.
    expect(results.filter((r: any) => r.locations[0].physicalLocation.artifactLocation.uri.startsWith('odd')).map(where)).toEqual([
      ['nginx/websocket-upgrade-header', 'error', 'odd%20dir/a%2Cb%3Ac%26%3Cd%3E.conf', { startLine: 2, startColumn: 3, endLine: 2, endColumn: 9 }],
      ['nginx/websocket-read-timeout', 'warning', 'odd%20dir/a%2Cb%3Ac%26%3Cd%3E.conf', { startLine: 3, startColumn: 1, endLine: 5, endColumn: 2 }],
      ['nginx/websocket-read-timeout', 'note', 'odd%20dir/a%2Cb%3Ac%26%3Cd%3E.conf', { startLine: 7, startColumn: 1, endLine: 7, endColumn: 4 }],
    ]);
  });
});

describe('github', () => {
  test.each([
    ['100%', '100%25', '100%25'],
    ['a\rb', 'a%0Db', 'a%0Db'],
    ['a\nb', 'a%0Ab', 'a%0Ab'],
    ['a:b', 'a:b', 'a%3Ab'],
    ['a,b', 'a,b', 'a%2Cb'],
    ['%0A', '%250A', '%250A'],
    ['x:,%\r\n', 'x:,%25%0D%0A', 'x%3A%2C%25%0D%0A'],
  ])('escapes %j as data %j and as a property %j', (input, data, prop) => {
    expect(escapeData(input)).toBe(data);
    expect(escapeProperty(input)).toBe(prop);
  });

  test('one annotation per finding, grouped per file, col/endColumn only on one-line findings', () => {
    const out = fmt('github', [nastyResult(fx.dir)]);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe('::group::odd dir/a,b:c&<d>.conf');
    expect(lines[lines.length - 1]).toBe('::endgroup::');
    expect(lines[1]).toBe(
      '::error file=odd dir/a%2Cb%3Ac&<d>.conf,line=2,col=3,endLine=2,endColumn=9,title=proxylint nginx/websocket-upgrade-header::' +
        // CR/LF as GitHub's %0D/%0A; any other control (here \u0001) shown, never raw.
        `100%25 broken: "quoted" & <tagged> 'single', colon: comma, CR%0DLF%0Aend\\x01`,
    );
    expect(lines[2]).toBe('::warning file=odd dir/a%2Cb%3Ac&<d>.conf,line=3,endLine=5,title=proxylint nginx/websocket-read-timeout::spans lines');
    expect(lines[3]).toMatch(/^::notice file=.*,line=7,col=1,endLine=7,endColumn=4,/);
    expect(lines).toHaveLength(5);
  });

  test('real findings: every message line is a workflow command, none for clean files', () => {
    const out = fmt('github');
    const cmds = out.trimEnd().split('\n');
    expect(cmds.filter((l) => /^::(error|warning|notice) /.test(l))).toHaveLength(findingCount());
    expect(cmds.every((l) => l.startsWith('::'))).toBe(true);
    expect(out).not.toContain('good.conf');
    expect(out).toContain('title=proxylint core/syntax-error::');
  });
});

describe('checkstyle', () => {
  test('parses back: one <file> per file with findings, every finding with its attributes unescaped', () => {
    const out = fmt('checkstyle', allResults());
    const root = parseXml(out);
    expect(root.name).toBe('checkstyle');
    const files = findAll(root, 'file');
    expect(files.map((f) => f.attrs.name)).not.toContain('nginx/conf.d/good.conf');
    expect(files.map((f) => f.attrs.name)).toContain('odd dir/a,b:c&<d>.conf');
    const errors = findAll(root, 'error');
    expect(errors).toHaveLength(findingCount() + 3);
    const nasty = errors.find((e) => e.attrs.message.startsWith('100%'))!;
    // XML cannot carry \u0001: it becomes U+FFFD; everything else survives the round trip.
    expect(nasty.attrs.message).toBe(`100% broken: "quoted" & <tagged> 'single', colon: comma, CR\rLF\nend\uFFFD`);
    expect(nasty.attrs).toMatchObject({ line: '2', column: '3', severity: 'error', source: 'proxylint.nginx/websocket-upgrade-header' });
    expect(errors.some((e) => e.attrs.source === 'proxylint.core/syntax-error')).toBe(true);
    wellFormedByRealParser(out);
  });
});

describe('junit', () => {
  test('parses back: a suite per file, a failing testcase per finding, counts that add up', () => {
    const out = fmt('junit', allResults());
    const root = parseXml(out);
    expect(root.name).toBe('testsuites');
    const suites = findAll(root, 'testsuite');
    expect(suites).toHaveLength(fx.results.length + 1);
    const failures = findAll(root, 'failure');
    expect(failures).toHaveLength(findingCount() + 3);
    expect(Number(root.attrs.failures)).toBe(failures.length);
    expect(Number(root.attrs.tests)).toBe(findAll(root, 'testcase').length);
    for (const s of suites) expect(Number(s.attrs.failures)).toBe(findAll(s, 'failure').length);
    const good = suites.find((s) => s.attrs.name === 'nginx/conf.d/good.conf')!;
    expect(findAll(good, 'failure')).toHaveLength(0);
    expect(findAll(good, 'testcase')).toHaveLength(1);
    const nasty = failures.find((f) => f.attrs.message.startsWith('100%'))!;
    expect(nasty.text).toContain('line 2, col 3, error: 100% broken: "quoted" & <tagged>');
    wellFormedByRealParser(out);
  });
});

describe('gitlab', () => {
  test('Code Quality fields, severities, and fingerprints unique across identical findings in two files and on two lines', () => {
    const issues = JSON.parse(fmt('gitlab')) as any[];
    expect(issues).toHaveLength(findingCount());
    for (const i of issues) {
      expect(Object.keys(i)).toEqual(expect.arrayContaining(['description', 'check_name', 'fingerprint', 'severity', 'location']));
      expect(['info', 'minor', 'major', 'critical', 'blocker']).toContain(i.severity);
      expect(i.location.path).not.toMatch(/^\//);
      expect(i.location.lines.begin).toBeGreaterThanOrEqual(1);
    }
    const fps = issues.map((i) => i.fingerprint);
    expect(new Set(fps).size).toBe(fps.length);
    // The same rule on the same text: in app.conf and copy.conf, and twice inside twice.conf.
    const rule = 'nginx/websocket-upgrade-header';
    const same = issues.filter((i) => i.check_name === rule);
    expect(same.map((i) => i.location.path).sort()).toEqual(['nginx/conf.d/app.conf', 'nginx/conf.d/copy.conf', 'nginx/conf.d/twice.conf', 'nginx/conf.d/twice.conf']);
    expect(new Set(same.map((i) => i.fingerprint)).size).toBe(4);
    expect(issues.find((i) => i.check_name === 'core/syntax-error').severity).toBe('blocker');
    expect(issues.find((i) => i.check_name === rule).severity).toBe('critical');
  });

  test('fingerprints are stable across runs and do not move when a line is added above', () => {
    const a = JSON.parse(fmt('gitlab')) as any[];
    const shifted = lintFixture({ 'nginx/conf.d/app.conf': '# a comment\n' + fs.readFileSync(path.join(fx.dir, 'nginx/conf.d/app.conf'), 'utf8') });
    try {
      const b = JSON.parse(loadFormatter('gitlab')(shifted.results, shifted.ctx)) as any[];
      const fa = a.filter((i) => i.location.path === 'nginx/conf.d/app.conf').map((i) => i.fingerprint).sort();
      expect(b.map((i) => i.fingerprint).sort()).toEqual(fa);
      expect(b[0].location.lines.begin).toBe(a.find((i) => i.location.path === 'nginx/conf.d/app.conf').location.lines.begin + 1);
    } finally {
      shifted.cleanup();
    }
  });
});

/** A second opinion from a real XML parser (Python's expat), when python3 is there. */
function wellFormedByRealParser(xml: string): void {
  const r = spawnSync('python3', ['-c', 'import sys,xml.dom.minidom; xml.dom.minidom.parseString(sys.stdin.buffer.read())'], { input: xml });
  if (r.error) return; // no python3: the tiny parser above already checked
  expect(r.stderr.toString()).toBe('');
  expect(r.status).toBe(0);
}

describe('stylish', () => {
  // The summary counts a fixable finding under its own severity: an info with a fix is no warning.
  const withFixes = (severities: ('error' | 'warning' | 'info')[]) => {
    const r = nastyResult(fx.dir);
    const fix = { edits: [] };
    r.messages = severities.map((severity, i) => ({ ruleId: 'nginx/websocket-read-timeout', severity, message: 'm', line: i + 1, column: 1, endLine: i + 1, endColumn: 2, fix }));
    r.errorCount = severities.filter((s) => s === 'error').length;
    r.warningCount = severities.filter((s) => s === 'warning').length;
    r.infoCount = severities.filter((s) => s === 'info').length;
    return [r];
  };
  const summary = (severities: ('error' | 'warning' | 'info')[]) =>
    fmt('stylish', withFixes(severities)).split('\n').find((l) => l.includes('potentially fixable'))?.trim();

  test.each([
    [['error', 'warning'], '1 error and 1 warning potentially fixable with the `--fix` option.'],
    [['error', 'info', 'info'], '1 error, 0 warnings and 2 info potentially fixable with the `--fix` option.'],
    [['info'], '0 errors, 0 warnings and 1 info potentially fixable with the `--fix` option.'],
  ] as const)('%j fixable: %s', (severities, line) => {
    expect(summary([...severities])).toBe(line);
  });
});
