/**
 * What hard-coded upgrade headers and an HTTP/1.0 handshake do on real backends behind the real
 * nginx (issue 8, item 2): Python aiohttp (Debian's python3-aiohttp), Go net/http (a stdlib-only
 * server compiled here) and Node's http server without a WebSocket server attached. Each backend
 * answers plain requests on / (GET, and POST echoing its body length) and, for aiohttp, WebSockets
 * on /ws. The measured table is the one in rules/nginx/hardcoded-upgrade-headers/README.md and
 * in the backend table of src/core/websocket/README.md; nginx/hardcoded-upgrade-headers and
 * nginx/proxy-http-version take their severities from it.
 *
 * Locally a missing python3-aiohttp or go skips its block with a NOTICE; under CI=true (where
 * .ci/run installs both) it fails.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { describeWithServer, freePort, handshake, isListening, nginx, nginxMainConfig, withServer } from '../../harness';

const PYTHON = '/usr/bin/python3';
const GO = '/usr/bin/go';

const AIOHTTP_APP = `
import sys
from aiohttp import web
async def plain(req):
    body = await req.read()
    return web.Response(text="plain %s %d" % (req.method, len(body)))
async def ws(req):
    w = web.WebSocketResponse()
    await w.prepare(req)
    async for m in w:
        await w.send_str(m.data)
    return w
app = web.Application()
app.router.add_get('/ws', ws)
app.router.add_route('*', '/{tail:.*}', plain)
web.run_app(app, host='127.0.0.1', port=int(sys.argv[1]), print=None)
`;

const GO_APP = `package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
)

func main() {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		fmt.Fprintf(w, "plain %s %d", r.Method, len(b))
	})
	if err := http.ListenAndServe("127.0.0.1:"+os.Args[1], nil); err != nil {
		panic(err)
	}
}
`;

/** The header pairs a mixed location / gets, as configs in the corpus write them. */
const COMBOS = {
  'Connection "upgrade" hard-coded': ['proxy_set_header Upgrade $http_upgrade;', 'proxy_set_header Connection "upgrade";'],
  'Upgrade "websocket" hard-coded': ['proxy_set_header Upgrade "websocket";', 'proxy_set_header Connection $connection_upgrade;'],
  'both hard-coded': ['proxy_set_header Upgrade "websocket";', 'proxy_set_header Connection "upgrade";'],
} as const;
type Combo = keyof typeof COMBOS;

function nginxConfig(headers: readonly string[]): string {
  return nginxMainConfig(
    'map $http_upgrade $connection_upgrade { default upgrade; \'\' close; }',
    'server {',
    '    listen 127.0.0.1:@PORT@;',
    '    proxy_read_timeout 5s;',
    '    location / {',
    '        proxy_pass http://127.0.0.1:@BACKEND_PORT@;',
    '        proxy_http_version 1.1;',
    ...headers.map((h) => `        ${h}`),
    '    }',
    '    # no proxy_http_version: nginx 1.22 sends the handshake as HTTP/1.0',
    '    location /ws {',
    '        proxy_pass http://127.0.0.1:@BACKEND_PORT@;',
    '        proxy_set_header Upgrade $http_upgrade;',
    '        proxy_set_header Connection "upgrade";',
    '    }',
    '}',
  );
}

/** A plain request through nginx: its status and body, or "timeout"/"error". */
function request(port: number, method: 'GET' | 'POST'): Promise<string> {
  return new Promise((resolve) => {
    const body = method === 'POST' ? 'hello' : undefined;
    const req = http.request(
      { host: '127.0.0.1', port, path: '/page', method, headers: { Connection: 'close', ...(body ? { 'Content-Length': String(body.length) } : {}) }, timeout: 8000 },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve(`${res.statusCode} ${text.trim().slice(0, 40)}`.trim()));
        res.on('error', () => resolve(`${res.statusCode} error`));
      },
    );
    req.on('timeout', () => {
      req.destroy();
      resolve('timeout');
    });
    req.on('error', () => resolve('error'));
    req.end(body);
  });
}

async function waitForPort(port: number, child: ChildProcess, ms = 20000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`backend exited with ${child.exitCode}`);
    if (await isListening(port)) return;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error('backend did not start');
}

interface Backend {
  port: number;
  stop(): Promise<void>;
}

async function spawnBackend(command: string, args: string[], port: number): Promise<Backend> {
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += d));
  try {
    await waitForPort(port, child);
  } catch (e) {
    child.kill('SIGKILL');
    throw new Error(`${(e as Error).message}: ${stderr.slice(0, 500)}`);
  }
  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function nodeBackend(): Promise<Backend> {
  const server = http.createServer((req, res) => {
    let n = 0;
    req.on('data', (c: Buffer) => (n += c.length));
    req.on('end', () => res.end(`plain ${req.method} ${n}`));
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { port, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Plain GET and POST through location / for every header pair. */
async function measure(backend: Backend): Promise<Record<Combo, { GET: string; POST: string }>> {
  const out = {} as Record<Combo, { GET: string; POST: string }>;
  for (const [name, headers] of Object.entries(COMBOS) as [Combo, readonly string[]][]) {
    out[name] = await withServer(nginx, nginxConfig(headers), { backendPort: backend.port }, async (server) => ({
      GET: await request(server.port, 'GET'),
      POST: await request(server.port, 'POST'),
    }));
  }
  return out;
}

const ALL_SERVED = {
  'Connection "upgrade" hard-coded': { GET: '200 plain GET 0', POST: '200 plain POST 5' },
  'Upgrade "websocket" hard-coded': { GET: '200 plain GET 0', POST: '200 plain POST 5' },
  'both hard-coded': { GET: '200 plain GET 0', POST: '200 plain POST 5' },
};

/** describe when the tool is there; a NOTICE skip locally, a failure under CI=true. */
function describeWithTool(ok: boolean, what: string, name: string, fn: () => void): void {
  if (ok) describe(name, fn);
  else if (process.env.CI === 'true') test(`${name}: ${what} is missing (.ci/run installs it)`, () => expect(`${what} missing`).toBe('installed'));
  else {
    console.log(`NOTICE: skipping "${name}": ${what} is missing (apt-get install ${what})`);
    describe.skip(name, fn);
  }
}

const hasAiohttp = fs.existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import aiohttp'], { stdio: 'ignore' }).status === 0;
const hasGo = fs.existsSync(GO);

describeWithServer('nginx', 'hard-coded upgrade headers on real backends behind nginx', () => {
  describeWithTool(hasAiohttp, 'python3-aiohttp', 'Python aiohttp', () => {
    let backend: Backend;
    let dir: string;
    beforeAll(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proxylint-aiohttp-'));
      fs.writeFileSync(path.join(dir, 'app.py'), AIOHTTP_APP);
      const port = await freePort();
      backend = await spawnBackend(PYTHON, [path.join(dir, 'app.py'), String(port)], port);
    }, 30000);
    afterAll(async () => {
      await backend?.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    test('plain GET and POST are served with every hard-coded pair (an aiohttp handler upgrades only when it asks to)', async () => {
      expect(await measure(backend)).toEqual(ALL_SERVED);
    }, 60000);

    test('an HTTP/1.0 handshake (no proxy_http_version) is upgraded: 101 and echo', async () => {
      const r = await withServer(nginx, nginxConfig(COMBOS['Connection "upgrade" hard-coded']), { backendPort: backend.port }, (server) =>
        handshake({ port: server.port, path: '/ws' }),
      );
      expect({ status: r.status, accepted: r.accepted, echoed: r.echoed }).toEqual({ status: 101, accepted: true, echoed: true });
    }, 30000);
  });

  describeWithTool(hasGo, 'golang-go', 'Go net/http (stdlib server compiled here)', () => {
    let backend: Backend;
    let dir: string;
    beforeAll(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proxylint-go-'));
      fs.writeFileSync(path.join(dir, 'main.go'), GO_APP);
      // Offline, stdlib only: no module download, caches inside the temporary directory.
      const env = { ...process.env, GO111MODULE: 'off', GOFLAGS: '', GOCACHE: path.join(dir, 'cache'), GOPATH: path.join(dir, 'gopath'), CGO_ENABLED: '0' };
      const built = spawnSync(GO, ['build', '-o', path.join(dir, 'srv'), path.join(dir, 'main.go')], { env, encoding: 'utf8' });
      if (built.status !== 0) throw new Error(`go build failed: ${built.stderr}`);
      const port = await freePort();
      backend = await spawnBackend(path.join(dir, 'srv'), [String(port)], port);
    }, 120000);
    afterAll(async () => {
      await backend?.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    test('plain GET and POST are served with every hard-coded pair (a net/http handler never upgrades by itself)', async () => {
      expect(await measure(backend)).toEqual(ALL_SERVED);
    }, 60000);
  });

  describe("Node's http server without a WebSocket server attached", () => {
    let backend: Backend;
    beforeAll(async () => {
      backend = await nodeBackend();
    });
    afterAll(async () => backend?.stop());

    // With no 'upgrade' listener Node serves an upgrade request as a plain one; the 400 of
    // hardcoded-upgrade-headers.test.ts comes from a WebSocket server attached to it (ws).
    test('plain GET and POST are served with every hard-coded pair when no WebSocket server is attached', async () => {
      expect(await measure(backend)).toEqual(ALL_SERVED);
    }, 60000);
  });
});

