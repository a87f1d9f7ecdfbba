import { argRange } from '../../../src/core/ast';
import { defineRule } from '../../../src/core/rule';
import type { SquidAnalysis } from '../../../src/dialects/squid/analysis';

/**
 * An access-list line (http_access, http_upgrade_request_protocols, request_header_access, …)
 * whose action is not exactly `allow` or `deny`, or that names no acl: Squid logs
 * "aclParseAccessLine: expecting 'allow' or 'deny', got 'Deny'." and drops the line, but runs.
 * The analyses drop it too, so the other rules judge the list Squid really has.
 */
export default defineRule<SquidAnalysis>({
  id: 'squid/invalid-access-action',
  dialect: 'squid',
  severity: 'warning',
  fixable: 'unsafe',
  docs: {
    summary: "An access line whose action is not exactly 'allow' or 'deny' (or that names no acl): Squid logs an error and ignores it.",
    evidence: ["observed: Squid 5.7 `http_upgrade_request_protocols websocket Allow all` → \"expecting 'allow' or 'deny', got 'Allow'\", 426"],
  },
  check(ctx) {
    const a = ctx.analysis;
    // Squid strips an Upgrade offer no rule allows, so a dropped `deny` there changes nothing
    // while no kept rule allows anything: reported, but as info.
    const upgradeAllows = a.upgradeRules.some((r) => r.action === 'allow');
    for (const { directive: d, action, at } of a.droppedAccessLines) {
      const moot = d.key === 'http_upgrade_request_protocols' && action === 'deny' && !upgradeAllows ? ({ severity: 'info' } as const) : {};
      if (action === undefined) {
        ctx.report({ node: d, message: "Squid ignores this line: missing 'allow' or 'deny'" });
        continue;
      }
      const [s, e] = argRange(d, at);
      if (action === 'allow' || action === 'deny') {
        ctx.report({ node: d, range: [s, e], message: 'Squid ignores this line: it names no acl (write "all" to match every request)', ...moot });
        continue;
      }
      const lower = action.toLowerCase();
      // Only an unquoted token differing in case is what the author meant beyond doubt; the line
      // then starts to decide requests, which changes the list's outcome: unsafe.
      const fix =
        (lower === 'allow' || lower === 'deny') && d.file.text.slice(s, e) === action
          ? { edits: [{ file: d.file, range: [s, e] as [number, number], text: lower }] }
          : undefined;
      ctx.report({ node: d, range: [s, e], message: `Squid ignores this line: expecting 'allow' or 'deny', got '${action}'`, fix });
    }
  },
});
