/**
 * A word for a POSIX shell, quoted only when needed: the generated header's command and the
 * "run it with" hints are pasted into shells, and a --prefix or -o path may hold `$(…)`, `&`,
 * `|` or `;` (the config's own syntax allows them; a shell would run them).
 */
export function shellWord(s: string): string {
  return /^[A-Za-z0-9_/.:@%+=,[\]-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
