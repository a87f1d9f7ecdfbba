import * as fs from 'node:fs';
import { runners } from './runners';
import type { ServerName } from './server-process';

/** True when the server's binary is installed. */
export function hasServer(server: ServerName): boolean {
  try {
    fs.accessSync(runners[server].binary, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The message a missing binary produces, e.g. "nginx binary missing: apt-get install nginx". */
export function missingMessage(server: ServerName): string {
  const r = runners[server];
  return `${r.binary.split('/').pop()} binary missing: apt-get install ${r.packageName}`;
}

/**
 * `describe` when the server's binary is installed. When it is missing: with CI=true the block
 * holds one failing test (a missing server must not pass CI silently); otherwise the block is
 * skipped with a visible NOTICE.
 */
export function describeWithServer(server: ServerName, name: string, fn: () => void): void {
  if (hasServer(server)) {
    describe(name, fn);
  } else if (process.env.CI === 'true') {
    describe(name, () => {
      test(`${server} is installed`, () => {
        throw new Error(missingMessage(server));
      });
    });
  } else {
    // eslint-disable-next-line no-console
    console.warn(`NOTICE: ${missingMessage(server)}; skipping "${name}"`);
    describe.skip(name, fn);
  }
}
