/**
 * What squid does with a directive name, per release, from the table generated out of Squid's own
 * cf.data.pre (directive-table.ts): a directive or one of its aliases is parsed; an obsolete
 * name is logged ("ERROR: Directive 'X' is obsolete.") and ignored, still applied under its
 * successor, or fatal; any other name is "unrecognized" (`squid -k parse` exits 1 and squid
 * refuses to start). `include`, `if`, `else` and `endif` are read by the config reader itself.
 */
import { compareVersions, coerceVersion } from '../../core/versions';
import { SQUID_DIRECTIVE_TABLES, type SquidDirectiveTable } from './directive-table';

export type DirectiveStatus =
  | { kind: 'directive'; canonical: string }
  | { kind: 'alias'; canonical: string }
  | { kind: 'obsolete'; effect: 'ignored' | 'applied' | 'fatal'; doc: string }
  | { kind: 'unknown'; knownIn: string | null };

interface Index {
  version: string;
  names: Set<string>;
  aliases: Map<string, string>;
  obsolete: Record<string, string>;
  fatal: Set<string>;
  applied: Set<string>;
}

const READER = ['include', 'if', 'else', 'endif'];
const indexes = new Map<string, Index>();

function indexOf(version: string): Index {
  let ix = indexes.get(version);
  if (ix) return ix;
  const t: SquidDirectiveTable = SQUID_DIRECTIVE_TABLES[version];
  ix = {
    version,
    names: new Set([...t.live.split(' '), ...READER]),
    aliases: new Map(t.aliases.split(' ').filter(Boolean).map((p) => p.split('=') as [string, string])),
    obsolete: t.obsolete,
    fatal: new Set(t.fatal.split(' ').filter(Boolean)),
    applied: new Set(t.applied.split(' ').filter(Boolean)),
  };
  indexes.set(version, ix);
  return ix;
}

const tableOf = new Map<string, string>();

/** The release table for a target: the newest tabulated release not above it (the oldest for anything older). */
export function tableVersion(target: string): string {
  // Asked for every directive by two rules: the sort below once per target, not 940 times.
  let t = tableOf.get(target);
  if (t === undefined) tableOf.set(target, (t = pickTable(target)));
  return t;
}

function pickTable(target: string): string {
  const v = coerceVersion(target);
  const versions = Object.keys(SQUID_DIRECTIVE_TABLES).sort((a, b) => compareVersions(coerceVersion(a)!, coerceVersion(b)!));
  if (!v) return versions[0];
  let pick = versions[0];
  // Same major as the target counts as that release (a 6.10 target reads the 6.14 table).
  for (const x of versions) if (coerceVersion(x)!.major <= v.major) pick = x;
  return pick;
}

export function directiveStatus(name: string, target: string): DirectiveStatus {
  const ix = indexOf(tableVersion(target));
  if (ix.names.has(name)) return { kind: 'directive', canonical: name };
  const alias = ix.aliases.get(name);
  if (alias) return { kind: 'alias', canonical: alias };
  if (Object.prototype.hasOwnProperty.call(ix.obsolete, name)) {
    const effect = ix.fatal.has(name) ? 'fatal' : ix.applied.has(name) ? 'applied' : 'ignored';
    return { kind: 'obsolete', effect, doc: ix.obsolete[name] };
  }
  let knownIn: string | null = null;
  for (const v of Object.keys(SQUID_DIRECTIVE_TABLES)) {
    const other = indexOf(v);
    if (v !== ix.version && (other.names.has(name) || other.aliases.has(name))) knownIn ??= v;
  }
  return { kind: 'unknown', knownIn };
}

let aliasUnion: Map<string, string> | undefined;

/**
 * The directive an alias stands for (`persistent_request_timeout` → `client_idle_pconn_timeout`),
 * the same in every tabulated release; the parser keys directives by it so analyses see one name.
 */
export function canonicalName(name: string): string {
  if (!aliasUnion) {
    aliasUnion = new Map();
    for (const v of Object.keys(SQUID_DIRECTIVE_TABLES)) for (const [a, c] of indexOf(v).aliases) aliasUnion.set(a, c);
  }
  return aliasUnion.get(name) ?? name;
}

/**
 * A finding's message about an obsolete directive: `head`, then Squid's own note on it (the
 * first sentence of cf.data.pre's text after "Remove this line.") when the whole fits one short
 * sentence, else `fallback` (or `head` alone). The note's first letter is lower-cased, but not
 * an acronym's ("HTTP/1.1 is supported by default" stays "HTTP/1.1").
 */
export function obsoleteNote(head: string, doc: string, fallback?: string): string {
  const first = doc.replace(/^Remove this line\.\s*/, '').split(/(?<=\.)\s+/)[0].replace(/\.$/, '');
  const lead = /^[A-Z][a-z]/.test(first) ? first[0].toLowerCase() + first.slice(1) : first;
  const withFirst = `${head}: ${lead}`;
  if (first && withFirst.length <= 110) return withFirst;
  return fallback ? `${head}: ${fallback}` : head;
}
