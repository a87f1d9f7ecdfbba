/** 1-based number of the first line of `text` that is not a comment and contains `match` (a string) or matches it (a RegExp). */
export function lineOf(text: string, match: string | RegExp): number {
  const i = text.split('\n').findIndex((l) => !/^\s*#/.test(l) && (typeof match === 'string' ? l.includes(match) : match.test(l)));
  if (i < 0) throw new Error(`no line matches ${String(match)}`);
  return i + 1;
}
