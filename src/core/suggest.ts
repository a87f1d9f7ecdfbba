/**
 * "Did you mean …?" for mistyped commands, flags, formats and rule ids (git, npm, ESLint and
 * Ruff all offer one). A candidate is offered only when it is close: at most a third of the
 * word's length in edits (and at most 3), so `lnt` → `lint` but `foo` suggests nothing.
 */
import { distance } from 'fastest-levenshtein';

export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.toLowerCase();
  const limit = Math.min(3, Math.max(1, Math.floor(w.length / 3)));
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = distance(w, c.toLowerCase());
    if (d < bestD) [best, bestD] = [c, d];
  }
  return bestD <= limit ? best : undefined;
}

/** ` (did you mean "x"?)`, or '' when nothing is close. */
export function didYouMean(word: string, candidates: Iterable<string>, quote = (s: string) => `"${s}"`): string {
  const c = closest(word, candidates);
  return c === undefined ? '' : ` (did you mean ${quote(c)}?)`;
}
