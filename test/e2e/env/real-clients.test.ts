/**
 * The engine against the real clients: every case of cases.ts runs through curl, wget, Go
 * net/http, Node's built-in client, undici, proxy-from-env (2.x and 1.x), requests and httpx,
 * each pointed at a recording HTTP/CONNECT proxy of its own on 127.0.0.1. "The recording proxy
 * saw a connection" versus "it did not" is the ground truth; decideProxy() (and so
 * `proxylint env explain`) must predict it for every client on every case.
 *
 * Nothing leaves the machine: names are under .invalid and each client's own resolver option
 * (curl --resolve, getaddrinfo/lookup/dial hooks) maps them to the direct-target listener on
 * 127.0.0.23; addresses are in 127.0.0.0/8. wget has no resolver option: its direct requests
 * end at name resolution of a .invalid name.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { decideProxy } from '../../../src/env';
import { REPO_ROOT } from '../../support/paths';
import { REAL_CASES, type RealCase } from './cases';

const DRIVERS = path.join(REPO_ROOT, 'test', 'e2e', 'env', 'drivers');
const PY = '/usr/bin/python3';

interface Outcome {
  saw: boolean;
  out: string;
}

function run(cmd: string, args: string[], env: Record<string, string>, timeoutMs = 20000): Promise<string> {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    const t = setTimeout(() => p.kill('SIGKILL'), timeoutMs);
    p.on('close', () => {
      clearTimeout(t);
      resolve(out);
    });
    p.on('error', (e) => resolve(`spawn error: ${e.message}`));
  });
}

function have(bin: string, args: string[]): boolean {
  return spawnSync(bin, args, { stdio: 'ignore' }).status === 0;
}

function versionOf(bin: string, args: string[], re: RegExp): string {
  const m = re.exec(spawnSync(bin, args, { encoding: 'utf8' }).stdout ?? '');
  return m ? m[1] : '';
}

const BASE_ENV = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: os.tmpdir(), LANG: 'C' };

interface Client {
  /** The engine's client spec (`node@20.20.2`). */
  spec: string;
  /** Missing tool → why, with the package that provides it. */
  missing?: string;
  /** Run every case; resolves when all are done. `only(case)` says which cases. */
  runAll(cases: Resolved[]): Promise<Map<string, string>>;
}

interface Resolved extends RealCase {
  port: number;
}

let DIRECT_PORT = 0;
const proxies = new Map<number, { caseId: string; hits: string[] }>();
let current = '';
const servers: net.Server[] = [];
const directHits: string[] = [];
const timings: string[] = [];

function listen(host: string, onConn: (s: net.Socket) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer(onConn);
    srv.on('error', reject);
    srv.listen(0, host, () => resolve((srv.address() as net.AddressInfo).port));
    servers.push(srv);
  });
}

/** The recording proxy: notes who connected, answers GET with 200, CONNECT with 403, others close. */
function recordingProxy(caseId: string): Promise<number> {
  let port = 0;
  const p = listen('127.0.0.1', (s) => {
    s.on('error', () => {});
    s.once('data', (d) => {
      const first = d[0] === 5 || d[0] === 4 ? 'SOCKS' : d[0] === 0x16 ? 'TLS' : d.toString('latin1').split('\r\n')[0];
      proxies.get(port)?.hits.push(`${current}: ${first}`);
      if (/^GET /.test(first)) s.end('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok');
      else if (/^CONNECT /.test(first)) s.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      else s.destroy();
    });
  });
  return p.then((n) => {
    port = n;
    proxies.set(port, { caseId, hits: [] });
    return n;
  });
}

function subst(s: string, c: { port: number }): string {
  return s.replace(/\$P/g, `http://127.0.0.1:${c.port}`).replace(/\$H/g, `127.0.0.1:${c.port}`).replace(/\$D/g, String(DIRECT_PORT));
}

function resolvedEnv(c: Resolved): Record<string, string> {
  return Object.fromEntries(Object.entries(c.env).map(([k, v]) => [k, subst(v, c)]));
}

/** A case restricted to some clients (ws://, wss://) runs only on those. */
function runsCase(spec: string, c: RealCase): boolean {
  return !c.clients || c.clients.includes(spec.slice(0, spec.indexOf('@') > 0 ? spec.indexOf('@') : undefined));
}

/** The engine's verdict as the ground truth measures it: this case's recording proxy, and no refusal. */
function predictsProxy(d: ReturnType<typeof decideProxy>, c: Resolved): boolean {
  if (d.via !== 'proxy' || d.error || !d.proxy) return false;
  try {
    return new URL(d.proxy).host === `127.0.0.1:${c.port}`;
  } catch {
    return false;
  }
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'proxylint-env-e2e-'));

function perCase(spec: string, missing: string | undefined, one: (c: Resolved, url: string, env: Record<string, string>) => Promise<string>): Client {
  return {
    spec,
    missing,
    async runAll(cases) {
      const out = new Map<string, string>();
      for (const c of cases) out.set(c.id, await one(c, subst(c.url, c), { ...BASE_ENV, ...resolvedEnv(c) }));
      return out;
    },
  };
}

function batch(spec: string, missing: string | undefined, cmd: string, args: (file: string) => string[], extraEnv: Record<string, string> = {}): Client {
  return {
    spec,
    missing,
    async runAll(cases) {
      const file = path.join(tmp, `${spec.replace(/[^\w.-]/g, '_')}.json`);
      fs.writeFileSync(file, JSON.stringify(cases.map((c) => ({ id: c.id, url: subst(c.url, c), env: resolvedEnv(c) }))));
      const text = await run(cmd, args(file), { ...BASE_ENV, ...extraEnv }, 60000);
      const out = new Map<string, string>();
      for (const line of text.split('\n')) {
        try {
          const r = JSON.parse(line) as { id: string; out: string };
          out.set(r.id, r.out);
        } catch {
          /* non-JSON noise (warnings) */
        }
      }
      if (out.size !== cases.length) throw new Error(`${spec} answered ${out.size}/${cases.length} cases:\n${text.slice(0, 2000)}`);
      return out;
    },
  };
}

const hasCurl = have('curl', ['--version']);
const hasWget = have('wget', ['--version']);
const hasGo = have('go', ['version']);
const hasRequests = have(PY, ['-c', 'import requests']);
const hasHttpx = have(PY, ['-c', 'import httpx']);
const goBin = path.join(tmp, 'go_client');
const NODE_MODULES = path.join(REPO_ROOT, 'node_modules');
const pkgVersion = (name: string) => (JSON.parse(fs.readFileSync(path.join(NODE_MODULES, name, 'package.json'), 'utf8')) as { version: string }).version;

const CLIENTS: Client[] = [
  perCase(`curl@${versionOf('curl', ['--version'], /^curl (\S+)/)}`, hasCurl ? undefined : 'curl missing: apt-get install curl', (c, url, env) => {
    const u = new URL(url);
    const args = ['-q', '-s', '-S', '-m', '3', '-o', '/dev/null', '-k'];
    if (u.hostname.endsWith('.invalid')) args.push('--resolve', `${u.hostname}:${u.port}:127.0.0.23`);
    return run('curl', [...args, url], env);
  }),
  perCase(`wget@${versionOf('wget', ['--version'], /^GNU Wget (\S+)/)}`, hasWget ? undefined : 'wget missing: apt-get install wget', (c, url, env) =>
    run('wget', ['--no-config', '--no-hsts', '-q', '-t', '1', '-T', '3', '--no-check-certificate', '-O', '/dev/null', url], env),
  ),
  perCase(`go@${versionOf('go', ['version'], /go(\d+\.\d+(?:\.\d+)?)/)}`, hasGo ? undefined : 'go missing: apt-get install golang-go', (c, url, env) => run(goBin, [url], env)),
  perCase(`node@${process.versions.node}`, undefined, (c, url, env) =>
    run(process.execPath, [path.join(DRIVERS, 'node_client.js'), 'builtin', url], { ...env, NODE_USE_ENV_PROXY: '1' }),
  ),
  batch(`undici@${pkgVersion('undici')}`, undefined, process.execPath, (f) => [path.join(DRIVERS, 'node_client.js'), 'undici', f], { NODE_PATH: NODE_MODULES }),
  batch(`proxy-from-env@${pkgVersion('proxy-from-env')}`, undefined, process.execPath, (f) => [path.join(DRIVERS, 'node_client.js'), 'pfe', f], { NODE_PATH: NODE_MODULES }),
  batch(`proxy-from-env@${pkgVersion('proxy-from-env-1')}`, undefined, process.execPath, (f) => [path.join(DRIVERS, 'node_client.js'), 'pfe1', f], { NODE_PATH: NODE_MODULES }),
  batch(`python-requests@${versionOf(PY, ['-c', 'import requests; print(requests.__version__)'], /(\S+)/)}`, hasRequests ? undefined : 'requests missing: apt-get install python3-requests', PY, (f) => [path.join(DRIVERS, 'py_client.py'), 'requests', f]),
  batch(`httpx@${versionOf(PY, ['-c', 'import httpx; print(httpx.__version__)'], /(\S+)/)}`, hasHttpx ? undefined : 'httpx missing: apt-get install python3-httpx', PY, (f) => [path.join(DRIVERS, 'py_client.py'), 'httpx', f]),
];

const available = CLIENTS.filter((c) => !c.missing);
for (const c of CLIENTS.filter((x) => x.missing)) {
  if (process.env.CI !== 'true') console.warn(`NOTICE: ${c.missing}; skipping ${c.spec} in the real-client table`);
}

const results = new Map<string, Map<string, Outcome>>(); // spec → case id → outcome
let resolved: Resolved[] = [];

beforeAll(async () => {
  DIRECT_PORT = await listen('127.0.0.23', (s) => {
    s.on('error', () => {});
    s.once('data', (d) => {
      directHits.push(`${current}: ${d.toString('latin1').split('\r\n')[0]}`);
      if (/^[A-Z]+ /.test(d.toString('latin1'))) s.end('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok');
      else s.destroy();
    });
  });
  if (hasGo) {
    const gotmp = path.join(tmp, 'go');
    const r = spawnSync('go', ['build', '-o', goBin, path.join(DRIVERS, 'go_client.go')], {
      env: { ...BASE_ENV, GOCACHE: path.join(os.tmpdir(), 'proxylint-e2e-gocache'), GOPATH: path.join(gotmp, 'path'), GOFLAGS: '-mod=mod', GOPROXY: 'off', GO111MODULE: 'off', CGO_ENABLED: '0' },
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`go build failed: ${r.stderr}`);
  }
  // One recording proxy per case, shared by the clients, which run one after another: a hit is
  // tagged with the client running at the time.
  for (const c of REAL_CASES) resolved.push({ ...c, port: await recordingProxy(c.id) });
  const cases = resolved;
  for (const client of available) {
    current = client.spec;
    const t0 = Date.now();
    const mine = cases.filter((c) => runsCase(client.spec, c));
    const outs = await client.runAll(mine);
    timings.push(`${client.spec} ${Date.now() - t0} ms`);
    const byCase = new Map<string, Outcome>();
    for (const c of mine) byCase.set(c.id, { saw: proxies.get(c.port)!.hits.some((h) => h.startsWith(`${client.spec}: `)), out: outs.get(c.id) ?? '' });
    results.set(client.spec, byCase);
  }
}, 120000);

afterAll(() => {
  if (process.env.PROXYLINT_E2E_TIMING) console.log(timings.join("\n"));
  for (const s of servers) s.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('real clients through a recording proxy on 127.0.0.1', () => {
  test('the table is big enough to mean something', () => {
    expect(REAL_CASES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(REAL_CASES.map((c) => c.id)).size).toBe(REAL_CASES.length);
  });

  if (process.env.CI === 'true') {
    test.each(CLIENTS.map((c) => [c.spec, c.missing ?? '']))('%s is installed', (_spec, missing) => {
      expect(missing).toBe('');
    });
  }

  test.each(available.map((c) => [c.spec]))('%s: decideProxy agrees on every case', (spec) => {
    const byCase = results.get(spec)!;
    const disagreements: string[] = [];
    for (const c of resolved) {
      if (!runsCase(spec, c)) continue;
      const outcome = byCase.get(c.id)!;
      const d = decideProxy(subst(c.url, c), resolvedEnv(c), spec);
      if (predictsProxy(d, c) !== outcome.saw) {
        disagreements.push(`${c.id} (${c.note}): client ${outcome.saw ? 'used the proxy' : 'did not use the proxy'}; engine said ${d.via}${d.error ? ` (error: ${d.error})` : ''}: ${d.reason} [client output: ${outcome.out.trim().slice(0, 160)}]`);
      }
    }
    expect(disagreements).toEqual([]);
  });

  test('`proxylint env explain` says what decideProxy says, for every case and client', () => {
    const wrong: string[] = [];
    for (const c of resolved) {
      const specs = available.map((x) => x.spec).filter((s) => runsCase(s, c));
      const url = subst(c.url, c);
      const env = resolvedEnv(c);
      const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'proxylint.js'), 'env', 'explain', url, ...specs.flatMap((s) => ['--as', s]), '--format', 'json'], {
        env: { ...BASE_ENV, ...env },
        encoding: 'utf8',
      });
      if (r.status !== 0) {
        wrong.push(`${c.id}: exit ${r.status}: ${r.stderr}`);
        continue;
      }
      const got = (JSON.parse(r.stdout) as { decisions: ReturnType<typeof decideProxy>[] }).decisions;
      specs.forEach((s, i) => {
        const want = decideProxy(url, env, s);
        if (got[i]?.via !== want.via || got[i]?.proxy !== want.proxy || got[i]?.reason !== want.reason) wrong.push(`${c.id} ${s}: explain ${JSON.stringify(got[i])} vs ${JSON.stringify(want)}`);
      });
    }
    expect(wrong).toEqual([]);
  });

  // The split env/websocket-proxy reports, observed (not predicted): undici's WebSocket reads
  // HTTPS_PROXY/HTTP_PROXY, proxy-from-env WSS_PROXY/WS_PROXY.
  test.each([
    ['ws-wss-https-only', { undici: true, 'proxy-from-env': false }],
    ['ws-wss-proxy-only', { undici: false, 'proxy-from-env': true }],
    ['ws-ws-http-only', { undici: true, 'proxy-from-env': false }],
    ['ws-ws-proxy-only', { undici: false, 'proxy-from-env': true }],
  ])('%s: who used the proxy', (id, want) => {
    const got: Record<string, boolean> = {};
    for (const c of available) {
      const name = c.spec.slice(0, c.spec.indexOf('@'));
      const o = results.get(c.spec)?.get(id);
      if (o && name in want) got[name] = (got[name] ?? o.saw) && o.saw;
    }
    expect(got).toEqual(want);
  });

  test('direct requests arrived at the 127.0.0.23 listener (the resolver hooks work)', () => {
    expect(directHits.length).toBeGreaterThan(0);
  });
});
