/**
 * nginx/undefined-variable: a `$variable` that nothing defines. nginx refuses the whole
 * configuration (`nginx -t`: `[emerg] unknown "connection_upgrade" variable`), so a reload
 * fails and the old configuration keeps running.
 */
import type { Directive } from '../../../src/core/ast';
import { defineRule } from '../../../src/core/rule';
import type { NginxAnalysis } from '../../../src/dialects/nginx/analysis';
import { isBuiltinVariable } from '../../../src/dialects/nginx/analysis/variables';
import { connectionUpgradeValue } from '../../../src/dialects/nginx/fixes';

function enclosingLocation(d: Directive): Directive | undefined {
  for (let p = d.parent; p; p = p.parent) if (p.key === 'location') return p;
  return undefined;
}

export default defineRule<NginxAnalysis>({
  id: 'nginx/undefined-variable',
  dialect: 'nginx',
  severity: 'error',
  fixable: 'safe',
  docs: {
    summary: 'A $variable is used that no map, set, geo, split_clients, named capture or module defines: nginx -t fails.',
    evidence: ['observed: nginx, "$connection_upgrade used with no map defining it"', 'reported: coreruleset/modsecurity-docker#150, digitalocean/nginxconfig.io#491'],
  },
  optionsSchema: {
    type: 'object',
    properties: {
      checkFragments: {
        type: 'boolean',
        description: 'Also report in fragments linted without their main config (where a map in nginx.conf may define the variable).',
      },
      knownVariables: {
        type: 'array',
        items: { type: 'string', pattern: '^[A-Za-z0-9_]+$' },
        description: 'Variables defined by modules proxylint does not know (names without $).',
      },
    },
    additionalProperties: false,
  },
  defaultOptions: { checkFragments: false, knownVariables: [] },
  check(ctx) {
    const a = ctx.analysis;
    // A fragment linted on its own: its variables may be defined by the main config
    // (`map $http_upgrade $connection_upgrade` in nginx.conf's http block). Without the
    // context, a report would be a guess; `roots` or a discovered nginx.conf gives it.
    if (a.fragment && !ctx.options.checkFragments) return;
    const known = new Set(((ctx.options.knownVariables as string[]) ?? []).map((v) => v.toLowerCase()));
    const defined = a.definedVariables;
    let mapOffered = false;
    const uses = a.variableUses;
    // Names are interned and few: each is judged once, not once per use.
    const judged = new Map<string, boolean>();
    for (let i = 0; i < uses.length; i++) {
      const written = uses.name(i);
      let ok = judged.get(written);
      if (ok === undefined) {
        const lower = written.toLowerCase();
        judged.set(written, (ok = defined.has(lower) || known.has(lower) || isBuiltinVariable(lower)));
      }
      if (ok) continue;
      const name = written.toLowerCase();
      const use = { directive: uses.directive(i), arg: uses.arg(i), start: uses.start(i), end: uses.end(i) };
      const message = `unknown variable "$${written}": nginx -t fails with [emerg] unknown "${name}" variable`;
      const loc = enclosingLocation(use.directive);
      const info = loc && a.location(loc);
      // The blog mistake: `proxy_set_header Connection $connection_upgrade` without its map.
      // The fix inserts the map websocket-connection-header inserts (the generator's
      // template) at the top of the http block; once, however many uses there are.
      const d = use.directive;
      const isConnection = d.key === 'proxy_set_header' && d.args[0]?.toLowerCase() === 'connection' && use.arg === 1;
      const edits = name === 'connection_upgrade' && isConnection && !mapOffered ? connectionUpgradeValue(a, info ?? undefined).edits : [];
      if (edits.length) mapOffered = true;
      ctx.report({ file: d.file, range: [use.start, use.end], message, fix: edits.length ? { edits } : undefined });
    }
  },
});
