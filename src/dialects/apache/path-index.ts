/**
 * An index over an ordered list of ProxyPass / ProxyPassMatch / <Location> entries that answers
 * "which entries could match this URI" without testing every one of them. `routeFor` asked per
 * WebSocket route made the proxypass-order check n² in the number of entries (10,000 ProxyPass
 * at one scope: 10–17 s; ProxyPassMatch n^2.4, issue 14).
 *
 * The index only narrows the candidates: it returns a superset of the entries whose
 * `pathMatches` can be true, in list order, and the caller still tests each with the server's
 * own matching rule. So the answer is exactly the linear scan's.
 *
 * - A literal path (alias_match) matches only a URI whose slash-collapsed form starts with the
 *   alias's slash-collapsed form: it is filed under that key.
 * - A regex anchored with `^` and a literal prefix (`^/app/(.*)$`) matches only URIs that start
 *   with that prefix: filed under it. Alternation anywhere, or no literal prefix, files it among
 *   the entries tested for every URI.
 */
import type { ProxyTarget } from './proxy';

type Entry = Pick<ProxyTarget, 'path' | 'regex'>;

/** Runs of `/` collapsed to one, as alias_match compares them. */
export function collapseSlashes(s: string): string {
  return s.replace(/\/{2,}/g, '/');
}

/**
 * The literal text every match of `src` starts with, or null when the regex is not anchored at
 * the start or may match in more than one way at its head (alternation, leading group).
 */
export function anchoredPrefix(src: string): string | null {
  if (!src.startsWith('^') || src.includes('|')) return null;
  let out = '';
  for (let i = 1; i < src.length; i++) {
    let c = src[i];
    if (c === '\\') {
      const n = src[i + 1];
      // An escaped punctuation character is itself; \d, \w, \Q… and the like are classes or
      // PCRE specials: stop there.
      if (n === undefined || /[A-Za-z0-9]/.test(n)) break;
      c = n;
      i++;
    } else if ('.[]()*+?{}$^'.includes(c)) {
      break;
    }
    // A quantifier after this character makes it optional or repeated: it is not a fixed prefix.
    const next = src[i + 1];
    if (next === '?' || next === '*' || next === '{') break;
    out += c;
    if (next === '+') break;
  }
  return out;
}

export class PathIndex<T extends Entry> {
  private literal = new Map<string, number[]>();
  private prefixed = new Map<string, number[]>();
  private always: number[] = [];

  constructor(readonly entries: readonly T[]) {
    entries.forEach((e, i) => {
      if (e.path === null) return; // never matches
      if (!e.regex) return push(this.literal, collapseSlashes(e.path), i);
      const p = anchoredPrefix(e.path);
      if (p === null || p === '') this.always.push(i);
      else push(this.prefixed, p, i);
    });
  }

  /** Indices of the entries that may match `uri`, ascending. */
  candidates(uri: string): number[] {
    const out = [...this.always];
    if (this.literal.size) {
      const u = collapseSlashes(uri);
      for (let k = 0; k <= u.length; k++) {
        const hit = this.literal.get(u.slice(0, k));
        if (hit) out.push(...hit);
      }
    }
    if (this.prefixed.size) {
      for (let k = 1; k <= uri.length; k++) {
        const hit = this.prefixed.get(uri.slice(0, k));
        if (hit) out.push(...hit);
      }
    }
    return out.sort((a, b) => a - b);
  }

  /** The first entry in list order for which `test` holds, among the candidates. */
  first(uri: string, test: (e: T) => boolean): T | undefined {
    for (const i of this.candidates(uri)) if (test(this.entries[i])) return this.entries[i];
    return undefined;
  }

  /** The last entry in list order for which `test` holds, among the candidates. */
  last(uri: string, test: (e: T) => boolean): T | undefined {
    const c = this.candidates(uri);
    for (let k = c.length - 1; k >= 0; k--) if (test(this.entries[c[k]])) return this.entries[c[k]];
    return undefined;
  }
}

function push(m: Map<string, number[]>, key: string, i: number): void {
  const list = m.get(key);
  if (list) list.push(i);
  else m.set(key, [i]);
}
