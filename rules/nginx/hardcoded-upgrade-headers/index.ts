/**
 * nginx/hardcoded-upgrade-headers: `proxy_set_header Upgrade websocket` (any literal) or
 * `Connection "upgrade"` in force on a location that also serves plain requests. Every plain
 * request then reaches the backend dressed as a handshake.
 */
import { fitMessage } from '../../../src/core/message';
import type { Directive } from '../../../src/core/ast';
import { argRange } from '../../../src/core/ast';
import { defineRule, type ReportDescriptor, type Severity } from '../../../src/core/rule';
import { KESTREL_IGNORES_CONNECTION_UPGRADE } from '../../../src/core/websocket/apps';
import { pathServesPlainRequests } from '../../../src/core/websocket/intent';
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
    evidence: ['observed: nginx Upgrade "websocket" hard-coded in location / (plain requests: 400)', 'reported: sabeechen/hassio-google-drive-backup#224'],
  },
  check(ctx) {
    const a = ctx.analysis;
    // One finding per directive, naming the plain-serving locations it is in force at.
    const found = new Map<Directive, { header: 'upgrade' | 'connection'; locations: LocationInfo[] }>();
    for (const loc of a.locations) {
      if (!loc.proxyPass || a.websocketOnly(loc)) continue;
      const eff = a.headersAt(loc.directive);
      const up = eff.get('Upgrade');
      if (up && up.value !== '' && !up.value.includes('$')) add(up.directive, 'upgrade', loc);
      const conn = eff.get('Connection');
      if (conn && !conn.value.includes('$') && headerTokens(conn.value).includes('upgrade')) add(conn.directive, 'connection', loc);
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
        // A site's catch-all and an /api prefix certainly take plain requests. Another path
        // outside the WebSocket vocabulary (/events, /message/user/) may be the app's endpoint
        // alone (tangled's knot serves only its event WebSocket at /events): what else it
        // serves the config does not say, so info.
        const plain = f.locations.some((l) => pathServesPlainRequests(l.path, l.modifier === '='));
        severity = plain ? 'error' : 'info';
        const serves = names.length === 1 ? 'serves' : 'serve';
        message = plain
          ? fitMessage(`"${d.args[0]}: ${value}" is hard-coded for ${where}, which ${serves} plain requests too: use $http_upgrade`, `"${d.args[0]}: ${value}" is hard-coded for ${these}, which ${serves} plain requests too: use $http_upgrade`)
          : fitMessage(`"${d.args[0]}: ${value}" is hard-coded for ${where}: a plain request there would ask to upgrade too`, `"${d.args[0]}: ${value}" is hard-coded for ${these}: a plain request there would ask to upgrade too`);
        fix = { edits: [{ file: d.file, range: [vs, ve], text: '$http_upgrade' }] };
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
