/**
 * Interned short words, shared by the dialects whose parsers read words in place (nginx, HAProxy).
 *
 * Short words repeat (directive names, `$host`, `on`, `1.1`, header names): one string each for
 * the whole run. An open-addressing table hashed on the characters in place, so a word already
 * known costs no slice; bounded (past the bound, words are new strings).
 */

/** Words up to this length are interned. */
export const INTERN_MAX = 32;
const SLOTS = 1 << 15;
const MASK = SLOTS - 1;
const LIMIT = SLOTS >> 1;
const slots: (string | undefined)[] = new Array(SLOTS).fill(undefined);
let used = 0;

export function intern(text: string, s: number, e: number): string {
  let h = e - s;
  for (let i = s; i < e; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  let slot = (h ^ (h >>> 15)) & MASK;
  for (;;) {
    const known = slots[slot];
    if (known === undefined) {
      const w = text.slice(s, e);
      if (used < LIMIT) {
        slots[slot] = w;
        used++;
      }
      return w;
    }
    if (known.length === e - s && text.startsWith(known, s)) return known;
    slot = (slot + 1) & MASK;
  }
}
