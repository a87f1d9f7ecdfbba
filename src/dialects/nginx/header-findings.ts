/**
 * The shared half of nginx/websocket-upgrade-header and nginx/websocket-connection-header: for a
 * WebSocket location whose Upgrade (or Connection) header is wrong, the analysis' verdict, where
 * the finding goes (the location's own proxy_set_header line, else the location), where the value
 * came from, and why the header is missing when the cause is inheritance. The rules only word
 * what is specific to their header.
 */
import type { ReportDescriptor } from '../../core/rule';
import { findingSignal } from '../../core/websocket/intent';
import { headRange, levelName, routeLabel, whereIs, type HeaderVerdict, type LocationInfo, type NginxAnalysis } from './analysis';

export interface HeaderFinding {
  /** The analysis' verdict: never `ok` or `unknown` (those are no finding). */
  verdict: HeaderVerdict;
  /** The route as messages name it ("WebSocket location /ws"). */
  label: string;
  /** Where to report, with the WebSocket signal (message still to be written). */
  where: ReportDescriptor;
  /** Where the value is set: "(line 12)", "(inherited from the server, line 3)", or '' when nowhere. */
  origin: string;
  /** A `missing` header lost to inheritance, said in full; undefined when the location itself never set it. */
  lost?: string;
  /**
   * The report for the rule's `message`: at `where`, and at info, saying so, when the location is
   * a catch-all that only copied the recipe while an endpoint location takes the handshakes.
   */
  report(message: string): ReportDescriptor;
}

export function headerFinding(a: NginxAnalysis, loc: LocationInfo, header: 'Upgrade' | 'Connection'): HeaderFinding | undefined {
  const intent = a.websocketIntent(loc);
  if (!intent) return undefined;
  const d = loc.directive;
  const verdict = header === 'Upgrade' ? a.upgradeHeader(d) : a.connectionHeader(d);
  if (verdict.kind === 'ok' || verdict.kind === 'unknown') return undefined;
  const label = routeLabel(d, intent);
  const eff = a.headersAt(d);
  const setting = verdict.setting;
  // A setting written in the location itself is underlined; an inherited one is named.
  const own = setting && !eff.inherited && setting.directive.file === d.file;
  const where: ReportDescriptor = { file: d.file, range: headRange(own ? setting.directive : d), message: '', signal: findingSignal(intent) };
  const origin = setting ? (own ? `(${whereIs(setting.directive, d.file)})` : `(inherited from the ${levelName(eff.level)}, ${whereIs(setting.directive, d.file)})`) : '';
  let lost: string | undefined;
  if (verdict.kind === 'missing') {
    const dropped = eff.dropped.find((h) => h.name.toLowerCase() === header.toLowerCase());
    if (dropped) lost = `${label} loses the ${levelName(a.levelOf(dropped.directive))}'s ${header} header (${whereIs(dropped.directive, d.file)}) by setting its own proxy_set_header`;
    else if (eff.inherited) lost = `${label} inherits proxy_set_header from the ${levelName(eff.level)} (${whereIs(eff.headers[0].directive, d.file)}), which does not set ${header}`;
  }
  const elsewhere = a.handshakesGoTo(loc);
  const report = (message: string): ReportDescriptor =>
    elsewhere ? { ...where, message: withElsewhere(message, elsewhere.path), severity: 'info' } : { ...where, message };
  return { verdict, label, where, origin, lost, report };
}

/** The message with where the handshakes go, as long as the line allows (a long regex location names itself at length). */
function withElsewhere(message: string, path: string): string {
  for (const suffix of [` (handshakes go to location ${path})`, ` (handshakes go to ${path})`]) {
    if (message.length + suffix.length <= 120) return message + suffix;
  }
  return message;
}
