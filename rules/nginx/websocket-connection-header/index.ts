/**
 * nginx/websocket-connection-header: a WebSocket route whose backend does not get
 * `Connection: upgrade`. nginx replaces the client's Connection with its own: `close` by
 * default, whatever proxy_set_header says otherwise.
 */
import { defineRule, type ReportDescriptor } from '../../../src/core/rule';
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

const CONSEQUENCE = 'without the "upgrade" token the backend sees the handshake as a plain request and refuses it (observed on nginx 1.22.1: 426)';

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
        message =
          `${label} sets its own proxy_set_header (${whereIs(eff.headers[0].directive, d.file)}), so it does not inherit ` +
          `"proxy_set_header ${dropped.name} ${dropped.value}" from the ${levelName(a.levelOf(dropped.directive))} (${whereIs(dropped.directive, d.file)}): ` +
          `a level with any proxy_set_header inherits none, and nginx sends its default "Connection: close"; ${CONSEQUENCE}`;
      } else if (eff.inherited) {
        message =
          `${label} inherits its proxy_set_header list from the ${levelName(eff.level)} (${whereIs(eff.headers[0].directive, d.file)}), ` +
          `which does not set Connection, so nginx sends its default "Connection: close"; ${CONSEQUENCE}`;
      } else {
        message = `${label} does not set the Connection header, so nginx sends its default "Connection: close"; ${CONSEQUENCE}`;
      }
      break;
    }
    case 'empty':
      message =
        `${label} sets Connection to "" ${origin} (the upstream keep-alive recipe), so nginx sends no Connection header at all; ${CONSEQUENCE}. ` +
        `A map with '' '' keeps upstream keep-alive for plain requests and still upgrades`;
      break;
    case 'map':
      message =
        `${label} sends Connection ${setting!.value} ${origin}, but that map (${whereIs(v.map!.directive, d.file)}) gives ` +
        `${quoted(v.value ?? '')} for a handshake; ${CONSEQUENCE}`;
      break;
    default:
      message = `${label} sends "Connection: ${v.value}" ${origin}; ${CONSEQUENCE}`;
  }
  return { message, where };
}

export default defineRule<NginxAnalysis>({
  id: 'nginx/websocket-connection-header',
  dialect: 'nginx',
  severity: 'error',
  fixable: 'safe',
  versions: { nginx: '>=1.3.13' },
  docs: {
    summary: 'A WebSocket location does not send "Connection: upgrade" to the backend.',
    evidence: [
      'observed: nginx "no Connection header line" (426, nginx sends Connection: close)',
      'observed: upstream keepalive + Connection "" (426)',
      'NGX-CONNECTION-HDR',
      'NGX-MAP',
    ],
  },
  check(ctx) {
    return {
      'unit:exit'() {
        const a = ctx.analysis;
        for (const loc of a.locations) {
          const p = problem(a, loc);
          if (!p) continue;
          const conn = connectionUpgradeValue(a, loc);
          const edits = [...conn.edits, ...setHeaderEdits(a, loc.directive, 'Connection', conn.value)];
          ctx.report({ ...p.where, message: p.message, fix: { edits } });
        }
      },
    };
  },
});
