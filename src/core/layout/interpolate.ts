/**
 * docker compose's variable interpolation, as it applies to a compose file's values
 * (https://docs.docker.com/compose/how-tos/environment-variables/variable-interpolation/):
 * `$VAR`, `${VAR}`, `${VAR:-default}` / `${VAR-default}` (default when unset or empty / unset),
 * `${VAR:?err}` / `${VAR?err}` (compose refuses to run), `${VAR:+alt}` / `${VAR+alt}`, nested
 * (`${A:-${B}}`), and `$$` for a literal `$`.
 *
 * The values are those the repository itself gives: the `.env` file beside the compose file.
 * Not this machine's environment (the shell that runs `docker compose` at deploy is another
 * one), and not `env_file:` (that is the container's environment, never interpolated into the
 * compose file). A variable with no value there and no default makes the whole value unknown
 * (undefined), never an empty string: the deploy shell presumably sets it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export type Vars = ReadonlyMap<string, string>;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/** The text with its variables replaced, or undefined when one is unknown or the text is not a valid template. */
export function interpolate(text: string, vars: Vars): string | undefined {
  const r = expand(text, 0, vars, false);
  return r && r.end === text.length ? r.value : undefined;
}

/** Expands from `i` up to the end, or (inside a `${…:-…}`) up to its closing `}`: the value and where it stopped. */
function expand(text: string, i: number, vars: Vars, nested: boolean): { value: string | undefined; end: number } | undefined {
  let out: string | undefined = '';
  while (i < text.length) {
    const c = text[i];
    if (nested && c === '}') return { value: out, end: i };
    if (c !== '$') {
      if (out !== undefined) out += c;
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      if (out !== undefined) out += '$';
      i += 2;
      continue;
    }
    if (next === '{') {
      const m = NAME.exec(text.slice(i + 2));
      if (!m) return undefined; // `${}`, `${1}`: compose rejects the file
      let j = i + 2 + m[0].length;
      const set = vars.has(m[0]);
      const value = vars.get(m[0]);
      let v: string | undefined;
      if (text[j] === '}') {
        v = value;
        j++;
      } else {
        const op = /^(:?[-?+])/.exec(text.slice(j));
        if (!op) return undefined;
        j += op[0].length;
        const inner = expand(text, j, vars, true);
        if (!inner || text[inner.end] !== '}') return undefined;
        j = inner.end + 1;
        const colon = op[0].length === 2;
        const present = colon ? set && value !== '' : set;
        const kind = op[0][op[0].length - 1];
        if (kind === '-') v = present ? value : inner.value;
        else if (kind === '?') v = present ? value : undefined;
        else v = present ? inner.value : '';
      }
      out = out === undefined || v === undefined ? undefined : out + v;
      i = j;
      continue;
    }
    const m = NAME.exec(text.slice(i + 1));
    if (!m) return undefined; // a lone `$`: compose's "invalid interpolation format"
    const v = vars.get(m[0]);
    out = out === undefined || v === undefined ? undefined : out + v;
    i += 1 + m[0].length;
  }
  return nested ? undefined : { value: out, end: i };
}

/**
 * The variables of the `.env` file in `dir`, as compose reads it
 * (https://docs.docker.com/compose/how-tos/environment-variables/variable-interpolation/#env-file-syntax):
 * `KEY=value` and `export KEY=value` lines, `#` comments (inline after a blank in an unquoted
 * value), single quotes literal, double quotes with `\n`-style escapes and interpolation, an
 * unquoted value interpolated; earlier keys are visible to later values. A key whose value uses an
 * unknown variable is left unset. Written here rather than with `dotenv`: that package does not
 * interpolate (dotenv-expand does, with other rules) and keeps inline `#` in unquoted values.
 */
export function readDotenv(dir: string): Map<string, string> {
  const vars = new Map<string, string>();
  let text: string;
  try {
    text = fs.readFileSync(path.join(dir, '.env'), 'utf8');
  } catch {
    return vars;
  }
  const line = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=[ \t]*/gm;
  let m: RegExpExecArray | null;
  while ((m = line.exec(text))) {
    const start = m.index + m[0].length;
    const q = text[start];
    let raw: string;
    let end: number;
    let value: string | undefined;
    if (q === "'" || q === '"') {
      end = start + 1;
      while (end < text.length && text[end] !== q) end += text[end] === '\\' && q === '"' ? 2 : 1;
      raw = text.slice(start + 1, end);
      value = q === "'" ? raw : interpolate(raw.replace(/\\([nrt"\\$])/g, (_s, e: string) => ({ n: '\n', r: '\r', t: '\t' })[e as 'n'] ?? (e === '$' ? '$$' : e)), vars);
      end++;
    } else {
      end = text.indexOf('\n', start);
      if (end === -1) end = text.length;
      raw = text.slice(start, end).replace(/(^|[ \t])#.*$/, '').replace(/\s+$/, '');
      value = interpolate(raw, vars);
    }
    if (value !== undefined) vars.set(m[1], value);
    else vars.delete(m[1]);
    line.lastIndex = Math.max(end, line.lastIndex);
  }
  return vars;
}
