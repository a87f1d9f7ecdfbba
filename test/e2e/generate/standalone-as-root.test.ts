/**
 * Issue 9, observation 7 on the real Squid: the standalone config, written with `-o` into a
 * root-owned directory, runs exactly as its header says when started as root (Squid drops to
 * cache_effective_user, which cannot write a root-owned 0755 directory: the header's command
 * gives it the directory first). A control runs the plain `squid -N -f` line as root and sees
 * Squid refuse to start ("Cannot open … for writing"). Runs only as root (CI is root).
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../support/cli';
import { connectTunnel, describeWithServer, freePort, isListening, withBackend } from '../harness';

const asRoot = process.getuid?.() === 0;

async function waitListening(port: number, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await isListening(port)) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

describeWithServer('squid', 'generate squid --standalone started as root, as its header says', () => {
  (asRoot ? test : test.skip)('the header command starts Squid as root; the plain squid -N line alone does not', async () => {
    await withBackend(async (backend) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proxylint-gen-root-'));
      fs.chmodSync(dir, 0o755);
      try {
        const port = await freePort();
        const out = path.join(dir, 'squid.conf');
        const g = runCli(['generate', 'squid', '--upstream', `http://127.0.0.1:${backend.port}`, '--listen', `127.0.0.1:${port}`, '--standalone', '-o', out], dir);
        expect(g.code).toBe(0);
        const text = fs.readFileSync(out, 'utf8');
        const header = text.split('\n').filter((l) => l.startsWith('#'));
        const plain = header.find((l) => /^#\s+squid -N -f /.test(l))!.replace(/^#\s+/, '').replace(/\s+\(.*$/, '');
        const rootLine = header.find((l) => /^#\s+chown /.test(l))!.replace(/^#\s+/, '');
        expect(rootLine).toBe(`chown proxy: ${dir} && squid -N -f ${out}`);

        // Control: as root, the plain line fails (the log files cannot be written).
        const control = spawnSync('sh', ['-c', plain], { timeout: 15000, encoding: 'utf8' });
        expect(control.status).not.toBe(0);
        expect(`${control.stdout}${control.stderr}`).toMatch(/Cannot open '.*access\.log' for writing|Permission denied/);

        const squid = spawn('sh', ['-c', rootLine.replace('&& squid', '&& exec squid')], { detached: true, stdio: 'ignore' });
        try {
          expect(await waitListening(port, 15000)).toBe(true);
          const r = await connectTunnel({ proxyPort: port, targetPort: backend.port });
          expect(r.connect.status).toBe(200);
          expect(r.handshake?.accepted && r.handshake.echoed).toBe(true);
        } finally {
          try {
            process.kill(-squid.pid!, 'SIGKILL');
          } catch {
            /* already gone */
          }
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }, 60000);
});
