/**
 * nginx/websocket-upgrade-header: a WebSocket route whose backend never sees the client's
 * Upgrade header. Upgrade is hop-by-hop: nginx passes it only when proxy_set_header says so.
 */
import { defineRule } from '../../../src/core/rule';
import { sinceRange, SINCE } from '../../../src/core/versions';
import { quoted, whereIs, type LocationInfo, type NginxAnalysis } from '../../../src/dialects/nginx/analysis';
import { setHeaderEdits } from '../../../src/dialects/nginx/fixes';
import { headerFinding, type HeaderFinding } from '../../../src/dialects/nginx/header-findings';

function message(f: HeaderFinding, loc: LocationInfo): string {
  const { verdict: v, label, origin } = f;
  switch (v.kind) {
    case 'missing':
      return f.lost ?? `${label} does not pass the Upgrade header to the backend`;
    case 'empty':
      return `${label} sets Upgrade to "" ${origin}, so nginx sends no Upgrade header`;
    case 'map':
      return `${label} sets Upgrade to ${v.setting!.value} ${origin}, which the map at ${whereIs(v.map!.directive, loc.directive.file)} makes ${quoted(v.value ?? '')}: use $http_upgrade`;
    default:
      return `${label} sends "Upgrade: ${v.value}" ${origin}, which does not name websocket`;
  }
}

export default defineRule<NginxAnalysis>({
  id: 'nginx/websocket-upgrade-header',
  dialect: 'nginx',
  severity: 'error',
  fixable: 'safe',
  versions: { nginx: sinceRange(SINCE.nginx.websocketProxy) },
  docs: {
    summary: 'A WebSocket location does not pass the Upgrade header to the backend.',
    evidence: ['observed: nginx "no Upgrade header line" (426)', 'observed: Upgrade/Connection at server level, location sets only Host (426)', 'reported: coder/code-server#7355, coder/code-server#4763, grafana-cold-storage/tutorials#187 and 14 more', 'reported: coreruleset/modsecurity-docker#150, digitalocean/nginxconfig.io#491', 'reported: HamedMP/matrix-os#1524, tiny-pilot/ansible-role-tinypilot#113'],
  },
  check(ctx) {
    const a = ctx.analysis;
    for (const loc of a.locations) {
      const f = headerFinding(a, loc, 'Upgrade');
      if (f) ctx.report({ ...f.report(message(f, loc)), fix: { edits: setHeaderEdits(a, loc.directive, 'Upgrade', '$http_upgrade') } });
    }
  },
});
