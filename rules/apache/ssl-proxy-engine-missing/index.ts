import type { Directive } from '../../../src/core/ast';
import { insertLinesBefore } from '../../../src/core/fixes';
import { defineRule } from '../../../src/core/rule';
import type { ApacheAnalysis, ServerScope } from '../../../src/dialects/apache/analysis';

/**
 * A wss:// or https:// proxy target in a server where `SSLProxyEngine` is not on: mod_proxy
 * cannot start TLS to the backend and answers 500 (observed on 2.4.71: AH01961 "failed to enable
 * ssl support [Hint: if using mod_ssl, see SSLProxyEngine]"). A virtual host inherits the main
 * server's setting (observed). In a fragment (a site file) a target inside a <VirtualHost> is
 * still judged, as a warning: the main server could set SSLProxyEngine on, but the stock main
 * configurations (Debian's apache2.conf and mods-available/ssl.conf, Fedora/RHEL's httpd.conf and
 * conf.d/ssl.conf) never do, so the vhost is where it is set or missing. A fragment's targets
 * outside any <VirtualHost> may be included inside one we do not see: not judged.
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
    const a = ctx.analysis;
    if (a.context === 'htaccess') return;
    const fragment = a.context !== 'server';
    // `at`: the line SSLProxyEngine on goes above (a RewriteRule's first condition, so the chain stays together).
    const targets: Array<{ d: Directive; at: Directive; server: ServerScope; scheme: string }> = [];
    for (const r of a.proxyRoutes) targets.push({ d: r.directive, at: r.directive, server: r.server, scheme: r.scheme });
    for (const r of a.rewriteRules) if (r.proxy) targets.push({ d: r.directive, at: r.conds[0]?.directive ?? r.directive, server: r.server, scheme: r.scheme });
    for (const [, members] of a.balancers) for (const m of members) targets.push({ d: m.directive, at: m.directive, server: a.serverOf(m.directive), scheme: m.scheme });
    const fixed = new Set<ServerScope>();
    for (const t of targets) {
      if ((t.scheme !== 'wss' && t.scheme !== 'https') || t.server.sslProxyEngine.value) continue;
      if (fragment && (!t.server.vhost || t.server.sslProxyEngine.directive)) continue;
      // In a fragment the module set is unknown (undefined): the main config loads mod_ssl or not.
      const loaded = a.hasModule('ssl_module') !== false;
      let fix;
      if (loaded && !fixed.has(t.server)) {
        fixed.add(t.server);
        // SSLProxyEngine is a server/vhost directive: first in the VirtualHost, or before the
        // target's top-level ancestor in the main server.
        // An `SSLProxyEngine off` of this scope would win over an inserted line: turn it on instead.
        const own = t.server.sslProxyEngine.directive;
        if (own && a.serverOf(own) === t.server && own.args.length === 1) {
          fix = { edits: [{ file: own.file, range: [own.spans[2], own.spans[3]] as [number, number], text: 'on' }] };
        } else {
          const first = t.server.vhost?.children?.find((k): k is Directive => k.type === 'directive');
          let at: Directive = first ?? t.at;
          while (at.parent && at.parent.key !== 'virtualhost') at = at.parent;
          fix = { edits: [insertLinesBefore(at, ['SSLProxyEngine on'])] };
        }
      }
      ctx.report({
        node: t.d,
        message: fragment
          ? `${t.scheme}:// target without SSLProxyEngine on in this VirtualHost: 500 (AH01961) unless the main server sets it.`
          : loaded
            ? `${t.scheme}:// target without SSLProxyEngine on: httpd answers 500 (AH01961).`
            : `${t.scheme}:// target needs mod_ssl and SSLProxyEngine on: httpd answers 500.`,
        ...(fragment ? { severity: 'warning' as const } : {}),
        fix,
      });
    }
  },
});
