/**
 * HAProxy time values (parse_time_err): digits then an optional unit `us`, `ms`, `s`, `m`, `h`,
 * `d`; a bare number is milliseconds. Anything else is what haproxy rejects with
 * "unexpected character 'x' in 'timeout …'".
 */
const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, '': 1 };

export function parseTime(value: string): number | null {
  const m = /^(\d+)(us|ms|s|m|h|d)?$/.exec(value);
  if (!m) return null;
  return Number(m[1]) * UNIT_MS[m[2] ?? ''];
}
