/**
 * `${VAR}` in httpd config lines: replaced by a `Define`d value first, then by the process
 * environment, and left as written when neither defines it (httpd only warns, AH00111). On
 * Debian the environment comes from /etc/apache2/envvars, a shell script that apache2ctl sources;
 * we read its `export VAR=value` lines rather than run it.
 */

/** Parses `export VAR=value` and `VAR=value` lines; `$X`/`${X}` inside values expand as sh would. */
export function parseEnvvars(text: string): Map<string, string> {
  const shell = new Map<string, string>();
  const exported = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = /^(export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!m) continue;
    const value = shellValue(m[3], shell);
    shell.set(m[2], value);
    if (m[1]) exported.set(m[2], value);
  }
  // `export VAR` without a value exports an earlier assignment.
  for (const raw of text.split(/\r?\n/)) {
    const m = /^\s*export\s+([A-Za-z_][A-Za-z0-9_]*)\s*$/.exec(raw);
    if (m && shell.has(m[1])) exported.set(m[1], shell.get(m[1])!);
  }
  return exported;
}

/** A simple sh word: quotes removed, `$X`/`${X}` expanded (unset expands to nothing). */
function shellValue(v: string, vars: Map<string, string>): string {
  let s = v.replace(/\s+#.*$/, '').trim();
  if ((s.startsWith('"') && s.endsWith('"')) || (s.startsWith("'") && s.endsWith("'"))) {
    if (s[0] === "'") return s.slice(1, -1);
    s = s.slice(1, -1);
  }
  return s.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_m, a: string, b: string) => vars.get(a ?? b) ?? '');
}

export interface VariableScope {
  defines: Map<string, string | true>;
  env: Map<string, string>;
}

/** ap_resolve_env: `${NAME}` from Define, then the environment; undefined stays as written. */
export function expandVariables(s: string, scope: VariableScope): string {
  if (s.indexOf('${') === -1) return s;
  return s.replace(/\$\{([^}]+)\}/g, (whole, name: string) => {
    const d = scope.defines.get(name);
    if (typeof d === 'string') return d;
    const e = scope.env.get(name);
    return e !== undefined ? e : whole;
  });
}
