import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

let cached: { cert: string; key: string } | undefined;

/**
 * A throw-away self-signed certificate for CN=localhost (openssl CLI), cached per process.
 * Pass it to a runner as `files: { 'cert.pem': cert, 'key.pem': key }` and refer to
 * @PREFIX@/cert.pem and @PREFIX@/key.pem in the config.
 */
export function selfSignedCert(): { cert: string; key: string } {
  if (cached) return cached;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proxylint-e2e-cert-'));
  try {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-days', '2',
        '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')],
      { stdio: 'ignore', timeout: 15_000 },
    );
    cached = {
      cert: fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8'),
      key: fs.readFileSync(path.join(dir, 'key.pem'), 'utf8'),
    };
    return cached;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
