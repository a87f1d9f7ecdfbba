/**
 * nginx/websocket-connection-header: a WebSocket route whose backend does not get
 * `Connection: upgrade`. nginx replaces the client's Connection with its own: `close` by
 * default, whatever proxy_set_header says otherwise.
 */
import { findingSignal } from '../../../src/core/websocket/intent';
import { defineRule, type ReportDescriptor } from '../../../src/core/rule';
import { sinceRange, SINCE } from '../../../src/core/versions';
import {
  headRange,
  levelName,
  quoted,
  routeLabel,
  whereIs,
  type LocationInfo,
  type NginxAnalysis,
} from '../../../src/dialects/nginx/analysis';
import { connectionUpgradeValue, setHeaderEdits } from '../../../src/dialects/nginx/fixes';

function problem(a: NginxAnalysis, loc: LocationInfo): { message: string; where: ReportDescriptor } | undefined {
  const intent = a.websocketIntent(loc);
  if (!intent) return undefined;
  const v = a.connectionHeader(loc.directive);
  if (v.kind === 'ok' || v.kind === 'unknown') return undefined;
  const d = loc.directive;
  const label = routeLabel(d, intent);
  const eff = a.headersAt(d);
  const setting = v.setting;
  const own = setting && !eff.inherited && setting.directive.file === d.file;
  const where: ReportDescriptor = { file: d.file, range: headRange(own ? setting.directive : d), message: '' };
  const origin = setting
    ? own
      ? `(${whereIs(setting.directive, d.file)})`
      : `(inherited from the ${levelName(eff.level)}, ${whereIs(setting.directive, d.file)})`
    : '';
  let message: string;
  switch (v.kind) {
    case 'missing': {
      const dropped = eff.dropped.find((h) => h.name.toLowerCase() === 'connection');
      if (dropped) {
        message = `${label} loses the ${levelName(a.levelOf(dropped.directive))}'s Connection header (${whereIs(dropped.directive, d.file)}) by setting its own proxy_set_header`;
      } else if (eff.inherited) {
        message = `${label} inherits proxy_set_header from the ${levelName(eff.level)} (${whereIs(eff.headers[0].directive, d.file)}), which does not set Connection`;
      } else {
        message = `${label} does not set Connection, so nginx sends "Connection: close"`;
      }
      break;
    }
    case 'empty':
      message = `${label} sets Connection to "" ${origin}, so nginx sends no "upgrade" token`;
      break;
    case 'map':
      message = `${label} sends Connection ${setting!.value} ${origin}, which the map at ${whereIs(v.map!.directive, d.file)} makes ${quoted(v.value ?? '')} for a handshake`;
      break;
    default:
      message = `${label} sends "Connection: ${v.value}" ${origin}, which has no "upgrade" token`;
  }
  return { message, where: { ...where, signal: findingSignal(intent) } };
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
      const p = problem(a, loc);
      if (!p) continue;
      const conn = connectionUpgradeValue(a, loc);
      const edits = [...conn.edits, ...setHeaderEdits(a, loc.directive, 'Connection', conn.value)];
      ctx.report({ ...p.where, message: p.message, fix: { edits } });
    }
  },
});
