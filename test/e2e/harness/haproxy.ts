/**
 * HAProxy runner: `haproxy -db -f FILE` (foreground, no daemon). As root it needs nothing
 * special: configs just leave out `user`, `group`, `chroot`, `daemon` and the stats socket, and
 * may log with `log stdout format raw local0` (visible in logs() as stdout).
 */
import { launch, prepare, removePrefix, runCheck, type ServerRunner } from './server-process';

const BINARY = '/usr/sbin/haproxy';

export const haproxy: ServerRunner = {
  name: 'haproxy',
  binary: BINARY,
  packageName: 'haproxy',
  mode: 'reverse',
  async start(configText, options = {}) {
    const prepared = await prepare('haproxy', configText, 'haproxy.cfg', options);
    return launch({
      name: 'haproxy',
      prepared,
      command: BINARY,
      args: ['-db', '-f', prepared.configFile],
      readyTimeoutMs: options.readyTimeoutMs,
    });
  },
  async check(configText, options = {}) {
    // A syntax check needs no backend: @BACKEND_PORT@ defaults to 9 (discard).
    const prepared = await prepare('haproxy', configText, 'haproxy.cfg', { ...options, backendPort: options.backendPort ?? 9 });
    try {
      const r = await runCheck(BINARY, ['-c', '-f', prepared.configFile]);
      return { ...r, config: prepared.config };
    } finally {
      removePrefix(prepared.prefix);
    }
  },
};

export const startHaproxy = haproxy.start;
export const checkHaproxy = haproxy.check;
