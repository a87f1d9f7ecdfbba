/**
 * Shared squid analyses for rules. Every property is computed on first use and kept (core/lazy):
 * a run whose rules never ask about http_access never evaluates it.
 */
import type { Directive, ParsedUnit } from '../../core/ast';
import type { Settings } from '../../core/settings';
import type { FindingSignal } from '../../core/websocket/intent';
import { addAcl, predefinedAcls, type AclDef, type SquidRequest } from './acl';
import { ACCESS_ACTION_ARG, accessRule, evaluate, keptBySquid, type AccessDecision, type AccessRule } from './access';
import { headerAccess, headerRule, type HeaderDecision, type HeaderRule } from './headers';
import { directiveStatus, type DirectiveStatus } from './directives';
import { activeDirectives } from './tree';
import { upgradeDecision, upgradeRule, type UpgradeDecision, type UpgradeRule } from './upgrade';
import { lazy, lazyPer } from '../../core/lazy';

/** An access-list line Squid drops; `action` is undefined when the line has none, `at` is its argument index. */
export interface DroppedAccessLine {
  directive: Directive;
  action: string | undefined;
  at: number;
}

/**
 * A WebSocket handshake, for lists that are asked about a header or protocol rather than a
 * request: a GET, to a port the config does not say (a `port` acl answers 'unknown').
 */
const HANDSHAKE: SquidRequest = { method: 'GET' };

export class SquidAnalysis {
  constructor(
    readonly unit: ParsedUnit,
    readonly settings: Settings,
  ) {}

  private readonly walk = lazy(() => activeDirectives(this.unit.nodes));

  /** Directives squid reads, in order (includes spliced, known-false `if` branches skipped). */
  get directives(): Directive[] {
    return this.walk().directives;
  }

  /** True when `d` sits in an `if` branch that depends on the SMP kid. */
  isConditional(d: Directive): boolean {
    return this.walk().conditional.has(d);
  }

  private readonly byKey = lazyPer((key: string): Directive[] => this.directives.filter((d) => d.key === key));

  /** Acls by name: predefined ones (all, localhost, to_localhost, manager, CONNECT) plus every `acl` line. */
  get acls(): Map<string, AclDef> {
    return this.aclWalk().acls;
  }

  /** `acl` lines squid answered with an UPGRADE notice (ignored, or read under a renamed type). */
  get aclNotices(): Array<{ directive: Directive; message: string }> {
    return this.aclWalk().notices;
  }

  private readonly aclWalk = lazy((): { acls: Map<string, AclDef>; notices: Array<{ directive: Directive; message: string }> } => {
    const acls = predefinedAcls();
    const notices: Array<{ directive: Directive; message: string }> = [];
    for (const d of this.byKey('acl')) {
      const p = addAcl(acls, d);
      if (p && !p.fatal) notices.push({ directive: d, message: p.message });
    }
    return { acls, notices };
  });

  /** What the target release of squid does with this directive's name. */
  directiveStatus(d: Directive): DirectiveStatus {
    return directiveStatus(d.name, this.settings.targets.squid);
  }

  private readonly httpAccessFact = lazy((): AccessRule[] => this.byKey('http_access').map((d) => accessRule(d, 0)).filter(keptBySquid));

  /** The lines of each access list that Squid keeps: one whose action is not exactly allow/deny is dropped. */
  get httpAccess(): AccessRule[] {
    return this.httpAccessFact();
  }

  /** What http_access decides for a request (first match; no line at all = deny). */
  evaluateHttpAccess(req: SquidRequest): AccessDecision {
    return evaluate(this.httpAccess, this.acls, req, 'opposite-of-last', 'deny');
  }

  private readonly droppedAccessLinesFact = lazy((): DroppedAccessLine[] =>
    this.directives.flatMap((d) => {
      const at = ACCESS_ACTION_ARG.get(d.key);
      if (at === undefined || d.args.length < at) return [];
      return keptBySquid(accessRule(d, at)) ? [] : [{ directive: d, action: d.args[at], at }];
    }),
  );

  /**
   * Access-list lines Squid drops: the action is not exactly `allow` or `deny` (undefined when
   * the line has none), or no acl follows it. `at` is the action's argument index. A line
   * without the name before the action (a bare `cache_peer_access`) is another error, not listed.
   */
  get droppedAccessLines(): DroppedAccessLine[] {
    return this.droppedAccessLinesFact();
  }

  private readonly upgradeRulesFact = lazy((): UpgradeRule[] => this.byKey('http_upgrade_request_protocols').map(upgradeRule).filter(keptBySquid));

  get upgradeRules(): UpgradeRule[] {
    return this.upgradeRulesFact();
  }

  /** Does squid forward the Upgrade offer `protocol` (as a client writes it, e.g. `websocket`)? */
  upgradeDecision(protocol: string, req: SquidRequest = HANDSHAKE): UpgradeDecision {
    return upgradeDecision(this.upgradeRules, this.acls, protocol, req);
  }

  private readonly requestHeaderAccessFact = lazy((): HeaderRule[] => this.byKey('request_header_access').map(headerRule).filter(keptBySquid));

  get requestHeaderAccess(): HeaderRule[] {
    return this.requestHeaderAccessFact();
  }

  private readonly replyHeaderAccessFact = lazy((): HeaderRule[] => this.byKey('reply_header_access').map(headerRule).filter(keptBySquid));

  get replyHeaderAccess(): HeaderRule[] {
    return this.replyHeaderAccessFact();
  }

  /** Does squid keep `header` in the request (or reply) it forwards? */
  headerAccess(direction: 'request' | 'reply', header: string, req: SquidRequest = HANDSHAKE): HeaderDecision {
    const rules = direction === 'request' ? this.requestHeaderAccess : this.replyHeaderAccess;
    return headerAccess(rules, this.acls, header, req);
  }

  private readonly handshakePortsFact = lazy((): Directive[] => this.listeners.filter((d) => portSeesHandshakes(d, this.bumps)));

  /**
   * Listeners where Squid itself reads the HTTP that a WebSocket handshake travels in: accel
   * (reverse proxy) and intercept/tproxy ports, an https_port that terminates TLS itself (accel),
   * and ssl-bump ports (http_port or https_port) whose ssl_bump rules can decrypt (see `bumps`).
   * Through a plain forward http_port, clients send ws:// and wss:// as CONNECT tunnels (RFC 6455
   * 4.1; observed on Squid 5.7: a WebSocket inside the tunnel with no
   * http_upgrade_request_protocols), and a spliced TLS connection is a tunnel too: no Upgrade
   * rule or header list touches either.
   */
  get handshakePorts(): Directive[] {
    return this.handshakePortsFact();
  }

  private readonly listenersFact = lazy((): Directive[] => this.directives.filter((d) => d.key === 'http_port' || d.key === 'https_port'));

  /** Every http_port and https_port squid reads. */
  get listeners(): Directive[] {
    return this.listenersFact();
  }

  // Stryker disable next-line StringLiteral: an ssl_bump line without an action bumps nothing, whatever stands in for it
  private readonly bumpsFact = lazy((): boolean => this.byKey('ssl_bump').some((d) => BUMPING_ACTION.test(d.args[0] ?? '')));

  /**
   * Can an ssl-bump port decrypt anything? Only the actions bump, stare (which "usually precludes
   * splicing" at step 3) and the pre-3.5 client-first/server-first do; with no ssl_bump line, or
   * only peek/splice/terminate/none, Squid's default action is splice ("Become a TCP tunnel
   * without decrypting proxied traffic", squid-cache.org/Doc/config/ssl_bump).
   */
  get bumps(): boolean {
    return this.bumpsFact();
  }

  private readonly forwardOnlyFact = lazy((): boolean => this.handshakePorts.length === 0 && this.listeners.length > 0);

  /** No listener reads a handshake itself: WebSockets reach Squid only as CONNECT (or spliced TLS) tunnels. */
  get forwardOnly(): boolean {
    return this.forwardOnlyFact();
  }

  private readonly listenerSignalFact = lazy((): FindingSignal | undefined => {
    const port = this.handshakePorts[0];
    if (port) {
      // Stryker disable next-line MethodExpression: args[0] is the port spec (3128, 1.2.3.4:80), never a mode word
      const mode = port.args.slice(1).find((o) => PLAIN_MODE.test(o) || /^ssl-?bump$/i.test(o));
      return { kind: 'listener', detail: `${port.key} ${port.args[0] ?? ''}${mode ? ` (${mode})` : ''} reads the WebSocket handshakes` } as FindingSignal;
    }
    const first = this.listeners[0];
    if (!first) return undefined;
    return { kind: 'listener', detail: `${first.key} ${first.args[0] ?? ''} is a forward proxy: handshakes arrive as absolute ws:// URIs, tunnels as CONNECT` } as FindingSignal;
  });

  /**
   * How WebSocket handshakes reach this proxy, as a finding's signal: Squid has no routes, so the
   * listener is what makes it carry them (the first one that reads handshakes, else forward proxying).
   */
  get listenerSignal(): FindingSignal | undefined {
    return this.listenerSignalFact();
  }

  private readonly websocketPortsFact = lazy((): number[] => [...new Set([443, ...this.settings.websocket.ports])]);

  /** Ports WebSocket clients CONNECT to through this proxy: 443 plus `websocket.ports`. */
  get websocketPorts(): number[] {
    return this.websocketPortsFact();
  }
}

/** Modes in which Squid reads plain HTTP from the client itself (not through CONNECT). */
const PLAIN_MODE = /^(accel|intercept|transparent|tproxy|vhost|vport(=.*)?|defaultsite=.*)$/i;
const BUMPING_ACTION = /^(bump|stare|client-first|server-first)$/i;

/**
 * Does Squid read the WebSocket handshake on this listener? An ssl-bump port (CONNECT on an
 * http_port, intercepted TLS on an https_port) sees it only when some connection is bumped; an
 * https_port terminates TLS and reads it in accel or intercept mode. Without a mode word an
 * https_port is a forward proxy over TLS, as an http_port is ("Omitting the mode flag causes
 * default forward proxy mode to be used", squid.conf.documented; observed on Squid 5.7: CONNECT
 * through it answers 200, an origin-form GET 400): clients tunnel WebSockets with CONNECT.
 */
export function portSeesHandshakes(port: Directive, bumps: boolean): boolean {
  // Stryker disable next-line MethodExpression: args[0] is the port spec (3128, 1.2.3.4:80), never a mode word
  const modes = port.args.slice(1);
  // An intercepting or accelerating http_port reads plain ws:// handshakes whatever ssl_bump says.
  if (port.key === 'http_port' && modes.some((o) => PLAIN_MODE.test(o))) return true;
  if (modes.some((o) => /^ssl-?bump$/i.test(o))) return bumps;
  return port.key === 'https_port' && modes.some((o) => PLAIN_MODE.test(o));
}

export function analyzeSquid(unit: ParsedUnit, settings: Settings): SquidAnalysis {
  return new SquidAnalysis(unit, settings);
}
