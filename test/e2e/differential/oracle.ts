/**
 * The four checkers as oracle: how each is run in a private prefix (as the e2e runners in
 * ../harness do), how its first error is read from its output, and which of its errors are
 * syntax (proxylint's parser must report them as fatal) and which are semantic (a finding of a
 * rule, or nothing: the config does not say enough, or the module is not loaded).
 */
import type { DialectName } from '../../../src/core/ast';

export interface Verdict {
  kind: 'accept' | 'syntax' | 'semantic' | 'unclassified';
  /** The checker's first error, as it printed it (file names and line numbers removed). */
  message?: string;
  /** The line the checker named, when it names one. */
  line?: number;
  /** For 'semantic': which known, explained divergence. */
  reason?: string;
}

export function checkerCommand(dialect: DialectName, prefix: string, file: string): { command: string; args: string[]; env?: NodeJS.ProcessEnv } {
  switch (dialect) {
    case 'nginx':
      return { command: '/usr/sbin/nginx', args: ['-t', '-q', '-p', `${prefix}/`, '-c', file, '-g', 'daemon off;'] };
    case 'apache':
      return {
        command: '/usr/sbin/apache2',
        args: ['-t', '-d', prefix, '-f', file],
        env: {
          ...process.env,
          APACHE_RUN_USER: 'www-data',
          APACHE_RUN_GROUP: 'www-data',
          APACHE_PID_FILE: `${prefix}/apache2.pid`,
          APACHE_RUN_DIR: prefix,
          APACHE_LOCK_DIR: prefix,
          APACHE_LOG_DIR: prefix,
          LANG: 'C',
        },
      };
    case 'squid':
      return { command: '/usr/sbin/squid', args: ['-k', 'parse', '-f', file] };
    case 'haproxy':
      return { command: '/usr/sbin/haproxy', args: ['-c', '-f', file] };
  }
}

/** The checker's first error: [message, line]. */
function firstError(dialect: DialectName, output: string): [string, number | undefined] {
  let m: RegExpExecArray | null;
  switch (dialect) {
    case 'nginx':
      m = /\[emerg\] (?:\d+#\d+: )?(.*?)(?: in \S+:(\d+))?$/m.exec(output);
      return m ? [m[1], m[2] ? Number(m[2]) : undefined] : [output.split('\n')[0], undefined];
    case 'apache':
      m = /Syntax error on line (\d+) of [^:]+:\n(.*)/.exec(output);
      if (m) return [m[2], Number(m[1])];
      return [output.split('\n').find((l) => l.trim()) ?? '', undefined];
    case 'squid':
      m = /\.conf\((\d+)\): (.*)$/m.exec(output);
      if (m) return [m[2], Number(m[1])];
      m = /(?:FATAL|ERROR): (.*)$/m.exec(output);
      return [m ? m[1] : output.split('\n').pop() ?? '', undefined];
    case 'haproxy':
      m = /\[ALERT\].*? parsing \[[^\]]*:(\d+)\] ?: (.*)$/m.exec(output);
      if (m) return [m[2], Number(m[1])];
      m = /\[ALERT\].*? : (?:config : )?(.*)$/m.exec(output);
      return [m ? m[1] : output.split('\n')[0], undefined];
  }
}

/**
 * Checker errors that are about the config's meaning, not its syntax, each with why proxylint's
 * syntax verdict rightly differs (a rule may still report it). Order matters: first match wins.
 */
export const SEMANTIC: Record<DialectName, Array<[RegExp, string]>> = {
  nginx: [
    [/^unknown directive /, 'unknown directive (a typo, or a module not loaded: ngx_http_lua is not in Debian nginx)'],
    [/^invalid number of arguments in /, 'argument count of a known directive (its module table)'],
    [/ directive is not allowed here$/, 'directive in a context that does not take it'],
    [/ directive is duplicate$/, 'directive given twice where nginx takes it once'],
    [/^unknown ".*" variable$|^invalid variable name|^the duplicate ".*" variable$|^variable ".*" ?/, 'variable name or definition (nginx/undefined-variable for the unknown ones)'],
    [/invalid value|invalid parameter|^invalid |is invalid|^no port in|^host not found|^unknown .* condition|^unexpected ".*" in condition|^invalid condition|^"\S+" must be|^"\S+" directive .* requires|^the ".*" parameter requires|^invalid port|^unknown log format|^pcre2?_compile|^invalid URL prefix|^upstream ".*" may not have port/, 'a value the directive does not take'],
    [/^open\(\) ".*" failed|^mkdir\(\)|^cannot load|BIO_new_file/, 'a file nginx opens (include target, log, certificate)'],
    [/^no "events" section in configuration$/, 'the events block deleted (required by the core module)'],
    [/^duplicate location|^location ".*" is outside location|^"\S+" directive is only|^a duplicate default server|^conflicting parameter|^duplicate listen/, 'location or server structure'],
  ],
  apache: [],
  squid: [],
  haproxy: [],
};

/** Checker errors that are syntax: proxylint must give a fatal message. */
export const SYNTAX: Record<DialectName, RegExp[]> = {
  nginx: [/^unexpected "[^"]*"$/, /^unexpected end of file, expecting/, /^directive ".*" has no opening "\{"$/, /^directive ".*" is not terminated by ";"$/, /^too long parameter/, /^unexpected end of parameter/],
  apache: [],
  squid: [],
  haproxy: [],
};

export function classify(dialect: DialectName, ok: boolean, output: string): Verdict {
  // HAProxy exits 2 for a config with no error that has no listener.
  if (ok || (dialect === 'haproxy' && /Configuration file has no error but will not start/.test(output))) return { kind: 'accept' };
  const [message, line] = firstError(dialect, output);
  for (const re of SYNTAX[dialect]) if (re.test(message)) return { kind: 'syntax', message, line };
  for (const [re, reason] of SEMANTIC[dialect]) if (re.test(message)) return { kind: 'semantic', message, line, reason };
  return { kind: 'unclassified', message, line };
}
