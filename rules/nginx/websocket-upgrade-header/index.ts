/**
 * nginx/websocket-upgrade-header: a WebSocket route whose backend never sees the client's
 * Upgrade header. Upgrade is hop-by-hop: nginx passes it only when proxy_set_header says so.
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
import { setHeaderEdits } from '../../../src/dialects/nginx/fixes';

const CONSEQUENCE = 'the backend sees the handshake as a plain request and refuses it (observed on nginx 1.22.1: 426)';

function problem(a: NginxAnalysis, loc: LocationInfo): { message: string; where: ReportDescriptor } | undefined {
  const intent = a.websocketIntent(loc);
  if (!intent) return undefined;
  const v = a.upgradeHeader(loc.directive);
  if (v.kind === 'ok' || v.kind === 'unknown') return undefined;
  const d = loc.directive;
  const label = routeLabel(d, intent);
  const eff = a.headersAt(d);
  const atLocation: ReportDescriptor = { file: d.file, range: headRange(d), message: '' };
  const setting = v.setting;
  // A setting written in the location itself is underlined; an inherited one is named.
  const own = setting && !eff.inherited && setting.directive.file === d.file;
  const where: ReportDescriptor = own ? { file: d.file, range: headRange(setting.directive), message: '' } : atLocation;
  const origin = setting
    ? own
      ? `(${whereIs(setting.directive, d.file)})`
      : `(inherited from the ${levelName(eff.level)}, ${whereIs(setting.directive, d.file)})`
    : '';
  let message: string;
  switch (v.kind) {
    case 'missing': {
      const dropped = eff.dropped.find((h) => h.name.toLowerCase() === 'upgrade');
      if (dropped) {
        const first = eff.headers[0].directive;
        message =
          `${label} sets its own proxy_set_header (${whereIs(first, d.file)}), so it does not inherit ` +
          `"proxy_set_header ${dropped.name} ${dropped.value}" from the ${levelName(a.levelOf(dropped.directive))} (${whereIs(dropped.directive, d.file)}): ` +
          `a level with any proxy_set_header inherits none. Upgrade is hop-by-hop, so nginx does not pass the client's; ${CONSEQUENCE}`;
      } else if (eff.inherited) {
        message =
          `${label} inherits its proxy_set_header list from the ${levelName(eff.level)} (${whereIs(eff.headers[0].directive, d.file)}), ` +
          `which does not set Upgrade. Upgrade is hop-by-hop, so nginx does not pass the client's; ${CONSEQUENCE}`;
      } else {
        message = `${label} does not pass the Upgrade header: it is hop-by-hop, so nginx drops the client's unless "proxy_set_header Upgrade $http_upgrade" is set; ${CONSEQUENCE}`;
      }
      break;
    }
    case 'empty':
      message = `${label} sets Upgrade to "" ${origin}, and nginx does not send a header whose value is empty; ${CONSEQUENCE}`;
      break;
    case 'map':
      message =
        `${label} puts ${setting!.value} into the Upgrade header ${origin}, but that map (${whereIs(v.map!.directive, d.file)}) ` +
        `gives ${quoted(v.value ?? '')} for a handshake: the backend gets "Upgrade: ${v.value}" instead of the client's "websocket" and refuses it. ` +
        `That map is meant for Connection; Upgrade takes $http_upgrade`;
      break;
    default:
      message = `${label} sends "Upgrade: ${v.value}" ${origin}, which does not name websocket: the backend refuses the WebSocket handshake. Pass the client's token with $http_upgrade`;
  }
  return { message, where };
}

export default defineRule<NginxAnalysis>({
  id: 'nginx/websocket-upgrade-header',
  dialect: 'nginx',
  severity: 'error',
  fixable: 'safe',
  versions: { nginx: '>=1.3.13' },
  docs: {
    summary: 'A WebSocket location does not pass the Upgrade header to the backend.',
    evidence: ['observed: nginx "no Upgrade header line" (426)', 'observed: Upgrade/Connection at server level, location sets only Host (426)', 'NGX-UPGRADE-HDR', 'NGX-MAP', 'NGX-INHERIT'],
  },
  check(ctx) {
    return {
      'unit:exit'() {
        const a = ctx.analysis;
        for (const loc of a.locations) {
          const p = problem(a, loc);
          if (!p) continue;
          ctx.report({ ...p.where, message: p.message, fix: { edits: setHeaderEdits(a, loc.directive, 'Upgrade', '$http_upgrade') } });
        }
      },
    };
  },
});
