/**
 * Server version facts are written once (src/core/versions.ts: DEFAULT_TARGETS and SINCE): the
 * generator's gates, the rules' `versions` ranges, their version checks and the messages that
 * name a release all read them. Issue 15 found 1.29.7, 2.4.47 and Squid 5 / 5.0.0 / >=5 written
 * nine times, free to drift apart. This test reads every string literal of src/ and rules/
 * (comments are prose and not read) and fails on one that restates a version fact.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_TARGETS, SINCE } from '../../src/core/versions';
import { REPO_ROOT } from '../support/paths';

/** Where a version may be written as a literal, and why. */
const ALLOWED: Record<string, string> = {
  'src/core/versions.ts': 'the facts table itself',
  'src/dialects/squid/directive-table.ts': "data: directive names per Squid release, generated from each release's cf.data.pre",
};

/**
 * The string literals of a TypeScript source (quotes and template-literal text between
 * substitutions), skipping comments and regex literals. A small scanner: the typescript package
 * here (7.x, the native compiler) has no JavaScript API to parse with.
 */
export function stringLiterals(src: string): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  const lineAt = (i: number) => src.slice(0, i).split('\n').length;
  /** Template-literal nesting: for each open `${`, the brace depth it was opened at. */
  const templates: number[] = [];
  let depth = 0;
  let prev = ''; // last significant character, to tell a regex literal from a division
  let i = 0;
  const readTemplate = (): void => {
    const start = i;
    let text = '';
    while (i < src.length) {
      const c = src[i];
      if (c === '\\') {
        text += src.slice(i, i + 2);
        i += 2;
      } else if (c === '`') {
        i++;
        out.push({ text, line: lineAt(start) });
        prev = '`';
        return;
      } else if (c === '$' && src[i + 1] === '{') {
        i += 2;
        out.push({ text, line: lineAt(start) });
        templates.push(depth++);
        prev = '{';
        return;
      } else text += src[i++];
    }
  };
  while (i < src.length) {
    const c = src[i];
    if (c === '/' && src[i + 1] === '/') i = src.indexOf('\n', i) === -1 ? src.length : src.indexOf('\n', i);
    else if (c === '/' && src[i + 1] === '*') i = src.indexOf('*/', i + 2) + 2;
    else if (c === "'" || c === '"') {
      const start = i++;
      let text = '';
      while (i < src.length && src[i] !== c) text += src[i] === '\\' ? src[i++] + src[i++] : src[i++];
      i++;
      out.push({ text, line: lineAt(start) });
      prev = c;
    } else if (c === '`') {
      i++;
      readTemplate();
    } else if (c === '/' && (prev === '' || /[(,=:[!&|?{};+\-*%<>~^]/.test(prev) || /\b(return|typeof|case)\s*$/.test(src.slice(Math.max(0, i - 8), i)))) {
      // A regex literal: skip it (character classes may hold a slash).
      i++;
      let inClass = false;
      while (i < src.length && (inClass || src[i] !== '/')) {
        if (src[i] === '\\') i++;
        else if (src[i] === '[') inClass = true;
        else if (src[i] === ']') inClass = false;
        i++;
      }
      i++;
      prev = '/';
    } else {
      if (c === '{') depth++;
      else if (c === '}') {
        depth--;
        if (templates.length && templates[templates.length - 1] === depth) {
          templates.pop();
          i++;
          readTemplate();
          continue;
        }
      }
      if (!/\s/.test(c)) prev = c;
      i++;
    }
  }
  return out;
}

const FACTS = new Set<string>([...Object.values(DEFAULT_TARGETS), ...Object.values(SINCE).flatMap((s) => Object.values(s) as string[])]);
const RANGE = /^\s*(<=|>=|<|>|=)\s*v?\d+(\.\d+){0,2}\s*$/;
const VERSION_TOKEN = /(?<![\w.])\d+\.\d+(?:\.\d+)?(?![\w]|\.\d)/g;
/**
 * A server named with a release: "needs Squid 5", "httpd ≥ 2.4.47", "nginx before 1.29.7" (not
 * "apache2", nor "squid 3128", a port). Group 1 the server, group 2 the release.
 */
const SERVER_RELEASE = /\b(nginx|apache|httpd|squid|haproxy)\s+(?:≥|≤|>=|<=|<|>|before|since|below)?\s*v?(\d{1,2}(?:\.\d+){0,2})(?![\w.])/i;
/**
 * Evidence records say which release an observation was made on ("observed: Squid 5.7 …",
 * "Apache 2.4.71 (test/e2e/…)"): history, not a fact to keep in step with the targets.
 */
const EVIDENCE = /^(observed|reported|verified):|^test\/|\(test\/e2e\//;

export function restated(literal: string): string | undefined {
  if (EVIDENCE.test(literal)) return undefined;
  if (RANGE.test(literal)) return 'a version range';
  const fact = (literal.match(VERSION_TOKEN) ?? []).find((v) => FACTS.has(v));
  if (fact) return `the version fact ${fact}`;
  const named = SERVER_RELEASE.exec(literal);
  return named ? `a server release ("${named[0]}")` : undefined;
}

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

describe('the scanner (so that a pass means something)', () => {
  it('finds string and template-literal text, not comments or regex literals', () => {
    const src = [
      "// a comment 'not a literal'",
      "const a = 'one', b = \"two\"; /* 'nor this' */",
      'const re = /[\'"`]x/g, half = 4 / 2;',
      'const t = `head ${a + `inner ${b}`} tail`;',
      "const o = { k: 'three' };",
    ].join('\n');
    expect(stringLiterals(src).map((l) => l.text)).toEqual(['one', 'two', 'head ', 'inner ', '', ' tail', 'three']);
  });

  it.each([
    ["'>=1.3.13'", 'a version range'],
    ["'<1.25.1'", 'a version range'],
    ["'2.4.47'", 'the version fact 2.4.47'],
    ['`needs httpd 2.4.47 (target ${v})`', 'the version fact 2.4.47'],
    ["'Squid 4 cannot forward it (needs Squid 5)'", 'a server release ("Squid 4")'],
    ["'default before nginx 1.29.7'", 'the version fact 1.29.7'],
  ])('flags %s as %s', (src, what) => {
    expect(stringLiterals(`x = ${src};`).map((l) => restated(l.text)).find(Boolean)).toBe(what);
  });

  it.each([["'observed: Squid 5.7 default → 426'"], ["'proxy_http_version'"], ["'1.1'"], ['`needs Squid ${SINCE.squid.upgradeProtocols}`'], ["'7.30.0'"]])('leaves %s alone', (src) => {
    expect(stringLiterals(`x = ${src};`).map((l) => restated(l.text)).filter(Boolean)).toEqual([]);
  });
});

test('no string literal in src/ or rules/ restates a server version fact (they come from src/core/versions.ts)', () => {
  const files = [...sources(path.join(REPO_ROOT, 'src')), ...sources(path.join(REPO_ROOT, 'rules'))];
  expect(files.length).toBeGreaterThan(100);
  const found = files.flatMap((f) => {
    const rel = path.relative(REPO_ROOT, f).split(path.sep).join('/');
    if (ALLOWED[rel]) return [];
    return stringLiterals(fs.readFileSync(f, 'utf8')).flatMap((l) => {
      const what = restated(l.text);
      return what ? [`${rel}:${l.line}: ${what}: ${JSON.stringify(l.text.slice(0, 80))}`] : [];
    });
  });
  expect(found).toEqual([]);
});

test('the templates and their schemas name only releases of the facts table', () => {
  // Template text is the generator's output (comments in it) and cannot import; its gates are
  // params computed from SINCE (src/generate/params.ts), so the prose must name the same release.
  const dir = path.join(REPO_ROOT, 'templates');
  const all = new RegExp(SERVER_RELEASE.source, 'gi');
  const mentions = fs.readdirSync(dir).flatMap((d) =>
    fs.statSync(path.join(dir, d)).isDirectory()
      ? fs.readdirSync(path.join(dir, d)).flatMap((f) => [...fs.readFileSync(path.join(dir, d, f), 'utf8').matchAll(all)].map((m) => [`${d}/${f}`, m[1].toLowerCase().replace('httpd', 'apache'), m[2]]))
      : [],
  );
  expect(mentions.length).toBeGreaterThan(0);
  const since = SINCE as Record<string, Record<string, string>>;
  const stray = mentions.filter(([, server, v]) => !Object.values(since[server] ?? {}).includes(v));
  expect(stray).toEqual([]);
});
