import type { Directive } from '../../../src/core/ast';
import { eolOf, indentAt } from '../../../src/core/fixes';
import { defineRule } from '../../../src/core/rule';
import type { ApacheAnalysis, ServerScope } from '../../../src/dialects/apache/analysis';

/**
 * A wss:// or https:// proxy target in a server where `SSLProxyEngine` is not on: mod_proxy
 * cannot start TLS to the backend and answers 500 (observed on 2.4.71: AH01961 "failed to enable
 * ssl support [Hint: if using mod_ssl, see SSLProxyEngine]"). A virtual host inherits the main
 * server's setting (observed).
 */
export default defineRule<ApacheAnalysis>({
  id: 'apache/ssl-proxy-engine-missing',
  dialect: 'apache',
  severity: 'error',
  fixable: 'safe',
  docs: {
    summary: 'A wss:// or https:// proxy target without SSLProxyEngine on: httpd answers 500.',
    evidence: ['Apache 2.4.71 (test/e2e/rules/apache/ssl-proxy-engine-missing.test.ts): ProxyPass /ws wss://… without SSLProxyEngine → 500, AH01961'],
  },
  check(ctx) {
    return {
      'unit:exit'() {
        const a = ctx.analysis;
        // Fragments (a site file) may get SSLProxyEngine from a main config we do not see.
        if (a.context !== 'server') return;
        const targets: Array<{ d: Directive; server: ServerScope; scheme: string }> = [];
        for (const r of a.proxyRoutes) targets.push({ d: r.directive, server: r.server, scheme: r.scheme });
        for (const r of a.rewriteRules) if (r.proxy) targets.push({ d: r.directive, server: r.server, scheme: r.scheme });
        for (const [, members] of a.balancers) for (const m of members) targets.push({ d: m.directive, server: a.serverOf(m.directive), scheme: m.scheme });
        const fixed = new Set<ServerScope>();
        for (const t of targets) {
          if ((t.scheme !== 'wss' && t.scheme !== 'https') || t.server.sslProxyEngine.value) continue;
          const loaded = a.hasModule('ssl_module');
          let fix;
          if (loaded && !fixed.has(t.server)) {
            fixed.add(t.server);
            // SSLProxyEngine is a server/vhost directive: insert it before the top-level ancestor in the scope.
            let at: Directive = t.d;
            while (at.parent && at.parent.key !== 'virtualhost') at = at.parent;
            const lineStart = at.file.text.lastIndexOf('\n', at.start - 1) + 1;
            const edit = { file: at.file, range: [lineStart, lineStart] as [number, number], text: `${indentAt(at.file, at.start)}SSLProxyEngine on${eolOf(at.file)}` };
            fix = { edits: [edit] };
          }
          ctx.report({
            node: t.d,
            message: loaded
              ? `${t.scheme}:// target without SSLProxyEngine on: httpd answers 500 (AH01961).`
              : `${t.scheme}:// target needs mod_ssl and SSLProxyEngine on: httpd answers 500.`,
            fix,
          });
        }
      },
    };
  },
});
