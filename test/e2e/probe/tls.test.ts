/**
 * TLS: a TLS-intercepting Squid (squid-openssl, ssl_bump bump all, generated host certificates
 * signed by its own CA) in front of an nginx wss:// origin. probe sees a chain it does not trust
 * through the tunnel, names the interception, writes the CA out as PEM and advises
 * NODE_EXTRA_CA_CERTS; with --ca <that file> the same handshake succeeds. Direct to the origin,
 * its own self-signed certificate is "untrusted", not "intercepted".
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describeWithServer, e2eFixture, nginx, squid, startEchoBackend, type RunningServer } from '../harness';
import { makePki, makeSslDb, type Pki } from './pki';
import { probeJson, stepOf, verdict } from './support';

function originConfig(): string {
  return e2eFixture('nginx', 'http2-tls').replace(' ssl http2;', ' ssl;');
}

function bumpingSquid(sslDb: string): string {
  return e2eFixture('squid', 'default')
    .replace('acl SSL_ports port 443', 'acl SSL_ports port 443\nacl SSL_ports port 1025-65535')
    .replace(
      'http_port 127.0.0.1:@PORT@',
      [
        'http_port 127.0.0.1:@PORT@ ssl-bump tls-cert=@PREFIX@/ca.pem tls-key=@PREFIX@/ca.key generate-host-certificates=on dynamic_cert_mem_cache_size=4MB',
        `sslcrtd_program /usr/lib/squid/security_file_certgen -s ${sslDb} -M 4MB`,
        'sslcrtd_children 1 startup=1 idle=1',
        'acl step1 at_step SslBump1',
        'ssl_bump peek step1',
        'ssl_bump bump all',
        // the origin's own certificate is self-signed; Squid must still connect to it
        'tls_outgoing_options flags=DONT_VERIFY_PEER',
        'sslproxy_cert_error allow all',
        // bumped requests are plain HTTP to Squid: let the WebSocket upgrade through
        'http_upgrade_request_protocols websocket allow all',
      ].join('\n'),
    );
}

describeWithServer('squid', 'probe TLS through a TLS-intercepting Squid (ssl_bump)', () => {
  let pki: Pki;
  let db: { dir: string; remove(): void };
  let out: string;
  beforeAll(() => {
    pki = makePki();
    db = makeSslDb();
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'proxylint-e2e-probe-ca-'));
  });
  afterAll(() => {
    db?.remove();
    if (out) fs.rmSync(out, { recursive: true, force: true });
  });

  test('interception named, CA written as PEM, NODE_EXTRA_CA_CERTS advised; with --ca the handshake succeeds', async () => {
    const backend = await startEchoBackend();
    let origin: RunningServer | undefined;
    let proxy: RunningServer | undefined;
    try {
      origin = await nginx.start(originConfig(), { backendPort: backend.port, files: { 'cert.pem': pki.originCert, 'key.pem': pki.originKey } });
      proxy = await squid.start(bumpingSquid(db.dir), { files: { 'ca.pem': pki.caCert, 'ca.key': pki.caKey }, readyTimeoutMs: 20_000 });
      const url = `wss://127.0.0.1:${origin.port}/ws`;
      // Squid's generated certificate is named after the origin's CN (localhost), without IP SAN.
      const viaUrl = `wss://localhost:${origin.port}/ws`;
      const proxyUrl = `http://127.0.0.1:${proxy.port}`;
      const caFile = path.join(out, 'intercept-ca.pem');

      // direct: the origin's own self-signed certificate is untrusted, not interception
      const direct = await probeJson([url, '--proxy', 'direct', '--ca-out', path.join(out, 'origin.pem')]);
      expect(verdict(direct)).toEqual({ code: 1, class: 'tls-untrusted', rules: [], hop: 'target' });

      const r = await probeJson([viaUrl, '--proxy', proxyUrl, '--ca-out', caFile]);
      expect(verdict(r)).toEqual({ code: 1, class: 'tls-intercepted', rules: [], hop: `the proxy ${proxyUrl} (TLS interception)` });
      expect(stepOf(r, 'tls')).toMatch(
        /^fail TLS.*, chain CN=localhost <- CN=proxylint e2e intercepting CA, O=proxylint e2e \(self-signed\), .*NOT trusted: SELF_SIGNED_CERT_IN_CHAIN; looks like interception: the chain came through the proxy tunnel and ends at a CA this machine does not trust; top certificate written to /,
      );
      expect(r.json.diagnosis!.advice).toBe(`NODE_EXTRA_CA_CERTS=${caFile} (the CA, as PEM) for Node clients; probe --ca ${caFile} to check.`);
      // the file written is the proxy's CA itself, byte for byte as PEM
      const written = fs.readFileSync(caFile, 'utf8');
      expect(new (require('node:crypto').X509Certificate)(written).fingerprint256).toBe(new (require('node:crypto').X509Certificate)(pki.caCert).fingerprint256);
      // nothing was sent over the untrusted connection: no upgrade request reached the backend
      expect(backend.requests).toEqual([]);

      const trusted = await probeJson([viaUrl, '--proxy', proxyUrl, '--ca', caFile]);
      expect(verdict(trusted)).toEqual({ code: 0, class: undefined, rules: undefined, hop: undefined });
      expect(stepOf(trusted, 'tls')).toMatch(/; verified \(with --ca /);
      expect(stepOf(trusted, 'echo')).toMatch(/^ok ping -> pong in \d+ ms; text echoed$/);

      // --insecure continues (with a warning), never silently
      const insecure = await probeJson([viaUrl, '--proxy', proxyUrl, '--insecure', '--ca-out', path.join(out, 'again.pem')]);
      expect(insecure.code).toBe(0);
      expect(stepOf(insecure, 'tls')).toMatch(/^warn .*NOT verified \(.*\), continuing because of --insecure/);
    } finally {
      await proxy?.stop();
      await origin?.stop();
      await backend.close();
    }
  });
});
