/**
 * Squid runner: `squid -N -f FILE` (no daemon, no SMP kids). Squid drops to
 * `cache_effective_user` (Debian: proxy) before writing its logs and pid, so the prefix is
 * chowned to that user. Configs set pid_filename, cache_log, access_log stdio:…, coredump_dir
 * under @PREFIX@, no cache_dir, `shutdown_lifetime 0 seconds` and `pinger_enable off`.
 * Even so Squid takes ~2 s to exit on SIGTERM; a second SIGTERM 100 ms later halves that.
 */
import * as fs from 'node:fs';
import { launch, prepare, removePrefix, runCheck, type Prepared, type ServerRunner } from './server-process';

const BINARY = '/usr/sbin/squid';

function userIds(name: string): { uid: number; gid: number } | undefined {
  try {
    for (const line of fs.readFileSync('/etc/passwd', 'utf8').split('\n')) {
      const f = line.split(':');
      if (f[0] === name) return { uid: Number(f[2]), gid: Number(f[3]) };
    }
  } catch {
    /* no passwd */
  }
  return undefined;
}

/** Gives the prefix (and everything in it) to the user Squid will run as. */
function handOver(prepared: Prepared): void {
  if (process.getuid?.() !== 0) return;
  const user = /^\s*cache_effective_user\s+(\S+)/m.exec(prepared.config)?.[1] ?? 'proxy';
  const ids = userIds(user);
  if (!ids) return;
  fs.chownSync(prepared.prefix, ids.uid, ids.gid);
  for (const f of fs.readdirSync(prepared.prefix)) fs.chownSync(`${prepared.prefix}/${f}`, ids.uid, ids.gid);
}

export const squid: ServerRunner = {
  name: 'squid',
  binary: BINARY,
  packageName: 'squid',
  mode: 'forward',
  async start(configText, options = {}) {
    const prepared = await prepare('squid', configText, 'squid.conf', options);
    handOver(prepared);
    return launch({
      name: 'squid',
      prepared,
      command: BINARY,
      args: ['-N', '-f', prepared.configFile],
      secondTermAfterMs: 100,
      readyTimeoutMs: options.readyTimeoutMs,
    });
  },
  async check(configText, options = {}) {
    // A syntax check needs no backend: @BACKEND_PORT@ defaults to 9 (discard).
    const prepared = await prepare('squid', configText, 'squid.conf', { ...options, backendPort: options.backendPort ?? 9 });
    handOver(prepared);
    try {
      const r = await runCheck(BINARY, ['-k', 'parse', '-f', prepared.configFile]);
      return { ...r, config: prepared.config };
    } finally {
      removePrefix(prepared.prefix);
    }
  },
};

export const startSquid = squid.start;
export const checkSquid = squid.check;
