/**
 * mod_rewrite's RewriteCond chains evaluated against one request's headers, as
 * apply_rewrite_rule does it: conditions in order, `[OR]` (ornext) binds a condition to the next
 * one, the chain fails at the first false condition outside an OR group. `%{HTTP:Name}` test
 * strings on the headers given are evaluated (regex, `=` string equality, `!` negation, `[NC]`),
 * and so is a TestString with no variable in it (the same text for every request); every other
 * condition is taken as passing: it reads the same request for every client the caller
 * compares, so it cannot tell them apart.
 */
import type { ApacheAnalysis, RewriteCondInfo, RewriteRuleInfo } from './analysis';
import { compileRegex, parseTargetUrl, tunnelsUpgrades } from './proxy';

/** Request headers by lower-cased name. */
export type HeaderSet = Record<string, string>;

const hasFlag = (c: RewriteCondInfo, ...names: string[]): boolean => c.flags.some((f) => names.includes(f.toLowerCase()));

/** The header a condition tests (`%{HTTP:Connection}` → `connection`), or null. */
export function headerOf(c: Pick<RewriteCondInfo, 'testString'>): string | null {
  const m = /^%\{HTTP:([A-Za-z0-9-]+)\}$/i.exec(c.testString);
  return m ? m[1].toLowerCase() : null;
}

/**
 * The server-variable references written without their `%` (`{REQUEST_URI}`, `{HTTP:Upgrade}`):
 * mod_rewrite expands only `%{NAME}` (and `${map:key}`), so these stay literal text
 * (homebridge/homebridge-config-ui-x#259). Names as mod_rewrite spells them: upper-case
 * variables, or the `HTTP:`, `ENV:`, `SSL:`, `HTTPS:`, `LA-U:`, `LA-F:` lookups.
 */
export function literalVariableRefs(text: string): { ref: string; index: number; dollar: boolean }[] {
  const out: { ref: string; index: number; dollar: boolean }[] = [];
  for (const m of text.matchAll(/(?<![%$\\])\{((?:HTTPS?|ENV|SSL|LA-[UF]):[^{}\s]+|[A-Z][A-Z0-9_]*)\}/g)) out.push({ ref: m[0], index: m.index!, dollar: false });
  for (const m of text.matchAll(DOLLAR_LOOKUP)) out.push({ ref: m[0], index: m.index!, dollar: true });
  return out.sort((x, y) => x.index - y.index);
}

/**
 * `${HTTP:Upgrade}` written for `%{HTTP:Upgrade}` (ratchetphp/Ratchet#860): httpd leaves an
 * undefined `${…}` as written (no environment variable has a colon in its name), and mod_rewrite
 * then reads it as a RewriteMap lookup of a map named HTTP with key Upgrade; with no such map it
 * is empty text. Observed on 2.4.71: both conditions so written never pass (426 from the backend).
 * Callers rule out a RewriteMap of that name.
 */
const DOLLAR_LOOKUP = /(?<!\\)\$\{((?:HTTPS?|ENV|SSL|LA-[UF]):[^{}\s|]+)\}/g;

/** The map names of `${MAP:key}` lookups written for server variables (`HTTP` of `${HTTP:Upgrade}`). */
export function dollarLookupMaps(text: string): string[] {
  return [...text.matchAll(DOLLAR_LOOKUP)].map((m) => m[1].slice(0, m[1].indexOf(':')));
}

/** A TestString with no variable, back-reference or map in it (a lookup of no map is empty): the same text for every request. */
function constantText(testString: string): string | undefined {
  const t = testString.replace(DOLLAR_LOOKUP, '');
  return /[%$](?:\{|\d)/.test(t) ? undefined : t;
}

/** One condition: true/false when decided from `headers` (or from a constant TestString), null when it is not a test we model. */
export function condHolds(c: Pick<RewriteCondInfo, 'testString' | 'pattern' | 'flags'>, headers: HeaderSet): boolean | null {
  const h = headerOf(c);
  const value = h !== null ? headers[h] : constantText(c.testString);
  if (value === undefined) return null;
  let pat = c.pattern;
  const negated = pat.startsWith('!');
  if (negated) pat = pat.slice(1);
  const nc = c.flags.some((f) => ['nc', 'nocase'].includes(f.toLowerCase()));
  let r: boolean;
  if (pat.startsWith('=') && !/^=[<>]/.test(pat)) {
    const s = pat.slice(1);
    r = nc ? value.toLowerCase() === s.toLowerCase() : value === s;
  } else if (/^(<|>|-[a-zA-Z])/.test(pat)) {
    return null; // lexicographic and file/number tests: not modelled
  } else {
    const re = compileRegex(pat, nc);
    if (!re) return null;
    r = re.test(value);
  }
  return r !== negated;
}

/** Does the chain let the rule apply for a request with `headers`? Unmodelled conditions pass. */
export function chainHolds(conds: readonly Pick<RewriteCondInfo, 'testString' | 'pattern' | 'flags'>[], headers: HeaderSet): boolean {
  for (let i = 0; i < conds.length; i++) {
    const c = conds[i];
    const rc = condHolds(c, headers) ?? true;
    if (hasFlag(c as RewriteCondInfo, 'or', 'ornext')) {
      if (!rc) continue;
      while (i < conds.length && hasFlag(conds[i] as RewriteCondInfo, 'or', 'ornext')) i++;
    } else if (!rc) return false;
  }
  return true;
}

/**
 * What browsers send on a WebSocket handshake (observed values): Chrome, Edge and Safari
 * `Connection: Upgrade`; Firefox `Connection: keep-alive, Upgrade`; all `Upgrade: websocket`.
 */
export const BROWSER_HANDSHAKES: ReadonlyArray<{ name: string; headers: HeaderSet }> = [
  { name: 'Chrome', headers: { upgrade: 'websocket', connection: 'Upgrade' } },
  { name: 'Firefox', headers: { upgrade: 'websocket', connection: 'keep-alive, Upgrade' } },
];

/**
 * The literal URL-path every request a server-context RewriteRule pattern matches starts with
 * (`^/?(.*)` → `/`, `^/app/ws(.*)` → `/app/ws`, `.*` → `/`), or null when it cannot be read
 * (negated, alternation, a literal that does not start with `/`). An unanchored pattern is read
 * as anchored: its match in the middle of a longer path is not a route anyone writes.
 */
export function rewritePathPrefix(pattern: string): string | null {
  if (pattern.startsWith('!')) return null;
  let p = pattern.startsWith('^') ? pattern.slice(1) : pattern;
  if (p.includes('|')) return null;
  let out = '';
  if (p.startsWith('/?')) {
    out = '/';
    p = p.slice(2);
  }
  for (let i = 0; i < p.length; i++) {
    let ch = p[i];
    let next = i + 1;
    if (ch === '\\') {
      if (i + 1 >= p.length || /[A-Za-z0-9]/.test(p[i + 1])) break;
      ch = p[i + 1];
      next = i + 2;
    } else if ('.[](){}*+?$^'.includes(ch)) break;
    // a literal made optional or repeated by what follows is not part of every match
    if (next < p.length && '?*{'.includes(p[next])) break;
    out += ch;
    i = next - 1;
  }
  if (out === '') return '/';
  return out.startsWith('/') ? out : null;
}

/** `scheme://host:port` of a proxy target with the port made explicit, ws/wss read as http/https; null when unreadable. */
export function originOf(target: string): string | null {
  const t = parseTargetUrl(target);
  // a port decided at read time (an undefined ${VAR}) names no origin to compare
  if (!t || t.port === null) return null;
  const scheme = ({ ws: 'http', wss: 'https' } as Record<string, string>)[t.scheme] ?? t.scheme;
  if (scheme !== 'http' && scheme !== 'https') return null;
  return `${scheme}://${t.host}:${t.port ?? (scheme === 'http' ? 80 : 443)}`;
}

/**
 * Whether what serves a rewrite rule's requests when the rule does not apply carries upgrades
 * too: a ProxyPass with upgrade support in the rule's own <Location> (Xpra's recipe), or, for a
 * server-level rule, the route of the literal path every match starts with (`/` for `(.*)`).
 * Then a ws:// rule that never applies breaks nothing (101 observed on 2.4.71).
 */
export function fallbackUpgrades(a: Pick<ApacheAnalysis, 'proxyRoutes' | 'routeFor'>, r: RewriteRuleInfo): boolean {
  let loc = r.directive.parent;
  while (loc && loc.key !== 'location' && loc.key !== 'locationmatch' && loc.key !== 'virtualhost') loc = loc.parent;
  if (loc && loc.key !== 'virtualhost') return a.proxyRoutes.some((p) => p.location === loc && tunnelsUpgrades(p));
  const sample = rewritePathPrefix(r.pattern);
  const route = sample !== null ? a.routeFor(sample, r.server) : undefined;
  return route !== undefined && tunnelsUpgrades(route);
}
