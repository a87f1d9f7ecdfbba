/**
 * A Tornado backend (Debian's python3-tornado) with its default WebSocketHandler.check_origin:
 * a handshake whose Origin's host[:port] differs from the Host header is answered 403
 * (https://www.tornadoweb.org/en/stable/websocket.html#tornado.websocket.WebSocketHandler.check_origin),
 * the check Jupyter Server builds on. WebSocket echo under /api/kernels/ and /ws, "plain" elsewhere.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort, isListening } from './ports';

const PYTHON = '/usr/bin/python3';

const APP = `
import asyncio, sys
import tornado.web, tornado.websocket
class Echo(tornado.websocket.WebSocketHandler):
    def on_message(self, m):
        self.write_message(m)
class Plain(tornado.web.RequestHandler):
    def get(self, *a):
        self.write("plain")
async def main():
    tornado.web.Application([(r"/api/kernels/.*", Echo), (r"/ws", Echo), (r"/.*", Plain)]).listen(int(sys.argv[1]), "127.0.0.1")
    await asyncio.Event().wait()
asyncio.run(main())
`;

export const hasTornado = fs.existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import tornado'], { stdio: 'ignore' }).status === 0;

export interface TornadoBackend {
  port: number;
  stop(): Promise<void>;
}

export async function startTornado(): Promise<TornadoBackend> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proxylint-tornado-'));
  fs.writeFileSync(path.join(dir, 'app.py'), APP);
  const port = await freePort();
  const child = spawn(PYTHON, [path.join(dir, 'app.py'), String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += d));
  const stop = () =>
    new Promise<void>((resolve) => {
      fs.rmSync(dir, { recursive: true, force: true });
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  const until = Date.now() + 20000;
  while (!(await isListening(port))) {
    if (child.exitCode !== null || Date.now() > until) {
      await stop();
      throw new Error(`tornado backend did not start: ${stderr.slice(0, 500)}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return { port, stop };
}

/** Runs `fn` where python3-tornado is installed; in CI its absence fails the run, locally it skips with a notice. */
export function describeWithTornado(name: string, fn: () => void): void {
  if (hasTornado) describe(name, fn);
  else if (process.env.CI === 'true') test(`${name}: python3-tornado is missing (.ci/run installs it)`, () => expect('python3-tornado missing').toBe('installed'));
  else {
    console.log(`NOTICE: skipping "${name}": python3-tornado is missing (apt-get install python3-tornado)`);
    describe.skip(name, fn);
  }
}
