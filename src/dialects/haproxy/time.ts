/**
 * HAProxy time values (parse_time_err): see core/duration (`haproxy` syntax: a bare number is
 * milliseconds). null is what haproxy rejects with "unexpected character 'x' in 'timeout …'".
 */
import { parseDuration } from '../../core/duration';

export function parseTime(value: string): number | null {
  return parseDuration(value, 'haproxy');
}
