/**
 * The glob(3) subset servers use for `include` patterns: `*`, `?` and `[...]` within one path
 * segment, results sorted, names starting with `.` matched only by a pattern that starts with
 * `.` (so editor backups like `.app.conf.swp` are skipped, as nginx and httpd skip them).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export function hasGlobMagic(p: string): boolean {
  return /[*?[]/.test(p);
}

function segmentRegExp(seg: string): RegExp {
  let re = '^';
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = seg.indexOf(']', i + 2);
      if (close === -1) re += '\\[';
      else {
        let body = seg.slice(i + 1, close);
        if (body[0] === '!') body = '^' + body.slice(1);
        re += '[' + body.replace(/\\/g, '\\\\') + ']';
        i = close;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(re + '$');
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
      const re = segmentRegExp(seg);
      const dotOk = seg.startsWith('.');
      for (const b of bases) {
        let names: string[];
        try {
          names = fs.readdirSync(b);
        } catch {
          continue;
        }
        for (const n of names.sort()) if ((dotOk || n[0] !== '.') && re.test(n)) next.push(path.join(b, n));
      }
    }
    bases = next;
    if (bases.length === 0) break;
  }
  return bases;
}
