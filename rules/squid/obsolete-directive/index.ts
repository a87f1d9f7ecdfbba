import { defineRule } from '../../../src/core/rule';
import type { SquidAnalysis } from '../../../src/dialects/squid/analysis';
import { obsoleteNote } from '../../../src/dialects/squid/directives';
import { deleteDirectiveLines } from '../../../src/core/fixes';

/**
 * Lines squid reads and then ignores (an obsolete directive, `acl manager proto cache_object`)
 * or reads under a new name (obsolete directives squid still translates, renamed acl types).
 * Squid logs an ERROR/UPGRADE notice and runs; the setting the line seems to make is not made.
 */
export default defineRule<SquidAnalysis>({
  id: 'squid/obsolete-directive',
  dialect: 'squid',
  severity: 'warning',
  fixable: 'safe',
  docs: {
    summary: 'An obsolete directive or acl form: Squid logs a notice and ignores or translates the line.',
  },
  check(ctx) {
    const a = ctx.analysis;
    const target = ctx.settings.targets.squid;
    for (const d of a.directives) {
      const s = a.directiveStatus(d);
      if (s.kind !== 'obsolete' || s.effect === 'fatal') continue;
      if (s.effect === 'ignored') {
        // Squid ignores the line, so removing it changes nothing: a safe fix.
        ctx.report({ node: d, message: obsoleteNote(`"${d.name}" is obsolete and ignored by Squid ${target}`, s.doc, 'remove it'), fix: { edits: [deleteDirectiveLines(d)] } });
      } else {
        // Still applied under its successor: removing it would change behaviour.
        ctx.report({ node: d, severity: 'info', message: obsoleteNote(`"${d.name}" is obsolete, but Squid ${target} still applies it`, s.doc) });
      }
    }
    for (const n of a.aclNotices) {
      const d = n.directive;
      if (/^UPGRADE: ACL 'manager'/.test(n.message)) {
        ctx.report({
          node: d,
          range: [d.spans[2], d.spans[d.spans.length - 1]],
          message: 'Squid ignores this line: "manager" is a built-in acl.',
          fix: { edits: [deleteDirectiveLines(d)] },
        });
      } else {
        // Squid reads the old type name as the new one: writing the new name is the same config.
        const [s, e] = [d.spans[4], d.spans[5]];
        const renamed = /renamed to '([^']+)'/.exec(n.message)?.[1];
        ctx.report({
          node: d,
          range: [s, e],
          severity: 'info',
          message: renamed ? `acl type '${d.args[1]}' is renamed '${renamed}': Squid reads it under the new name` : n.message.replace(/^UPGRADE: /, ''),
          ...(renamed ? { fix: { edits: [{ file: d.file, range: [s, e] as [number, number], text: renamed }] } } : {}),
        });
      }
    }
  },
});
