import { defineRule } from '../../../src/core/rule';
import type { SquidAnalysis } from '../../../src/dialects/squid/analysis';
import { obsoleteNote } from '../../../src/dialects/squid/directives';

/**
 * A name squid does not know: `squid -k parse` prints "unrecognized" and exits 1, and squid does
 * not start. Reported as a finding rather than a parse error, so the other rules still run (squid
 * itself reads on and lists every such line). Lines in a false `if` branch are never read.
 */
export default defineRule<SquidAnalysis>({
  id: 'squid/unknown-directive',
  dialect: 'squid',
  severity: 'error',
  fixable: false,
  docs: {
    summary: 'A directive the target Squid release does not recognise (or an obsolete one it refuses): Squid does not start.',
  },
  check(ctx) {
    const a = ctx.analysis;
    const target = ctx.settings.targets.squid;
    for (const d of a.directives) {
      const s = a.directiveStatus(d);
      if (s.kind === 'unknown') {
        const newer = s.knownIn ? ` (it exists in Squid ${s.knownIn})` : '';
        ctx.report({ node: d, message: `Squid ${target} does not recognise "${d.name}" and refuses to start${newer}.` });
      } else if (s.kind === 'obsolete' && s.effect === 'fatal') {
        ctx.report({ node: d, message: obsoleteNote(`"${d.name}" is obsolete and Squid ${target} refuses it`, s.doc, 'remove it') });
      }
    }
  },
});
