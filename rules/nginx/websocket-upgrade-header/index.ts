/**
 * nginx/websocket-upgrade-header: a WebSocket route whose backend never sees the client's
 * Upgrade header. Upgrade is hop-by-hop: nginx passes it only when proxy_set_header says so.
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
import { setHeaderEdits } from '../../../src/dialects/nginx/fixes';

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
        message = `${label} loses the ${levelName(a.levelOf(dropped.directive))}'s Upgrade header (${whereIs(dropped.directive, d.file)}) by setting its own proxy_set_header`;
      } else if (eff.inherited) {
        message = `${label} inherits proxy_set_header from the ${levelName(eff.level)} (${whereIs(eff.headers[0].directive, d.file)}), which does not set Upgrade`;
      } else {
        message = `${label} does not pass the Upgrade header to the backend`;
      }
      break;
    }
    case 'empty':
      message = `${label} sets Upgrade to "" ${origin}, so nginx sends no Upgrade header`;
      break;
    case 'map':
      message = `${label} sets Upgrade to ${setting!.value} ${origin}, which the map at ${whereIs(v.map!.directive, d.file)} makes ${quoted(v.value ?? '')}: use $http_upgrade`;
      break;
    default:
      message = `${label} sends "Upgrade: ${v.value}" ${origin}, which does not name websocket`;
  }
  return { message, where: { ...where, signal: findingSignal(intent) } };
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
      const p = problem(a, loc);
      if (!p) continue;
      ctx.report({ ...p.where, message: p.message, fix: { edits: setHeaderEdits(a, loc.directive, 'Upgrade', '$http_upgrade') } });
    }
  },
});
