/** Apache test configs' LoadModule lines, as Debian's mods-available/*.load write them. */
export const loadModule = (name: string): string => `LoadModule ${name}_module /usr/lib/apache2/modules/mod_${name}.so\n`;

/** mod_proxy + mod_proxy_http: what a ProxyPass to http:// (and, since 2.4.47, ws://) needs. */
export const MODS = loadModule('proxy') + loadModule('proxy_http');
export const WST = loadModule('proxy_wstunnel');
export const RW = loadModule('rewrite');
