/**
 * nginx/proxy-set-header-inheritance: a level with any proxy_set_header inherits none of the
 * outer ones. One `proxy_set_header Host $host;` in a location silently drops the server's
 * Upgrade, Connection, X-Forwarded-* — also when they came from an included file (Debian's
 * `include proxy_params;`).
 */
import { fitMessage } from '../../../src/core/message';
import type { Directive } from '../../../src/core/ast';
import { defineRule, type ReportDescriptor, type Severity } from '../../../src/core/rule';
import { preorder } from '../../../src/core/walk';
import { headRange, levelName, whereAll, type NginxAnalysis } from '../../../src/dialects/nginx/analysis';
import { copyHeadersEdits, directChildHolding } from '../../../src/dialects/nginx/fixes';

/**
 * Levels whose proxy_set_header list replaces the outer one (http has nothing above it). Not `if`
 * or `limit_except`: proxy_set_header is not allowed there (nginx 1.22.1 -t: "directive is not
 * allowed here"; docs context: http, server, location).
 */
const LEVELS = new Set(['server', 'location']);

const HOP_BY_HOP = new Set(['upgrade', 'connection']);

/**
 * Headers whose loss changes what the backend does with a request: Host (virtual hosts, Origin
 * checks of WebSocket servers: TinyPilot PR 113), X-Forwarded-Proto/Forwarded (the scheme the
 * application builds its ws:// or wss:// URL from) and the X-Forwarded-Host/Port that feed the
 * same. Losing only X-Real-IP or X-Forwarded-For changes the client address the backend logs,
 * not whether a WebSocket works: info.
 */
/**
 * A dropped Upgrade/Connection breaks the handshake only when it forwarded it ($http_upgrade,
 * upgrade, $connection_upgrade, $http_connection). `Connection ""` (or close/keep-alive) is the
 * upstream keep-alive recipe: without it nginx sends its default `Connection: close`, so the
 * backend connection is not reused, and every request still works: info.
 */
function forwardsHandshake(h: { name: string; value: string }): boolean {
  return HOP_BY_HOP.has(h.name.toLowerCase()) && !/^(?:|close|keep-alive)$/i.test(h.value.trim());
}

const CLIENT_ADDRESS_ONLY = new Set(['x-forwarded-for', 'x-real-ip', 'remote_addr', 'client_ip', 'x-client-ip', 'true-client-ip', 'cf-connecting-ip']);

/**
 * The headers a WebSocket server's Origin check compares against: Host (Flask-SocketIO, gorilla's
 * default CheckOrigin, Tornado; TinyPilot PR 113) and the scheme (Action Cable's
 * allowed_request_origins builds the expected origin from X-Forwarded-Proto).
 */
const ORIGIN_CHECK = new Set(['host', 'x-forwarded-proto', 'forwarded', 'x-forwarded-ssl', 'x-forwarded-scheme']);

export default defineRule<NginxAnalysis>({
  id: 'nginx/proxy-set-header-inheritance',
  dialect: 'nginx',
  severity: 'warning',
  fixable: 'unsafe',
  docs: {
    summary: 'A level that sets any proxy_set_header silently drops every proxy_set_header of the outer levels.',
    evidence: ['observed: Upgrade/Connection at server level, location sets only Host (426)', 'reported: HamedMP/matrix-os#1524, tiny-pilot/ansible-role-tinypilot#113'],
  },
  check(ctx) {
    const visit = (level: Directive) => {
      if (!level.children) return;
      const a = ctx.analysis;
      const eff = a.headersAt(level);
      if (eff.inherited || eff.level !== level || eff.dropped.length === 0) return;
      const first = eff.headers[0].directive;
      // Underline the line of the level that starts its own list (the include, when it came from one).
      const anchor = (first.file === level.file ? first : directChildHolding(level, first)) ?? level;
      const outer = a.levelOf(eff.dropped[0].directive);
      const names = eff.dropped.map((h) => h.name);
      const hop = eff.dropped.filter(forwardsHandshake).map((h) => h.name);
      const shown = names.length <= 3 ? names.join(', ') : `${names.slice(0, 2).join(', ')} and ${names.length - 2} more`;
      // The finding underlines the level's own first proxy_set_header (or its include).
      const from = whereAll(eff.dropped.map((h) => h.directive), level.file);
      const message = fitMessage(
        `${levelName(level)} loses ${shown} (${levelName(outer)}, ${from}) by setting its own proxy_set_header`,
        `${levelName(level)} loses ${shown} (${from}) by setting its own proxy_set_header`,
        `${levelName(level)} loses ${shown} by setting its own proxy_set_header`,
        `${levelName(level)} loses ${names.length} inherited headers by setting its own proxy_set_header`,
      );
      // Nothing a request needs is lost: only the client address, or only upstream keep-alive.
      const addressOnly = eff.dropped.every((h) => CLIENT_ADDRESS_ONLY.has(h.name.toLowerCase()) || (HOP_BY_HOP.has(h.name.toLowerCase()) && !forwardsHandshake(h)));
      // An `internal;` location answers only nginx's own subrequests (auth_request, error_page,
      // X-Accel-Redirect): no handshake reaches it, and whether the endpoint behind it needs
      // Host or X-Forwarded-* the config does not say (plotlinelabs/loma PR 40: the auth
      // subrequest works without them, and clears Upgrade/Connection on purpose).
      const internal = level.key === 'location' && a.table.in(level, 'internal').length > 0;
      const severity: Severity = internal || addressOnly ? 'info' : hop.length ? 'error' : otherLoss(level, eff.dropped);
      const report: ReportDescriptor = {
        file: anchor.file,
        range: headRange(anchor),
        message,
        severity,
        fix: { edits: copyHeadersEdits(a, level, eff.dropped), applicability: 'unsafe' },
      };
      ctx.report(report);
    };
    /**
     * Headers other than the handshake's lost at a location: a break only where a WebSocket
     * server's Origin check reads them (a WebSocket route losing Host or the scheme). On a plain
     * route what the backend does without X-Forwarded-Host or the scheme the config does not say
     * (wis2box's MinIO and Mosquitto locations work without the server's X-Forwarded-Host): info.
     */
    const otherLoss = (level: Directive, dropped: readonly { name: string }[]): Severity => {
      let at: Directive | null = level;
      while (at && at.key !== 'location') at = at.parent;
      if (!at || at.key !== 'location') return 'warning';
      const loc = ctx.analysis.location(at);
      const websocket = loc !== undefined && ctx.analysis.websocketIntent(loc) !== undefined;
      return websocket && dropped.some((h) => ORIGIN_CHECK.has(h.name.toLowerCase())) ? 'warning' : 'info';
    };
    // Every level that can hold proxy_set_header, in document order (includes spliced in).
    for (const n of preorder(ctx.unit.nodes)) if (n.type === 'directive' && LEVELS.has(n.key)) visit(n);
  },
});
