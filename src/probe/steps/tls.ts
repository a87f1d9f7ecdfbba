/**
 * Step 5: TLS to the target (inside the tunnel when there is a proxy). Verification is done here,
 * not by OpenSSL's reject, so that an untrusted chain can be shown and its top certificate written
 * out; nothing is sent on a connection that failed verification unless --insecure says so.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tls from 'node:tls';
import type { CertInfo } from '../types';

/** OpenSSL's codes for "signed by a CA this machine does not trust". */
export const UNTRUSTED_CHAIN = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
]);

/** Issuer names of TLS-inspecting products (a match is a hint, not proof). */
const INTERCEPTORS =
  /\b(?:squid|zscaler|fortinet|fortigate|blue ?coat|symantec web|palo alto|netskope|mitmproxy|burp|charles proxy|fiddler|sophos|kaspersky|avast|eset|bitdefender|cisco umbrella|forcepoint|websense|barracuda|mcafee web|checkpoint|check point|watchguard|sonicwall|untangle)\b/i;

export type TlsResult =
  | {
      ok: true;
      socket: tls.TLSSocket;
      authorized: boolean;
      error?: string;
      chain: CertInfo[];
      protocol?: string;
      alpn?: string | false | null;
      ms: number;
    }
  | { ok: false; error: string; ms: number };

function dn(x: tls.Certificate | undefined): string {
  if (!x) return '';
  const parts: string[] = [];
  if (x.CN) parts.push(`CN=${x.CN}`);
  if (x.O) parts.push(`O=${x.O}`);
  return parts.join(', ');
}

function toPem(der: Buffer): string {
  const b64 = der.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
}

export function chainOf(socket: tls.TLSSocket): CertInfo[] {
  const out: CertInfo[] = [];
  let c: tls.DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
  const seen = new Set<string>();
  while (c && c.raw && !seen.has(c.fingerprint256)) {
    seen.add(c.fingerprint256);
    const selfSigned = c.issuerCertificate === c || c.issuerCertificate?.fingerprint256 === c.fingerprint256;
    out.push({
      subject: dn(c.subject),
      issuer: dn(c.issuer),
      selfSigned,
      validFrom: c.valid_from,
      validTo: c.valid_to,
      fingerprint256: c.fingerprint256,
      pem: toPem(c.raw),
    });
    c = c.issuerCertificate;
  }
  return out;
}

export function startTls(
  socket: net.Socket,
  host: string,
  o: { ca?: string; timeoutMs: number },
): Promise<TlsResult> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const bare = host.replace(/^\[|\]$/g, '');
    const options: tls.ConnectionOptions = {
      socket,
      // SNI is for names only (RFC 6066).
      servername: net.isIP(bare) ? undefined : bare,
      // Browsers negotiate http/1.1 for a WebSocket over TLS.
      ALPNProtocols: ['http/1.1'],
      rejectUnauthorized: false,
      ca: o.ca ? [...tls.rootCertificates, o.ca] : undefined,
    };
    const s = tls.connect(options);
    const timer = setTimeout(() => {
      s.destroy();
      resolve({ ok: false, error: 'TLS handshake timed out', ms: Date.now() - t0 });
    }, o.timeoutMs);
    s.once('secureConnect', () => {
      clearTimeout(timer);
      s.removeAllListeners('error');
      let authorized = s.authorized;
      let error = s.authorizationError ? String(s.authorizationError) : undefined;
      if (authorized) {
        // The chain is trusted; the name must match too (rejectUnauthorized: false skips it).
        const err = tls.checkServerIdentity(bare, s.getPeerCertificate());
        if (err) {
          authorized = false;
          error = (err as NodeJS.ErrnoException).code ?? err.message;
        }
      }
      resolve({
        ok: true,
        socket: s,
        authorized,
        error,
        chain: chainOf(s),
        protocol: s.getProtocol() ?? undefined,
        alpn: s.alpnProtocol,
        ms: Date.now() - t0,
      });
    });
    s.once('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ ok: false, error: e.code ?? e.message, ms: Date.now() - t0 });
    });
  });
}

/**
 * Does an untrusted chain look like a TLS-inspecting proxy? Through a CONNECT tunnel any chain
 * this machine does not trust is the proxy's most likely doing; otherwise only a known product's
 * name in the issuer says so.
 */
export function interception(chain: CertInfo[], error: string | undefined, viaTunnel: boolean): string | undefined {
  const top = chain[chain.length - 1];
  const names = chain.map((c) => c.issuer).join(' ');
  if (INTERCEPTORS.test(names)) return `issuer ${top?.issuer ?? '?'} names a TLS-inspecting product`;
  if (viaTunnel && error && UNTRUSTED_CHAIN.has(error)) return 'the chain came through the proxy tunnel and ends at a CA this machine does not trust';
  return undefined;
}

/** Writes the top certificate of the chain (the CA when the server sent it) as PEM. */
export function writeTopCert(chain: CertInfo[], file: string | undefined): string | undefined {
  const top = chain[chain.length - 1];
  if (!top) return undefined;
  const out = file ?? path.join(os.tmpdir(), `proxylint-probe-ca-${top.fingerprint256.replace(/:/g, '').slice(0, 16).toLowerCase()}.pem`);
  fs.writeFileSync(out, top.pem);
  return path.resolve(out);
}

