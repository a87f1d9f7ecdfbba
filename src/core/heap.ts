/**
 * The young generation for large inputs. A large config's tree and analyses live for the whole
 * run, so most of what the scavenger meets survives: V8 then doubles the semi-spaces up to 16 MiB
 * each, and every object is copied once or twice through them. Keeping the semi-spaces at their
 * start size promotes the long-lived tree sooner: on the generated 70k-line nginx config (2.4 MB)
 * peak RSS 115 -> 90 MiB, CPU no worse (issue 13). Not for small inputs (loading node:v8 costs
 * several milliseconds, most of a small file's run) nor for huge ones: at 24 MB the many small
 * scavenges cost 20-30 % more CPU for 10-50 MiB less RSS, so above 4 MiB the default stands.
 */
import type * as V8 from 'node:v8';

/** Files of [LARGE_INPUT_BYTES, HUGE_INPUT_BYTES) keep the young generation small. */
export const LARGE_INPUT_BYTES = 1 << 20;
export const HUGE_INPUT_BYTES = 4 << 20;

let done = false;

export function largeInputRead(bytes: number): void {
  if (done || bytes < LARGE_INPUT_BYTES || bytes >= HUGE_INPUT_BYTES) return;
  done = true;
  try {
    // Read when the new space next grows, so setting it after start-up takes effect.
    (require('node:v8') as typeof V8).setFlagsFromString('--semi-space-growth-factor=1');
  } catch {
    // A runtime without the flag or the module: the default growth is only slower.
  }
}
