/**
 * Where proxy variables are set: one extractor per file kind, each giving the variables with the
 * exact offsets of their values, grouped in scopes (a file, a compose service, a container).
 */
import * as path from 'node:path';
import type { SourceFile } from '../../core/ast';
import type { FileKind } from '../kind';

export interface Assignment {
  name: string;
  value: string;
  /** Offsets of the value in the file text. */
  start: number;
  end: number;
  /** Offsets of the name (for findings about the variable rather than its value). */
  nameStart: number;
  nameEnd: number;
  /** The file the assignment is written in, when it is not the scope's (EnvironmentFile=, env_file:). */
  file?: SourceFile;
}

export interface Scope {
  file: SourceFile;
  kind: FileKind;
  /** e.g. "service web", "container app": assignments that one process sees together. */
  label: string;
  assignments: Assignment[];
  /** A Kubernetes pod template's container. */
  k8s?: boolean;
  /** Values of this scope that are ws:// or wss:// URLs (whatever the variable): the process talks WebSocket. */
  websocketUrls?: Assignment[];
}

const PROXY_NAME = /^(https?|all|no|wss?|ftp)_proxy$/i;
export function isRelevant(name: string): boolean {
  return PROXY_NAME.test(name) || name === 'NODE_TLS_REJECT_UNAUTHORIZED' || /^npm_config_(https_|http_|no)?proxy$/i.test(name) || /^(npm|git):/.test(name);
}

export type { FileKind } from '../kind';
export { detectKind } from '../kind';

/**
 * Reads a file another one names (EnvironmentFile=, env_file:), given its absolute path as the
 * referencing file resolves it; undefined when it is missing or outside what may be read.
 */
export type RefReader = (target: string, from: SourceFile) => SourceFile | undefined;

/** A shell/dotenv value at `start` of `line`: quotes removed, offsets of the content. */
function shellValue(text: string, start: number, lineEnd: number): { value: string; start: number; end: number } {
  const q = text[start];
  if (q === '"' || q === "'") {
    const close = text.indexOf(q, start + 1);
    const end = close === -1 || close > lineEnd ? lineEnd : close;
    return { value: text.slice(start + 1, end), start: start + 1, end };
  }
  let end = start;
  while (end < lineEnd && !/\s/.test(text[end])) end++;
  return { value: text.slice(start, end), start, end };
}

function lines(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let s = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === '\n') {
      out.push({ start: s, end: i > s && text[i - 1] === '\r' ? i - 1 : i });
      s = i + 1;
    }
  }
  return out;
}

function extractShell(file: SourceFile): Scope[] {
  const out: Assignment[] = [];
  const re = /^\s*(?:export\s+|declare\s+-x\s+|setenv\s+)?([A-Za-z_][A-Za-z0-9_]*)(=|\s+(?=\S))/;
  for (const l of lines(file.text)) {
    const line = file.text.slice(l.start, l.end);
    const m = re.exec(line);
    if (!m || (m[2] !== '=' && !/^\s*setenv\s/.test(line))) continue;
    const nameStart = l.start + line.indexOf(m[1], line.search(/\S/));
    const v = shellValue(file.text, l.start + m[0].length, l.end);
    out.push({ name: m[1], value: v.value, start: v.start, end: v.end, nameStart, nameEnd: nameStart + m[1].length });
  }
  return [{ file, kind: 'shell', label: path.basename(file.path), assignments: out }];
}

/**
 * Dockerfile ENV and ARG, read with dockerfile-ast (rcjsuen's parser, the one behind the VS Code
 * Docker extension's language service): line continuations, `ENV a=b c=d`, the legacy
 * `ENV key value` form, the escape directive, quotes and heredocs as BuildKit reads them, with
 * exact ranges. Loaded only here (~45 ms to require), so `lint` pays for it only when a
 * Dockerfile sets a proxy variable.
 */
function extractDockerfile(file: SourceFile): Scope[] {
  const { DockerfileParser } = require('dockerfile-ast') as typeof import('dockerfile-ast');
  const starts = lineStarts(file.text);
  const at = (p: { line: number; character: number }) => (starts[p.line] ?? file.text.length) + p.character;
  const out: Assignment[] = [];
  for (const ins of DockerfileParser.parse(file.text).getInstructions()) {
    const kw = ins.getKeyword();
    if (kw !== 'ENV' && kw !== 'ARG') continue;
    // Both are PropertyInstructions: `ARG A=1 B=2` declares two, as BuildKit reads it.
    for (const p of (ins as unknown as { getProperties(): import('dockerfile-ast').Property[] }).getProperties()) {
      const value = p.getValue();
      const vr = p.getValueRange();
      const nr = p.getNameRange();
      if (value === null || !vr) continue; // ARG NAME without a default
      let start = at(vr.start);
      let end = at(vr.end);
      // The value's range includes its quotes: point at the content, as for every other kind.
      const q = file.text[start];
      if ((q === '"' || q === "'") && file.text[end - 1] === q && end - start >= 2) {
        start++;
        end--;
      }
      out.push({ name: p.getName(), value, start, end, nameStart: at(nr.start), nameEnd: at(nr.end) });
    }
  }
  return [{ file, kind: 'dockerfile', label: path.basename(file.path), assignments: out }];
}

function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n') out.push(i + 1);
    else if (text[i] === '\r' && text[i + 1] !== '\n') out.push(i + 1);
  }
  return out;
}

function extractSystemd(file: SourceFile, read?: RefReader): Scope[] {
  const out: Assignment[] = [];
  let fromFiles: Assignment[] = [];
  for (const l of lines(file.text)) {
    const line = file.text.slice(l.start, l.end);
    const ef = /^\s*EnvironmentFile\s*=\s*(.*?)\s*$/.exec(line);
    if (ef) {
      // systemd.exec(5): an absolute path, "-" first when a missing file is not an error; an
      // empty value resets the list. Relative paths and globs are not followed.
      if (ef[1] === '') fromFiles = [];
      const target = ef[1].replace(/^-/, '');
      if (read && path.isAbsolute(target) && !/[*?[]/.test(target)) {
        const ref = read(target, file);
        if (ref) fromFiles = overlay(fromFiles, fileAssignments(ref));
      }
      continue;
    }
    const m = /^\s*Environment\s*=\s*/.exec(line);
    if (!m) continue;
    const t = file.text;
    let p = l.start + m[0].length;
    while (p < l.end) {
      while (p < l.end && /\s/.test(t[p])) p++;
      const quoted = t[p] === '"' ? '"' : t[p] === "'" ? "'" : '';
      const s = quoted ? p + 1 : p;
      let e = s;
      while (e < l.end && (quoted ? t[e] !== quoted : !/\s/.test(t[e]))) e++;
      const word = t.slice(s, e);
      const eq = word.indexOf('=');
      if (eq > 0) out.push({ name: word.slice(0, eq), value: word.slice(eq + 1), start: s + eq + 1, end: e, nameStart: s, nameEnd: s + eq });
      p = e + (quoted ? 1 : 0);
    }
  }
  // "Settings from these files override settings made with Environment=" (systemd.exec(5)).
  return [{ file, kind: 'systemd', label: path.basename(file.path), assignments: overlay(out, fromFiles) }];
}

/** The assignments of a referenced env file (NAME=value lines), each marked with its file. */
export function fileAssignments(ref: SourceFile): Assignment[] {
  return extractShell(ref)[0].assignments.map((a) => ({ ...a, file: ref }));
}

/** `top` over `base`: a variable set in both is the one in `top` (the later source wins). */
export function overlay(base: Assignment[], top: Assignment[]): Assignment[] {
  const names = new Set(top.map((a) => a.name));
  return [...base.filter((a) => !names.has(a.name)), ...top];
}

function extractIni(file: SourceFile, kind: 'npmrc' | 'gitconfig'): Scope[] {
  const out: Assignment[] = [];
  let section = '';
  for (const l of lines(file.text)) {
    const line = file.text.slice(l.start, l.end);
    const sec = /^\s*\[([^\]]+)\]/.exec(line);
    if (sec) {
      section = sec[1].trim().toLowerCase();
      continue;
    }
    const m = /^(\s*)([\w.-]+)\s*=\s*/.exec(line);
    if (!m) continue;
    const key = m[2].toLowerCase();
    let name: string | undefined;
    if (kind === 'npmrc' && ['proxy', 'https-proxy', 'noproxy', 'http-proxy'].includes(key)) name = `npm:${key}`;
    if (kind === 'gitconfig' && key === 'proxy' && (section === 'http' || section.startsWith('http '))) name = `git:http.proxy`;
    if (!name) continue;
    const v = shellValue(file.text, l.start + m[0].length, l.end);
    out.push({ name, value: v.value, start: v.start, end: v.end, nameStart: l.start + m[1].length, nameEnd: l.start + m[1].length + m[2].length });
  }
  return [{ file, kind, label: path.basename(file.path), assignments: out }];
}

export function extract(file: SourceFile, kind: FileKind, read?: RefReader): Scope[] {
  switch (kind) {
    case 'dotenv':
    case 'shell':
      return extractShell(file).map((s) => ({ ...s, kind }));
    case 'dockerfile':
      return extractDockerfile(file);
    case 'systemd':
      return extractSystemd(file, read);
    case 'npmrc':
    case 'gitconfig':
      return extractIni(file, kind);
    case 'yaml':
      return (require('./yaml') as typeof import('./yaml')).extractYaml(file, read);
  }
}
