/**
 * The glob(3) / apr_fnmatch subset the servers use for `include` patterns: `*`, `?` and `[...]`
 * (with `!`/`^` negation, ranges, `\` escapes) within one path segment, results sorted, names
 * starting with `.` matched only by a pattern segment that starts with `.` (so editor backups
 * like `.app.conf.swp` are skipped, as nginx and httpd skip them).
 *
 * One matcher for every dialect, and not a RegExp: a pattern like `*a*a*a*a*a*b` over a long
 * name backtracks exponentially in a regex engine. This one is the classic two-pointer
 * wildcard match (resume after the last `*`): at most O(pattern × name) steps per name.
 * A range written backwards (`[z-a]`) matches nothing, as in glibc and APR, never a crash.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export function hasGlobMagic(p: string): boolean {
  return /[*?[]/.test(p);
}

type Token = { kind: 'char'; c: string } | { kind: 'any' } | { kind: 'star' } | { kind: 'class'; negate: boolean; items: [string, string][] };

function compile(seg: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i];
    if (c === '\\' && i + 1 < seg.length) out.push({ kind: 'char', c: seg[++i] });
    else if (c === '*') {
      if (out[out.length - 1]?.kind !== 'star') out.push({ kind: 'star' });
    } else if (c === '?') out.push({ kind: 'any' });
    else if (c === '[') {
      let j = i + 1;
      let negate = false;
      if (seg[j] === '!' || seg[j] === '^') {
        negate = true;
        j++;
      }
      const items: [string, string][] = [];
      let first = true;
      let closed = false;
      while (j < seg.length) {
        let ch = seg[j];
        if (ch === ']' && !first) {
          closed = true;
          break;
        }
        first = false;
        if (ch === '\\' && j + 1 < seg.length) ch = seg[++j];
        if (seg[j + 1] === '-' && j + 2 < seg.length && seg[j + 2] !== ']') {
          let hi = seg[j + 2];
          j += 2;
          if (hi === '\\' && j + 1 < seg.length) hi = seg[++j];
          items.push([ch, hi]);
        } else items.push([ch, ch]);
        j++;
      }
      if (!closed) out.push({ kind: 'char', c: '[' });
      else {
        out.push({ kind: 'class', negate, items });
        i = j;
      }
    } else out.push({ kind: 'char', c });
  }
  return out;
}

function matchOne(t: Token, ch: string): boolean {
  switch (t.kind) {
    case 'char':
      return t.c === ch;
    case 'any':
      return true;
    case 'class': {
      // A backwards range (lo > hi) contains nothing.
      const hit = t.items.some(([lo, hi]) => lo <= ch && ch <= hi);
      return hit !== t.negate;
    }
    default:
      return false;
  }
}

/** A compiled segment matcher: fnmatch(pattern, name) with a leading period matched literally. */
export function segmentMatcher(seg: string): (name: string) => boolean {
  const toks = compile(seg);
  const dotOk = seg.startsWith('.');
  return (name: string) => {
    if (name[0] === '.' && !dotOk) return false;
    let p = 0;
    let n = 0;
    let starP = -1;
    let starN = 0;
    while (n < name.length) {
      const t = toks[p];
      if (t && t.kind === 'star') {
        starP = p++;
        starN = n;
      } else if (t && matchOne(t, name[n])) {
        p++;
        n++;
      } else if (starP >= 0) {
        p = starP + 1;
        n = ++starN;
      } else return false;
    }
    while (toks[p]?.kind === 'star') p++;
    return p === toks.length;
  };
}

function sortedNames(dir: string): string[] | undefined {
  try {
    // strcmp order (glob(3) with the C locale, httpd's qsort): byte order, not locale order.
    return fs.readdirSync(dir).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  } catch {
    return undefined;
  }
}

/** Expand an absolute pattern to the sorted list of existing files (directories included). */
export function expandGlob(pattern: string): string[] {
  const parsed = path.parse(pattern);
  const segments = pattern.slice(parsed.root.length).split('/').filter(Boolean);
  let bases = [parsed.root];
  for (const seg of segments) {
    const next: string[] = [];
    if (!hasGlobMagic(seg)) {
      for (const b of bases) {
        const p = path.join(b, seg);
        if (fs.existsSync(p)) next.push(p);
      }
    } else {
      const match = segmentMatcher(seg);
      for (const b of bases) {
        for (const n of sortedNames(b) ?? []) if (match(n)) next.push(path.join(b, n));
      }
    }
    bases = next;
    if (bases.length === 0) break;
  }
  return bases;
}
