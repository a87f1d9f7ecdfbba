/**
 * Apache httpd runner: `apache2 -d PREFIX -f FILE -DFOREGROUND`, with the APACHE_* variables
 * Debian's apache2.conf expects pointed into the prefix (so stock-style configs work too).
 * Configs load Debian's modules from /usr/lib/apache2/modules themselves (LoadModule), and set
 * User/Group (the parent runs as root; children may not), PidFile, ErrorLog,
 * DefaultRuntimeDir and Mutex under @PREFIX@.
 */
import { launch, prepare, removePrefix, runCheck, type ServerRunner } from './server-process';

const BINARY = '/usr/sbin/apache2';

/** The environment apache2 needs to run from a private prefix (Debian's envvars, pointed there). */
export function apacheEnv(prefix: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    APACHE_RUN_USER: 'www-data',
    APACHE_RUN_GROUP: 'www-data',
    APACHE_PID_FILE: `${prefix}/apache2.pid`,
    APACHE_RUN_DIR: prefix,
    APACHE_LOCK_DIR: prefix,
    APACHE_LOG_DIR: prefix,
    LANG: 'C',
  };
}

export const apache: ServerRunner = {
  name: 'apache',
  binary: BINARY,
  packageName: 'apache2',
  mode: 'reverse',
  async start(configText, options = {}) {
    const prepared = await prepare('apache', configText, 'httpd.conf', options);
    return launch({
      name: 'apache',
      prepared,
      command: BINARY,
      args: ['-d', prepared.prefix, '-f', prepared.configFile, '-DFOREGROUND'],
      env: apacheEnv(prepared.prefix),
      readyTimeoutMs: options.readyTimeoutMs,
    });
  },
  async check(configText, options = {}) {
    // A syntax check needs no backend: @BACKEND_PORT@ defaults to 9 (discard).
    const prepared = await prepare('apache', configText, 'httpd.conf', { ...options, backendPort: options.backendPort ?? 9 });
    try {
      const r = await runCheck(BINARY, ['-t', '-d', prepared.prefix, '-f', prepared.configFile], apacheEnv(prepared.prefix));
      return { ...r, config: prepared.config };
    } finally {
      removePrefix(prepared.prefix);
    }
  },
};

export const startApache = apache.start;
export const checkApache = apache.check;
