/**
 * What hard-coded upgrade headers and an HTTP/1.0 handshake do on real backends behind the real
 * nginx (issue 8, item 2): Python aiohttp (Debian's python3-aiohttp) and Tornado (python3-tornado),
 * Go net/http (a stdlib-only server compiled here) and net/http + gorilla/websocket (Debian's
 * golang-github-gorilla-websocket-dev), and Node's http server without a WebSocket server, with
 * `ws` attached (with and without its `path` option), with `ws` in noServer mode behind an
 * upgrade listener that checks the path, and with Socket.IO attached. Each backend answers plain
 * requests on every path (GET, and POST echoing its body length) and, where it has one, WebSockets
 * on its own path only. The measured table is the one in
 * rules/nginx/hardcoded-upgrade-headers/README.md and in the backend table of
 * src/core/websocket/README.md; nginx/hardcoded-upgrade-headers and nginx/proxy-http-version
 * take their severities from it.
 *
 * Locally a missing Debian package skips its block with a NOTICE; under CI=true (where .ci/run
 * installs them) it fails.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { Server as SocketIoServer } from 'socket.io';
import { WebSocketServer } from 'ws';
import type { ServerFamily } from '../../../../src/core/websocket/apps';
import { PLAIN_HANDSHAKE } from '../../../../src/core/websocket/server-families';
import { describeWithServer, freePort, handshake, isListening, nginx, nginxMainConfig, withServer } from '../../harness';

const PYTHON = '/usr/bin/python3';
const GO = '/usr/bin/go';
/** Where Debian's golang-*-dev packages put their sources (GOPATH mode). */
const DEBIAN_GOPATH = '/usr/share/gocode';
const GORILLA = path.join(DEBIAN_GOPATH, 'src/github.com/gorilla/websocket');

/** The WebSocket path of the backends below that serve one beside their plain routes. */
const WS_PATH = '/socket';

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

/** Tornado: a WebSocketHandler on its route, a RequestHandler on every other path. */
const TORNADO_APP = `
import sys
import tornado.ioloop, tornado.web, tornado.websocket
class Plain(tornado.web.RequestHandler):
    def get(self, _):
        self.write("plain %s %d" % (self.request.method, len(self.request.body)))
    post = get
class Echo(tornado.websocket.WebSocketHandler):
    def check_origin(self, origin):
        return True
    def on_message(self, m):
        self.write_message(m)
app = tornado.web.Application([(r"${WS_PATH}", Echo), (r"/(.*)", Plain)])
app.listen(int(sys.argv[1]), address="127.0.0.1")
tornado.ioloop.IOLoop.current().start()
`;

/**
 * Starlette on uvicorn (Debian's python3-starlette, python3-uvicorn with python3-websockets): a
 * WebSocketRoute on its path, a plain Route on every other, as FastAPI apps are routed.
 */
const STARLETTE_APP = `
import sys, uvicorn
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route, WebSocketRoute
async def plain(req):
    body = await req.body()
    return PlainTextResponse("plain %s %d" % (req.method, len(body)))
async def echo(ws):
    await ws.accept()
    while True:
        await ws.send_text(await ws.receive_text())
app = Starlette(routes=[WebSocketRoute("${WS_PATH}", echo), Route("/{tail:path}", plain, methods=["GET", "POST"])])
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="critical")
`;

/**
 * Go net/http with gorilla/websocket's Upgrader in the handler of its path, the way Gotify, rttys
 * and Pterodactyl Wings (gin, whose router is net/http's Handler) serve WebSockets.
 */
const GORILLA_APP = `package main

import (
	"fmt"
	"io"
	"net/http"
	"os"

	"github.com/gorilla/websocket"
)

var upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}

func main() {
	http.HandleFunc("${WS_PATH}", func(w http.ResponseWriter, r *http.Request) {
		c, err := upgrader.Upgrade(w, r, nil)
		if err != nil {
			return
		}
		defer c.Close()
		for {
			t, m, err := c.ReadMessage()
			if err != nil {
				return
			}
			c.WriteMessage(t, m)
		}
	})
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
        // The body only for a 200 (the backend's "plain GET 0"); error pages differ by server.
        res.on('end', () => resolve(res.statusCode === 200 ? `200 ${text.trim().slice(0, 40)}` : String(res.statusCode)));
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

/** Node's http server answering plain requests; `attach` adds a WebSocket server to it. */
async function nodeBackend(attach: (server: http.Server) => void = () => {}): Promise<Backend> {
  const server = http.createServer((req, res) => {
    // Socket.IO answers its own path itself (its 'request' listener runs first).
    if (req.url?.startsWith('/socket.io/')) return;
    let n = 0;
    req.on('data', (c: Buffer) => (n += c.length));
    req.on('end', () => res.end(`plain ${req.method} ${n}`));
  });
  attach(server);
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const echo = (wss: WebSocketServer) => wss.on('connection', (ws) => ws.on('message', (m, binary) => ws.send(m, { binary })));

/** `ws` attached to the http server, as its README's first server example; `path` narrows it. */
const wsAttached = (wsPath?: string) => (server: http.Server) => echo(new WebSocketServer({ server, ...(wsPath ? { path: wsPath } : {}) }));

/**
 * `ws` in noServer mode behind an upgrade listener that checks the path and destroys the socket
 * otherwise: ws's README, "Multiple servers sharing a single HTTP/S server"
 * (https://github.com/websockets/ws/blob/8.23.0/README.md#multiple-servers-sharing-a-single-https-server).
 */
function wsNoServer(server: http.Server): void {
  const wss = new WebSocketServer({ noServer: true });
  echo(wss);
  server.on('upgrade', (req, socket, head) => {
    if (new URL(req.url ?? '/', 'http://localhost').pathname === WS_PATH) wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    else socket.destroy();
  });
}

/** Socket.IO 4 attached to the http server (its engine.io takes /socket.io/ and listens for every upgrade). */
function socketIo(server: http.Server): void {
  new SocketIoServer(server);
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

/** A 101 and echo through location / (the handshake a browser sends): the WebSocket server is really there. */
async function handshakeThroughRoot(backend: Backend, wsPath = WS_PATH, verifyEcho = true): Promise<{ status?: number; accepted: boolean; echoed?: boolean }> {
  const r = await withServer(nginx, nginxConfig(COMBOS['Upgrade "websocket" hard-coded']), { backendPort: backend.port }, (server) =>
    handshake({ port: server.port, path: wsPath, verifyEcho }),
  );
  return { status: r.status, accepted: r.accepted, ...(verifyEcho ? { echoed: r.echoed } : {}) };
}

/**
 * The measurement, after checking that server-families.ts (which the rule's severities follow)
 * says what was measured for both hard-coded: refused when a plain request failed, else served.
 */
function judged(family: ServerFamily, m: Record<Combo, { GET: string; POST: string }>): Record<Combo, { GET: string; POST: string }> {
  const both = m['both hard-coded'];
  const measured = both.GET.startsWith('200') && both.POST.startsWith('200') ? 'served' : 'refused';
  expect(`${family}: ${PLAIN_HANDSHAKE[family].outcome}`).toBe(`${family}: ${measured}`);
  return m;
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
const hasTornado = fs.existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import tornado.websocket'], { stdio: 'ignore' }).status === 0;
const hasGorilla = hasGo && fs.existsSync(GORILLA);
const hasStarlette = fs.existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import uvicorn, starlette, websockets'], { stdio: 'ignore' }).status === 0;

/** Builds a Go program in GOPATH mode, offline, caches inside dir; Debian's sources on GOPATH. */
function goBuild(dir: string, source: string): string {
  fs.writeFileSync(path.join(dir, 'main.go'), source);
  const env = { ...process.env, GO111MODULE: 'off', GOFLAGS: '', GOCACHE: path.join(dir, 'cache'), GOPATH: `${path.join(dir, 'gopath')}:${DEBIAN_GOPATH}`, CGO_ENABLED: '0' };
  const built = spawnSync(GO, ['build', '-o', path.join(dir, 'srv'), path.join(dir, 'main.go')], { env, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`go build failed: ${built.stderr}`);
  return path.join(dir, 'srv');
}

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
      expect(judged('aiohttp', await measure(backend))).toEqual(ALL_SERVED);
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
      const srv = goBuild(dir, GO_APP);
      const port = await freePort();
      backend = await spawnBackend(srv, [String(port)], port);
    }, 120000);
    afterAll(async () => {
      await backend?.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    test('plain GET and POST are served with every hard-coded pair (a net/http handler never upgrades by itself)', async () => {
      expect(judged('go', await measure(backend))).toEqual(ALL_SERVED);
    }, 60000);
  });

  describeWithTool(hasTornado, 'python3-tornado', 'Python Tornado (a WebSocketHandler on its route)', () => {
    let backend: Backend;
    let dir: string;
    beforeAll(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proxylint-tornado-'));
      fs.writeFileSync(path.join(dir, 'app.py'), TORNADO_APP);
      const port = await freePort();
      backend = await spawnBackend(PYTHON, [path.join(dir, 'app.py'), String(port)], port);
    }, 30000);
    afterAll(async () => {
      await backend?.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    test('its WebSocket route answers 101 and echoes through location /', async () => {
      expect(await handshakeThroughRoot(backend)).toEqual({ status: 101, accepted: true, echoed: true });
    }, 30000);

    test('plain GET and POST elsewhere are served with every hard-coded pair (only the handler on the route upgrades)', async () => {
      expect(judged('tornado', await measure(backend))).toEqual(ALL_SERVED);
    }, 60000);
  });

  describeWithTool(hasStarlette, 'python3-uvicorn python3-starlette python3-websockets', 'Starlette on uvicorn (a WebSocketRoute on its path)', () => {
    let backend: Backend;
    let dir: string;
    beforeAll(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proxylint-starlette-'));
      fs.writeFileSync(path.join(dir, 'app.py'), STARLETTE_APP);
      const port = await freePort();
      backend = await spawnBackend(PYTHON, [path.join(dir, 'app.py'), String(port)], port);
    }, 30000);
    afterAll(async () => {
      await backend?.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    test('its WebSocket route answers 101 and echoes through location /', async () => {
      expect(await handshakeThroughRoot(backend)).toEqual({ status: 101, accepted: true, echoed: true });
    }, 30000);

    // uvicorn 0.17.6's h11 protocol takes Connection: upgrade alone as an upgrade it cannot make
    // ("Unsupported upgrade request."), and with Upgrade: websocket hands the request to
    // websockets before the app routes it ("missing Sec-WebSocket-Key header").
    test('plain GET and POST are refused with Connection "upgrade" hard-coded, served with Upgrade alone', async () => {
      expect(judged('uvicorn', await measure(backend))).toEqual({
        'Connection "upgrade" hard-coded': { GET: '400', POST: '400' },
        'Upgrade "websocket" hard-coded': ALL_SERVED['Upgrade "websocket" hard-coded'],
        'both hard-coded': { GET: '400', POST: '400' },
      });
    }, 60000);
  });

  describeWithTool(hasGorilla, 'golang-github-gorilla-websocket-dev', 'Go net/http + gorilla/websocket (the Upgrader in its path\'s handler)', () => {
    let backend: Backend;
    let dir: string;
    beforeAll(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proxylint-gorilla-'));
      const srv = goBuild(dir, GORILLA_APP);
      const port = await freePort();
      backend = await spawnBackend(srv, [String(port)], port);
    }, 120000);
    afterAll(async () => {
      await backend?.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    test('its WebSocket route answers 101 and echoes through location /', async () => {
      expect(await handshakeThroughRoot(backend)).toEqual({ status: 101, accepted: true, echoed: true });
    }, 30000);

    test('plain GET and POST elsewhere are served with every hard-coded pair (the Upgrader runs only in its handler)', async () => {
      expect(judged('go', await measure(backend))).toEqual(ALL_SERVED);
    }, 60000);
  });

  // Node's http server hands a request to its 'upgrade' listeners instead of its 'request' ones
  // whenever it carries Upgrade; every WebSocket library below listens for all of them.
  // Upgrade alone (Connection: close from the map) stays a plain request: Node's parser needs the
  // Connection token too. ws answers 400 (no Sec-WebSocket-Key) or 405 (not a GET); the noServer
  // listener destroys the socket and engine.io ends it after destroyUpgradeTimeout: nginx's 502.
  describe.each([
    ['ws attached (no path: the echo backend of the other e2e tests)', wsAttached(), WS_PATH, 'ws', { GET: '400', POST: '405' }],
    [`ws attached with path: '${WS_PATH}'`, wsAttached(WS_PATH), WS_PATH, 'ws', { GET: '400', POST: '405' }],
    ['ws noServer behind an upgrade listener that checks the path', wsNoServer, WS_PATH, 'ws', { GET: '502', POST: '502' }],
    ['Socket.IO 4 attached', socketIo, '/socket.io/?EIO=4&transport=websocket', 'socket.io', { GET: '502', POST: '502' }],
  ] as const)("Node's http server with %s", (_name, attach, wsPath, library, refused) => {
    let backend: Backend;
    beforeAll(async () => {
      backend = await nodeBackend(attach);
    });
    afterAll(async () => backend?.stop());

    test('its WebSocket path answers 101 through location /', async () => {
      // Socket.IO speaks engine.io on the socket, not an echo.
      const echoes = library === 'ws';
      expect(await handshakeThroughRoot(backend, wsPath, echoes)).toEqual({ status: 101, accepted: true, ...(echoes ? { echoed: true } : {}) });
    }, 30000);

    test('plain GET and POST are refused with both hard-coded, served with either alone', async () => {
      expect(judged('node', await measure(backend))).toEqual({ ...ALL_SERVED, 'both hard-coded': refused });
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

