import { defineRule } from '../../../src/core/rule';
import type { ApacheAnalysis } from '../../../src/dialects/apache/analysis';

/**
 * `LogLevel proxy_wstunnel:debug` after the module was disabled: httpd refuses to start
 * ("Cannot find module proxy_wstunnel"), typically after moving from wstunnel to
 * mod_proxy_http's upgrade=websocket. Only decided when the module set is known (a main config
 * with its LoadModule lines, not a lone site file).
 */
export default defineRule<ApacheAnalysis>({
  id: 'apache/loglevel-unloaded-module',
  dialect: 'apache',
  severity: 'error',
  fixable: 'safe',
  docs: {
    summary: 'LogLevel names a module that is not loaded, so httpd refuses to start.',
    evidence: ['observed: Apache 2.4.71 `LogLevel … proxy_wstunnel:debug` after the module is unloaded → "Cannot find module proxy_wstunnel"'],
  },
  check(ctx) {
    const a = ctx.analysis;
    if (!a.modulesKnown) return;
    for (const l of a.logLevels) {
      if (l.loaded) continue;
      const d = l.directive;
      const k = (l.argIndex + 1) * 2;
      const [s, e] = [d.spans[k], d.spans[k + 1]];
      // Remove the argument with the space before it; a LogLevel left without arguments is invalid.
      const fix = d.args.length > 1 ? { edits: [{ file: d.file, range: [d.spans[k - 1], e] as [number, number], text: '' }] } : undefined;
      ctx.report({
        file: d.file,
        range: [s, e],
        message: `LogLevel names module ${l.module}, which is not loaded: httpd refuses to start ("Cannot find module ${l.module}")`,
        fix,
      });
    }
  },
});
