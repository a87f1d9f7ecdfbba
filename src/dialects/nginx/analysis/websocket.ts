/**
 * Does a location carry WebSockets, and why? Findings name the signal, so a user who disagrees
 * knows what to change (a `# proxylint: websocket` comment, `websocket.paths` in config, the path).
 */
import type { Directive, SourceFile } from '../../../core/ast';
import { lazyPerObject } from '../../../core/lazy';
import type { UnitTable } from './table';
import { isEventStreamMarker, isWebSocketMarker, markedAbove, markedFirstInBody } from '../../../core/websocket/intent';

export type { IntentSignal, WebSocketIntent } from '../../../core/websocket/intent';
export { pathLooksLikeWebSocket } from '../../../core/websocket/intent';

/**
 * A marker in the run of comment lines directly above the node, or first in its body: the
 * convention of core/websocket/intent, as Apache and HAProxy read it.
 */
function markedBy(d: Directive, test: (text: string) => boolean): boolean {
  if (!mayHoldMarker(d.file)) return false;
  return markedAbove(d.file.text, d.start, test) || markedFirstInBody(d.children, test);
}

/**
 * Every marker says `proxylint:` (either case), in a comment of the block's own file: a file
 * without it marks nothing, and its locations' comment lines are never sliced and tested (one
 * native scan per file instead of one per location: 8,750 on the generated 70k-line config).
 */
const mayHoldMarker = lazyPerObject((file: SourceFile): boolean => /proxylint:/i.test(file.text));

/** `# proxylint: websocket` before the node or first in its body. */
export function markedByComment(d: Directive): boolean {
  return markedBy(d, isWebSocketMarker);
}

/** A `# proxylint: event-stream` comment just before the node or first in its body. */
export function markedAsEventStream(d: Directive): boolean {
  return markedBy(d, isEventStreamMarker);
}

/** An `if` condition on a request header, split: `($http_upgrade !~* ^websocket$)` → variable, operator, value. */
interface HeaderTest {
  header: 'upgrade' | 'connection';
  op?: string;
  value?: string;
}

function headerTest(cond: Directive): HeaderTest | undefined {
  const parts = cond.args.slice();
  if (!parts.length) return undefined;
  parts[0] = parts[0].replace(/^\(/, '');
  parts[parts.length - 1] = parts[parts.length - 1].replace(/\)$/, '');
  // `if ($http_upgrade = "")` leaves the empty value and a lone ")" as arguments.
  if (parts.length === 4 && parts[3] === '') parts.pop();
  const m = /^\$(?:\{http_(upgrade|connection)\}|http_(upgrade|connection))$/i.exec(parts[0]);
  if (!m || parts.length > 3) return undefined;
  const header = (m[1] ?? m[2]).toLowerCase() as HeaderTest['header'];
  return { header, op: parts[1], value: parts[2] };
}

/** The token a handshake carries in the tested header: `websocket` in Upgrade, `upgrade` in Connection. */
function namesHandshake(t: HeaderTest): boolean {
  return (t.header === 'upgrade' ? /websocket/i : /upgrade/i).test(t.value ?? '');
}

/** True when the test holds for requests that do not ask to upgrade (`!~* ^websocket$`, `= ""`). */
function holdsForPlainRequests(t: HeaderTest): boolean {
  if (t.op === '!=' || t.op === '!~' || t.op === '!~*') return namesHandshake(t);
  return t.op === '=' && t.value === '';
}

/** True when the test holds only for handshakes (`($http_upgrade)`, `= websocket`, `~* websocket`). */
function holdsOnlyForHandshakes(t: HeaderTest): boolean {
  if (t.op === undefined) return t.header === 'upgrade'; // set at all: only clients that ask to upgrade send Upgrade
  return (t.op === '=' || t.op === '~' || t.op === '~*') && namesHandshake(t);
}

/**
 * The `if` that keeps plain requests away from a location's backend, or undefined: a test on
 * $http_upgrade (or $http_connection) that returns for requests without the handshake's token
 * (`if ($http_upgrade !~* ^websocket$) { return 400; }`: nginx answers those in the rewrite
 * phase, before proxying), or, when the location proxies only from `if` blocks, their positive
 * test (`if ($http_upgrade = "websocket") { proxy_pass …; }`: other requests take the location's
 * own content, files or try_files). Either way every request the backend sees is a handshake.
 */
export function upgradeGuard(t: UnitTable, location: Directive): Directive | undefined {
  const ifs = t.in(location, 'if');
  if (!ifs.length) return undefined;
  const refusing = ifs.find((c) => {
    const test = headerTest(c);
    return test !== undefined && holdsForPlainRequests(test) && t.in(c, 'return').length > 0;
  });
  if (refusing) return refusing;
  if (t.in(location, 'proxy_pass').length) return undefined;
  const proxying = ifs.filter((c) => t.in(c, 'proxy_pass').length);
  if (!proxying.length) return undefined;
  return proxying.every((c) => {
    const test = headerTest(c);
    return test !== undefined && holdsOnlyForHandshakes(test);
  })
    ? proxying[0]
    : undefined;
}
