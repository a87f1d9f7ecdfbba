/**
 * Module identity. httpd's `<IfModule>` accepts a module by its identifier (`proxy_module`, the
 * symbol LoadModule names) or by its source file name (`mod_proxy.c`, the `name` field of the
 * module struct). Most modules follow `X_module` ⇔ `mod_X.c`; the exceptions are listed.
 */
import * as path from 'node:path';

const FILE_BY_ID: Record<string, string> = {
  core_module: 'core.c',
  http_module: 'http_core.c',
  mpm_event_module: 'event.c',
  mpm_worker_module: 'worker.c',
  mpm_prefork_module: 'prefork.c',
  mpm_winnt_module: 'mpm_winnt.c',
  so_module: 'mod_so.c',
};

/** Compiled into Debian's apache2 (`apache2 -l`): always present, never in a LoadModule. */
export const BUILTIN_MODULES = ['core_module', 'so_module', 'watchdog_module', 'http_module', 'log_config_module', 'logio_module', 'version_module', 'unixd_module'];

export function sourceFileOf(id: string): string {
  const known = FILE_BY_ID[id];
  if (known) return known;
  return `mod_${id.replace(/_module$/, '')}.c`;
}

/** `mod_proxy_wstunnel.so` → `mod_proxy_wstunnel.c` (how the module names itself). */
export function sourceFileFromPath(p: string): string | null {
  const base = path.basename(p);
  const m = /^(.*)\.(so|dll)$/i.exec(base);
  return m ? `${m[1]}.c` : null;
}

/**
 * The short name LogLevel and error messages use: `proxy_wstunnel_module` → `proxy_wstunnel`,
 * `mod_proxy_wstunnel.c` → `proxy_wstunnel`.
 */
export function shortName(idOrFile: string): string {
  return idOrFile.replace(/_module$/, '').replace(/^mod_/, '').replace(/\.c$/, '');
}
