/**
 * nginx/hardcoded-upgrade-headers: `proxy_set_header Upgrade websocket` (any literal) or
 * `Connection "upgrade"` in force on a location that also serves plain requests. With both, every
 * plain request reaches the backend dressed as a handshake; what it gets depends on the backend's
 * server family (core/websocket/server-families.ts).
 */
import { fitMessage } from '../../../src/core/message';
import type { Directive } from '../../../src/core/ast';
import { argRange } from '../../../src/core/ast';
import { defineRule, type ReportDescriptor, type Severity } from '../../../src/core/rule';
import { KESTREL_IGNORES_CONNECTION_UPGRADE } from '../../../src/core/websocket/apps';
import { pathServesPlainRequests } from '../../../src/core/websocket/intent';
import { PLAIN_HANDSHAKE } from '../../../src/core/websocket/server-families';
import { headRange, headerTokens, levelName, proxyTarget, type LocationInfo, type NginxAnalysis } from '../../../src/dialects/nginx/analysis';

/**
 * Kestrel's default HTTP port, the one the ASP.NET Core nginx recipe proxies to
 * (https://learn.microsoft.com/en-us/aspnet/core/host-and-deploy/linux-nginx: proxy_pass
 * http://127.0.0.1:5000, proxy_cache_bypass $http_upgrade).
 */
const KESTREL_DEFAULT_PORT = 5000;

export default defineRule<NginxAnalysis>({
  id: 'nginx/hardcoded-upgrade-headers',
  dialect: 'nginx',
  severity: 'warning',
  fixable: 'safe',
  docs: {
    summary: 'Upgrade or Connection is hard-coded on a location that also serves plain requests.',
    evidence: ['observed: nginx Upgrade "websocket" and Connection "upgrade" hard-coded in location / (Node + ws: plain requests 400)', 'reported: sabeechen/hassio-google-drive-backup#224'],
  },
  check(ctx) {
    const a = ctx.analysis;
    // One finding per directive, naming the plain-serving locations it is in force at.
    const found = new Map<Directive, { header: 'upgrade' | 'connection'; locations: LocationInfo[] }>();
    // Locations whose plain requests carry both hard-coded headers: dressed as a whole handshake.
    const dressed = new Set<LocationInfo>();
    for (const loc of a.locations) {
      if (!loc.proxyPass || a.websocketOnly(loc)) continue;
      const eff = a.headersAt(loc.directive);
      const up = eff.get('Upgrade');
      const upLiteral = up !== undefined && up.value !== '' && !up.value.includes('$');
      if (upLiteral) add(up.directive, 'upgrade', loc);
      const conn = eff.get('Connection');
      const connLiteral = conn !== undefined && !conn.value.includes('$') && headerTokens(conn.value).includes('upgrade');
      if (connLiteral) add(conn.directive, 'connection', loc);
      if (upLiteral && connLiteral) dressed.add(loc);
    }
    function add(d: Directive, header: 'upgrade' | 'connection', loc: LocationInfo) {
      let f = found.get(d);
      if (!f) found.set(d, (f = { header, locations: [] }));
      f.locations.push(loc);
    }
    const map = a.connectionUpgradeMap;
    for (const [d, f] of found) {
      const names = f.locations.map((l) => levelName(l.directive));
      const where = names.length <= 2 ? names.join(', ') : `${names[0]} and ${names.length - 1} more locations`;
      // For a message that would be too long with the locations' paths (the finding points at the line).
      const these = names.length === 1 ? 'this location' : `${names.length} locations`;
      const value = d.args[1];
      const [vs, ve] = argRange(d, 1);
      let message: string;
      let severity: Severity;
      let fix: ReportDescriptor['fix'];
      if (f.header === 'upgrade') {
        fix = { edits: [{ file: d.file, range: [vs, ve], text: '$http_upgrade' }] };
        ({ severity, message } = upgradeFinding(a, `"${d.args[0]}: ${value}"`, f.locations, dressed, where, these));
      } else {
        // Node http, Go net/http, aiohttp and hyper treat a request as an upgrade only when it
        // also carries Upgrade, which $http_upgrade leaves out of plain requests (measured on
        // the real nginx in front of Node, aiohttp and Go: test/e2e/rules/nginx). Kestrel
        // (ASP.NET Core) is the known exception: its recipe's proxy_cache_bypass $http_upgrade to
        // Kestrel's default port 5000 marks it, or an application the backend names (Ombi,
        // Jackett; Home Assistant's ingress), with its source in core/websocket/apps/. There it
        // is a warning. The same bypass line is in the common Node.js recipe (DigitalOcean's, to
        // localhost:3000, Connection 'upgrade'), where the literal is harmless: not a mark alone.
        const kestrel = f.locations.some((l) => a.upgradeCacheBypass(l.directive) !== undefined && proxyTarget(l.proxyPass?.args[0] ?? '')?.port === KESTREL_DEFAULT_PORT);
        const app = kestrel ? undefined : f.locations.map((l) => a.appOf(l)).find((x) => x?.backend?.connectionAlone === 'breaks');
        severity = kestrel || app ? 'warning' : 'info';
        // Kestrel broke only before ASP.NET Core 6.0 (core/websocket/apps/): the message says
        // so, since the config never names the release.
        const before = kestrel ? KESTREL_IGNORES_CONNECTION_UPGRADE : app?.backend?.breaksBefore;
        const breaker = kestrel ? 'Kestrel' : app?.name;
        const says = (at: string, release: string | undefined) => `"${d.args[0]}: ${value}" is hard-coded for ${at}: ${breaker}${release ? ` before ${release} fails` : ' then fails'} plain requests.`;
        const harmless = (at: string) => `"${d.args[0]}: ${value}" is hard-coded for ${at}: harmless for Node, Go and aiohttp backends, not for all.`;
        message = breaker
          ? fitMessage(says(where, before), says(where, undefined), says(these, before), says(these, undefined))
          : fitMessage(harmless(where), harmless(these));
        fix = map ? { edits: [{ file: d.file, range: [vs, ve], text: '$' + map.variable }] } : undefined;
      }
      const report: ReportDescriptor = { file: d.file, range: headRange(d), message, severity, ...(fix ? { fix } : {}) };
      ctx.report(report);
    }
  },
});

/**
 * A hard-coded Upgrade alone leaves plain requests without `Connection: upgrade` (nginx sends
 * close, or the map's or the client's value), and every server measured serves them: Node's
 * parser too needs the Connection token. With `Connection "upgrade"` in force as well a plain
 * request is a handshake without a key: Node's WebSocket servers and uvicorn refuse it, Go
 * net/http, aiohttp and Tornado serve it (server-families.ts). So the backend decides: an error
 * where the location names an application of a refusing family, info where all are of serving
 * ones, and a warning where the config does not say (half the families measured refuse, Node the
 * commonest behind these recipes). Only a site's catch-all or an /api prefix certainly takes plain
 * requests; another path outside the WebSocket vocabulary (/events) may be the app's endpoint
 * alone (tangled's knot serves only its event WebSocket at /events): info there.
 */
function upgradeFinding(
  a: NginxAnalysis,
  header: string,
  locations: LocationInfo[],
  dressed: Set<LocationInfo>,
  where: string,
  these: string,
): { severity: Severity; message: string } {
  const plain = locations.filter((l) => pathServesPlainRequests(l.path, l.modifier === '='));
  if (plain.length === 0) {
    const says = (at: string) => `${header} is hard-coded for ${at}: a plain request there would ask to upgrade too`;
    return { severity: 'info', message: fitMessage(says(where), says(these)) };
  }
  const pairs = plain.filter((l) => dressed.has(l));
  if (pairs.length === 0) {
    const says = (at: string) => `${header} is hard-coded for ${at}: harmless while plain requests there lack Connection: upgrade`;
    return { severity: 'info', message: fitMessage(says(where), says(these)) };
  }
  const backends = pairs.map((l) => {
    const app = a.appOf(l);
    const family = app?.backend?.family;
    return { app, family: family ? PLAIN_HANDSHAKE[family] : undefined };
  });
  const both = (at: string) => `Hard-coded ${header} and Connection: upgrade for ${at}`;
  const refusing = backends.find((b) => b.family?.outcome === 'refused');
  if (refusing?.app && refusing.family) {
    const says = (at: string) => `${both(at)}: ${refusing.app?.name} (${refusing.family?.stack}) refuses plain requests`;
    return { severity: 'error', message: fitMessage(says(where), says(these)) };
  }
  const first = backends[0];
  if (first.app && first.family && backends.every((b) => b.family?.outcome === 'served')) {
    const says = (at: string) => `${both(at)}: ${first.app?.name} (${first.family?.stack}) serves plain requests`;
    return { severity: 'info', message: fitMessage(says(where), says(these)) };
  }
  const says = (at: string) => `${both(at)}: Node and uvicorn backends refuse plain requests`;
  return { severity: 'warning', message: fitMessage(says(where), says(these)) };
}
