/**
 * V8 settings for one large input, and their undoing before the code cache is written.
 *
 * The young generation: a large config's tree and analyses live for the whole run, so most of
 * what the scavenger meets survives: V8 then doubles the semi-spaces up to 16 MiB each, and every
 * object is copied once or twice through them. Keeping the semi-spaces at their start size
 * promotes the long-lived tree sooner: on the generated 70k-line nginx config (2.4 MB) peak RSS
 * 115 -> 90 MiB, CPU no worse (issue 13). Not for huge inputs: at 24 MB the many small scavenges
 * cost 20-30 % more CPU for 10-50 MiB less RSS, so above 4 MiB the default stands.
 *
 * Inlining: a lint is one short run, and on a large input TurboFan's compile work is the largest
 * single share of it (29 % of the 70k-line nginx run's instructions), mostly inlining. Without
 * it that run takes 15 % fewer instructions (callgrind 3.57 -> 3.03 G) and ~20 % less CPU, the
 * 66k-line haproxy.cfg 5 % fewer (README Performance).
 *
 * Neither for small inputs: they optimise almost nothing, and loading node:v8 alone costs a
 * one-file run ~1 % of its instructions. V8 accepts a code cache only under the flags it was
 * made with (bin/code-cache.js), so bin/proxylint.js restores the defaults before making one:
 * else the cache a large run writes is rejected by every later run, large or small.
 */
import type * as V8 from 'node:v8';

/** Files of at least this many bytes compile without TurboFan inlining. */
export const INLINING_OFF_BYTES = 256 << 10;
/** Files of [LARGE_INPUT_BYTES, HUGE_INPUT_BYTES) keep the young generation small. */
export const LARGE_INPUT_BYTES = 1 << 20;
export const HUGE_INPUT_BYTES = 4 << 20;

/** The flags set, each with the value that undoes it (V8's default). */
const set = new Map<string, string>();

function setFlag(flag: string, undo: string): void {
  if (set.has(flag)) return;
  try {
    (require('node:v8') as typeof V8).setFlagsFromString(flag);
    set.set(flag, undo);
  } catch {
    // A runtime without the flag or the module: the default is only slower.
  }
}

export function largeInputRead(bytes: number): void {
  if (bytes < INLINING_OFF_BYTES) return;
  setFlag('--no-turbo-inlining', '--turbo-inlining');
  // Read when the new space next grows, so setting it after start-up takes effect.
  if (bytes >= LARGE_INPUT_BYTES && bytes < HUGE_INPUT_BYTES) setFlag('--semi-space-growth-factor=1', '--semi-space-growth-factor=2');
}

/** V8's defaults again, before the code cache is made from this run. */
export function restoreV8Defaults(): void {
  for (const undo of set.values()) (require('node:v8') as typeof V8).setFlagsFromString(undo);
  set.clear();
}
