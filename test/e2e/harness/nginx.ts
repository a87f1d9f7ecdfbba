/**
 * nginx runner: `nginx -p PREFIX/ -c FILE -g 'daemon off;'` (no -g when the file says `daemon`).
 * Debian's build logs to stderr before the config is read and keeps temp paths in
 * /var/lib/nginx, so configs set `pid`, `error_log` and the five *_temp_path under @PREFIX@.
 */
import { launch, prepare, removePrefix, runCheck, type ServerRunner } from './server-process';

const BINARY = '/usr/sbin/nginx';

/**
 * A runnable main config around `httpLines` (each indented one level inside `http {}`): the pid,
 * error_log and *_temp_path lines this runner needs, always 11 lines, so a test's line numbers
 * start at 12.
 */
export function nginxMainConfig(...httpLines: string[]): string {
  return [
    'worker_processes 1;',
    'pid @PREFIX@/nginx.pid;',
    'error_log @PREFIX@/error.log;',
    'events { worker_connections 64; }',
    'http {',
    '    access_log @PREFIX@/access.log;',
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `    ${t}_temp_path @PREFIX@/${t};`),
    ...httpLines.map((l) => '    ' + l),
    '}',
    '',
  ].join('\n');
}

function args(prefix: string, configFile: string, config: string): string[] {
  const a = ['-p', `${prefix}/`, '-c', configFile];
  if (!/^\s*daemon\s/m.test(config)) a.push('-g', 'daemon off;');
  return a;
}

export const nginx: ServerRunner = {
  name: 'nginx',
  binary: BINARY,
  packageName: 'nginx',
  mode: 'reverse',
  async start(configText, options = {}) {
    const prepared = await prepare('nginx', configText, 'nginx.conf', options);
    return launch({
      name: 'nginx',
      prepared,
      command: BINARY,
      args: args(prepared.prefix, prepared.configFile, prepared.config),
      readyTimeoutMs: options.readyTimeoutMs,
    });
  },
  async check(configText, options = {}) {
    // A syntax check needs no backend: @BACKEND_PORT@ defaults to 9 (discard).
    const prepared = await prepare('nginx', configText, 'nginx.conf', { ...options, backendPort: options.backendPort ?? 9 });
    try {
      const r = await runCheck(BINARY, ['-t', ...args(prepared.prefix, prepared.configFile, prepared.config)]);
      return { ...r, config: prepared.config };
    } finally {
      removePrefix(prepared.prefix);
    }
  },
};

export const startNginx = nginx.start;
export const checkNginx = nginx.check;
