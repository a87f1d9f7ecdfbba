/**
 * What the four runners share: a fresh temp prefix, placeholder substitution, spawning the real
 * server in its own process group, waiting until it listens, collecting logs, killing it.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort, isListening } from './ports';

export type ServerName = 'nginx' | 'apache' | 'squid' | 'haproxy';

export interface StartOptions {
  /** Substituted for @BACKEND_PORT@ (usually the echo backend's port). */
  backendPort?: number;
  /** Extra files written into the prefix before start (name relative to the prefix), e.g. certs. */
  files?: Record<string, string | Buffer>;
  /** How long the server may take to listen. Default 10 000 ms. */
  readyTimeoutMs?: number;
}

export interface RunningServer {
  name: ServerName;
  /** The listen port substituted for @PORT@. */
  port: number;
  /** The temp dir substituted for @PREFIX@ (removed on stop). */
  prefix: string;
  configFile: string;
  /** The config text after substitution. */
  config: string;
  pid: number;
  /** stdout + stderr + every *.log file in the prefix, each under a `== name ==` heading. */
  logs(): string;
  /** One log file of the prefix ('stderr' and 'stdout' also work); '' if absent. */
  log(name: string): string;
  /** Kills the whole process group (TERM, then KILL) and removes the prefix. Idempotent. */
  stop(): Promise<void>;
}

export interface CheckResult {
  ok: boolean;
  /** stdout + stderr of the server's own syntax check. */
  output: string;
  /** The config text after substitution. */
  config: string;
}

export interface ServerRunner {
  name: ServerName;
  /** The binary, e.g. '/usr/sbin/nginx'. */
  binary: string;
  /** Debian package that provides it. */
  packageName: string;
  /** 'reverse': clients talk to it as the origin; 'forward': clients address it as a proxy. */
  mode: 'reverse' | 'forward';
  start(configText: string, options?: StartOptions): Promise<RunningServer>;
  /** The server's own syntax check. @BACKEND_PORT@ defaults to 9 here (no backend needed). */
  check(configText: string, options?: Omit<StartOptions, 'readyTimeoutMs'>): Promise<CheckResult>;
}

export interface Placeholders {
  port: number;
  backendPort?: number;
  prefix: string;
}

/** Replaces @PORT@, @BACKEND_PORT@ and @PREFIX@; throws on any other @NAME@ left over. */
export function substitute(text: string, p: Placeholders): string {
  const out = text.replace(/@(PORT|BACKEND_PORT|PREFIX)@/g, (_m, name: string) => {
    if (name === 'PORT') return String(p.port);
    if (name === 'PREFIX') return p.prefix;
    if (p.backendPort === undefined) throw new Error('config uses @BACKEND_PORT@ but no backendPort was given');
    return String(p.backendPort);
  });
  const left = /@[A-Z_]+@/.exec(out);
  if (left) throw new Error(`unknown placeholder ${left[0]} in config`);
  return out;
}

export interface Prepared extends Placeholders {
  configFile: string;
  config: string;
}

/** Makes a fresh prefix (mode 0755), writes extra files and the substituted config into it. */
export async function prepare(
  name: ServerName,
  configText: string,
  configName: string,
  options: Omit<StartOptions, 'readyTimeoutMs'> = {},
): Promise<Prepared> {
  const prefix = fs.mkdtempSync(path.join(os.tmpdir(), `proxylint-e2e-${name}-`));
  fs.chmodSync(prefix, 0o755);
  const port = await freePort();
  for (const [file, content] of Object.entries(options.files ?? {})) {
    fs.writeFileSync(path.join(prefix, file), content);
  }
  const config = substitute(configText, { port, backendPort: options.backendPort, prefix });
  const configFile = path.join(prefix, configName);
  fs.writeFileSync(configFile, config);
  return { prefix, port, backendPort: options.backendPort, configFile, config };
}

export function removePrefix(prefix: string): void {
  if (process.env.PROXYLINT_E2E_KEEP) return;
  fs.rmSync(prefix, { recursive: true, force: true });
}

/** Runs a syntax check command (bounded by timeoutMs) and returns its exit status and output. */
export function runCheck(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  timeoutMs = 15_000,
): Promise<{ ok: boolean; output: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { env, timeout: timeoutMs, killSignal: 'SIGKILL' }, (err, stdout, stderr) => {
      resolve({ ok: !err, output: `${stdout}${stderr}`.trim() + (err && !('code' in err) ? `\n${err.message}` : '') });
    });
  });
}

const live = new Set<number>();
process.once('exit', () => {
  for (const pid of live) killGroup(pid, 'SIGKILL');
});

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    /* already gone */
  }
}

function readLogs(prefix: string, streams: { stdout: string; stderr: string }): Map<string, string> {
  const out = new Map<string, string>([
    ['stdout', streams.stdout],
    ['stderr', streams.stderr],
  ]);
  let names: string[] = [];
  try {
    names = fs.readdirSync(prefix).filter((n) => n.endsWith('.log')).sort();
  } catch {
    /* prefix removed */
  }
  for (const n of names) {
    try {
      out.set(n, fs.readFileSync(path.join(prefix, n), 'utf8'));
    } catch {
      /* unreadable */
    }
  }
  return out;
}

function formatLogs(logs: Map<string, string>): string {
  return [...logs]
    .filter(([, text]) => text.length > 0)
    .map(([n, text]) => `== ${n} ==\n${text.trimEnd()}`)
    .join('\n');
}

function exited(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

export interface LaunchSpec {
  name: ServerName;
  prepared: Prepared;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  readyTimeoutMs?: number;
  /** Port to wait for; default the prepared @PORT@. */
  waitPort?: number;
  /** Send a second SIGTERM this many ms after the first (Squid then skips its ~2 s shutdown). */
  secondTermAfterMs?: number;
}

/** Spawns the server in its own process group and resolves once its port accepts connections. */
export async function launch(spec: LaunchSpec): Promise<RunningServer> {
  const { prepared } = spec;
  const streams = { stdout: '', stderr: '' };
  const child = spawn(spec.command, spec.args, {
    cwd: prepared.prefix,
    env: spec.env ?? process.env,
    detached: true, // own process group: stop() kills workers and helpers too
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${spec.name}: could not spawn ${spec.command}`);
  live.add(pid);
  child.stdout!.on('data', (d: Buffer) => (streams.stdout += d.toString('utf8')));
  child.stderr!.on('data', (d: Buffer) => (streams.stderr += d.toString('utf8')));
  let spawnError: Error | undefined;
  child.on('error', (e) => (spawnError = e));

  let snapshot: Map<string, string> | undefined;
  let stopping: Promise<void> | undefined;
  const current = () => snapshot ?? readLogs(prepared.prefix, streams);
  const server: RunningServer = {
    name: spec.name,
    port: prepared.port,
    prefix: prepared.prefix,
    configFile: prepared.configFile,
    config: prepared.config,
    pid,
    logs: () => formatLogs(current()),
    log: (n) => current().get(n) ?? '',
    stop: () =>
      (stopping ??= (async () => {
        killGroup(pid, 'SIGTERM');
        if (spec.secondTermAfterMs !== undefined && !(await exited(child, spec.secondTermAfterMs))) {
          killGroup(pid, 'SIGTERM');
        }
        if (!(await exited(child, 3000))) {
          killGroup(pid, 'SIGKILL');
          await exited(child, 2000);
        }
        killGroup(pid, 'SIGKILL'); // stragglers (workers, helpers) of the group
        live.delete(pid);
        snapshot = readLogs(prepared.prefix, streams);
        removePrefix(prepared.prefix);
      })()),
  };

  const deadline = Date.now() + (spec.readyTimeoutMs ?? 10_000);
  const port = spec.waitPort ?? prepared.port;
  for (;;) {
    if (spawnError || child.exitCode !== null || child.signalCode !== null) {
      await server.stop();
      throw new Error(
        `${spec.name} exited before listening on ${port} (${spawnError?.message ?? `code ${child.exitCode}, signal ${child.signalCode}`})\n` +
          `command: ${spec.command} ${spec.args.join(' ')}\n${server.logs()}`,
      );
    }
    if (await isListening(port, '127.0.0.1', 200)) return server;
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(
        `${spec.name} did not listen on 127.0.0.1:${port} within ${spec.readyTimeoutMs ?? 10_000} ms\n` +
          `command: ${spec.command} ${spec.args.join(' ')}\n${server.logs()}`,
      );
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
