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
 */
export type DurationSyntax = 'nginx' | 'haproxy' | 'apache-timeout' | 'apache-seconds' | 'config';

const NGINX_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, M: 2_592_000_000, y: 31_536_000_000 };
const HAPROXY_UNITS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, '': 1 };
const APACHE_UNITS: Record<string, number> = { '': 1000, s: 1000, ms: 1, mi: 60_000, h: 3_600_000 };

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
  }
}

/** `25 s`, `90 s`, `5 min`, `1 h`, `500 ms`: how a duration reads in a message. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0 && ms >= 300_000) return `${ms / 60_000} min`;
  return `${+(ms / 1000).toFixed(1)} s`;
}
