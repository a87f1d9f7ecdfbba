/**
 * nginx/websocket-connection-header: a WebSocket route whose backend does not get
 * `Connection: upgrade`. nginx replaces the client's Connection with its own: `close` by
 * default, whatever proxy_set_header says otherwise.
 */
import { defineRule } from '../../../src/core/rule';
import { sinceRange, SINCE } from '../../../src/core/versions';
import { quoted, whereIs, type LocationInfo, type NginxAnalysis } from '../../../src/dialects/nginx/analysis';
import { connectionUpgradeValue, setHeaderEdits } from '../../../src/dialects/nginx/fixes';
import { headerFinding, type HeaderFinding } from '../../../src/dialects/nginx/header-findings';

function message(f: HeaderFinding, loc: LocationInfo): string {
  const { verdict: v, label, origin } = f;
  switch (v.kind) {
    case 'missing':
      return f.lost ?? `${label} does not set Connection, so nginx sends "Connection: close"`;
    case 'empty':
      return `${label} sets Connection to "" ${origin}, so nginx sends no "upgrade" token`;
    case 'map':
      return `${label} sends Connection ${v.setting!.value} ${origin}, which the map at ${whereIs(v.map!.directive, loc.directive.file)} makes ${quoted(v.value ?? '')} for a handshake`;
    default:
      return `${label} sends "Connection: ${v.value}" ${origin}, which has no "upgrade" token`;
  }
}

export default defineRule<NginxAnalysis>({
  id: 'nginx/websocket-connection-header',
  dialect: 'nginx',
  severity: 'error',
  fixable: 'safe',
  versions: { nginx: sinceRange(SINCE.nginx.websocketProxy) },
  docs: {
    summary: 'A WebSocket location does not send "Connection: upgrade" to the backend.',
    evidence: [
      'observed: nginx "no Connection header line" (426, nginx sends Connection: close)',
      'observed: upstream keepalive + Connection "" (426)',
      'reported: coder/code-server#7355, coder/code-server#4763, grafana-cold-storage/tutorials#187 and 13 more',
      'reported: coreruleset/modsecurity-docker#150, digitalocean/nginxconfig.io#491',
    ],
  },
  check(ctx) {
    const a = ctx.analysis;
    for (const loc of a.locations) {
      const f = headerFinding(a, loc, 'Connection');
      if (!f) continue;
      const conn = connectionUpgradeValue(a, loc);
      ctx.report({ ...f.report(message(f, loc)), fix: { edits: [...conn.edits, ...setHeaderEdits(a, loc.directive, 'Connection', conn.value)] } });
    }
  },
});
