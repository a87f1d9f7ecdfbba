/**
 * What may leave the process: credentials redacted, control characters made visible.
 *
 * Configurations carry secrets (a `user:password@` in a proxy URL, an Authorization header
 * set for the backend, Squid's `login=`, HAProxy's `insecure-password`), and proxylint quotes
 * configuration text in messages, source snippets, diffs and errors. Every path out — report
 * formats, the lint cache, stderr — goes through `redact` (the secrets) and, for text a human
 * reads, `escapeControls` (an ESC from a config must not repaint the terminal, a raw newline
 * must not start a CI workflow command). `sanitize` does both and maps offsets, so a snippet's
 * caret still points at the right characters.
 */

export const MASK = '***';

interface Edit {
  start: number;
  end: number;
  text: string;
}

// Auth schemes whose next token is the credential (RFC 9110 and common vendor schemes).
const SCHEME = /^(?:basic|bearer|digest|negotiate|ntlm|token|hoba|mutual|apikey|aws4-hmac-sha256|vapid)(?:\\?[ \t]+)/i;

/** Credentials in `text`, as spans to replace with MASK. */
function secretSpans(text: string): Edit[] {
  // Every pattern below needs an `@`, an `=`, "auth" or "password": most messages have none,
  // and they are spared compiling the patterns (about 1 ms of a small run).
  if (!text.includes('@') && !text.includes('=') && !/auth|password/i.test(text)) return [];
  const out: Edit[] = [];
  const add = (start: number, end: number) => {
    if (end > start && !(text.slice(start, end) === MASK)) out.push({ start, end, text: MASK });
  };
  let m: RegExpExecArray | null;

  // URL userinfo: scheme://user:password@host (password masked) or scheme://token@host (all masked).
  // Greedy up to the last '@' before the authority ends: a password may contain '@'.
  // (One slash too: path.resolve turns a URL given as a path into scheme:/user:pass@host.)
  const url = /\b[a-z][a-z0-9+.-]*:\/\/?([^\s/?#"'<>\\`]*)@/gi;
  while ((m = url.exec(text))) userinfo(m.index + m[0].length - m[1].length - 1, m[1]);
  // A proxy variable without a scheme (curl reads HTTPS_PROXY=user:pass@host:3128).
  const env = /\b(?:https?|ftp|all|socks[45]?h?|ws|wss|rsync|grpc)_proxy[ \t]*[=:][ \t]*["']?(?![a-z][a-z0-9+.-]*:\/\/)([^\s"'/@`]+)@/gi;
  while ((m = env.exec(text))) userinfo(m.index + m[0].length - m[1].length - 1, m[1]);
  function userinfo(start: number, info: string): void {
    const colon = info.indexOf(':');
    if (colon >= 0) add(start + colon + 1, start + info.length);
    else add(start, start + info.length);
  }

  // Authorization / Proxy-Authorization header values, in any server's syntax:
  // proxy_set_header Authorization "Basic …";  set-header Authorization Basic\ …;  Authorization: Bearer …
  const auth = /\b(?:proxy-)?authorization\b["']?(?:[ \t]*:[ \t]*|[ \t]+|\\[ \t]+)/gi;
  while ((m = auth.exec(text))) {
    let i = m.index + m[0].length;
    const quote = text[i] === '"' || text[i] === "'" ? text[i++] : '';
    if (quote) {
      const close = text.indexOf(quote, i);
      const nl = text.indexOf('\n', i);
      const end = [close, nl, text.length].filter((x) => x >= 0).reduce((a, b) => Math.min(a, b));
      const value = text.slice(i, end);
      if (/^[$%{]/.test(value)) continue; // a variable or sample expression, not a credential
      const scheme = SCHEME.exec(value);
      add(scheme ? i + scheme[0].length : i, end);
      continue;
    }
    // Unquoted: "Basic abc", "Basic\ abc" (HAProxy), or a bare token; stops at a separator.
    const rest = text.slice(i);
    const scheme = SCHEME.exec(rest);
    const token = /^(?:\\.|[^\s;,)"'\\])+/.exec(scheme ? rest.slice(scheme[0].length) : rest)?.[0] ?? '';
    if (/^[$%{]/.test(token)) continue;
    if (scheme) add(i + scheme[0].length, i + scheme[0].length + token.length);
    else if (/^[A-Za-z0-9+/=._~-]{8,}$/.test(token)) add(i, i + token.length);
  }

  // Squid cache_peer login=user:password (login=PASSTHRU and friends carry none).
  const login = /\blogin=([^\s:"']*):([^\s"']+)/gi;
  while ((m = login.exec(text))) add(m.index + m[0].length - m[2].length, m.index + m[0].length);
  // HAProxy userlist: insecure-password CLEAR and password HASH; stats auth user:password.
  const pw = /\b(?:insecure-password|user[ \t]+\S+[ \t]+password)[ \t]+("[^"\n]*"|'[^'\n]*'|\S+)/gi;
  while ((m = pw.exec(text))) add(m.index + m[0].length - m[1].length, m.index + m[0].length);
  const statsAuth = /\bstats[ \t]+auth[ \t]+([^\s:]*):(\S+)/gi;
  while ((m = statsAuth.exec(text))) add(m.index + m[0].length - m[2].length, m.index + m[0].length);
  // key=value secrets in query strings and option lists.
  const kv = /\b(?:password|passwd|pass|pwd|secret|token|api[_-]?key|access[_-]?key)=([^\s&;"',)]+)/gi;
  while ((m = kv.exec(text))) add(m.index + m[0].length - m[1].length, m.index + m[0].length);
  // Apache: AuthLDAPBindPassword, ProxyPass/BalancerMember don't take one; nginx has none inline.
  const bind = /\bAuthLDAPBindPassword[ \t]+("[^"\n]*"|\S+)/gi;
  while ((m = bind.exec(text))) add(m.index + m[0].length - m[1].length, m.index + m[0].length);

  out.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Edit[] = [];
  for (const e of out) {
    const last = merged[merged.length - 1];
    if (last && e.start < last.end) last.end = Math.max(last.end, e.end);
    else merged.push({ ...e });
  }
  return merged;
}

// C0 (but TAB), DEL, C1, line/paragraph separators, bidi embeddings/overrides/isolates and marks.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const CONTROL_KEEP_NL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const hex = (c: string, n: number) => c.charCodeAt(0).toString(16).padStart(n, '0');
const visible = (c: string) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : c.charCodeAt(0) < 0x100 ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`);

function controlEdits(text: string, keepNewlines: boolean): Edit[] {
  const out: Edit[] = [];
  const re = keepNewlines ? CONTROL_KEEP_NL : CONTROL;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    // With newlines kept, a CRLF stays a line break (only a lone CR is a control).
    if (keepNewlines && m[0] === '\r' && text[m.index + 1] === '\n') continue;
    out.push({ start: m.index, end: m.index + 1, text: visible(m[0]) });
  }
  return out;
}

/** Applies sorted, non-overlapping edits; `map` takes an offset in `text` to one in the result. */
function apply(text: string, edits: Edit[]): { text: string; map(offset: number): number } {
  if (edits.length === 0) return { text, map: (o) => o };
  let out = '';
  let at = 0;
  for (const e of edits) {
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  out += text.slice(at);
  return {
    text: out,
    map(offset) {
      let delta = 0;
      for (const e of edits) {
        if (offset <= e.start) break;
        if (offset < e.end) return e.start + delta; // inside a replaced span: its start
        delta += e.text.length - (e.end - e.start);
      }
      return offset + delta;
    },
  };
}

/** Masks credentials; text without any comes back unchanged (the same string). */
export function redact(text: string): string {
  if (!text) return text;
  return apply(text, secretSpans(text)).text;
}

/** Makes C0/C1 controls, DEL, bidi controls and (unless kept) CR/LF visible as \xHH, \uHHHH, \n, \r. */
export function escapeControls(text: string, opts: { keepNewlines?: boolean } = {}): string {
  if (!text) return text;
  return apply(text, controlEdits(text, !!opts.keepNewlines)).text;
}

/** Redacts, then escapes controls, with an offset map from `text` into the result (for carets). */
export function sanitize(text: string, opts: { keepNewlines?: boolean } = {}): { text: string; map(offset: number): number } {
  const red = apply(text, secretSpans(text));
  const esc = apply(red.text, controlEdits(red.text, !!opts.keepNewlines));
  return { text: esc.text, map: (o) => esc.map(red.map(o)) };
}

/** For human-readable output: `escapeControls(redact(text))`. */
export const forDisplay = (text: string, opts: { keepNewlines?: boolean } = {}): string => sanitize(text, opts).text;

/**
 * JSON text with the characters JSON.stringify leaves raw but a terminal may act on (DEL, C1,
 * bidi controls, U+2028/2029) written as \u escapes: the same JSON value, safe to `cat`.
 */
export function jsonSafe(json: string): string {
  // eslint-disable-next-line no-control-regex
  return json.replace(/[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${hex(c, 4)}`);
}

/**
 * Routes everything written to stderr through redaction and control escaping (line breaks
 * kept; a line that would start a CI workflow command, `::`, is defused), so every error
 * message — generate's, the config loader's, a stack — is covered without each call site
 * remembering to. Installed once by the CLI's entry point.
 */
export function guardStderr(stream: NodeJS.WriteStream = process.stderr): void {
  const s = stream as NodeJS.WriteStream & { __proxylintGuarded?: boolean };
  if (s.__proxylintGuarded) return;
  s.__proxylintGuarded = true;
  const write = s.write.bind(s) as (chunk: unknown, ...rest: unknown[]) => boolean;
  s.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (typeof chunk === 'string') chunk = forDisplay(chunk, { keepNewlines: true }).replace(/^(\s*)::/gm, '$1: :');
    else if (chunk instanceof Uint8Array) chunk = forDisplay(Buffer.from(chunk).toString('utf8'), { keepNewlines: true }).replace(/^(\s*)::/gm, '$1: :');
    return write(chunk, ...rest);
  }) as typeof s.write;
}
