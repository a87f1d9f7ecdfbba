/**
 * One duration parser for every server's time syntax (and proxylint's own config), returning
 * milliseconds or null when the server would reject the value:
 *
 * - `nginx` (ngx_parse_time): one or more `<digits><unit>` with units ms, s, m, h, d, w, M, y;
 *   a bare number is seconds (`90`, `1h30m`, `500ms`).
 * - `haproxy` (parse_time_err): digits and one optional unit us, ms, s, m, h, d; a bare number
 *   is milliseconds (`timeout client 50000` is 50 s).
 * - `apache-timeout` (ap_timeout_parameter_parse, core `Timeout`): digits and an optional unit
 *   ms, s, mi, h (any case); a bare number is seconds.
 * - `apache-seconds` (`ProxyTimeout`, ProxyPass `timeout=`): whole seconds only.
 * - `config` (`.proxylint.yaml`): the nginx syntax; a YAML number is seconds.
 * - `flag` (proxylint's own command-line flags: `probe --idle 1.5s`): a positive number, decimals
 *   allowed, and one optional unit ms, s, m, h; a bare number is seconds (rounded to the ms).
 */
export type DurationSyntax = 'nginx' | 'haproxy' | 'apache-timeout' | 'apache-seconds' | 'config' | 'flag';

const NGINX_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, M: 2_592_000_000, y: 31_536_000_000 };
const HAPROXY_UNITS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, '': 1 };
const APACHE_UNITS: Record<string, number> = { '': 1000, s: 1000, ms: 1, mi: 60_000, h: 3_600_000 };
const FLAG_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

function nginxTime(value: string): number | null {
  const re = /(\d+)(ms|s|m|h|d|w|M|y)?/gy;
  let total = 0;
  let matched = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(value))) {
    total += Number(m[1]) * NGINX_UNITS[m[2] ?? 's'];
    matched = re.lastIndex;
  }
  return matched === value.length && value.length > 0 ? total : null;
}

export function parseDuration(value: string | number, syntax: DurationSyntax): number | null {
  if (typeof value === 'number') return syntax === 'config' && Number.isFinite(value) && value >= 0 ? value * 1000 : null;
  switch (syntax) {
    case 'nginx':
    case 'config':
      return nginxTime(value);
    case 'haproxy': {
      const m = /^(\d+)(us|ms|s|m|h|d)?$/.exec(value);
      return m ? Number(m[1]) * HAPROXY_UNITS[m[2] ?? ''] : null;
    }
    case 'apache-timeout': {
      const m = /^\s*(\d+)\s*(ms|s|mi|h)?\s*$/i.exec(value);
      return m ? Number(m[1]) * APACHE_UNITS[(m[2] ?? '').toLowerCase()] : null;
    }
    case 'apache-seconds': {
      const m = /^\s*(\d+)\s*$/.exec(value);
      return m ? Number(m[1]) * 1000 : null;
    }
    case 'flag': {
      const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value.trim());
      const ms = m ? Number(m[1]) * FLAG_UNITS[m[2] ?? 's'] : NaN;
      return Number.isFinite(ms) && ms > 0 ? Math.round(ms) : null;
    }
  }
}

/** `25 s`, `90 s`, `5 min`, `1 h`, `500 ms`: how a duration reads in a message. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0 && ms >= 300_000) return `${ms / 60_000} min`;
  return `${+(ms / 1000).toFixed(1)} s`;
}

/**
 * The longest idle timeout each server's checker accepts in the directive `generate` writes
 * (observed on Debian 12's binaries; test/e2e/generate/read-timeout-limits.test.ts checks the
 * bound and the bound + 1):
 * - nginx 1.22 `proxy_read_timeout`: ngx_parse_time keeps milliseconds in a signed 64-bit total;
 *   9223372036854775807ms passes `nginx -t`, one more is `invalid value`.
 * - HAProxy 2.6 `timeout tunnel`: 2147483647 ms; more is "timer overflow … (maximum value is
 *   2147483647 ms or ~24.8 days)".
 * - Squid 5.7 `read_timeout N seconds`: 9223372036 s (2^63 ns); more is "time values cannot
 *   exceed 292.269 years" and FATAL: Bungled.
 * - httpd 2.4 `ProxyTimeout N`: an int of seconds, 2147483647; more reads as negative and is
 *   "Proxy Timeout must be at least 1 second."
 */
export const IDLE_TIMEOUT_LIMIT_MS: Record<'nginx' | 'haproxy' | 'squid' | 'apache', { max: bigint; text: string }> = {
  nginx: { max: 2n ** 63n - 1n, text: 'nginx reads at most 9223372036854775807ms (2^63-1)' },
  haproxy: { max: 2_147_483_647n, text: 'HAProxy reads at most 2147483647ms (about 24.8 days; more is a timer overflow)' },
  squid: { max: 9_223_372_036_000n, text: 'Squid reads at most 9223372036 seconds (about 292 years; more is FATAL)' },
  apache: { max: 2_147_483_647_000n, text: 'httpd reads ProxyTimeout up to 2147483647 seconds (about 68 years)' },
};

/** `90s`, `30m`, `1h`, `500ms`, `2d` (one number and one unit) as exact milliseconds, or null. */
export function exactDurationMs(text: string): bigint | null {
  const m = /^([0-9]+)(ms|s|m|h|d)$/.exec(text);
  if (!m) return null;
  return BigInt(m[1]) * { ms: 1n, s: 1000n, m: 60_000n, h: 3_600_000n, d: 86_400_000n }[m[2] as 'ms'];
}
