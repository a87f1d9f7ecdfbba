/**
 * Throw-away certificates for the interception case (openssl CLI): a CA as a TLS-inspecting proxy
 * has one, and an origin certificate for 127.0.0.1 (IP SAN, so that a bumped copy of it is valid
 * for the probe's URL once the CA is trusted).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface Pki {
  caCert: string;
  caKey: string;
  originCert: string;
  originKey: string;
}

export function makePki(): Pki {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proxylint-e2e-pki-'));
  const f = (n: string) => path.join(dir, n);
  const run = (args: string[]) => execFileSync('openssl', args, { stdio: 'ignore', timeout: 20_000 });
  try {
    run(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/O=proxylint e2e/CN=proxylint e2e intercepting CA',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
      '-keyout', f('ca.key'), '-out', f('ca.pem')]);
    run(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', f('origin.key'), '-out', f('origin.pem')]);
    const read = (n: string) => fs.readFileSync(f(n), 'utf8');
    return { caCert: read('ca.pem'), caKey: read('ca.key'), originCert: read('origin.pem'), originKey: read('origin.key') };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Squid's certificate database for generated host certificates, owned by the user Squid runs as. */
export function makeSslDb(): { dir: string; remove(): void } {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'proxylint-e2e-ssldb-'));
  const dir = path.join(parent, 'ssl_db');
  execFileSync('/usr/lib/squid/security_file_certgen', ['-c', '-s', dir, '-M', '4MB'], { stdio: 'ignore', timeout: 20_000 });
  if (process.getuid?.() === 0) execFileSync('chown', ['-R', 'proxy:proxy', parent], { stdio: 'ignore' });
  fs.chmodSync(parent, 0o755);
  return { dir, remove: () => fs.rmSync(parent, { recursive: true, force: true }) };
}
