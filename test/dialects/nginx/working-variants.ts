/**
 * The nginx configurations observed to carry a WebSocket on the real server
 * (observed-on-real-servers.md, nginx 1.22.1 rows with a 101), read from the e2e fixtures the
 * observed-behaviour suite runs, so the two can never drift apart. Every nginx rule lists them
 * as valid cases: a rule that fires on a configuration nginx was seen to serve is wrong.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ValidCase } from '../../support/rule-tester';
import { FIXTURES_DIR } from '../../support/paths';

/** Fixture name → the observed row it reproduces. */
export const WORKING_VARIANTS: Record<string, string> = {
  'upgrade-ok': 'proxy_http_version 1.1 + Upgrade $http_upgrade + Connection "upgrade": 101, idle 8 s survives',
  'map-connection-close': "map $http_upgrade $connection_upgrade { default upgrade; '' close; }: 101",
  'server-level-headers': 'Upgrade/Connection at server level, location sets none: 101',
  'keepalive-map': "upstream keepalive + map { default upgrade; '' ''; }: 101",
  'connection-capital-upgrade': 'Connection "Upgrade" (capital U): 101',
  'http2-tls': 'listen ... ssl http2: 101 when the client negotiates http/1.1',
  'hardcoded-upgrade': 'Upgrade "websocket" hard-coded: the WebSocket works (plain requests do not)',
};

/** The fixture text with the placeholders the e2e runner fills replaced by plausible values. */
export function workingVariantText(name: string): string {
  return fs
    .readFileSync(path.join(FIXTURES_DIR, 'e2e', 'nginx', `${name}.conf`), 'utf8')
    .split('@PORT@').join('8080')
    .split('@BACKEND_PORT@').join('3000')
    .split('@PREFIX@').join('/run/proxylint');
}

/** Valid cases, one per working variant (linted as a main config), with extra case fields. */
export function workingVariants(extra: Partial<ValidCase> = {}, names = Object.keys(WORKING_VARIANTS)): ValidCase[] {
  return names.map((name) => ({
    name: `observed working: ${WORKING_VARIANTS[name]}`,
    filename: 'nginx.conf',
    code: workingVariantText(name),
    ...extra,
  }));
}

/**
 * One more working shape, not a row of its own in the observed table: the Upgrade/Connection
 * lines come from a file included at server level and are inherited by the location.
 */
export function includedHeadersVariant(): ValidCase {
  const dir = path.join(FIXTURES_DIR, 'nginx', 'working');
  return {
    name: 'working: headers from an included file at server level, inherited by the location',
    filename: 'nginx.conf',
    code: fs.readFileSync(path.join(dir, 'included-params.conf'), 'utf8'),
    files: { ws_params: fs.readFileSync(path.join(dir, 'ws_params'), 'utf8') },
  };
}

/** Every working variant a rule must accept: the observed rows (but the ones named) and the included-headers shape. */
export function allWorkingVariants(except: string[] = []): ValidCase[] {
  return [...workingVariants({}, Object.keys(WORKING_VARIANTS).filter((n) => !except.includes(n))), includedHeadersVariant()];
}
