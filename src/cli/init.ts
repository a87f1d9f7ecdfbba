/** `proxylint init`: a commented starter configuration; never overwrites one that exists. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_NAMES } from '../core/config';
import { packageRoot } from '../core/package-root';
import { DEFAULT_TARGETS } from '../core/versions';

const STARTER = `# proxylint configuration — https://github.com/proxylint/proxylint
$SCHEMA

# The server versions your configs run on (unset: Debian stable's).
targets:
  nginx: "${DEFAULT_TARGETS.nginx}"
  # apache: "${DEFAULT_TARGETS.apache}"
  # squid: "${DEFAULT_TARGETS.squid}"
  # haproxy: "${DEFAULT_TARGETS.haproxy}"

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

/**
 * The editor hint, only with a path that resolves: the schema of the proxylint that runs, when it
 * is installed inside this project (node_modules/proxylint). A pre-commit or Action install lives
 * elsewhere (a cache directory), so a path to it would be wrong on every other machine.
 */
function schemaLine(dir: string): string {
  const schema = path.join(packageRoot(), 'schema', 'proxylint.schema.json');
  const rel = path.relative(dir, schema);
  if (!rel.startsWith('..') && !path.isAbsolute(rel) && rel.split(path.sep).includes('node_modules')) {
    return `# yaml-language-server: $schema=./${rel.split(path.sep).join('/')}`;
  }
  return '# (Editor completion: install proxylint in this project and point yaml-language-server at\n#  node_modules/proxylint/schema/proxylint.schema.json.)';
}

export function runInit(dir = process.cwd()): number {
  const existing = CONFIG_NAMES.map((n) => path.join(dir, n)).find((p) => fs.existsSync(p));
  if (existing) {
    process.stderr.write(`proxylint: ${existing} already exists; not overwriting it.\n`);
    return 2;
  }
  const p = path.join(dir, '.proxylint.yaml');
  fs.writeFileSync(p, STARTER.replace('$SCHEMA', schemaLine(dir)), { flag: 'wx' });
  process.stdout.write(`wrote ${p}\n`);
  return 0;
}
