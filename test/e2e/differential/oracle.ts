/**
 * The four checkers as oracle: how each is run in a private prefix (as the e2e runners in
 * ../harness do), how its first error is read from its output, and which of its errors are
 * syntax (proxylint's parser must report them as fatal) and which are semantic (a finding of a
 * rule, or nothing: the config does not say enough, or the module is not loaded).
 */
import type { DialectName } from '../../../src/core/ast';
import { apacheEnv } from '../harness/apache';

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
        env: apacheEnv(prefix),
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
      m = /Syntax error on line (\d+) of [^:\n]+:\s*(.*)/.exec(output);
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
    [/^directive ".*" is not terminated by ";"$|^directive ".*" has no opening "\{"$/, 'block or not is per directive (its module table): a body after a simple directive, `;` after a block one'],
    [/^no "events" section in configuration$/, 'the events block deleted (required by the core module)'],
    [/^duplicate location|^location ".*" is outside location|^"\S+" directive is only|^a duplicate default server|^conflicting parameter|^duplicate listen/, 'location or server structure'],
  ],
  apache: [
    [/^Invalid command '.*', perhaps misspelled or defined by a module not included/, 'unknown directive (a typo, or its module not loaded)'],
    [/ takes (one|two|three|\d+(-\d+)?|no|one or two|one or more|at least one|at most \w+) arguments?,?/, "argument count of a known directive (its module's table)"],
    [/ not allowed (in|here)|cannot occur within|not allowed in .* context|^Either all Options must start with/, 'directive in a context that does not take it'],
    [/^Could not open configuration file|^No matches for the wildcard|^Include directory/, 'an Include target that does not exist (core/include-not-found)'],
    [/^Cannot find module|(^|: )Log level keyword|: bad flag delimiters|must be On or Off|^unrecognized operator|^Invalid |^Bad |invalid|^RewriteCond: |^RewriteRule: |^ProxyPass|^Timeout|^Unknown |^Illegal |^Unsupported |^Options|^LogFormat|^LogLevel|^Listen|^AH\d+: |is outside the appropriate range|^Argument for .* must be|^Multiple <.*> arguments not/, 'a value the directive does not take'],
    [/ directive requires additional arguments$/, 'a section opener without arguments'],
  ],
  squid: [
    [/^unrecognized: /, 'unknown directive (squid/unknown-directive says so, with the release that knows it)'],
    [/^Bungled |^Invalid value: |^No digits were found|is larger than the type|^Invalid ACL type|^aclParse|^Can not open file|^Invalid |^ERROR: |^parse_|^The value |^Unknown |^Bad |^'.*' is not a valid|^acl .* type|^missing /, 'a value or acl definition the directive does not take'],
    [/^Unable to find configuration file: /, 'an include target that does not exist (core/include-not-found)'],
    [/^Directive '.*' is obsolete/, 'an obsolete directive (squid/obsolete-directive)'],
    [/^ACL not found: /, 'an acl used before any definition'],
  ],
  haproxy: [
    [/^unknown keyword '.*' (in '.*' section|out of section)|^unknown option '|^'.*' not allowed in |^'.*' cannot handle unexpected argument|^negation\/default currently supported only/, 'unknown keyword, or a keyword in a section that does not take it (its keyword table)'],
    [/ supports .* \(got '|^log : |^unknown proxy mode|^Proxy '.*': unable to find|^'.*' expects|^unknown |^invalid |^Missing |^'.*' : |^Unexpected argument|^parsing |^error |^timeout |^Unknown |^'.*' requires|^cannot |^unable to |^no |^'[^']*' is not|^unexpected character |^keyword '.*' only supports|^character '.*' is not permitted in|^'.*' or '.*' expected|^'.*' not allowed because|^please use the |has the same name as/, 'a value the keyword does not take, or a name it does not find'],
  ],
};

/** Checker errors that are syntax: proxylint must give a fatal message. */
export const SYNTAX: Record<DialectName, RegExp[]> = {
  nginx: [/^unexpected "[^"]*"$/, /^unexpected end of file, expecting/, /^too long parameter/, /^unexpected end of parameter/],
  apache: [/ without matching <.*> section$/, /^Expected <\/.*> but saw <\/.*>$/, /^Expected <\/.*> before end of configuration$/, /> was not closed\.$/, /directive missing closing '>'$/],
  squid: [/^'(else|endif)' without 'if'$/, /^if-statement without 'endif'$/, /^Unable to evaluate expression /, /^String is not a integer number: /],
  haproxy: [/^unmatched quote at position/, /^truncated or invalid hexadecimal sequence/, /^(forbidden first char|unmatched brace) in environment variable name/, /^Missing LF on last line/, /^timer overflow in argument/, /^too many nested '.if'/, /^lone '\.(else|elif|endif)' with no matching '\.if'\.$/, /^'\.(else|elif)' after '\.else' is not permitted\.$/, /^non-terminated '\.if' block\.$/, /^line too long/, /^too many words, truncating after word 64/],
};

/**
 * Divergences proxylint does not model, found by the fuzz, each matched on the checker's message
 * and the line it names, with why.
 */
export const KNOWN: Record<DialectName, Array<{ message: RegExp; line: RegExp; why: string }>> = {
  nginx: [],
  apache: [],
  squid: [],
  haproxy: [
    {
      // cfgparse.c parse_line writes the NUL ending a `${VAR-default}` name into the input line;
      // when the line's words outgrow the output buffer (2048 bytes at first), the caller grows
      // it and parses the same, now altered, line again: the brace is gone.
      message: /^unmatched brace in environment variable name/,
      line: /\$\{[A-Za-z_][A-Za-z0-9_]*-[^}]*\}.{1900,}|.{1900,}\$\{[A-Za-z_][A-Za-z0-9_]*-[^}]*\}/,
      why: "haproxy 2.6 re-parses a line over 2 KB after cutting its ${VAR-default} in place (a haproxy bug, not modelled)",
    },
    {
      // `.els"${X[*]}"e` is `.else` where X is unset: which keyword a line is depends on the
      // environment the server starts in, which a linter does not know.
      message: /^lone '\.|after '\.else' is not permitted|^non-terminated '\.if'/,
      line: /^\s*[^\s#]*\$/,
      why: 'a keyword spelled with an environment variable: the environment decides what it is',
    },
  ],
};

export function classify(dialect: DialectName, ok: boolean, output: string): Verdict {
  // HAProxy exits 2 for a config with no error that has no listener.
  if (ok || (dialect === 'haproxy' && /Configuration file has no error but will not start/.test(output))) return { kind: 'accept' };
  const [message, line] = firstError(dialect, output);
  for (const re of SYNTAX[dialect]) if (re.test(message)) return { kind: 'syntax', message, line };
  for (const [re, reason] of SEMANTIC[dialect]) if (re.test(message)) return { kind: 'semantic', message, line, reason };
  return { kind: 'unclassified', message, line };
}
