/** `proxylint init`: a commented starter configuration; never overwrites one that exists. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_NAMES } from '../core/config';

const STARTER = `# proxylint configuration — https://github.com/proxylint/proxylint
# yaml-language-server: $schema=./node_modules/proxylint/schema/proxylint.schema.json

# The server versions your configs run on (unset: Debian stable's).
targets:
  nginx: "1.22.1"
  # apache: "2.4.71"
  # squid: "5.7"
  # haproxy: "2.6.12"

# Main configs, so that an included fragment (conf.d/app.conf) is linted in its real context.
# roots:
#   - nginx/nginx.conf

# Locations that carry WebSockets besides the ones proxylint recognises by path or headers.
websocket:
  paths: []
  # ports: [8080]

# Severity per rule: error | warning | info | off, or [severity, { options }].
rules: {}

# Files never linted when found in a directory.
ignores: []
`;

export function runInit(dir = process.cwd()): number {
  const existing = CONFIG_NAMES.map((n) => path.join(dir, n)).find((p) => fs.existsSync(p));
  if (existing) {
    process.stderr.write(`proxylint: ${existing} already exists; not overwriting it.\n`);
    return 2;
  }
  const p = path.join(dir, '.proxylint.yaml');
  fs.writeFileSync(p, STARTER, { flag: 'wx' });
  process.stdout.write(`wrote ${p}\n`);
  return 0;
}
