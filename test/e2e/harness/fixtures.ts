import * as fs from 'node:fs';
import * as path from 'node:path';
import { FIXTURES_DIR } from '../../support/paths';
import type { Placeholders, ServerName } from './server-process';

/** Absolute path of a fixture, given relative to /fixtures (e.g. 'e2e/nginx/upgrade-ok.conf'). */
export function fixturePath(relative: string): string {
  return path.join(FIXTURES_DIR, relative);
}

/**
 * A fixture's text. Placeholders given in `values` are substituted; the others (@PORT@,
 * @BACKEND_PORT@, @PREFIX@) are left for the runner, which knows them at start.
 */
export function loadFixture(relative: string, values: Partial<Placeholders> = {}): string {
  let text = fs.readFileSync(fixturePath(relative), 'utf8');
  if (values.port !== undefined) text = text.split('@PORT@').join(String(values.port));
  if (values.backendPort !== undefined) text = text.split('@BACKEND_PORT@').join(String(values.backendPort));
  if (values.prefix !== undefined) text = text.split('@PREFIX@').join(values.prefix);
  return text;
}

/** Shorthand for fixtures/e2e/<dialect>/<name>.conf. */
export function e2eFixture(dialect: ServerName, name: string, values: Partial<Placeholders> = {}): string {
  return loadFixture(path.join('e2e', dialect, `${name}.conf`), values);
}
